#!/usr/bin/env node
/**
 * The benchmark of SPEC §8 (`npm run bench [-- --rows N]`). Generates a seeded contacts file in a temp
 * folder, then times on it, in the same run and each in its own child process:
 *   (a) passthrough: a plain csv-parse → csv-stringify pass (bench/passthrough.mjs);
 *   (b) scan: `cnil-audit scan` with every rule, writing the cleaned file and the JSON report;
 *   (c) purge: `cnil-audit purge` (skipped, with a note, while the command does not exist).
 * Runs are interleaved (a b c, a b c, …) so a slow spell on the machine hits all three; figures are
 * medians, and each ratio is the median of the runs' own ratios. Peak RSS and CPU time come from each
 * child itself (bench/maxrss.mjs). Also measured: the
 * peak RSS of scan on a file ten times smaller (memory must not grow with rows) and the start-up
 * time of `cnil-audit --version`.
 *
 * Options: --rows N (default 1,000,000)  --runs R (5)  --seed S (42)  --results FILE
 *          --startup-runs K (20)  --no-scaling  --keep (keep the temp folder)  --check (exit 1 on a missed target)
 *          --large N: also scan, once, a file of N rows (SPEC §8: 10,000,000 must complete with the same
 *          peak RSS; about 2 GB of temp space and several minutes)
 *          --xlsx-rows N (default 100,000; 0 skips): the workbook case (issue #15): the same contacts as an
 *          .xlsx made by ExcelJS, scanned beside the CSV of the same rows (time, peak RSS), and its peak
 *          RSS at N/10 rows (memory must not grow with rows). --xlsx-only runs that case alone.
 * The results go to bench/results.json for the reference size (1M rows), else bench/results.local.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus, freemem, totalmem, tmpdir, platform, arch } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateFile } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const BIN = join(ROOT, 'bin', 'cnil-audit.js');
const PRELOAD = pathToFileURL(join(HERE, 'maxrss.mjs')).href;
const REFERENCE_ROWS = 1_000_000;
// Fixed dates, so the same file gives the same findings whatever the day the bench runs.
const AS_OF = '2026-06-30';
const ELECTION = '2026-03-22';

/** SPEC §8 targets. */
const TARGETS = { ratio: 1.5, ratioStretch: 1.2, scanPeakRssMB: 150, memoryGrowth: 1.2, startupMs: 150, reportBytesPerFinding: 300 };

function parseArgs(argv) {
  const num = (v, name) => {
    const n = Number(String(v).replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a positive whole number, got "${v}"`);
    return n;
  };
  const o = { rows: REFERENCE_ROWS, runs: 5, seed: 42, startupRuns: 20, scaling: true, keep: false, check: false, results: undefined, large: 0, xlsxRows: 100_000, xlsxOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rows') o.rows = num(argv[++i], a);
    else if (a === '--runs') o.runs = num(argv[++i], a);
    else if (a === '--seed') o.seed = num(argv[++i], a);
    else if (a === '--startup-runs') o.startupRuns = num(argv[++i], a);
    else if (a === '--large') o.large = num(argv[++i], a);
    else if (a === '--xlsx-rows') o.xlsxRows = argv[i + 1] === '0' ? (i++, 0) : num(argv[++i], a);
    else if (a === '--xlsx-only') o.xlsxOnly = true;
    else if (a === '--results') o.results = resolve(argv[++i]);
    else if (a === '--no-scaling') o.scaling = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '--check') o.check = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  // The workbook case alone at its reference size (100k rows) writes bench/results-xlsx.json.
  const xlsxName = o.xlsxRows === 100_000 ? 'results-xlsx.json' : 'results-xlsx.local.json';
  o.results ??= join(HERE, o.xlsxOnly ? xlsxName : o.rows === REFERENCE_ROWS ? 'results.json' : 'results.local.json');
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const log = (s) => process.stderr.write(s + '\n');

/**
 * Runs `node <args>` in a child process with the usage preload; resolves with wall seconds, CPU
 * seconds, peak RSS (MB) and the exit code. Exit codes in `ok` are expected (scan exits 1 on findings).
 */
function measure(args, usageFile, ok = [0]) {
  return new Promise((resolvePromise, reject) => {
    rmSync(usageFile, { force: true });
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, ...args], {
      cwd: ROOT,
      env: { ...process.env, CNIL_AUDIT_BENCH_USAGE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { if (stderr.length < 4000) stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (!ok.includes(code)) {
        reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      let usage;
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      } catch {
        reject(new Error(`${args.join(' ')}: no usage figures were written`));
        return;
      }
      resolvePromise({
        seconds,
        cpuSeconds: (usage.userUs + usage.systemUs) / 1e6,
        peakRssMB: usage.maxRssKB / 1024,
        code,
      });
    });
  });
}

/** Median figures of a series of runs on a file of `rows` rows and `bytes` bytes. */
function summarise(samples, rows, bytes) {
  const seconds = median(samples.map((s) => s.seconds));
  return {
    seconds: round(seconds, 3),
    cpuSeconds: round(median(samples.map((s) => s.cpuSeconds)), 3),
    rowsPerSec: Math.round(rows / seconds),
    mbPerSec: round(bytes / 1e6 / seconds, 1),
    peakRssMB: round(median(samples.map((s) => s.peakRssMB)), 1),
    samples: samples.map((s) => ({ seconds: round(s.seconds, 3), cpuSeconds: round(s.cpuSeconds, 3), peakRssMB: round(s.peakRssMB, 1) })),
  };
}

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  return {
    cpu,
    cores: cpus().length,
    memoryGB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${platform()} ${arch()}`,
  };
}

/** Whether `cnil-audit --help` lists a purge command (`purge --help` alone would print the main help). */
function purgeAvailable() {
  const r = spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 && /^\s+purge\b/m.test(r.stdout);
}

function startup(runs, usageFile) {
  return (async () => {
    const times = [];
    for (let i = 0; i < runs; i++) times.push((await measure([BIN, '--version'], usageFile)).seconds * 1000);
    return { runs, medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)) };
  })();
}

