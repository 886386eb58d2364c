/**
 * scanFile / purgeFile: the whole pipeline over one input — read, audit, write the cleaned file and the
 * reports atomically. Pure with respect to the process: it never prints, exits or reads process.argv;
 * it reports progress through a callback and stops on an AbortSignal.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { AuditError, isAuditError, usageError } from './errors.js';
import { openCsv, type CsvReader } from './read/reader.js';
import { canonicalEncoding, createEncoder } from './read/encoding.js';
import { parseDelimiterOption } from './read/dialect.js';
import { dayOf, formatDay, parseDate, type DateOrder } from './read/values.js';
import { chooseProfile, planProfile, PROFILES } from './exports.js';
import { inputProfileSection } from './report/profile.js';
import { AuditEngine, type EngineOptions, type Mode, type RowResult } from './engine.js';
import type { Mapping } from './mapping.js';
import { ReportCollector, DEFAULT_FINDINGS_LIMIT, type Report, type PurgeSection } from './report/model.js';
import { FindingSpool, type FindingList, type FindingSink } from './report/findings.js';
import type { ReportFinding } from './report/model.js';
import { writeReport } from './report/index.js';
import { AtomicFile, assertNotInput, realOrResolved } from './write/atomic.js';
import { writeWaiting } from './write/drain.js';
import type { Config } from './config.js';
import type { Channel, FailOn, Lang } from './types.js';
import { NAME, VERSION } from './version.js';

export interface ScanOptions {
  /** Input path, or '-' for `stdin`. */
  input: string;
  stdin?: Readable;
  /** Cleaned file path; default `<name>.clean.csv` beside the input; '-' writes it to `stdout`. */
  out?: string;
  /** Folder for default output names (several inputs). */
  outDir?: string;
  /** Report paths (format from extension); default `[<name>.report.json]`. */
  reports?: string[];
  /** Write no report file at all. */
  noReport?: boolean;
  stdout?: Writable;
  config?: Config;
  map?: Record<string, string>;
  for?: Channel[];
  /** Reference date, ISO or French; default today. */
  asOf?: string;
  electionDate?: string;
  encoding?: string;
  delimiter?: string;
  outputEncoding?: string;
  failOn?: FailOn;
  lang?: Lang;
  rejects?: string;
  dryRun?: boolean;
  showValues?: boolean;
  findingsLimit?: number;
  /**
   * Keep the report's findings in a temp file rather than in memory (the CLI does): memory then does
   * not depend on how many findings are kept. `report.findings` is readable until `result.dispose()`.
   */
  spoolFindings?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number; bytes: number; totalBytes?: number }) => void;
  /** Clock, for tests. */
  now?: () => number;
  mode?: Mode;
  /**
   * Extra outputs written row by row alongside the cleaned file (the purge log, a suppression list),
   * committed atomically with the rest. On a dry run they are not written but still see every row.
   */
  sidecars?: Sidecar[];
  /**
   * Other files the run reads (a suppression list): no output may be written over them, as over the
   * input. `what` names them in the error ("the suppression list").
   */
  readOnly?: { path: string; what: string }[];
  /** purge: the report's `purge` section, computed at the end. */
  purge?: () => PurgeSection;
  /** Whether a row's person is on a suppression list (`--suppress`): the row then carries an objection. */
  isSuppressed?: EngineOptions['isSuppressed'];
  /** `--profile`: an export profile's name, or "none"; default config `profile`, else recognised. */
  profile?: string;
  /** `--source`: whole-file source; default config `source`. */
  source?: string;
  /** `--date-order`; default config `dateOrder`, else decided per column. */
  dateOrder?: DateOrder;
  /** The locale's date order, for columns nothing settles (the CLI reads it from the environment). */
  localeDateOrder?: DateOrder;
  /** `--header-row`: physical line of the header. */
  headerRow?: number;
}

/** Preamble markers of the export profiles (LinkedIn's "Notes:"), for the reader. */
const PROFILE_PREAMBLES: readonly RegExp[] = PROFILES.flatMap((p) => (p.preamble ? [p.preamble] : []));

/** Size, in characters, at which a sidecar's text is written out (see the batch loop). */
const SIDECAR_CHUNK = 32 * 1024;

export interface Sidecar {
  path: string;
  /** What it is, for error messages ("the purge log"). */
  what: string;
  /** Text written first, given the input header and the column of each canonical field. */
  start?(header: string[], mapping: Mapping): string;
  /** Text to append for a row, if any. */
  row(r: RowResult, cells: string[]): string | undefined;
  /** Text written last. */
  end?(): string | undefined;
}

