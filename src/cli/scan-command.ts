/** `cnil-audit scan` (and the shared driver `purge` uses): one or more inputs, summary, exit code. */
import type { FindingList } from '../report/findings.js';
import { Chalk } from 'chalk';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { CliIO, Out } from './io.js';
import { EXIT, cleanStaleTemps, colorEnabled, oneLine, prepare, reportError, defaultLang } from './shared.js';
import type { CommonOptions } from './shared.js';
import { AuditError, isAuditError, usageError } from '../errors.js';
import { flushWritable, writeWaiting, type WritableLike } from '../write/drain.js';
import { errorText, t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import type { ScanOptions, ScanResult } from '../scan.js';
import type { AnyReport } from '../report/model.js';
import { assertReportFormat, renderReport, reportFormatOf } from '../report/index.js';
import { combinedMdChunks, reportSetChunks, totalLine, totalsOf, verdictLine, verdictOf, type Unreadable, type Verdict } from '../report/combined.js';
import { renderSummary } from './summary.js';
import { startProgress } from './progress.js';

/** Writes chunks to a stream, waiting when it asks to (a slow pipe must not pile up a whole report). */
async function writeAll(out: Out, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) await writeWaiting(out as WritableLike, chunk);
}

export type Extra = (file: string, base: ScanOptions) => Partial<ScanOptions>;
/**
 * The paths a command adds to an input's options (purge: its default names, the log, the suppression
 * list), computed without reading anything, so the whole run is planned first (src/plan.ts).
 */
export type PlanExtra = (file: string, base: ScanOptions) => Pick<Partial<ScanOptions>, 'out' | 'reports' | 'readOnly'> & {
  sidecars?: { path: string; what: string; extends?: boolean }[];
};

/** `--max-warnings N`: a whole number, or undefined when absent. */
function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw usageError('maxWarnings', { value });
  return Number(value.trim());
}

/** A path as GitHub shows it in an annotation: relative to the working directory (the workspace). */
function workspacePath(path: string, cwd: string): string {
  if (path === '-') return 'stdin';
  const rel = relative(cwd, path);
  return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path).split(sep).join('/');
}

