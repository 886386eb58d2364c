/**
 * A run over several inputs (issue #16): one plan for the whole run, then the run, then the commit.
 *
 * `planRun` normalises the options once, builds every input's ScanOptions and checks the plan of all
 * the run's paths before anything is read or written: no output over any input of the run (`scan
 * y.csv y.clean.csv`), no two outputs on one path (`--out-dir out a/x.csv b/x.csv`), no special file.
 * `runAll` reads the inputs one after the other, each into temp files, and renames the outputs into
 * place only once the caller's `beforeCommit` resolves (the CLI: once what it wrote on stdout is
 * flushed), or, with `deferCommit`, when the caller calls `commit()`. Pure with respect to the process:
 * it never prints or exits; what the CLI prints comes from the hooks, given data, never wording.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AuditError, abortError, isAuditError, isInterruption, usageError } from './errors.js';
import { errorText } from './i18n/index.js';
import { normalizeOptions, type RunOptions } from './options.js';
import { checkPlan, outputsOf, type RunPlan } from './plan.js';
import { scanFile, type ScanOptions, type ScanResult } from './scan.js';
import { assertReportFormat, reportFormatOf } from './report/index.js';
import { combinedMdChunks, reportSetChunks, verdictOf, type Unreadable, type Verdict } from './report/combined.js';
import type { AnyReport } from './report/model.js';
import type { FindingList } from './report/findings.js';
import { isWorkbookFile } from './write/xlsx-output.js';
import { AtomicFile, removeStaleTemps } from './write/atomic.js';
import type { Lang } from './types.js';

/** Options a command adds to one input's, at the time it is read (purge: its log, its lists). */
export type Extra = (file: string, base: ScanOptions) => Partial<ScanOptions>;
/**
 * The paths a command adds to an input's options (purge: its default names, the log, the suppression
 * list), computed without reading anything, so the whole run is planned first (src/plan.ts).
 */
export type PlanExtra = (file: string, base: ScanOptions) => Pick<Partial<ScanOptions>, 'out' | 'reports' | 'readOnly'> & {
  sidecars?: { path: string; what: string; extends?: boolean }[];
};

/** The options of a run over one or more inputs: those of scanFile, the same for every input, and the run's own. */
export interface RunAllOptions extends Omit<ScanOptions, 'input' | 'deferCommit' | 'onProgress'> {
  /**
   * For one input, its reports; for several, the reports that hold every input (any report format;
   * a CSV one has a file column), written once every input is read. Without them, each input gets
   * its default report beside it (or in `outDir`).
   */
  reports?: string[];
  /** The folder relative paths are read from, and standard input's outputs go to; default the process's. */
  cwd?: string;
  /** The config file the run read (`config` is its content): an input of the plan, and named in a config error about an input. */
  configPath?: string;
  /**
   * The format of a report the caller writes on standard output (the CLI's `--format json|md|github`):
   * then there is no default report file, and the cleaned file cannot go to stdout too (`out: '-'`).
   */
  stdoutReport?: string;
  /** More warnings than this fail the run (exit code 1); a whole number, as typed or as a number. */
  maxWarnings?: number | string;
  /** An input not fully understood (notices, columns not understood) fails the run (exit code 2); default the config's `strict`. */
  strict?: boolean;
  /** Keep every input's findings readable until the run ends (the caller renders them all then, `onAllRead`). */
  keepReports?: boolean;
  /** Options added to an input's when it is read. */
  extra?: Extra;
  /** Paths added to an input's plan, before anything is read. */
  planExtra?: PlanExtra;
  /** How many findings of a report count against `failOn`, when the command decides it otherwise (purge, issue #13). */
  failCountOf?: (report: AnyReport) => number;
  /** Files the command may create besides the planned outputs (purge: the key file), whose folders are cleaned of stale temp files too. */
  writesAlso?: (bases: ScanOptions[]) => string[];
}

/** One input of a planned run: as given, and its options. */
export interface PlannedScan {
  /** The input as the caller named it. */
  file: string;
  options: ScanOptions;
}

/** A run, planned and checked: every path it reads and writes (a RunPlan), and every input's options. */
export interface PlannedRun extends RunPlan {
  scans: PlannedScan[];
  /** The reports holding every input (several inputs). */
  combined: string[];
  several: boolean;
  /** The options, normalised once for the run. */
  options: RunOptions;
  /** The run's own settings. */
  settings: Pick<RunAllOptions, 'configPath' | 'extra' | 'failCountOf' | 'writesAlso' | 'signal' | 'dryRun'> & {
    cwd: string;
    outDir?: string;
    maxWarnings?: number;
    strict: boolean;
    keepAll: boolean;
  };
}

