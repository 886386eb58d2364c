/** `cnil-audit scan` (and the shared driver `purge` uses): one or more inputs, summary, exit code. */
import type { FindingList } from '../report/findings.js';
import { Chalk } from 'chalk';
import { isAbsolute, relative, sep } from 'node:path';
import type { CliIO, Out } from './io.js';
import { EXIT, colorEnabled, oneLine, prepare, reportError, defaultLang } from './shared.js';
import type { CommonOptions } from './shared.js';
import { isInterruption } from '../errors.js';
import { flushWritable, writeWaiting, type WritableLike } from '../write/drain.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import type { ScanOptions, ScanResult } from '../scan.js';
import type { AnyReport } from '../report/model.js';
import { renderReport } from '../report/index.js';
import { combinedMdChunks, reportSetChunks, totalLine, totalsOf, verdictLine } from '../report/combined.js';
import type { Extra, PlanExtra, RunAllOptions, RunHooks } from '../run.js';
import { renderSummary } from './summary.js';
import { startProgress } from './progress.js';
import { collectAsRead } from './collect.js';

export type { Extra, PlanExtra };

/** Writes chunks to a stream, waiting when it asks to (a slow pipe must not pile up a whole report). */
async function writeAll(out: Out, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) await writeWaiting(out as WritableLike, chunk);
}

/** A path as GitHub shows it in an annotation: relative to the working directory (the workspace). */
function workspacePath(path: string, cwd: string): string {
  if (path === '-') return 'stdin';
  const rel = relative(cwd, path);
  return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path).split(sep).join('/');
}

/** The exit code of an error the run stopped on (reportError's). */
function exitCodeOf(e: unknown): number {
  return isInterruption(e) ? EXIT.INTERRUPTED : EXIT.ERROR;
}

/**
 * Runs scan (or purge, whose hooks add its paths, its summary and its lock) over the inputs: the core
 * plans and runs the whole run (src/run.ts); this words what it says and maps the outcome to an exit code.
 */