function checkTargets(r) {
  const checks = [
    [`scan/passthrough time ratio ≤ ${TARGETS.ratio} (stretch ${TARGETS.ratioStretch})`, r.ratio, r.ratio <= TARGETS.ratio],
    [`scan peak RSS ≤ ${TARGETS.scanPeakRssMB} MB`, r.scanPeakRssMB, r.scanPeakRssMB <= TARGETS.scanPeakRssMB],
  ];
  if (r.memory) checks.push([`scan peak RSS growth ≤ ${TARGETS.memoryGrowth}× from ${r.memory.smallRows} rows`, r.memory.growth, r.memory.growth <= TARGETS.memoryGrowth]);
  if (r.purge && !r.purge.skipped) {
    // SPEC §8: "purge: same ratios as scan" — its time ratio and its peak RSS are held to scan's targets.
    checks.push([`purge/passthrough time ratio ≤ ${TARGETS.ratio}`, r.purge.ratio, r.purge.ratio <= TARGETS.ratio]);
    checks.push([`purge peak RSS ≤ ${TARGETS.scanPeakRssMB} MB`, r.purge.peakRssMB, r.purge.peakRssMB <= TARGETS.scanPeakRssMB]);
  }
  if (r.large) checks.push([`${r.large.rows} rows: scan peak RSS ≤ ${TARGETS.memoryGrowth}× its value at ${r.rows}`, r.large.growth, r.large.growth <= TARGETS.memoryGrowth]);
  if (r.xlsx) checks.push([`xlsx scan peak RSS growth ≤ ${TARGETS.memoryGrowth}× from ${r.xlsx.smallRows} to ${r.xlsx.rows} rows`, r.xlsx.growth, r.xlsx.growth <= TARGETS.memoryGrowth]);
  if (r.report) checks.push([`JSON report ≤ ${TARGETS.reportBytesPerFinding} bytes a finding`, r.report.bytesPerFinding, r.report.bytesPerFinding <= TARGETS.reportBytesPerFinding]);
  if (r.startup) checks.push([`--version start-up ≤ ${TARGETS.startupMs} ms (median)`, r.startup.medianMs, r.startup.medianMs <= TARGETS.startupMs]);
  return checks.map(([target, value, met]) => ({ target, value, met }));
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.help) {
    process.stdout.write('usage: npm run bench -- [--rows N] [--runs R] [--seed S] [--results FILE] [--startup-runs K] [--no-scaling] [--keep] [--check] [--xlsx-rows N] [--xlsx-only]\n');
    return 0;
  }
  try {
    statSync(join(ROOT, 'dist', 'cli', 'bin.js'));
  } catch {
    throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'cnil-audit-bench-'));
  const usage = join(dir, 'usage.json');
  if (o.xlsxOnly) {
    try {
      const xlsx = await workbookCase(o, dir, usage);
      const results = { date: new Date().toISOString(), machine: machine(), runs: o.runs, seed: o.seed, xlsx };
      // Only the workbook target: the CSV figures were not measured in this run.
      results.targets = checkTargets(results).filter((c) => c.value !== undefined);
      return report(o, results, [xlsxLines(xlsx)]);
    } finally {
      if (o.keep) log(`kept: ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  try {
    log(`bench: ${o.rows.toLocaleString('en')} rows, ${o.runs} run(s) each, temp folder ${dir}`);
    let t = performance.now();
    const input = join(dir, 'contacts.csv');
    const { bytes } = generateFile(input, { rows: o.rows, seed: o.seed });
    log(`generated ${(bytes / 1e6).toFixed(1)} MB (${Math.round(bytes / o.rows)} bytes a row) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const hasPurge = purgeAvailable();
    if (!hasPurge) log('purge: the command does not exist yet; (c) skipped');
    const scanArgs = (file, tag) => [BIN, 'scan', file, '-o', join(dir, `${tag}.clean.csv`), '-r', join(dir, `${tag}.report.json`), '--as-of', AS_OF, '--election-date', ELECTION, '--quiet'];
    const purgeArgs = [BIN, 'purge', input, '--as-of', AS_OF, '-o', join(dir, 'purged.csv'), '--log', join(dir, 'purge-log.csv'), '--key-file', join(dir, 'bench.key'), '--quiet'];
    const samples = { passthrough: [], scan: [], purge: [] };
    let purgeError;
    for (let i = 1; i <= o.runs; i++) {
      const a = await measure([join(HERE, 'passthrough.mjs'), input, join(dir, 'passthrough.csv')], usage);
      samples.passthrough.push(a);
      const b = await measure(scanArgs(input, 'scan'), usage, [0, 1]);
      samples.scan.push(b);
      let line = `run ${i}/${o.runs}: passthrough ${a.seconds.toFixed(2)} s, scan ${b.seconds.toFixed(2)} s (${b.peakRssMB.toFixed(0)} MB)`;
      if (hasPurge && !purgeError) {
        try {
          const c = await measure(purgeArgs, usage, [0, 1]);
          samples.purge.push(c);
          line += `, purge ${c.seconds.toFixed(2)} s (${c.peakRssMB.toFixed(0)} MB)`;
        } catch (e) {
          purgeError = e.message;
          log(`purge failed, (c) skipped: ${purgeError}`);
        }
      }
      log(line);
    }

    const passthrough = summarise(samples.passthrough, o.rows, bytes);
    // The ratio is the median of each run's own ratio: the three commands of a run follow one another,
    // so a slow spell of this shared machine tends to hit them together; a ratio of medians would mix
    // a passthrough from a quiet run with a scan from a busy one.
    const withRatios = (summary, own) => {
      summary.ratios = own.map((x, i) => round(x.seconds / samples.passthrough[i].seconds));
      summary.ratio = round(median(summary.ratios));
      summary.cpuRatio = round(median(own.map((x, i) => x.cpuSeconds / samples.passthrough[i].cpuSeconds)));
      return summary;
    };
    const scan = withRatios(summarise(samples.scan, o.rows, bytes), samples.scan);
    let purge;
    if (samples.purge.length && !purgeError) {
      purge = withRatios(summarise(samples.purge, o.rows, bytes), samples.purge);
    } else {
      purge = { skipped: purgeError ?? 'the purge command does not exist yet' };
    }

    // Size of the JSON report a finding (issue 14: ≤ 300 bytes): its bytes over the findings it lists.
    const reportPath = join(dir, 'scan.report.json');
    const reportBytes = statSync(reportPath).size;
    const listed = JSON.parse(readFileSync(reportPath, 'utf8')).findings.length;
    const reportSize = { bytes: reportBytes, findings: listed, bytesPerFinding: listed ? round(reportBytes / listed, 1) : 0 };
    log(`report: ${(reportBytes / 1e6).toFixed(1)} MB for ${listed.toLocaleString('en')} findings listed, ${reportSize.bytesPerFinding} bytes a finding`);

    let memory;
    const smallRows = Math.floor(o.rows / 10);
    if (o.scaling && smallRows >= 10_000) {
      t = performance.now();
      const small = join(dir, 'contacts-small.csv');
      generateFile(small, { rows: smallRows, seed: o.seed });
      const runs = [];
      for (let i = 0; i < o.runs; i++) runs.push(await measure(scanArgs(small, 'small'), usage, [0, 1]));
      const smallPeak = median(runs.map((r) => r.peakRssMB));
      memory = { smallRows, smallPeakRssMB: round(smallPeak, 1), peakRssMB: scan.peakRssMB, growth: round(scan.peakRssMB / smallPeak) };
      log(`memory: scan peak RSS ${memory.smallPeakRssMB} MB at ${smallRows.toLocaleString('en')} rows, ${scan.peakRssMB} MB at ${o.rows.toLocaleString('en')} (×${memory.growth})`);
    }

    let large;
    if (o.large) {
      // Free the space of the smaller files first: the large one is about 190 bytes a row.
      for (const f of ['contacts.csv', 'contacts-small.csv', 'passthrough.csv', 'scan.clean.csv', 'small.clean.csv', 'purged.csv', 'purge-log.csv', 'bench.key']) rmSync(join(dir, f), { force: true });
      t = performance.now();
      const big = join(dir, 'contacts-large.csv');
      const gen = generateFile(big, { rows: o.large, seed: o.seed });
      log(`generated ${(gen.bytes / 1e6).toFixed(0)} MB (${o.large.toLocaleString('en')} rows) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      const r = await measure(scanArgs(big, 'large'), usage, [0, 1]);
      large = {
        rows: o.large,
        bytes: gen.bytes,
        seconds: round(r.seconds, 1),
        rowsPerSec: Math.round(o.large / r.seconds),
        peakRssMB: round(r.peakRssMB, 1),
        growth: round(r.peakRssMB / scan.peakRssMB),
      };
      log(`large: scan of ${o.large.toLocaleString('en')} rows in ${large.seconds} s, peak RSS ${large.peakRssMB} MB (×${large.growth} of ${o.rows.toLocaleString('en')} rows)`);
      rmSync(big, { force: true });
    }

    const xlsx = o.xlsxRows ? await workbookCase(o, dir, usage) : undefined;

    const start = await startup(o.startupRuns, usage);
    log(`start-up: cnil-audit --version ${start.medianMs} ms (median of ${start.runs})`);

    const results = {
      rows: o.rows,
      bytes,
      bytesPerRow: Math.round(bytes / o.rows),
      seed: o.seed,
      runs: o.runs,
      date: new Date().toISOString(),
      machine: machine(),
      passthrough,
      scan,
      purge,
      ratio: scan.ratio,
      scanPeakRssMB: scan.peakRssMB,
      memory,
      large,
      xlsx,
      report: reportSize,
      startup: start,
    };
    results.targets = checkTargets(results);

    const row = (name, r) =>
      r.skipped
        ? `  ${name.padEnd(12)} skipped: ${r.skipped}`
        : `  ${name.padEnd(12)} ${r.seconds.toFixed(2).padStart(8)} s ${String(r.rowsPerSec.toLocaleString('en')).padStart(10)} rows/s ${r.mbPerSec.toFixed(1).padStart(7)} MB/s ${r.peakRssMB.toFixed(0).padStart(6)} MB peak RSS` +
          (r.ratio !== undefined ? `   ×${r.ratio.toFixed(2)} (CPU ×${r.cpuRatio.toFixed(2)})` : '');
    const out = [
      `cnil-audit bench — ${o.rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB, median of ${o.runs}`,
      `  ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}`,
      row('passthrough', passthrough),
      row('scan', scan),
      row('purge', purge),
      ...(memory ? [`  memory       scan peak RSS ${memory.smallPeakRssMB} MB at ${memory.smallRows.toLocaleString('en')} rows → ${memory.peakRssMB} MB (×${memory.growth})`] : []),
      ...(large ? [`  large        scan of ${large.rows.toLocaleString('en')} rows: ${large.seconds} s, ${large.rowsPerSec.toLocaleString('en')} rows/s, ${large.peakRssMB} MB peak RSS (×${large.growth})`] : []),
      ...(xlsx ? [xlsxLines(xlsx)] : []),
      `  report       ${(reportSize.bytes / 1e6).toFixed(1)} MB JSON, ${reportSize.findings.toLocaleString('en')} findings listed, ${reportSize.bytesPerFinding} bytes a finding`,
      `  start-up     cnil-audit --version ${start.medianMs} ms (median of ${start.runs})`,
    ];
    return report(o, results, out);
  } finally {
    if (o.keep) log(`kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the lines and the targets, writes the results file; the exit code (--check). */
function report(o, results, lines) {
  const targets = results.targets.map((c) => `  ${c.met ? 'met    ' : 'MISSED '} ${c.target}: ${c.value}`);
  process.stdout.write([...lines, ...targets].join('\n') + '\n');
  writeFileSync(o.results, JSON.stringify(results, null, 2) + '\n');
  log(`results: ${o.results}`);
  return o.check && results.targets.some((c) => !c.met) ? 1 : 0;
}

/**
 * The workbook case (issue #15): N rows as CSV and as .xlsx (ExcelJS, shared strings), each scanned to a
 * cleaned file of its own format with the JSON report; then the .xlsx of N/10 rows, for memory growth.
 */
async function workbookCase(o, dir, usage) {
  const { generateWorkbook } = await import('./xlsx.mjs');
  const rows = o.xlsxRows;
  const smallRows = Math.max(1, Math.floor(rows / 10));
  let t = performance.now();
  const csv = join(dir, 'wb-contacts.csv');
  const { bytes: csvBytes } = generateFile(csv, { rows, seed: o.seed });
  const book = join(dir, 'wb-contacts.xlsx');
  const { bytes } = await generateWorkbook(book, { rows, seed: o.seed });
  const small = join(dir, 'wb-small.xlsx');
  await generateWorkbook(small, { rows: smallRows, seed: o.seed });
  log(`xlsx: generated ${rows.toLocaleString('en')} rows as CSV (${(csvBytes / 1e6).toFixed(1)} MB) and .xlsx (${(bytes / 1e6).toFixed(1)} MB), and ${smallRows.toLocaleString('en')} rows as .xlsx, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const args = (file, tag, ext) => [BIN, 'scan', file, '-o', join(dir, `${tag}.clean.${ext}`), '-r', join(dir, `${tag}.report.json`), '--as-of', AS_OF, '--election-date', ELECTION, '--quiet'];
  const s = { csv: [], xlsx: [], small: [] };
  for (let i = 1; i <= o.runs; i++) {
    s.csv.push(await measure(args(csv, 'wb-csv', 'csv'), usage, [0, 1]));
    s.xlsx.push(await measure(args(book, 'wb-xlsx', 'xlsx'), usage, [0, 1]));
    s.small.push(await measure(args(small, 'wb-small', 'xlsx'), usage, [0, 1]));
    log(`xlsx run ${i}/${o.runs}: csv ${s.csv[i - 1].seconds.toFixed(2)} s (${s.csv[i - 1].peakRssMB.toFixed(0)} MB), xlsx ${s.xlsx[i - 1].seconds.toFixed(2)} s (${s.xlsx[i - 1].peakRssMB.toFixed(0)} MB), xlsx ${smallRows.toLocaleString('en')} rows ${s.small[i - 1].peakRssMB.toFixed(0)} MB`);
  }
  const scanCsv = summarise(s.csv, rows, csvBytes);
  const scanXlsx = summarise(s.xlsx, rows, bytes);
  const smallPeak = round(median(s.small.map((r) => r.peakRssMB)), 1);
  return {
    rows,
    bytes,
    csvBytes,
    scanCsv,
    scanXlsx,
    timeRatio: round(scanXlsx.seconds / scanCsv.seconds),
    smallRows,
    smallPeakRssMB: smallPeak,
    growth: round(scanXlsx.peakRssMB / smallPeak),
  };
}

function xlsxLines(x) {
  return [
    `  xlsx         ${x.rows.toLocaleString('en')} rows: scan of the CSV ${x.scanCsv.seconds.toFixed(2)} s, ${x.scanCsv.peakRssMB.toFixed(0)} MB peak RSS | of the .xlsx ${x.scanXlsx.seconds.toFixed(2)} s, ${x.scanXlsx.peakRssMB.toFixed(0)} MB (time ×${x.timeRatio})`,
    `               .xlsx peak RSS ${x.smallPeakRssMB} MB at ${x.smallRows.toLocaleString('en')} rows → ${x.scanXlsx.peakRssMB} MB at ${x.rows.toLocaleString('en')} (×${x.growth})`,
  ].join('\n');
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exitCode = 2;
  },
);