export interface ScanResult<F extends FindingList = ReportFinding[]> {
  report: Report<F>;
  /** Paths written (absent on dry run). */
  written: { clean?: string; reports: string[]; rejects?: string; extra: string[] };
  /** Removes the findings spool, if any (`spoolFindings`); `report.findings` is unreadable after. */
  dispose(): void;
}

/** Base name of an input without its CSV-ish extensions: "contacts.csv.gz" → "contacts". */
export function stemOf(input: string): string {
  return basename(input).replace(/(\.(csv|tsv|txt))?(\.gz)?$/i, '') || 'output';
}

function defaultPath(opts: ScanOptions, suffix: string): string {
  const dir = opts.outDir ?? (opts.input === '-' ? '.' : dirname(opts.input));
  const stem = opts.input === '-' ? 'stdin' : stemOf(opts.input);
  return join(dir, `${stem}${suffix}`);
}

/** A date option (`--as-of`, `--election-date`) as a day number; undefined when absent; E_USAGE when unreadable. */
export function resolveDate(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const d = parseDate(value);
  if (typeof d !== 'number') throw usageError('date', { option: name, value });
  return d;
}

/**
 * Scans one file. Throws AuditError (exit 2) on bad input, options or configuration. The report's
 * findings are an array, unless `spoolFindings` keeps them in a temp file (then call `dispose`).
 */