export async function runScan(
  files: string[],
  opts: CommonOptions,
  io: CliIO,
  command: 'scan' | 'purge',
  extra?: Extra,
  afterEach?: (result: ScanResult<FindingList>, lang: import('../types.js').Lang) => string,
  planExtra?: PlanExtra,
  /** Called once the plan is checked, before any input is read (purge: locks the lists it extends); returns a release. */
  onPlanned?: (bases: ScanOptions[], lang: Lang) => Promise<(() => void) | undefined>,
  /** How many findings of a report count against --fail-on, when the command decides it otherwise (purge, issue #13). */
  failCountOf?: (report: AnyReport) => number,
  /** Files the command may create besides the planned outputs (purge: the key file), whose folders are cleaned of stale temp files too. */
  writesAlso?: (bases: ScanOptions[]) => string[],
): Promise<number> {
  let lang = (opts.lang as 'fr' | 'en' | undefined) ?? defaultLang(io);
  const kept: ScanResult<FindingList>[] = [];
  // With several inputs, every output waits complete (sealed) for the end of the run: nothing is
  // renamed into place until all that stdout carries is flushed (issue #16 audit N13).
  const pending: { commit(): Promise<void>; abort(): void }[] = [];
  let release: (() => void) | undefined;
  try {
    const prepared = await prepare(opts, io);
    lang = prepared.lang;
    const several = files.length > 1;
    if (several && (opts.out || opts.rejects)) throw usageError('severalOutputs');
    if (files.filter((f) => f === '-').length > 1) throw usageError('stdinOnce');
    // stdout holds one thing: the cleaned file (-o -) or a report (--format json|md|github), never both.
    if (opts.out === '-' && ['json', 'md', 'github'].includes(opts.format)) throw usageError('stdoutTwice', { format: opts.format });
    for (const r of opts.report ?? []) assertReportFormat(r);
    const maxWarnings = parseMaxWarnings(opts.maxWarnings);
    // With several inputs, `-r` names one report that holds them all, in any report format (a CSV one
    // has a file column).
    const combined = several ? (opts.report ?? []).map((r) => resolve(io.cwd, r)) : [];
    const [{ scanFile }, { checkPlan, outputsOf }, { isWorkbookFile }] = await Promise.all([
      import('../scan.js'), import('../plan.js'), import('../write/xlsx-output.js'),
    ]);
    const quiet = !!opts.quiet;
    // With `-o -` the cleaned file takes stdout; the human summary moves to stderr.
    const summaryOut = opts.out === '-' ? io.stderr : io.stdout;
    const chalk = new Chalk({ level: colorEnabled(opts, io, summaryOut) ? 1 : 0 });
    if (opts.rejects && !quiet) io.stderr.write(chalk.yellow(t(lang, 'cli.rejectsWarning')) + '\n');
    // A report on stdout is the report: no default report file beside the input unless -r asks.
    const stdoutReport = ['json', 'md', 'github'].includes(opts.format);
    // Reports that hold several files are written once every file is read: their results are kept
    // (findings spooled on disk) until then.
    const keepAll = several && (combined.length > 0 || opts.format === 'json' || opts.format === 'md');

    // Every input's options, then the run's plan: all outputs of all inputs checked before anything is
    // read or written (issue #16: `scan y.csv y.clean.csv` must not overwrite its second input).
    const bases = files.map((file) => baseOptions(file, opts, io, prepared, lang, command, several, combined.length > 0, stdoutReport));
    const plan: import('../plan.js').RunPlan = { inputs: [], outputs: [] };
    if (prepared.configPath) plan.inputs.push({ path: prepared.configPath, what: 'the config file' });
    for (let i = 0; i < files.length; i++) {
      const base = bases[i];
      if (opts.sheet !== undefined && (base.input === '-' || !isWorkbookFile(base.input))) throw usageError('sheetNotWorkbook', { value: opts.sheet, file: files[i] });
      if (base.input !== '-') plan.inputs.push({ path: base.input, what: 'the input' });
      const more = planExtra?.(files[i], base) ?? {};
      plan.inputs.push(...(more.readOnly ?? []));
      plan.outputs.push(...outputsOf({ ...base, ...more, mode: command, workbook: base.input !== '-' && isWorkbookFile(base.input) }).list);
    }
    // A combined report is the report of every input.
    for (const path of combined) plan.outputs.push({ path, what: 'the report', of: bases.map((b) => (b.input === '-' ? '<stdin>' : b.input)).join(', ') });
    checkPlan(plan);
    // --out-dir names a folder to put the outputs in: created (0700, like the outputs' 0600) as `mkdir -p`
    // would, so a first run needs no set-up; a dry run writes nothing, not even the folder.
    if (opts.outDir && !opts.dryRun) makeOutDir(resolve(io.cwd, opts.outDir));
    // Temp files of killed runs, in every folder this run writes: its outputs' and the files the
    // command creates besides them (purge: the key file).
    await cleanStaleTemps([...plan.outputs.map((o) => o.path), ...(writesAlso?.(bases) ?? [])], io, lang, quiet);

    release = await onPlanned?.(bases, lang);

    const reports: AnyReport[] = [];
    const unreadable: Unreadable[] = [];
    let strictFailed = false;
    const unreadableOf = (input: string, e: unknown): Unreadable => ({
      path: input,
      code: isAuditError(e) ? e.code : 'E_INTERNAL',
      message: isAuditError(e) ? errorText(lang, e.code, e.params) : String(e),
    });
    // Interrupted with several inputs: stdout stays one valid JSON object, the reports finished before.
    const interruptedJson = () =>
      writeAll(io.stdout, reportSetChunks(reports, { ...verdictOf(reports, prepared.failOn, maxWarnings, unreadable, failCountOf), exitCode: EXIT.INTERRUPTED }, lang));
    for (const [index, file] of files.entries()) {
      const base = bases[index];
      const progress = !quiet && opts.format !== 'json' && opts.format !== 'github' && opts.out !== '-' ? await startProgress(io, lang) : undefined;
      base.onProgress = progress?.update;
      let result: ScanResult<FindingList>;
      try {
        result = await scanFile({ ...base, ...(extra?.(file, base) ?? {}), deferCommit: true });
      } catch (thrown) {
        progress?.stop();
        const e = configNamed(thrown, prepared.configPath);
        const code = reportError(io, lang, e);
        // Interrupted, or stdout gone (the signal then carries the stdout error): stop the run.
        if (code === EXIT.INTERRUPTED || io.signal?.aborted) {
          if (several && opts.format === 'json') await interruptedJson();
          return code;
        }
        unreadable.push(unreadableOf(base.input, e));
        continue;
      }
      progress?.stop();
      let disposeNow = true;
      try {
        if (keepAll) {
          kept.push(result);
          disposeNow = false;
        }
        // This file alone: its exit code decides its summary's exit line (one input).
        const own = verdictOf([result.report], prepared.failOn, maxWarnings, [], failCountOf);
        // --strict: a file not fully understood is an input problem for CI (issue 12 item 5): exit 2.
        const notices = (result.report.input.notices?.length ?? 0) + (result.report.summary.byRule['column-not-understood'] ?? 0);
        if ((opts.strict ?? prepared.config.strict) && notices) {
          strictFailed = true;
          io.stderr.write(`cnil-audit: ${oneLine(file)}: ${t(lang, 'summary.strict', { count: notices })}\n`);
        }
        if (opts.format === 'text' && !quiet) {
          summaryOut.write(renderSummary(result, lang, chalk, prepared.failOn, several ? EXIT.OK : own.exitCode, several ? undefined : own));
          if (afterEach) summaryOut.write(afterEach(result, lang));
        } else if (opts.format === 'md' && !several && !quiet) {
          await writeAll(summaryOut, await renderReport('md', result.report, lang));
        } else if (opts.format === 'json' && !several) {
          await writeAll(io.stdout, await renderReport('json', result.report, lang));
        } else if (opts.format === 'github') {
          const { githubAnnotations } = await import('../report/github.js');
          await writeAll(io.stdout, githubAnnotations(result.report, lang, workspacePath(result.report.input.path, io.cwd)));
        }
        // The outputs become visible only once what stdout carries is out (issue #16: a failed stdout
        // is exit 2 with nothing committed).
        await flushWritable(io.stdout as WritableLike);
        if (io.signal?.aborted) throw isAuditError(io.signal.reason) ? io.signal.reason : new AuditError('E_INTERRUPTED');
        if (several) pending.push(result);
        else await result.commit();
        reports.push(result.report);
      } catch (e) {
        result.abort();
        const code = reportError(io, lang, e);
        // stdout gone or an interruption: stop the run. An output that could not be renamed into place:
        // this input failed, the next ones may still be written (as with an unreadable input).
        const stdoutFailed = isAuditError(e) && e.params.what === 'standard output';
        if (code === EXIT.INTERRUPTED || stdoutFailed || io.signal?.aborted) {
          if (code === EXIT.INTERRUPTED && several && opts.format === 'json') await interruptedJson().catch(() => undefined);
          return code;
        }
        unreadable.push(unreadableOf(base.input, e));
      } finally {
        if (disposeNow) result.dispose();
      }
    }

    const verdict = verdictOf(reports, prepared.failOn, maxWarnings, unreadable, failCountOf);
    if (several) {
      if (opts.format === 'json') await writeAll(io.stdout, reportSetChunks(reports, verdict, lang));
      else if (opts.format === 'md' && !quiet) await writeAll(summaryOut, await collect(combinedMdChunks(reports, verdict, lang)));
      for (const path of combined) pending.push(await writeCombined(path, reports, verdict, lang));
      if (!quiet && (opts.format === 'text' || opts.format === 'github')) {
        const out = opts.format === 'text' ? summaryOut : io.stderr;
        const colour = verdict.exitCode ? chalk.red : chalk.green;
        const lines = [chalk.bold(totalLine(totalsOf(reports), lang))];
        for (const p of combined) lines.push(t(lang, 'summary.wroteReport', { path: p }));
        lines.push(colour(verdictLine(verdict, lang)));
        out.write(lines.join('\n') + '\n');
      }
    } else if (opts.format === 'github' && !quiet && verdict.exitCode === EXIT.FINDINGS) {
      io.stderr.write(verdictLine(verdict, lang) + '\n');
    }
    await flushWritable(io.stdout as WritableLike);
    if (io.signal?.aborted) throw isAuditError(io.signal.reason) ? io.signal.reason : new AuditError('E_INTERRUPTED');
    // Everything stdout carries is out: the outputs of every input, in order, then the combined
    // reports. One that cannot be renamed (a target changed meanwhile) is exit 2; the others stand.
    let commitFailed = false;
    for (const p of pending) {
      try {
        await p.commit();
      } catch (e) {
        reportError(io, lang, e);
        commitFailed = true;
      }
    }
    if (commitFailed) return EXIT.ERROR;
    return strictFailed && verdict.exitCode !== EXIT.INTERRUPTED ? EXIT.ERROR : verdict.exitCode;
  } catch (e) {
    return reportError(io, lang, e);
  } finally {
    // A run that stopped early commits nothing (committed ones ignore this).
    for (const p of pending) p.abort();
    for (const r of kept) r.dispose();
    release?.();
  }
}