/**
 * The run's usage checks, before anything else (the first is the error): outputs named for several
 * inputs, standard input twice, the cleaned file and a report both on stdout, report formats,
 * `maxWarnings`. Returns `maxWarnings` as a number.
 */
export function checkRunOptions(inputs: readonly string[], options: Pick<RunAllOptions, 'out' | 'rejects' | 'stdoutReport' | 'reports' | 'maxWarnings'>): { maxWarnings?: number } {
  if (inputs.length > 1 && (options.out || options.rejects)) throw usageError('severalOutputs');
  if (inputs.filter((f) => f === '-').length > 1) throw usageError('stdinOnce');
  // stdout holds one thing: the cleaned file (-o -) or a report (--format json|md|github), never both.
  if (options.out === '-' && options.stdoutReport) throw usageError('stdoutTwice', { format: options.stdoutReport });
  for (const r of options.reports ?? []) assertReportFormat(r);
  return { maxWarnings: parseMaxWarnings(options.maxWarnings) };
}

/** `maxWarnings`: a whole number, or undefined when absent. */
function parseMaxWarnings(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw usageError('maxWarnings', { value: String(value) });
  return Number(text);
}

/**
 * Plans a run over `inputs` (paths, or `-` for standard input once): the options normalised once,
 * every input's ScanOptions, and the plan of every path the run reads and writes, checked (see
 * checkPlan). Nothing is read (but the first bytes that tell a workbook) and nothing is written.
 * Throws AuditError (exit 2) on a bad option or a refused plan.
 */
export function planRun(inputs: readonly string[], options: RunAllOptions): PlannedRun {
  const { maxWarnings } = checkRunOptions(inputs, options);
  const cwd = options.cwd ?? process.cwd();
  const normalized = options.options ?? normalizeOptions(options);
  const several = inputs.length > 1;
  const combined = several ? (options.reports ?? []).map((r) => resolve(cwd, r)) : [];
  const { cwd: _cwd, configPath, stdoutReport, maxWarnings: _max, strict, keepReports, extra, planExtra, failCountOf, writesAlso, ...common } = options;
  const bases = inputs.map((file): ScanOptions => ({
    ...common,
    input: file === '-' ? '-' : resolve(cwd, file),
    out: options.out === '-' ? '-' : options.out ? resolve(cwd, options.out) : undefined,
    outDir: options.outDir ? resolve(cwd, options.outDir) : file === '-' ? cwd : undefined,
    reports: several ? undefined : options.reports?.map((r) => resolve(cwd, r)),
    // No default report beside (or, with outDir, for) an input when the run's reports hold it, or when
    // the report goes to stdout, for one input as for several (issue 14).
    noReport: !!options.noReport || (several ? combined.length > 0 || !!stdoutReport : !!stdoutReport && !options.reports?.length),
    rejects: options.rejects ? resolve(cwd, options.rejects) : undefined,
    dryRun: !!options.dryRun,
    showValues: !!options.showValues,
    // Dates, encodings, delimiters, sizes, channels, fail-on, header row, sheet, map: normalised once for the run.
    options: normalized,
    lang: normalized.lang,
    mode: options.mode ?? 'scan',
  }));
  const command = options.mode === 'purge' ? 'purge' : 'scan';
  const sheet = normalized.sheet ?? options.sheet;
  const plan: RunPlan = { inputs: [], outputs: [] };
  if (configPath) plan.inputs.push({ path: configPath, what: 'the config file' });
  // Files every input's scan reads besides it (a library caller's `readOnly`): no output of the run over them.
  plan.inputs.push(...(options.readOnly ?? []));
  for (let i = 0; i < inputs.length; i++) {
    const base = bases[i];
    // Sniffed once: it decides both the --sheet check and the cleaned file's format.
    const workbook = isWorkbookFile(base.input);
    if (sheet !== undefined && !workbook) throw usageError('sheetNotWorkbook', { value: sheet, file: inputs[i] });
    if (base.input !== '-') plan.inputs.push({ path: base.input, what: 'the input' });
    const more = planExtra?.(inputs[i], base) ?? {};
    plan.inputs.push(...(more.readOnly ?? []));
    plan.outputs.push(...outputsOf({ ...base, ...more, mode: command, workbook }).list);
  }
  // A combined report is the report of every input.
  for (const path of combined) plan.outputs.push({ path, what: 'the report', of: bases.map((b) => (b.input === '-' ? '<stdin>' : b.input)).join(', ') });
  checkPlan(plan);
  return {
    ...plan,
    scans: bases.map((b, i) => ({ file: inputs[i], options: b })),
    combined,
    several,
    options: normalized,
    settings: {
      configPath,
      extra,
      failCountOf,
      writesAlso,
      signal: options.signal,
      cwd,
      dryRun: !!options.dryRun,
      outDir: options.outDir ? resolve(cwd, options.outDir) : undefined,
      maxWarnings,
      strict: !!(strict ?? options.config?.strict),
      // Reports that hold several files are written once every file is read: their results are kept
      // (findings spooled on disk) until then.
      keepAll: several && (combined.length > 0 || !!keepReports),
    },
  };
}

