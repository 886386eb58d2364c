/**
 * Temp files left by a run killed outright (SIGKILL: nothing can be caught) hold personal data or a
 * key: the next run removes them in every folder it writes — its outputs', the key's, the config's —
 * and says so (issue #16 audit). Real processes killed with SIGKILL once their temp files exist (seen
 * on their stdout or through a watch on the folder): no timers.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { appears } from './helpers/watch.js';
import { BIN, ROOT } from './helpers/cli.js';
import { removeStaleTemps } from '../src/write/atomic.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-stale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const INPUT = 'email;nom;source;date de collecte;opposition\na@example.org;Dupont;Adhésion;05/03/2024;oui\nb@example.org;Durand;Adhésion;05/03/2024;non\n';
const temps = (dir: string) => readdirSync(dir).filter((f) => f.includes('cnil-audit-tmp'));

function run(dir: string, args: string[], stdin: 'ignore' | 'pipe' = 'ignore') {
  const child = spawn(process.execPath, [BIN, ...args, '--lang', 'en'], { cwd: dir, stdio: [stdin, 'pipe', 'pipe'], env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout!.resume();
  const exited = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).then(([code, signal]) => ({ code, signal, stderr }));
  return { child, exited };
}

/**
 * A real process that opens an atomic output at `target` (the product's own temp file), says so on
 * stdout, and is then killed with SIGKILL: its temp file stays, as after a kill mid-write or before a
 * rename.
 */
async function killedHolding(target: string): Promise<string> {
  const mod = pathToFileURL(join(ROOT, 'dist/write/atomic.js')).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    const { AtomicFile } = await import(${JSON.stringify(mod)});
    const f = await AtomicFile.open(${JSON.stringify(target)}, 'the key file');
    f.writeSync('secret\\n');
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1 << 30);
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
  const left = temps(join(target, '..'));
  expect(left).toHaveLength(1);
  return left[0];
}

describe('stale temp files of killed runs', () => {
  it('in the key file\'s folder: removed by the next purge using that key, which says so', async () => {
    const dir = mkdtempSync(join(root, 'key-'));
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'in.csv'), INPUT);
    await killedHolding(join(dir, 'keys', 'cnil-audit.key'));
    const r = await run(dir, ['purge', 'in.csv', '--key-file', 'keys/cnil-audit.key', '--as-of', '2026-11-23', '--format', 'none']).exited;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/removed 1 temp file\(s\) left in .*keys by an earlier run that was killed/);
    expect(readdirSync(join(dir, 'keys'))).toEqual(['cnil-audit.key']);
  });

  it('in the config\'s folder: removed by init', async () => {
    const dir = mkdtempSync(join(root, 'init-'));
    mkdirSync(join(dir, 'conf'));
    await killedHolding(join(dir, 'conf', 'cnil-audit.config.json'));
    const r = await run(dir, ['init', '-o', 'conf/cnil-audit.config.json']).exited;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/removed 1 temp file\(s\) left in .*conf/);
    expect(readdirSync(join(dir, 'conf'))).toEqual(['cnil-audit.config.json']);
  });

  it('a run of several inputs killed after the first: nothing of it committed, its temp files removed by the next run', async () => {
    const dir = mkdtempSync(join(root, 'several-'));
    writeFileSync(join(dir, 'a.csv'), INPUT);
    writeFileSync(join(dir, 'c.csv'), INPUT);
    mkdirSync(join(dir, 'out'));
    // The second input is stdin, held open: the first one's outputs are complete, the second's being written.
    const first = run(dir, ['scan', 'a.csv', '-', '--out-dir', 'out', '--format', 'none'], 'pipe');
    first.child.stdin!.write(INPUT + Array.from({ length: 3000 }, (_, i) => `k${i}@example.org;Martin;Adhésion;05/03/2024;non\n`).join(''));
    await appears(join(dir, 'out'), '.stdin.clean.csv.cnil-audit-tmp');
    first.child.kill('SIGKILL');
    await first.exited;
    const left = readdirSync(join(dir, 'out'));
    // a.csv's outputs were sealed, not renamed: a killed run leaves no output, only temp files.
    expect(left.filter((f) => !f.includes('cnil-audit-tmp'))).toEqual([]);
    expect(left.length).toBeGreaterThanOrEqual(3);
    const r = await run(dir, ['scan', 'c.csv', '--out-dir', 'out', '--format', 'none']).exited;
    // Exit 1: c.csv's objector was not left out by any list (a finding, not a failure).
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`removed ${left.length} temp file\\(s\\) left in .*out`));
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['c.clean.csv', 'c.report.json']);
  });

  it('another host\'s temp files (a shared network folder) are left alone, whatever their pid', () => {
    const dir = mkdtempSync(join(root, 'host-'));
    writeFileSync(join(dir, '.x.csv.cnil-audit-tmp-99999999-00000000-0123abcd'), 'x');
    // Earlier versions wrote no host: read as this host's, removed when their pid is gone.
    writeFileSync(join(dir, '.y.csv.cnil-audit-tmp-99999999-0123abcd'), 'y');
    expect(removeStaleTemps(dir)).toBe(1);
    expect(readdirSync(dir)).toEqual(['.x.csv.cnil-audit-tmp-99999999-00000000-0123abcd']);
  });
});
