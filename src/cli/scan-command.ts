/** `cnil-audit scan` (and the shared driver `purge` uses): one or more inputs, summary, exit code. */
import type { FindingList } from '../report/findings.js';
import { Chalk } from 'chalk';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { CliIO, Out } from './io.js';
import { EXIT, colorEnabled, oneLine, parseSizeOption, prepare, reportError } from './shared.js';
import type { CommonOptions } from './main.js';
import type { Lang } from '../types.js';
import { AuditError, isAuditError, usageError } from '../errors.js';
import { flushWritable, writeWaiting, type WritableLike } from '../write/drain.js';
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
/**
 * The paths a command adds to an input's options (purge: its default names, the log, the suppression
 * list), computed without reading anything, so the whole run is planned first (src/plan.ts).
 */
export type PlanExtra = (file: string, base: ScanOptions) => Pick<Partial<ScanOptions>, 'out' | 'reports' | 'readOnly'> & {
  sidecars?: { path: string; what: string; extends?: boolean }[];
};

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
  /** The file's exit code, when the command decides it otherwise (purge, issue #13). */
  exitCodeOf?: (result: ScanResult<FindingList>) => number,
): Promise<number> {
  let release: (() => void) | undefined;
  let lang = (opts.lang as 'fr' | 'en' | undefined) ?? detectLang(io.env);
  try {
    const prepared = await prepare(opts, io);
    lang = prepared.lang;
    if (files.length > 1 && (opts.out || opts.report?.length || opts.rejects)) {
      throw usageError('severalOutputs');
    }
    if (files.filter((f) => f === '-').length > 1) throw usageError('stdinOnce');
    for (const r of opts.report ?? []) assertReportFormat(r);
    const [{ scanFile }, { checkPlan, outputsOf }, { removeStaleTemps }, { isWorkbookFile }] = await Promise.all([
      import('../scan.js'), import('../plan.js'), import('../write/atomic.js'), import('../write/xlsx-output.js'),
    ]);
    const quiet = !!opts.quiet;
    // With `-o -` the cleaned file takes stdout; the human summary moves to stderr.
    const summaryOut = opts.out === '-' ? io.stderr : io.stdout;
    const chalk = new Chalk({ level: colorEnabled(opts, io, summaryOut) ? 1 : 0 });
    if (opts.rejects && !quiet) io.stderr.write(chalk.yellow(t(lang, 'cli.rejectsWarning')) + '\n');

    // Every input's options, then the run's plan: all outputs of all inputs checked before anything is
    // read or written (issue #16: `scan y.csv y.clean.csv` must not overwrite its second input).
    const bases = files.map((file) => baseOptions(file, opts, io, prepared, lang, command));
    const plan: import('../plan.js').RunPlan = { inputs: [], outputs: [] };
    if (prepared.configPath) plan.inputs.push({ path: prepared.configPath, what: 'the config file' });
    for (let i = 0; i < files.length; i++) {
      const base = bases[i];
      if (base.input !== '-') plan.inputs.push({ path: base.input, what: 'the input' });
      const more = planExtra?.(files[i], base) ?? {};
      plan.inputs.push(...(more.readOnly ?? []));
      plan.outputs.push(...outputsOf({ ...base, ...more, mode: command, workbook: base.input !== '-' && isWorkbookFile(base.input) }).list);
    }
    checkPlan(plan);
    // --out-dir names a folder to put the outputs in: created (0700, like the outputs' 0600) as `mkdir -p`
    // would, so a first run needs no set-up; a dry run writes nothing, not even the folder.
    if (opts.outDir && !opts.dryRun) makeOutDir(resolve(io.cwd, opts.outDir));
    // Temp files of runs killed outright (SIGKILL, power loss) hold personal data: a later run in the
    // same folder removes those whose process is gone, and says so.
    const dirs = new Set(plan.outputs.filter((o) => o.path !== '-').map((o) => dirname(resolve(o.path))));
    for (const dir of dirs) {
      const removed = removeStaleTemps(dir);
      if (removed && !quiet) io.stderr.write(`cnil-audit: ${oneLine(t(lang, 'cli.staleTemps', { count: removed, dir }))}\n`);
    }

    release = await onPlanned?.(bases, lang);

    let worst: number = EXIT.OK;
    // `--format json`: the report goes to stdout as it is rendered, not built as one string (it can be
    // 100 MB on a large file). With several inputs, an array of the reports of the files that were read.
    const severalJson = opts.format === 'json' && files.length > 1;
    let jsonCount = 0;
    for (const [index, file] of files.entries()) {
      const base = bases[index];
      const progress = !quiet && opts.format !== 'json' && opts.out !== '-' ? await startProgress(io, lang) : undefined;
      base.onProgress = progress?.update;
      let result: ScanResult<FindingList>;
      try {
        result = await scanFile({ ...base, ...(extra?.(file, base) ?? {}), deferCommit: true });
      } catch (e) {
        progress?.stop();
        const code = reportError(io, lang, e);
        // Interrupted, or stdout gone (the signal then carries the stdout error): stop the run.
        if (code === EXIT.INTERRUPTED || io.signal?.aborted) {
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
        const code = exitCodeOf ? exitCodeOf(result) : failing ? EXIT.FINDINGS : EXIT.OK;
        if (worst !== EXIT.ERROR && code > worst) worst = code;
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
        // The outputs become visible only once what stdout carries is out (issue #16: a failed stdout
        // is exit 2 with nothing committed).
        await flushWritable(io.stdout as WritableLike);
        if (io.signal?.aborted) throw isAuditError(io.signal.reason) ? io.signal.reason : new AuditError('E_INTERRUPTED');
        await result.commit();
      } catch (e) {
        result.abort();
        const code = reportError(io, lang, e);
        // stdout gone or an interruption: stop the run. An output that could not be renamed into place:
        // this input failed, the next ones may still be written (as with an unreadable input).
        const stdoutFailed = isAuditError(e) && e.params.what === 'standard output';
        if (code === EXIT.INTERRUPTED || stdoutFailed || io.signal?.aborted) {
          // As above: the reports already on stdout stay a valid JSON array.
          if (code === EXIT.INTERRUPTED && severalJson && jsonCount) await writeAll(io.stdout, ['\n]\n']).catch(() => undefined);
          return code;
        }
        worst = EXIT.ERROR;
        continue;
      } finally {
        result.dispose();
      }
    }
    if (severalJson) {
      await writeAll(io.stdout, [jsonCount ? '\n]\n' : '[]\n']);
      await flushWritable(io.stdout as WritableLike);
    }
    return worst;
  } catch (e) {
    return reportError(io, lang, e);
  } finally {
    release?.();
  }
}

/** One input's options, from the command line (the same for every input but the paths). */
function baseOptions(
  file: string,
  opts: CommonOptions,
  io: CliIO,
  prepared: Awaited<ReturnType<typeof prepare>>,
  lang: Lang,
  command: 'scan' | 'purge',
): ScanOptions {
  return {
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
    sheet: opts.sheet,
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
    maxInputBytes: parseSizeOption(opts.maxInputBytes),
  };
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