/** What is shown of one input while it is read (the CLI's progress line). */
export interface RunProgress {
  update?: ScanOptions['onProgress'];
  stop(): void;
}

/** The run's partial outcome, given to a hook. */
export interface RunSoFar {
  reports: AnyReport[];
  verdict: Verdict;
  several: boolean;
}

/** What a caller of runAll is told as the run goes: data, never wording (the CLI words and prints it). */
export interface RunHooks {
  /** Temp files of killed runs removed from a folder the run writes (issue #16). */
  onStaleTemps?(removed: number, dir: string): void;
  /** The plan is checked and its folders ready, nothing read yet (purge: locks the lists it extends); returns a release, called once the run is over. */
  onPlanned?(bases: ScanOptions[], lang: Lang): Promise<(() => void) | undefined> | (() => void) | undefined;
  /** An input is about to be read; returns what shows its progress. */
  onFileStart?(scan: PlannedScan, index: number): Promise<RunProgress | undefined> | RunProgress | undefined;
  /** An input was not fully understood and the run is strict: the run will fail (exit 2). */
  onStrict?(scan: PlannedScan, notices: number): void;
  /**
   * An input is read, its outputs complete in their temp files: `verdict` is its own (one input's
   * exit code). The CLI prints its summary or report. Its outputs are committed once this and
   * `beforeCommit` resolve (one input), or at the end of the run (several).
   */
  onFileDone?(result: ScanResult<FindingList>, verdict: Verdict, scan: PlannedScan): Promise<void> | void;
  /** An error the run goes on after (an input that failed), or stops on (an interruption, stdout gone): the caller says it. */
  onError?(error: unknown): void;
  /** The run stops early (interrupted, or the caller's output gone): what was done before. */
  onStopped?(soFar: RunSoFar): Promise<void>;
  /** Every input read, before the run's combined reports are written (the CLI writes a report of every input on stdout). */
  onAllRead?(soFar: RunSoFar): Promise<void>;
  /** The combined reports are complete in their temp files; nothing committed yet of several inputs (the CLI prints the totals). */
  onDone?(soFar: RunSoFar): Promise<void> | void;
  /** Awaited before anything is committed (the CLI: stdout flushed); a rejection commits nothing. */
  beforeCommit?(): Promise<void>;
}

/** The outcome of a run. */
export interface RunOutcome {
  /** The inputs read, in order (with `spoolFindings`, their findings are readable only inside the hooks). */
  results: ScanResult<FindingList>[];
  reports: AnyReport[];
  /** The inputs that could not be audited (or whose outputs could not be committed). */
  unreadable: Unreadable[];
  verdict: Verdict;
  /** The error the run stopped on (interrupted, or the caller's output gone): nothing more was read or committed. */
  stopped?: unknown;
  /** An input was not fully understood and the run is strict. */
  strictFailed: boolean;
  /** An output could not be renamed into place at the end of the run (each said through onError). */
  commitFailed: boolean;
  /**
   * With `deferCommit`: renames every output into place (what onError is told is the same as without),
   * and returns whether one failed; `abort()` removes them instead. Either releases the run's locks.
   */
  commit(): Promise<boolean>;
  abort(): void;
}

type Pending = { commit(): Promise<void>; abort(): void };