export async function scanFile(opts: ScanOptions & { spoolFindings?: false }): Promise<ScanResult>;
export async function scanFile(opts: ScanOptions): Promise<ScanResult<FindingList>>;
export async function scanFile(opts: ScanOptions): Promise<ScanResult<FindingList>> {
  const inputPath = opts.input === '-' ? undefined : opts.input;
  const file = opts.input === '-' ? '<stdin>' : opts.input;
  const mode = opts.mode ?? 'scan';
  const lang: Lang = opts.lang ?? opts.config?.lang ?? 'en';
  const now = opts.now ?? Date.now;
  const asOf = resolveDate(opts.asOf, '--as-of') ?? dayOf(now());
  const electionDate = resolveDate(opts.electionDate ?? opts.config?.electionDate, '--election-date');
  const secondRoundDate = resolveDate(opts.config?.secondRoundDate, 'secondRoundDate');
  const encoding = opts.encoding ? canonicalEncoding(opts.encoding) : undefined;
  const outputEncoding = opts.outputEncoding ? canonicalEncoding(opts.outputEncoding) : undefined;
  let delimiter: string | undefined;
  if (opts.delimiter !== undefined) delimiter = parseDelimiterOption(opts.delimiter);

  // Output paths, checked before anything is read or written.
  const cleanPath = opts.dryRun ? undefined : opts.out ?? defaultPath(opts, '.clean.csv');
  const reportPaths = opts.noReport ? [] : opts.reports?.length ? opts.reports : [defaultPath(opts, '.report.json')];
  const targets: [string, string][] = [];
  const cleanWhat = mode === 'purge' ? 'the purged file' : 'the cleaned file';
  if (cleanPath && cleanPath !== '-') targets.push([cleanPath, cleanWhat]);
  if (!opts.dryRun) for (const r of reportPaths) targets.push([r, 'the report']);
  if (opts.rejects && !opts.dryRun) targets.push([opts.rejects, 'the removed rows']);
  for (const e of opts.sidecars ?? []) if (!opts.dryRun) targets.push([e.path, e.what]);
  const seen = new Map<string, string>();
  for (const r of opts.readOnly ?? []) seen.set(realOrResolved(r.path), r.what);
  for (const [p, what] of targets) {
    assertNotInput(p, inputPath, what);
    const key = realOrResolved(p);
    if (seen.has(key)) throw new AuditError('E_OUTPUT_SAME_FILE', { what, other: seen.get(key)! }, { file: p });
    seen.set(key, what);
  }

  // Open the input.
  let totalBytes: number | undefined;
  let source: Readable;
  if (inputPath) {
    try {
      const st = await stat(inputPath);
      if (st.isDirectory()) throw new AuditError('E_INPUT_UNREADABLE', { detail: 'EISDIR' }, { file });
      totalBytes = st.size;
    } catch (e) {
      if (isAuditError(e)) throw e;
      throw new AuditError('E_INPUT_UNREADABLE', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file });
    }
    // 16 KiB chunks: each becomes one batch of rows. Larger ones measured slower and used more memory
    // (bench/run.mjs; 200k rows, no findings kept: 16 KiB 89 MB, 64 KiB 112 MB, 256 KiB 141 MB peak RSS):
    // a bigger batch of live rows outlives more young-generation collections, and a decoded chunk or
    // a stringified batch over 128 KB lands in V8's large-object space, which only a full GC frees.
    source = createReadStream(inputPath, { highWaterMark: 16 * 1024 });
  } else {
    if (!opts.stdin) throw usageError('noStdin');
    source = opts.stdin;
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  source.on('error', (e) => tap.destroy(new AuditError('E_INPUT_UNREADABLE', { detail: (e as NodeJS.ErrnoException).code ?? e.message }, { file })));
  source.pipe(tap);

  const open: AtomicFile[] = [];
  let reader: CsvReader | undefined;
  let spool: FindingSpool | undefined;
  // Before the header is read there is no reader yet: stop the input itself, or a scan of a silent
  // stdin would wait on through Ctrl+C.
  const onAbort = () => (reader ? reader.destroy(new AuditError('E_INTERRUPTED')) : tap.destroy(new AuditError('E_INTERRUPTED')));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted) throw new AuditError('E_INTERRUPTED');
    reader = await openCsv(tap, {
      encoding,
      delimiter,
      maxRecordSize: opts.config?.limits?.maxRecordSize,
      maxColumns: opts.config?.limits?.maxColumns,
      headerLine: opts.headerRow,
      preamble: PROFILE_PREAMBLES,
    });
    const dialect = reader.dialect;
    // The export profile: resolved once per file, from the header and the file name (issue 12).
    const choice = chooseProfile(reader.header, inputPath, opts.profile ?? opts.config?.profile);
    const profilePlan = choice ? planProfile(choice.profile, reader.header) : undefined;
    const engine = new AuditEngine(reader.header, {
      config: opts.config,
      map: opts.map,
      for: opts.for,
      asOf,
      electionDate,
      secondRoundDate,
      mode,
      showValues: opts.showValues,
      isSuppressed: opts.isSuppressed,
      profile: profilePlan,
      source: opts.source,
      dateOrder: opts.dateOrder ?? opts.config?.dateOrder,
      localeDateOrder: opts.localeDateOrder,
    });
    if (opts.spoolFindings) {
      try {
        spool = new FindingSpool();
      } catch {
        // No usable temp folder (a read-only container): the findings stay in memory, as without the
        // option — more memory on a file with many findings, the same reports.
      }
    }
    const collector = new ReportCollector<FindingSink>(lang, opts.findingsLimit ?? DEFAULT_FINDINGS_LIMIT, asOf, spool ?? []);

    const outEncoding = outputEncoding ?? dialect.encoding;
    const outBom = outputEncoding ? outputEncoding !== 'utf-8' && outputEncoding === dialect.encoding && dialect.bom : dialect.bom;
    const stringifyOptions = {
      delimiter: dialect.delimiter,
      record_delimiter: dialect.recordDelimiter,
      quoted: dialect.quoteAll,
      quoted_empty: dialect.quoteEmpty,
      // csv-stringify quotes a field holding the record delimiter only: with LF endings a lone CR (or
      // with CR endings an LF) would be written bare, and read back as a line break.
      // Two strings rather than /[\r\n]/: the same test, a third cheaper on every field (indexOf, no regex).
      quoted_match: ['\r', '\n'],
      eof: true,
    };
    const encodeClean = createEncoder(outEncoding, outBom);
    const encodeRejects = createEncoder(dialect.encoding, dialect.bom);

    // The cleaned file: to a temp file renamed at the end, or to stdout with '-o -'.
    let clean: AtomicFile | undefined;
    let cleanStdout: Writable | undefined;
    if (cleanPath === '-') cleanStdout = opts.stdout;
    else if (cleanPath) open.push((clean = await AtomicFile.open(cleanPath, cleanWhat)));
    let rejects: AtomicFile | undefined;
    if (opts.rejects && !opts.dryRun) open.push((rejects = await AtomicFile.open(opts.rejects, 'the removed rows')));

    const sidecars: { s: Sidecar; f?: AtomicFile }[] = [];
    for (const sc of opts.sidecars ?? []) {
      const f = opts.dryRun ? undefined : await AtomicFile.open(sc.path, sc.what);
      if (f) open.push(f);
      sidecars.push({ s: sc, f });
      const head = sc.start?.(reader.header, engine.mapping.mapping);
      if (head && f) await f.write(head);
    }

    const writeClean = async (text: string, first: boolean) => {
      const buf = encodeClean(text, first);
      if (clean) await clean.write(buf);
      else if (cleanStdout) await writeWaiting(cleanStdout, buf);
    };
    await writeClean(stringify([engine.outputHeader], stringifyOptions), true);
    if (rejects) await rejects.write(encodeRejects(stringify([reader.header], stringifyOptions), true));

    let sampled = false;
    for await (const batch of reader.records()) {
      if (opts.signal?.aborted) throw new AuditError('E_INTERRUPTED');
      if (!sampled) {
        // Date orders are decided on the first rows, before any row is read (issue 12).
        engine.sample(batch.map((r) => r.cells));
        sampled = true;
      }
      const keptRows: string[][] = [];
      const droppedRows: string[][] = [];
      const sideText: string[] = sidecars.map(() => '');
      for (const rec of batch) {
        const r = engine.processRow(rec.cells, rec.line);
        collector.add(r);
        for (let k = 0; k < sidecars.length; k++) {
          const text = sidecars[k].s.row(r, rec.cells);
          if (!text) continue;
          sideText[k] += text;
          // Written in pieces of at most ~32 KB: a purge log line is longer than the row it stands for, and
          // a batch's worth of them went over 128 KB, into V8's large-object space (+30 MB peak RSS).
          if (sideText[k].length >= SIDECAR_CHUNK) {
            if (sidecars[k].f) await sidecars[k].f!.write(sideText[k]);
            sideText[k] = '';
          }
        }
        if (r.output) keptRows.push(r.output);
        else if (rejects) droppedRows.push(rec.cells);
      }
      for (let k = 0; k < sidecars.length; k++) if (sideText[k] && sidecars[k].f) await sidecars[k].f!.write(sideText[k]);
      if (keptRows.length && (clean || cleanStdout)) await writeClean(stringify(keptRows, stringifyOptions), false);
      if (droppedRows.length && rejects) await rejects.write(encodeRejects(stringify(droppedRows, stringifyOptions), false));
      spool?.flush();
      opts.onProgress?.({ rows: collector.rowsIn, bytes, totalBytes });
    }
    if (opts.signal?.aborted) throw new AuditError('E_INTERRUPTED');

    const report: Report<FindingList> = {
      schemaVersion: 1,
      tool: { name: NAME, version: VERSION },
      command: mode,
      generatedAt: new Date(now()).toISOString(),
      asOf: formatDay(asOf),
      options: {
        for: [...engine.settings.for],
        electionDate: electionDate !== undefined ? formatDay(electionDate) : null,
        failOn: opts.failOn ?? 'error',
        lang,
        dryRun: !!opts.dryRun,
        retention: { ...engine.settings.retention },
      },
      input: {
        path: inputPath ? resolve(inputPath) : '-',
        sha256: hash.digest('hex'),
        encoding: dialect.encoding,
        bom: dialect.bom,
        delimiter: dialect.delimiter,
        rows: collector.rowsIn,
        columns: reader.header.length,
        mapping: engine.mapping.named as Record<string, string>,
        unmapped: engine.mapping.unmapped,
        ...inputProfileSection(engine, choice?.origin, reader.headerLine, lang),
      },
      output: {
        path: cleanPath === '-' ? '-' : cleanPath ? resolve(cleanPath) : null,
        rows: collector.kept,
        droppedRows: collector.dropped,
        scrubbedColumns: engine.removedColumns,
        encoding: outEncoding,
      },
      summary: {
        bySeverity: collector.bySeverity,
        byRule: collector.byRule,
        bySource: collector.bySource,
        byCategory: collector.byCategory,
        rowsWithFindings: collector.rowsWithFindings,
        remainingBySeverity: collector.remainingBySeverity,
        channelsChecked: engine.channelsChecked,
        lastContactAges: collector.lastContactAges(),
      },
      findings: collector.findings,
      truncated: collector.truncated,
    };
    if (opts.purge) report.purge = opts.purge();

    const written: ScanResult['written'] = { reports: [], extra: [] };
    if (!opts.dryRun) {
      const files: AtomicFile[] = [];
      for (const p of reportPaths) {
        const f = await AtomicFile.open(p, 'the report');
        open.push(f);
        files.push(f);
        await writeReport(f, p, report, lang);
      }
      for (const { s: sc, f } of sidecars) {
        const tail = sc.end?.();
        if (tail && f) await f.write(tail);
        if (f) written.extra.push(f.target);
      }
      // Everything is complete: make it visible, all at once.
      for (const f of open) await f.commit();
      if (clean) written.clean = clean.target;
      if (rejects) written.rejects = rejects.target;
      written.reports = files.map((f) => f.target);
    }
    return { report, written, dispose: () => spool?.dispose() };
  } catch (e) {
    spool?.dispose();
    for (const f of open) f.abort();
    reader?.destroy();
    source.destroy();
    if (opts.signal?.aborted) throw new AuditError('E_INTERRUPTED').at(file);
    if (isAuditError(e)) throw e.at(file);
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
