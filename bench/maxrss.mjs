/**
 * Preloaded into each benchmarked process (`node --import`): at exit, writes the process's own peak
 * RSS and CPU time to the file named by CNIL_AUDIT_BENCH_USAGE, so each command is measured in its own
 * process, whatever the platform (no /usr/bin/time needed).
 */
import { writeFileSync } from 'node:fs';

const file = process.env.CNIL_AUDIT_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // maxRSS is in kilobytes; CPU times in microseconds.
    writeFileSync(file, JSON.stringify({ maxRssKB: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