/**
 * Runs a planned run: the output folder made, stale temp files removed, then every input read into
 * temp files, the combined reports written, and everything committed once `beforeCommit` resolves
 * (with several inputs, only at the end of the run, so a failure commits nothing). With `deferCommit`
 * nothing is committed until the outcome's `commit()`. Throws on a failure of the whole run (the
 * output folder, a lock, a combined report, `beforeCommit`), after removing every temp file; an input
 * that fails is in `unreadable` and the run goes on.
 */
export async function runAll(run: PlannedRun, hooks: RunHooks = {}, { deferCommit = false }: { deferCommit?: boolean } = {}): Promise<RunOutcome> {
  const { scans, several, combined, settings } = run;
  const { lang, failOn } = run.options;
  const { maxWarnings, failCountOf, signal } = settings;
  const kept: ScanResult<FindingList>[] = [];
  // With several inputs, every output waits complete (sealed) for the end of the run: nothing is
  // renamed into place until all that stdout carries is flushed (issue #16 audit N13).
  const pending: Pending[] = [];
  let release: (() => void) | undefined;
  let handedOver = false;
  const results: ScanResult<FindingList>[] = [];
  const reports: AnyReport[] = [];
  const unreadable: Unreadable[] = [];
  let strictFailed = false;
  const verdictNow = () => verdictOf(reports, failOn, maxWarnings, unreadable, failCountOf);
  const soFar = (verdict: Verdict): RunSoFar => ({ reports, verdict, several });
  const outcome = (verdict: Verdict, extra: Partial<RunOutcome> = {}): RunOutcome => ({
    results, reports, unreadable, verdict, strictFailed, commitFailed: false, commit: async () => false, abort: () => {}, ...extra,
  });
  // Stopped early: the reports finished before, and the exit code of an interruption (130) or of a failed output (2).
  const stopped = (e: unknown) => outcome({ ...verdictNow(), exitCode: isInterruption(e) ? 130 : 2 }, { stopped: e });
  const unreadableOf = (input: string, e: unknown): Unreadable => ({
    path: input,
    code: isAuditError(e) ? e.code : 'E_INTERNAL',
    message: isAuditError(e) ? errorText(lang, e.code, e.params) : String(e),
  });
  const commitAll = async (): Promise<boolean> => {
    let failed = false;
    for (const p of pending) {
      try {
        await p.commit();
      } catch (e) {
        hooks.onError?.(e);
        failed = true;
      }
    }
    return failed;
  };
  try {
    // outDir names a folder to put the outputs in: created (0700, like the outputs' 0600) as `mkdir -p`
    // would, so a first run needs no set-up; a dry run writes nothing, not even the folder.
    if (settings.outDir && !settings.dryRun) makeOutDir(settings.outDir);
    // Temp files of killed runs, in every folder this run writes: its outputs' and the files the
    // command creates besides them (purge: the key file).
    const bases = scans.map((s) => s.options);
    removeStale([...run.outputs.map((o) => o.path), ...(settings.writesAlso?.(bases) ?? [])], settings.cwd, hooks);

    release = (await hooks.onPlanned?.(bases, lang)) ?? undefined;

    for (const [index, scan] of scans.entries()) {
      const base = scan.options;
      const progress = await hooks.onFileStart?.(scan, index);
      base.onProgress = progress?.update;
      let result: ScanResult<FindingList>;
      try {
        result = await scanFile({ ...base, ...(settings.extra?.(scan.file, base) ?? {}), deferCommit: true });
      } catch (thrown) {
        progress?.stop();
        const e = configNamed(thrown, settings.configPath);
        hooks.onError?.(e);
        // Interrupted, or stdout gone (the signal then carries the stdout error): stop the run.
        if (isInterruption(e) || signal?.aborted) {
          await hooks.onStopped?.(soFar({ ...verdictNow(), exitCode: 130 }));
          return stopped(e);
        }
        unreadable.push(unreadableOf(base.input, e));
        continue;
      }
      progress?.stop();
      let disposeNow = true;
      try {
        if (settings.keepAll) {
          kept.push(result);
          disposeNow = false;
        }
        // This file alone: its exit code decides its summary's exit line (one input).
        const own = verdictOf([result.report], failOn, maxWarnings, [], failCountOf);
        // strict: a file not fully understood is an input problem for CI (issue 12 item 5): exit 2.
        const notices = (result.report.input.notices?.length ?? 0) + (result.report.summary.byRule['column-not-understood'] ?? 0);
        if (settings.strict && notices) {
          strictFailed = true;
          hooks.onStrict?.(scan, notices);
        }
        await hooks.onFileDone?.(result, own, scan);
        // The outputs become visible only once what stdout carries is out (issue #16: a failed stdout
        // is exit 2 with nothing committed).
        await hooks.beforeCommit?.();
        if (signal?.aborted) throw abortError(signal);
        if (several || deferCommit) pending.push(result);
        else await result.commit();
        results.push(result);
        reports.push(result.report);
      } catch (e) {
        result.abort();
        hooks.onError?.(e);
        // stdout gone or an interruption: stop the run. An output that could not be renamed into place:
        // this input failed, the next ones may still be written (as with an unreadable input).
        const stdoutFailed = isAuditError(e) && e.params.what === 'standard output';
        if (isInterruption(e) || stdoutFailed || signal?.aborted) {
          if (isInterruption(e)) await hooks.onStopped?.(soFar({ ...verdictNow(), exitCode: 130 })).catch(() => undefined);
          return stopped(e);
        }
        unreadable.push(unreadableOf(base.input, e));
      } finally {
        if (disposeNow) result.dispose();
      }
    }

    const verdict = verdictNow();
    if (several) {
      await hooks.onAllRead?.(soFar(verdict));
      for (const path of combined) pending.push(await writeCombined(path, reports, verdict, lang));
    }
    await hooks.onDone?.(soFar(verdict));
    await hooks.beforeCommit?.();
    if (signal?.aborted) throw abortError(signal);
    if (deferCommit) {
      handedOver = true;
      const lock = release;
      release = undefined;
      let settled = false;
      const settle = () => {
        settled = true;
        lock?.();
      };
      return outcome(verdict, {
        commit: async () => {
          if (settled) return false;
          try {
            return await commitAll();
          } finally {
            for (const p of pending) p.abort();
            settle();
          }
        },
        abort: () => {
          if (settled) return;
          for (const p of pending) p.abort();
          settle();
        },
      });
    }
    // Everything stdout carries is out: the outputs of every input, in order, then the combined
    // reports. One that cannot be renamed (a target changed meanwhile) fails the run; the others stand.
    return outcome(verdict, { commitFailed: await commitAll() });
  } finally {
    // A run that stopped early commits nothing (committed ones ignore this).
    if (!handedOver) for (const p of pending) p.abort();
    for (const r of kept) r.dispose();
    release?.();
  }
}