/**
 * A config problem found while reading an input (a mapped column its header lacks) is the config
 * file's: the error names the config file, and the input in its words (issue 14).
 */
function configNamed(e: unknown, configPath: string | undefined): unknown {
  if (!isAuditError(e) || e.code !== 'E_CONFIG' || !configPath || e.file === configPath) return e;
  return new AuditError('E_CONFIG', { ...e.params, input: e.file ?? '' }, { file: configPath });
}

/** One input's options, from the command line (the same for every input but the paths). */
function baseOptions(
  file: string,
  opts: CommonOptions,
  io: CliIO,
  prepared: Awaited<ReturnType<typeof prepare>>,
  lang: Lang,
  command: 'scan' | 'purge',
  several: boolean,
  combinedReport: boolean,
  stdoutReport: boolean,
): ScanOptions {
  return {
    input: file === '-' ? '-' : resolve(io.cwd, file),
    stdin: io.stdin,
    stdout: io.stdout as ScanOptions['stdout'],
    out: opts.out === '-' ? '-' : opts.out ? resolve(io.cwd, opts.out) : undefined,
    outDir: opts.outDir ? resolve(io.cwd, opts.outDir) : file === '-' ? io.cwd : undefined,
    reports: several ? undefined : opts.report?.map((r) => resolve(io.cwd, r)),
    // No default report beside (or, with --out-dir, for) an input when -r names the report, or when
    // the report goes to stdout (--format json|md|github), for one input as for several (issue 14).
    noReport: several ? combinedReport || stdoutReport : stdoutReport && !opts.report?.length,
    config: prepared.config,
    // Dates, encodings, delimiters, sizes, channels, --fail-on, header row, sheet, map: normalised once for the run.
    options: prepared.options,
    lang,
    rejects: opts.rejects ? resolve(io.cwd, opts.rejects) : undefined,
    dryRun: !!opts.dryRun,
    showValues: !!opts.showValues,
    signal: io.signal,
    now: io.now,
    mode: command,
    // Memory must not depend on how many findings the report keeps (SPEC §8).
    spoolFindings: true,
    ...readingOptions(opts),
  };
}

