/** `cnil-audit scan` (and the shared driver `purge` uses): one or more inputs, summary, exit code. */
import type { FindingList } from '../report/findings.js';
import { Chalk } from 'chalk';
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { CliIO, Out } from './io.js';
import { EXIT, colorEnabled, prepare, reportError } from './shared.js';
import type { CommonOptions } from './main.js';
import { AuditError, usageError } from '../errors.js';
import { writeWaiting, type WritableLike } from '../write/drain.js';
import { detectLang, t } from '../i18n/index.js';
import type { ScanOptions, ScanResult } from '../scan.js';
import { countAtOrAbove } from '../report/model.js';
import { assertReportFormat, renderReport } from '../report/index.js';
import { renderSummary } from './summary.js';
import { startProgress } from './progress.js';

/** Writes chunks to a stream, waiting when it asks to (a slow pipe must not pile up a whole report). */
async function writeAll(out: Out, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) await writeWaiting(out as WritableLike, chunk);
}

/** The chunks with the last one's final line break removed. */
function* trimFinalNewline(chunks: Iterable<string>): Generator<string> {
  let prev: string | undefined;
  for (const c of chunks) {
    if (prev !== undefined) yield prev;
    prev = c;
  }
  if (prev !== undefined) yield prev.replace(/\n$/, '');
}

export type Extra = (file: string, base: ScanOptions) => Partial<ScanOptions>;

export async function runScan(
  files: string[],
  opts: CommonOptions,
  io: CliIO,
  command: 'scan' | 'purge',
  extra?: Extra,
  afterEach?: (result: ScanResult<FindingList>, lang: import('../types.js').Lang) => string,
): Promise<number> {
  let lang = (opts.lang as 'fr' | 'en' | undefined) ?? detectLang(io.env);
  try {
    const prepared = await prepare(opts, io);
    lang = prepared.lang;
    if (files.length > 1 && (opts.out || opts.report?.length || opts.rejects)) {
      throw usageError('severalOutputs');
    }
    if (files.filter((f) => f === '-').length > 1) throw usageError('stdinOnce');
    for (const r of opts.report ?? []) assertReportFormat(r);
    // --out-dir names a folder to put the outputs in: created (0700, like the outputs' 0600) as `mkdir -p`
    // would, so a first run needs no set-up; a dry run writes nothing, not even the folder.
    if (opts.outDir && !opts.dryRun) makeOutDir(resolve(io.cwd, opts.outDir));
    const { scanFile } = await import('../scan.js');
    const quiet = !!opts.quiet;
    // With `-o -` the cleaned file takes stdout; the human summary moves to stderr.
    const summaryOut = opts.out === '-' ? io.stderr : io.stdout;
    const chalk = new Chalk({ level: colorEnabled(opts, io, summaryOut) ? 1 : 0 });
    if (opts.rejects && !quiet) io.stderr.write(chalk.yellow(t(lang, 'cli.rejectsWarning')) + '\n');

    let worst: number = EXIT.OK;
    // `--format json`: the report goes to stdout as it is rendered, not built as one string (it can be
    // 100 MB on a large file). With several inputs, an array of the reports of the files that were read.
    const severalJson = opts.format === 'json' && files.length > 1;
    let jsonCount = 0;
    for (const file of files) {
      const base: ScanOptions = {
        input: file === '-' ? '-' : resolve(io.cwd, file),
        stdin: io.stdin,
        stdout: io.stdout as ScanOptions['stdout'],
        out: opts.out === '-' ? '-' : opts.out ? resolve(io.cwd, opts.out) : undefined,
        outDir: opts.outDir ? resolve(io.cwd, opts.outDir) : file === '-' ? io.cwd : undefined,
        reports: opts.report?.map((r) => resolve(io.cwd, r)),
        config: prepared.config,
        map: prepared.map,
        for: prepared.for,
        asOf: opts.asOf,
        electionDate: opts.electionDate,
        encoding: opts.encoding,
        delimiter: opts.delimiter,
        outputEncoding: opts.outputEncoding,
        failOn: prepared.failOn,
        lang,
        rejects: opts.rejects ? resolve(io.cwd, opts.rejects) : undefined,
        dryRun: !!opts.dryRun,
        showValues: !!opts.showValues,
        signal: io.signal,
        now: io.now,
        mode: command,
        // Memory must not depend on how many findings the report keeps (SPEC §8).
        spoolFindings: true,
        ...readingOptions(opts, io.env),
      };
      const progress = !quiet && opts.format !== 'json' && opts.out !== '-' ? await startProgress(io, lang) : undefined;
      base.onProgress = progress?.update;
      let result: ScanResult<FindingList>;
      try {
        result = await scanFile({ ...base, ...(extra?.(file, base) ?? {}) });
      } catch (e) {
        progress?.stop();
        const code = reportError(io, lang, e);
        if (code === EXIT.INTERRUPTED) {
          // The reports already on stdout stay a valid JSON array.
          if (severalJson && jsonCount) await writeAll(io.stdout, ['\n]\n']);
          return code;
        }
        worst = EXIT.ERROR;
        continue;
      }
      progress?.stop();
      try {
        const failing = countAtOrAbove(result.report, prepared.failOn) > 0;
        // --strict: a file not fully understood is an input problem for CI (issue 12 item 5).
        const notices = result.report.input.notices?.length ?? 0;
        const code = opts.strict && notices ? EXIT.ERROR : failing ? EXIT.FINDINGS : EXIT.OK;
        if (code === EXIT.ERROR) io.stderr.write(`cnil-audit: ${file}: ${t(lang, 'summary.strict', { count: notices })}\n`);
        if (code === EXIT.ERROR) worst = EXIT.ERROR;
        else if (worst !== EXIT.ERROR && code > worst) worst = code;
        if (!quiet) {
          if (opts.format === 'text') {
            summaryOut.write(renderSummary(result, lang, chalk, prepared.failOn, code));
            if (afterEach) summaryOut.write(afterEach(result, lang));
          } else if (opts.format === 'md') {
            await writeAll(summaryOut, await renderReport('md', result.report, lang));
          }
        }
        if (opts.format === 'json') {
          if (severalJson) await writeAll(io.stdout, [jsonCount === 0 ? '[\n' : ',\n']);
          const chunks = await renderReport('json', result.report, lang);
          // In an array, each report without its final line break, so the commas sit after its "}".
          await writeAll(io.stdout, severalJson ? trimFinalNewline(chunks) : chunks);
          jsonCount++;
        }
      } finally {
        result.dispose();
      }
    }
    if (severalJson) await writeAll(io.stdout, [jsonCount ? '\n]\n' : '[]\n']);
    return worst;
  } catch (e) {
    return reportError(io, lang, e);
  }
}