export async function runScan(
  files: string[],
  opts: CommonOptions,
  io: CliIO,
  command: 'scan' | 'purge',
  extra?: Extra,
  afterEach?: (result: ScanResult<FindingList>, lang: Lang) => string,
  planExtra?: PlanExtra,
  /** Called once the plan is checked, before any input is read (purge: locks the lists it extends); returns a release. */
  onPlanned?: RunHooks['onPlanned'],
  /** How many findings of a report count against --fail-on, when the command decides it otherwise (purge, issue #13). */
  failCountOf?: (report: AnyReport) => number,
  /** Files the command may create besides the planned outputs (purge: the key file), whose folders are cleaned of stale temp files too. */
  writesAlso?: (bases: ScanOptions[]) => string[],
): Promise<number> {
  let lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  try {
    const prepared = await prepare(opts, io);
    lang = prepared.lang;
    const { checkRunOptions, planRun, runAll } = await import('../run.js');
    const stdoutFormat = ['json', 'md', 'github'].includes(opts.format) ? opts.format : undefined;
    const runOptions: RunAllOptions = {
      cwd: io.cwd,
      stdin: io.stdin,
      stdout: io.stdout as ScanOptions['stdout'],
      out: opts.out,
      outDir: opts.outDir,
      reports: opts.report,
      // A report on stdout is the report: no default report file beside the input unless -r asks.
      stdoutReport: stdoutFormat,
      maxWarnings: opts.maxWarnings,
      strict: opts.strict,
      config: prepared.config,
      configPath: prepared.configPath,
      options: prepared.options,
      rejects: opts.rejects,
      dryRun: !!opts.dryRun,
      showValues: !!opts.showValues,
      signal: io.signal,
      now: io.now,
      mode: command,
      // Memory must not depend on how many findings the report keeps (SPEC §8).
      spoolFindings: true,
      ...readingOptions(opts),
      // The reports of several inputs on stdout are written once every input is read.
      keepReports: opts.format === 'json' || opts.format === 'md',
      extra,
      planExtra,
      failCountOf,
      writesAlso,
    };
    checkRunOptions(files, runOptions);
    const quiet = !!opts.quiet;
    // With `-o -` the cleaned file takes stdout; the human summary moves to stderr.
    const summaryOut = opts.out === '-' ? io.stderr : io.stdout;
    const chalk = new Chalk({ level: colorEnabled(opts, io, summaryOut) ? 1 : 0 });
    if (opts.rejects && !quiet) io.stderr.write(chalk.yellow(t(lang, 'cli.rejectsWarning')) + '\n');
    // Every input's options, then the run's plan: all outputs of all inputs checked before anything is
    // read or written (issue #16: `scan y.csv y.clean.csv` must not overwrite its second input).
    const plan = planRun(files, runOptions);
    const several = plan.several;
    const showProgress = !quiet && opts.format !== 'json' && opts.format !== 'github' && opts.out !== '-';
    const outcome = await runAll(plan, {
      onStaleTemps: (count, dir) => {
        if (!quiet) io.stderr.write(`cnil-audit: ${oneLine(t(lang, 'cli.staleTemps', { count, dir }))}\n`);
      },
      onPlanned,
      onFileStart: async () => {
        // The progress line, if shown, and a full collection now and then on a long input (collect.ts).
        const spinner = showProgress ? await startProgress(io, lang) : undefined;
        const collectGarbage = collectAsRead();
        return {
          update: (p) => {
            spinner?.update(p);
            collectGarbage(p.bytes);
          },
          stop: () => spinner?.stop(),
        };
      },
      onStrict: (scan, notices) => {
        io.stderr.write(`cnil-audit: ${oneLine(scan.file)}: ${t(lang, 'summary.strict', { count: notices })}\n`);
      },
      onFileDone: async (result, own) => {
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
      },
      onError: (e) => {
        reportError(io, lang, e);
      },
      // Interrupted with several inputs: stdout stays one valid JSON object, the reports finished before.
      onStopped: async ({ reports, verdict }) => {
        if (several && opts.format === 'json') await writeAll(io.stdout, reportSetChunks(reports, verdict, lang));
      },
      onAllRead: async ({ reports, verdict }) => {
        if (opts.format === 'json') await writeAll(io.stdout, reportSetChunks(reports, verdict, lang));
        else if (opts.format === 'md' && !quiet) await writeAll(summaryOut, await collect(combinedMdChunks(reports, verdict, lang)));
      },
      onDone: ({ reports, verdict }) => {
        if (several && !quiet && (opts.format === 'text' || opts.format === 'github')) {
          const out = opts.format === 'text' ? summaryOut : io.stderr;
          const colour = verdict.exitCode ? chalk.red : chalk.green;
          const lines = [chalk.bold(totalLine(totalsOf(reports), lang))];
          for (const p of plan.combined) lines.push(t(lang, 'summary.wroteReport', { path: p }));
          lines.push(colour(verdictLine(verdict, lang)));
          out.write(lines.join('\n') + '\n');
        } else if (!several && opts.format === 'github' && !quiet && verdict.exitCode === EXIT.FINDINGS) {
          io.stderr.write(verdictLine(verdict, lang) + '\n');
        }
      },
      // The outputs become visible only once what stdout carries is out (issue #16: a failed stdout is
      // exit 2 with nothing committed).
      beforeCommit: () => flushWritable(io.stdout as WritableLike),
    });
    if (outcome.stopped !== undefined) return exitCodeOf(outcome.stopped);
    if (outcome.commitFailed) return EXIT.ERROR;
    return outcome.strictFailed && outcome.verdict.exitCode !== EXIT.INTERRUPTED ? EXIT.ERROR : outcome.verdict.exitCode;
  } catch (e) {
    return reportError(io, lang, e);
  }
}

/** `--profile` and `--source` (issue 12), which need the file to be checked; the other reading options are in `options`. */
export function readingOptions(opts: Pick<CommonOptions, 'profile' | 'source'>): Partial<ScanOptions> {
  const out: Partial<ScanOptions> = {};
  if (opts.profile !== undefined) out.profile = opts.profile;
  if (opts.source !== undefined) out.source = opts.source;
  return out;
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}