/** Removes stale temp files of dead runs from every folder of `paths` (src/write/atomic.ts). */
function removeStale(paths: string[], cwd: string, hooks: RunHooks): void {
  for (const dir of new Set(paths.filter((p) => p && p !== '-').map((p) => dirname(resolve(cwd, p))))) {
    const removed = removeStaleTemps(dir);
    if (removed) hooks.onStaleTemps?.(removed, dir);
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

/** Creates the output folder (and its parents), 0700; a file where it should be is "not a folder". */
export function makeOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // mkdir -p says EEXIST when a file stands where the folder should be: that is "not a folder".
    throw new AuditError('E_OUTPUT_UNWRITABLE', { what: 'the output folder', detail: code === 'EEXIST' ? 'ENOTDIR' : (code ?? String(e)) }, { file: dir });
  }
}

/** Writes one report of several inputs, atomically and mode 0600, like every output; sealed, renamed into place with the rest. */
async function writeCombined(path: string, reports: AnyReport[], verdict: Verdict, lang: Lang): Promise<Pending> {
  const f = await AtomicFile.open(path, 'the report');
  try {
    const format = reportFormatOf(path);
    if (format === 'json') for (const c of reportSetChunks(reports, verdict, lang)) await f.write(c);
    else if (format === 'html') {
      const { combinedHtmlChunks } = await import('./report/combined-html.js');
      for (const c of combinedHtmlChunks(reports, verdict, lang)) await f.write(c);
    } else if (format === 'sarif') {
      const { sarifChunks } = await import('./report/sarif.js');
      for (const c of sarifChunks(reports, lang)) await f.write(c);
    } else if (format === 'csv') {
      const { combinedCsvChunks } = await import('./report/csv.js');
      for (const c of combinedCsvChunks(reports, lang)) await f.write(c);
    } else for await (const c of combinedMdChunks(reports, verdict, lang)) await f.write(c);
    f.seal();
  } catch (e) {
    f.abort();
    throw e;
  }
  return f;
}