/** `--profile` and `--source` (issue 12), which need the file to be checked; the other reading options are in `options`. */
export function readingOptions(opts: Pick<CommonOptions, 'profile' | 'source'>): Partial<ScanOptions> {
  const out: Partial<ScanOptions> = {};
  if (opts.profile !== undefined) out.profile = opts.profile;
  if (opts.source !== undefined) out.source = opts.source;
  return out;
}

export function makeOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // mkdir -p says EEXIST when a file stands where the folder should be: that is "not a folder".
    throw new AuditError('E_OUTPUT_UNWRITABLE', { what: 'the output folder', detail: code === 'EEXIST' ? 'ENOTDIR' : (code ?? String(e)) }, { file: dir });
  }
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

/** Writes one report of several inputs, atomically and mode 0600, like every output; renamed into place by the caller. */
async function writeCombined(path: string, reports: AnyReport[], verdict: Verdict, lang: Lang): Promise<{ commit(): Promise<void>; abort(): void }> {
  const { AtomicFile } = await import('../write/atomic.js');
  const f = await AtomicFile.open(path, 'the report');
  try {
    const format = reportFormatOf(path);
    if (format === 'json') for (const c of reportSetChunks(reports, verdict, lang)) await f.write(c);
    else if (format === 'html') {
      const { combinedHtmlChunks } = await import('../report/combined-html.js');
      for (const c of combinedHtmlChunks(reports, verdict, lang)) await f.write(c);
    } else if (format === 'sarif') {
      const { sarifChunks } = await import('../report/sarif.js');
      for (const c of sarifChunks(reports, lang)) await f.write(c);
    } else if (format === 'csv') {
      const { combinedCsvChunks } = await import('../report/csv.js');
      for (const c of combinedCsvChunks(reports, lang)) await f.write(c);
    } else for await (const c of combinedMdChunks(reports, verdict, lang)) await f.write(c);
    f.seal();
  } catch (e) {
    f.abort();
    throw e;
  }
  return f;
}