/** `--profile`, `--source`, `--date-order`, `--header-row` and the locale's date order (issue 12). */
function readingOptions(opts: CommonOptions, env: Record<string, string | undefined>): Partial<ScanOptions> {
  const out: Partial<ScanOptions> = { localeDateOrder: localeDateOrder(env) };
  if (opts.profile !== undefined) out.profile = opts.profile;
  if (opts.source !== undefined) out.source = opts.source;
  if (opts.dateOrder !== undefined) {
    if (opts.dateOrder !== 'dmy' && opts.dateOrder !== 'mdy') throw usageError('dateOrder', { value: opts.dateOrder });
    out.dateOrder = opts.dateOrder;
  }
  if (opts.headerRow !== undefined) {
    const n = Number(opts.headerRow);
    if (!Number.isInteger(n) || n < 1) throw usageError('headerRow', { value: opts.headerRow });
    out.headerRow = n;
  }
  return out;
}

/** Month-first only for a US-style locale (en_US, es_US…, en_PH); day-first everywhere else. */
function localeDateOrder(env: Record<string, string | undefined>): 'dmy' | 'mdy' {
  const loc = env.LC_ALL || env.LC_TIME || env.LANG || '';
  return /^[a-z]{2}_(US|PH|FM|MH|PW)\b/i.test(loc) ? 'mdy' : 'dmy';
}

function makeOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // mkdir -p says EEXIST when a file stands where the folder should be: that is "not a folder".
    throw new AuditError('E_OUTPUT_UNWRITABLE', { what: 'the output folder', detail: code === 'EEXIST' ? 'ENOTDIR' : (code ?? String(e)) }, { file: dir });
  }
}
