/** `cnil-audit scan` (and the shared driver `purge` uses): one or more inputs, summary, exit code. */
import type { FindingList } from '../report/findings.js';
import { Chalk } from 'chalk';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CliIO, Out } from './io.js';
import { EXIT, colorEnabled, prepare, reportError, type CommonOptions } from './main.js';
import { AuditError, isAuditError, usageError } from '../errors.js';
import { writeWaiting, type WritableLike } from '../write/drain.js';
import { detectLang, errorText, t } from '../i18n/index.js';
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

/** Formats one report can hold several inputs in (`-r` with several inputs). */
const COMBINED_FORMATS = ['json', 'md', 'html', 'sarif'];

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
): Promise<number> {
  let lang = (opts.lang as 'fr' | 'en' | undefined) ?? detectLang(io.env);
  const kept: ScanResult<FindingList>[] = [];
  try {
    const prepared = await prepare(opts, io);
    lang = prepared.lang;
    const several = files.length > 1;
    if (several && (opts.out || opts.rejects)) throw usageError('severalOutputs');
    if (files.filter((f) => f === '-').length > 1) throw usageError('stdinOnce');
    for (const r of opts.report ?? []) assertReportFormat(r);
    const maxWarnings = parseMaxWarnings(opts.maxWarnings);
    // With several inputs, `-r` names one report that holds them all (JSON, Markdown, HTML, SARIF).
    const combined = several ? (opts.report ?? []).map((r) => resolve(io.cwd, r)) : [];
    for (const r of combined) {
      const ext = reportFormatOf(r);
      if (!COMBINED_FORMATS.includes(ext)) throw usageError('combinedFormat', { path: r, ext });
    }
    const { scanFile } = await import('../scan.js');
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

    const reports: AnyReport[] = [];
    const unreadable: Unreadable[] = [];
    for (const file of files) {
      const base: ScanOptions = {
        input: file === '-' ? '-' : resolve(io.cwd, file),
        stdin: io.stdin,
        stdout: io.stdout as ScanOptions['stdout'],
        out: opts.out === '-' ? '-' : opts.out ? resolve(io.cwd, opts.out) : undefined,
        outDir: opts.outDir ? resolve(io.cwd, opts.outDir) : file === '-' ? io.cwd : undefined,
        reports: several ? undefined : opts.report?.map((r) => resolve(io.cwd, r)),
        noReport: several ? combined.length > 0 || (stdoutReport && !opts.outDir) : stdoutReport && !opts.report?.length,
        config: prepared.config,
        map: prepared.map,
        for: prepared.for,
        asOf: opts.asOf,
        electionDate: opts.electionDate,
        encoding: opts.encoding,
        delimiter: opts.delimiter,
        outputEncoding: opts.outputEncoding,
        outputDelimiter: opts.outputDelimiter,
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
      };
      const progress = !quiet && opts.format !== 'json' && opts.format !== 'github' && opts.out !== '-' ? await startProgress(io, lang) : undefined;
      base.onProgress = progress?.update;
      let result: ScanResult<FindingList>;
      try {
        result = await scanFile({ ...base, ...(extra?.(file, base) ?? {}) });
      } catch (e) {
        progress?.stop();
        const code = reportError(io, lang, e);
        if (code === EXIT.INTERRUPTED) {
          // stdout stays one valid JSON object: the reports of the inputs finished before.
          if (several && opts.format === 'json') await writeAll(io.stdout, reportSetChunks(reports, { ...verdictOf(reports, prepared.failOn, maxWarnings, unreadable), exitCode: EXIT.INTERRUPTED }, lang));
          return code;
        }
        unreadable.push({ path: base.input, code: isAuditError(e) ? e.code : 'E_INTERNAL', message: isAuditError(e) ? errorText(lang, e.code, e.params) : String(e) });
        continue;
      }
      progress?.stop();
      reports.push(result.report);
      let disposeNow = true;
      try {
        if (keepAll) {
          kept.push(result);
          disposeNow = false;
        }
        // This file alone: its exit code decides its summary's exit line (one input).
        const own = verdictOf([result.report], prepared.failOn, maxWarnings);
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
      } finally {
        if (disposeNow) result.dispose();
      }
    }

    const verdict = verdictOf(reports, prepared.failOn, maxWarnings, unreadable);
    if (several) {
      if (opts.format === 'json') await writeAll(io.stdout, reportSetChunks(reports, verdict, lang));
      else if (opts.format === 'md' && !quiet) await writeAll(summaryOut, await collect(combinedMdChunks(reports, verdict, lang)));
      for (const path of combined) await writeCombined(path, reports, verdict, lang);
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
    return verdict.exitCode;
  } catch (e) {
    return reportError(io, lang, e);
  } finally {
    for (const r of kept) r.dispose();
  }
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

/** Writes one report of several inputs, atomically and mode 0600, like every output. */
async function writeCombined(path: string, reports: AnyReport[], verdict: Verdict, lang: Lang): Promise<void> {
  const { AtomicFile } = await import('../write/atomic.js');
  for (const r of reports) if (r.input.path !== '-' && resolve(r.input.path) === resolve(path)) throw new AuditError('E_OUTPUT_IS_INPUT', { what: 'the report' }, { file: path });
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
    } else for await (const c of combinedMdChunks(reports, verdict, lang)) await f.write(c);
    await f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}
