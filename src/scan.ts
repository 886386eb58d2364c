/**
 * scanFile / purgeFile: the whole pipeline over one input — read, audit, write the cleaned file and the
 * reports atomically. Pure with respect to the process: it never prints, exits or reads process.argv;
 * it reports progress through a callback and stops on an AbortSignal.
 */
import { openInputStream } from './read/input-stream.js';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { AuditError, abortError, isAuditError, usageError } from './errors.js';
import { openCsv, type CsvReader } from './read/reader.js';
import { createEncoder, unencodableFinder } from './read/encoding.js';
import { formatDay, type DateOrder } from './read/values.js';
import { normalizeOptions, resolveDate, type RunOptions } from './options.js';
import { chooseProfile, planProfile, PROFILES } from './exports.js';
import { inputProfileSection } from './report/profile.js';
import { AuditEngine, type EngineOptions, type Mode, type RowResult } from './engine.js';
import type { Mapping } from './mapping.js';
import type { ContactPlan } from './contact-columns.js';
import { ReportCollector, DEFAULT_FINDINGS_LIMIT, type Report, type PurgeSection } from './report/model.js';
import { FindingSpool, type FindingList, type FindingSink } from './report/findings.js';
import type { ReportFinding } from './report/model.js';
import { writeReport } from './report/index.js';
import { AtomicFile } from './write/atomic.js';
import { BatchPieces, type Piece } from './write/raw-rows.js';
import { InputHash, type HashThread } from './input-hash.js';
import { checkPlan, outputsOf, stemOf } from './plan.js';
import { writeWaiting } from './write/drain.js';
import { isWorkbookMagic, openWorkbook, sniffWorkbook } from './read/xlsx.js';
import { atHeaderRow, cleanSuffix, outputKinds, workbookOf, workbookWriter } from './write/xlsx-output.js';
import type { XlsxWriter } from './write/xlsx.js';
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
  /** `--sheet`: the workbook sheet to read, by name or 1-based position (issue #15). */
  sheet?: string;
  outputEncoding?: string;
  /** Delimiter of the cleaned file (`--output-delimiter`); default the input's. */
  outputDelimiter?: string;
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
  /** Largest input after decompression, in bytes (default 20 GB; see reader.ts). */
  maxInputBytes?: number;
  /** Whether a row's person is on a suppression list (`--suppress`): the row then carries an objection. */
  isSuppressed?: EngineOptions['isSuppressed'];
  /** Decides a row's fate instead of the rules (erasure on request, issue #13); sees the row as read. */
  adjustRow?: (r: RowResult, cells: string[]) => void;
  /**
   * Leave the outputs in their temp files and return `commit` (the CLI commits once what it prints on
   * stdout is flushed, so a failed stdout leaves nothing behind: issue #16).
   */
  deferCommit?: boolean;
  /** `--profile`: an export profile's name, or "none"; default config `profile`, else recognised. */
  profile?: string;
  /** `--source`: whole-file source; default config `source`. */
  source?: string;
  /** `--date-order`; default config `dateOrder`, else decided per column. */
  dateOrder?: DateOrder;
  /** The locale's date order, for columns nothing settles (the CLI reads it from the environment). */
  localeDateOrder?: DateOrder;
  /** `--header-row`: physical line of the header; default config `headerRow`. */
  headerRow?: number;
  /** What the cleaned file is called in messages ("the erased file"); default by mode. */
  outputWhat?: string;
  /** `out` is the input itself, renamed over it once complete (`erase --in-place`, issue #13). */
  inPlace?: boolean;
  /**
   * The options already normalised (`normalizeOptions`, src/options.ts): the fields it reads above
   * (dates, encodings, delimiters, sizes, channels, fail-on, header row, sheet, map, lang) are then not
   * read again. Without it scanFile normalises them itself, with the same errors.
   */
  options?: RunOptions;
}

/** Preamble markers of the export profiles (LinkedIn's "Notes:"), for the reader. */
const PROFILE_PREAMBLES: readonly RegExp[] = PROFILES.flatMap((p) => (p.preamble ? [p.preamble] : []));

/** Size, in characters, at which a sidecar's text is written out (see the batch loop). */
const SIDECAR_CHUNK = 32 * 1024;

export interface Sidecar {
  path: string;
  /** What it is, for error messages ("the purge log"). */
  what: string;
  /**
   * Text written first, given the input header, the column of each canonical field and the engine (its
   * plan's every contact column of each kind, `engine.plan.contact`, may still grow before the first row:
   * keep the reference, see engine.sample).
   */
  start?(header: string[], mapping: Mapping, engine: AuditEngine): string | undefined;
  /** Text to append for a row, if any. */
  row(r: RowResult, cells: string[]): string | undefined;
  /** Text written last. */
  end?(): string | undefined;
  /** A file the run reads, extends and renames (the suppression list): see PlannedOutput.extends. */
  extends?: boolean;
  /**
   * Given the sidecar's temp file once it is open (not on a dry run), before `start`: a sidecar that
   * writes the file itself (the purge log's worker thread) then returns nothing from start/row/end.
   */
  attach?(file: AtomicFile, inputBytes: number | undefined): void;
  /** Awaited after each batch of rows (a sidecar writing on another thread: its errors, its back-pressure). */
  afterBatch?(): Promise<void>;
  /** Awaited after `end`, before anything is committed: the file is complete once it resolves. */
  finish?(): Promise<void>;
  /** The run failed or was interrupted. */
  abort?(): void;
  /** A thread of the sidecar's that can hash the input for the report (asked once, after `start`). */
  hashThread?(): HashThread | undefined;
  /**
   * Set by `start` when the output extends an existing file (a purge or erasure log, issue #13): its
   * first `bytes` bytes are copied into the new file before `start`'s text, chunk by chunk.
   */
  copyFirst?: { path: string; bytes: number };
}

export interface ScanResult<F extends FindingList = ReportFinding[]> {
  report: Report<F>;
  /** Paths written (absent on dry run). */
  written: { clean?: string; reports: string[]; rejects?: string; extra: string[] };
  /** Removes the findings spool, if any (`spoolFindings`); `report.findings` is unreadable after. */
  dispose(): void;
  /** With `deferCommit`: renames the outputs into place (done already otherwise). */
  commit(): Promise<void>;
  /** With `deferCommit`: removes the outputs' temp files instead. */
  abort(): void;
  /** The options the scan ran with, normalised. */
  options: RunOptions;
}

export { stemOf };

/** Kept for callers of earlier versions: dates are read by src/options.ts. */
export { resolveDate };

/** A scan of one input, decided before anything is read: its options normalised, its outputs planned and checked. */
export interface ScanPlan {
  options: RunOptions;
  /** The input's path; undefined for standard input. */
  inputPath?: string;
  /** The input as messages name it (`<stdin>` for standard input). */
  file: string;
  mode: Mode;
  workbook?: 'xlsx';
  cleanPath?: string;
  reportPaths: string[];
  cleanWhat: string;
}

/** What the run phase leaves for the commit phase: the report, the paths written and the files still in their temp names. */
interface ScanRun {
  report: Report<FindingList>;
  written: ScanResult['written'];
  open: AtomicFile[];
  spool?: FindingSpool;
  /** Cleans up after a failure (the commit's too, when not deferred) and gives the error to throw. */
  fail(e: unknown): unknown;
}

/**
 * Scans one file. Throws AuditError (exit 2) on bad input, options or configuration. The report's
 * findings are an array, unless `spoolFindings` keeps them in a temp file (then call `dispose`).
 * Three phases: plan (options and output paths, nothing read), run (read, audit, write every output to
 * its temp file), commit (rename them into place, now or when the caller says).
 */
export async function scanFile(opts: ScanOptions & { spoolFindings?: false }): Promise<ScanResult>;
export async function scanFile(opts: ScanOptions): Promise<ScanResult<FindingList>>;
export async function scanFile(opts: ScanOptions): Promise<ScanResult<FindingList>> {
  const plan = planScan(opts);
  const run = await runScan(opts, plan);
  return commitScan(opts, plan, run);
}

/**
 * The plan phase: the options normalised (unless given so), the input's kind (a workbook is told by its
 * first bytes) and every output path checked — no output over the input or a `readOnly` file, no two
 * on one path, no special file — before anything is read or written.
 */
export function planScan(opts: ScanOptions): ScanPlan {
  const options = opts.options ?? normalizeOptions(opts);
  const inputPath = opts.input === '-' ? undefined : opts.input;
  const file = opts.input === '-' ? '<stdin>' : opts.input;
  const mode = opts.mode ?? 'scan';

  // A workbook is read by its own reader and cleaned into a workbook (issue #15; src/read/xlsx.ts).
  let workbook: 'xlsx' | undefined;
  try {
    workbook = inputPath ? sniffWorkbook(inputPath) : undefined;
  } catch (e) {
    throw isAuditError(e) ? e.at(file) : e;
  }
  // --sheet names a sheet of a workbook: given with a CSV input it is a mistake, said before anything is read.
  const sheet = options.sheet ?? opts.sheet;
  if (sheet !== undefined && !workbook) throw usageError('sheetNotWorkbook', { value: sheet, file });

  // Output paths, checked before anything is read or written (the CLI checks the whole run's plan
  // first; this is the same check for one input, for library callers).
  const planned = outputsOf({ ...opts, mode, workbook: !!workbook });
  const cleanWhat = opts.outputWhat ?? (mode === 'purge' ? 'the purged file' : 'the cleaned file');
  checkPlan({
    inputs: [...(inputPath ? [{ path: inputPath, what: 'the input' }] : []), ...(opts.readOnly ?? [])],
    outputs: planned.list,
  });
  return { options, inputPath, file, mode, workbook, cleanPath: planned.clean, reportPaths: planned.reports, cleanWhat };
}

/**
 * The run phase: reads the input, audits every row and writes every output to its temp file (the
 * reports last). On failure or interruption nothing is left behind.
 */
async function runScan(opts: ScanOptions, plan: ScanPlan): Promise<ScanRun> {
  const { options, inputPath, file, mode, workbook, cleanPath, reportPaths, cleanWhat } = plan;
  const { lang, asOf, electionDate, secondRoundDate, encoding, delimiter } = options;
  const { encoding: outputEncoding, bom: outputBom, delimiter: outputDelimiter } = options.output;

  const input = await openInput(opts, plan);
  const { source, tap, totalBytes, hash } = input;

  const open: AtomicFile[] = [];
  const sidecars: { s: Sidecar; f?: AtomicFile }[] = [];
  let reader: CsvReader | undefined;
  let spool: FindingSpool | undefined;
  const sheets: XlsxWriter[] = [];
  // Before the header is read there is no reader yet: stop the input itself, or a scan of a silent
  // stdin would wait on through Ctrl+C.
  const onAbort = () => (reader ? reader.destroy(abortError(opts.signal)) : tap.destroy(abortError(opts.signal)));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // A failed run (or commit) leaves nothing: every temp file removed, the input closed; returns the error to throw.
  const fail = (e: unknown): unknown => {
    spool?.dispose();
    for (const { s } of sidecars) s.abort?.();
    for (const w of sheets) w.abort();
    for (const f of open) f.abort();
    reader?.destroy();
    source.destroy();
    if (opts.signal?.aborted) return abortError(opts.signal).at(file);
    if (isAuditError(e) && e.code === 'E_INPUT_BINARY' && !inputPath && input.head && isWorkbookMagic(input.head)) {
      return new AuditError('E_WORKBOOK_STDIN', {}, { file, line: 1 });
    }
    if (isAuditError(e)) return atHeaderRow(e, reader).at(file);
    return e;
  };
  try {
    if (opts.signal?.aborted) throw abortError(opts.signal);
    const limits = { maxRecordSize: opts.config?.limits?.maxRecordSize, maxColumns: opts.config?.limits?.maxColumns };
    reader = workbook
      ? await openWorkbook(inputPath!, { ...limits, sheet: options.sheet, headerRow: options.headerRow, csvDelimiter: lang === 'fr' ? ';' : ',' })
      : await openCsv(tap, { encoding, delimiter, ...limits, maxInputBytes: options.maxInputBytes, maxInputBytesGiven: options.maxInputBytes !== undefined, headerLine: options.headerRow, preamble: PROFILE_PREAMBLES });
    const dialect = reader.dialect;
    // The export profile: resolved once per file, from the header and the file name (issue 12).
    const choice = chooseProfile(reader.header, inputPath, opts.profile ?? opts.config?.profile);
    const profilePlan = choice ? planProfile(choice.profile, reader.header) : undefined;
    const engine = new AuditEngine(reader.header, {
      config: opts.config,
      map: options.map,
      for: options.for,
      asOf,
      electionDate,
      secondRoundDate,
      mode,
      showValues: opts.showValues,
      isSuppressed: opts.isSuppressed,
      profile: profilePlan,
      source: opts.source,
      dateOrder: options.dateOrder,
      localeDateOrder: options.localeDateOrder,
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
    // UTF-16 is always written with its BOM: without it neither Excel nor a reader can tell it (SPEC §2).
    const outBom = outputBom || (outputEncoding ? outputEncoding.startsWith('utf-16') || (outputEncoding !== 'utf-8' && outputEncoding === dialect.encoding && dialect.bom) : dialect.bom);
    // An output encoding that lacks a character of the data is refused, not filled with "?" (issue 14).
    const unencodable = outputEncoding && outputEncoding !== dialect.encoding ? unencodableFinder(outputEncoding) : undefined;
    const stringifyOptions = {
      delimiter: outputDelimiter ?? dialect.delimiter,
      record_delimiter: dialect.recordDelimiter,
      quoted: dialect.quoteAll,
      quoted_empty: dialect.quoteEmpty,
      // csv-stringify quotes a field holding the record delimiter only: with LF endings a lone CR (or
      // with CR endings an LF) would be written bare, and read back as a line break.
      // Two strings rather than /[\r\n]/: the same test, a third cheaper on every field (indexOf, no regex).
      quoted_match: ['\r', '\n'],
      eof: true,
    };
    // The input's encoding can still change as it streams (ASCII so far, then Windows-1252 bytes): the
    // encoders follow it, so a Windows-1252 file stays Windows-1252 (issue #16). What was written
    // before the change was ASCII, the same bytes in both.
    // A field read unquoted with a quote inside (`Du"pont`) is written back bare, as it was (issue #16),
    // unless it needs quoting anyway. Set once the first such field is seen: no cost on other files.
    const keepStray = () => {
      if (!reader!.strayQuoted.size || 'cast' in stringifyOptions) return;
      const stray = reader!.strayQuoted;
      const delim = dialect.delimiter;
      (stringifyOptions as Record<string, unknown>).cast = {
        string: (v: string) => (stray.has(v) && v[0] !== '"' && v.indexOf(delim) === -1 && v.indexOf('\n') === -1 && v.indexOf('\r') === -1 ? { value: v, quote: '' } : v),
      };
    };
    keepStray();
    const encodeClean = outputEncoding ? createEncoder(outEncoding, outBom) : followingEncoder(dialect);
    const encodeRejects = followingEncoder(dialect);

    // The cleaned file: to a temp file renamed at the end, or to stdout with '-o -'.
    let clean: AtomicFile | undefined;
    let cleanStdout: Writable | undefined;
    if (cleanPath === '-') cleanStdout = opts.stdout;
    else if (cleanPath) open.push((clean = await AtomicFile.open(cleanPath, cleanWhat)));
    let rejects: AtomicFile | undefined;
    if (opts.rejects && !opts.dryRun) open.push((rejects = await AtomicFile.open(opts.rejects, 'the removed rows')));

    for (const sc of opts.sidecars ?? []) {
      const f = opts.dryRun ? undefined : await AtomicFile.open(sc.path, sc.what);
      if (f) open.push(f);
      sidecars.push({ s: sc, f });
      if (f) sc.attach?.(f, totalBytes);
      const head = sc.start?.(reader.header, engine.mapping.mapping, engine);
      if (f && sc.copyFirst) f.copyFrom(sc.copyFirst.path, sc.copyFirst.bytes);
      if (head && f) await f.write(head);
    }
    // The input's hash on a sidecar's thread, if one has it (a large purge's log thread), else here.
    hash.settle(sidecars.map(({ s }) => s.hashThread?.()).find((t) => t !== undefined));

    // A piece is text to encode, or copied input bytes (UTF-8 of the decoded text, issue #16): those go
    // out as they are to a UTF-8 output, else re-encoded like text (the encoding is read at each write:
    // it may change as the input streams). Only the input's last record can lack a line break: the
    // outputs end with one, like every row written anew.
    const bytesOrText = (piece: Piece, outputUtf8: boolean): Buffer | string => {
      if (typeof piece === 'string') return piece;
      const last = piece[piece.length - 1];
      const ended = !piece.length || last === 0x0a || last === 0x0d ? piece : Buffer.concat([piece, Buffer.from(dialect.recordDelimiter, 'utf8')]);
      return outputUtf8 ? ended : ended.toString('utf8');
    };
    const writeClean = async (piece: Piece, first: boolean) => {
      const out = bytesOrText(piece, (outputEncoding ?? dialect.encoding) === 'utf-8');
      const buf = typeof out === 'string' ? encodeClean(out, first) : out;
      if (clean) await clean.write(buf);
      else if (cleanStdout) await writeWaiting(cleanStdout, buf);
    };
    const writeRejects = async (piece: Piece, first: boolean) => {
      const out = bytesOrText(piece, dialect.encoding === 'utf-8');
      await rejects!.write(typeof out === 'string' ? encodeRejects(out, first) : out);
    };
    // `.xlsx` outputs are workbooks, whatever the input (src/write/xlsx-output.ts).
    const stem = opts.input === '-' ? 'stdin' : stemOf(opts.input);
    const cleanSheet = workbookWriter(cleanPath, clean, reader, stem, engine.outputHeader);
    const rejectsSheet = workbookWriter(opts.rejects, rejects, reader, stem, reader.header);
    for (const w of [cleanSheet, rejectsSheet]) if (w) sheets.push(w);
    if (unencodable && (clean || cleanStdout) && !cleanSheet) checkEncodable(unencodable, engine.outputHeader, engine.outputHeader, outputEncoding!, reader.headerLine);
    // Rows (and the header) are copied as the input had them where the output has the input's columns
    // and delimiter (issue #16); a workbook on either side has no bytes to copy.
    const sameDelimiter = outputDelimiter === undefined || outputDelimiter === dialect.delimiter;
    const rawOf = reader.raw && reader.headerRange && sameDelimiter ? reader.raw : undefined;
    const headerText = rawOf ? rawOf(...reader.headerRange!).toString('utf8') : undefined;
    const copyClean = !!rawOf && !cleanSheet && !engine.keepIndexes;
    const copyRejects = !!rawOf && !rejectsSheet;
    const toCsv = (rows: string[][]) => stringify(rows, stringifyOptions);
    const noBytes = () => Buffer.alloc(0);
    const keptPieces = new BatchPieces(rawOf ?? noBytes, toCsv);
    const droppedPieces = new BatchPieces(rawOf ?? noBytes, toCsv);
    const writesClean = !!(clean || cleanStdout) && !cleanSheet;
    if (!cleanSheet) await writeClean(copyClean ? headerText! : stringify([engine.outputHeader], stringifyOptions), true);
    if (rejects && !rejectsSheet) await writeRejects(copyRejects ? headerText! : stringify([reader.header], stringifyOptions), true);

    let sampled = false;
    for await (const batch of reader.records()) {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      // The batch's stray-quoted fields are known once it is parsed: before any row of it is written.
      keepStray();
      if (!sampled) {
        // Date orders and columns read by their values are decided on the first rows, before any row
        // is read (issue 12); the file-level findings follow, on the header line, before any row's.
        engine.sample(batch.map((r) => r.cells));
        for (const f of engine.fileFindings(reader.headerLine)) collector.addFileFinding(f);
        sampled = true;
      }
      // Workbook outputs take rows of cells; CSV outputs their pieces (copied bytes or new text).
      const keptRows: string[][] = [];
      const droppedRows: string[][] = [];
      const keptKinds: (Uint8Array | undefined)[] = [];
      const droppedKinds: (Uint8Array | undefined)[] = [];
      const sideText: string[] = sidecars.map(() => '');
      for (const rec of batch) {
        const r = engine.processRow(rec.cells, rec.line);
        opts.adjustRow?.(r, rec.cells);
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
        const kinds = (rec as { kinds?: Uint8Array }).kinds;
        if (r.output) {
          if (unencodable) checkEncodable(unencodable, r.output, engine.outputHeader, outputEncoding!, rec.line);
          if (cleanSheet) {
            keptRows.push(r.output);
            keptKinds.push(outputKinds(kinds, engine.keepIndexes));
          } else if (writesClean) {
            // Unchanged (the very cells read, nothing scrubbed): its bytes.
            if (copyClean && r.output === rec.cells && rec.start !== undefined) keptPieces.copy(rec.start, rec.end!);
            else keptPieces.row(r.output);
          }
        } else if (rejects) {
          if (rejectsSheet) {
            droppedRows.push(rec.cells);
            droppedKinds.push(kinds);
          } else if (copyRejects && rec.start !== undefined) droppedPieces.copy(rec.start, rec.end!);
          else droppedPieces.row(rec.cells);
        }
      }
      for (let k = 0; k < sidecars.length; k++) {
        if (sideText[k] && sidecars[k].f) await sidecars[k].f!.write(sideText[k]);
        await sidecars[k].s.afterBatch?.();
      }
      if (keptRows.length && cleanSheet) await cleanSheet.write(keptRows, keptKinds);
      for (const piece of keptPieces.take()) await writeClean(piece, false);
      if (droppedRows.length && rejectsSheet) await rejectsSheet.write(droppedRows, droppedKinds);
      for (const piece of droppedPieces.take()) await writeRejects(piece, false);
      spool?.flush();
      opts.onProgress?.({ rows: collector.rowsIn, bytes: input.bytes, totalBytes });
    }
    if (opts.signal?.aborted) throw abortError(opts.signal);
    // Cells past a workbook's header: kept out of the rows, said once for the file (issue #15 audit).
    const beyond = workbookOf(reader)?.beyondHeader();
    if (beyond) engine.notices.push({ id: 'notice.cellsBeyondHeader', params: beyond });
    // A file with no row: its header alone still says what is not understood.
    for (const f of engine.fileFindings(reader.headerLine)) collector.addFileFinding(f);
    spool?.flush();

    const sha256 = workbookOf(reader)?.sha256 ?? (await hash.digest());
    const report = reportOf(opts, plan, { reader, engine, collector, sha256, choice });
    if (opts.purge) report.purge = opts.purge();

    const written: ScanResult['written'] = { reports: [], extra: [] };
    // The reports, a dry run's too (they are what it is for); the rest only when not a dry run.
    const files: AtomicFile[] = [];
    for (const p of reportPaths) {
      const f = await AtomicFile.open(p, 'the report');
      open.push(f);
      files.push(f);
      await writeReport(f, p, report, lang);
    }
    written.reports = files.map((f) => f.target);
    if (!opts.dryRun) {
      for (const { s: sc, f } of sidecars) {
        const tail = sc.end?.();
        if (tail && f) await f.write(tail);
        if (f) await sc.finish?.();
        if (f) written.extra.push(f.target);
      }
      // A workbook's zip is finished into its temp file before anything is committed.
      for (const w of sheets) await w.finish();
      if (clean) written.clean = clean.target;
      if (rejects) written.rejects = rejects.target;
    }
    return { report, written, open, spool, fail };
  } catch (e) {
    throw fail(e);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** The input, opened: its bytes go through a tap that hashes and counts them. */
interface OpenedInput {
  source: Readable;
  tap: Transform;
  /** The file's size (not standard input's). */
  totalBytes?: number;
  hash: InputHash;
  /** Bytes read so far. */
  bytes: number;
  /** The first bytes of standard input: a workbook piped in is told apart from a binary file. */
  head?: Buffer;
}

/** Opens the input (a file, or standard input), checked readable; a workbook is read by its own reader. */
async function openInput(opts: ScanOptions, plan: ScanPlan): Promise<OpenedInput> {
  const { inputPath, file, workbook } = plan;
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
    // Read 64 KiB at a time, parsed 16 KiB at a time (FEED_BYTES: one batch of rows each). Bigger
    // batches measured slower and used more memory (bench/run.mjs; 200k rows, no findings kept: 16 KiB
    // 89 MB, 64 KiB 112 MB, 256 KiB 141 MB peak RSS): a bigger batch of live rows outlives more
    // young-generation collections. The reads themselves are better larger: at 16 KiB, a purge of the
    // bench file waited about 5% of its time for them (issue #13); at 256 KiB it held 15 MB more.
    source = workbook ? Readable.from([]) : openInputStream(inputPath, { highWaterMark: 64 * 1024 });
  } else {
    if (!opts.stdin) throw usageError('noStdin');
    source = opts.stdin;
  }
  const hash = new InputHash();
  const input: Omit<OpenedInput, 'tap'> = { source, totalBytes, hash, bytes: 0 };
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      if (!input.head || input.head.length < 8) input.head = Buffer.concat([input.head ?? Buffer.alloc(0), chunk.subarray(0, 8)]);
      hash.update(chunk);
      input.bytes += chunk.length;
      cb(null, chunk);
    },
  });
  source.on('error', (e) => tap.destroy(new AuditError('E_INPUT_UNREADABLE', { detail: (e as NodeJS.ErrnoException).code ?? e.message }, { file })));
  source.pipe(tap);
  return Object.assign(input, { tap });
}

/** The report of one input, once every row is read. */
function reportOf(
  opts: ScanOptions,
  plan: ScanPlan,
  { reader, engine, collector, sha256, choice }: { reader: CsvReader; engine: AuditEngine; collector: ReportCollector<FindingSink>; sha256: string; choice: ReturnType<typeof chooseProfile> },
): Report<FindingList> {
  const { options, inputPath, mode, cleanPath } = plan;
  const { lang, asOf, electionDate } = options;
  const outputEncoding = options.output.encoding;
  const dialect = reader.dialect;
  const now = opts.now ?? Date.now;
  return {
    schemaVersion: 2,
    tool: { name: NAME, version: VERSION },
    command: mode,
    generatedAt: new Date(now()).toISOString(),
    asOf: formatDay(asOf),
    options: {
      for: [...engine.settings.for],
      electionDate: electionDate !== undefined ? formatDay(electionDate) : null,
      failOn: options.failOn,
      lang,
      dryRun: !!opts.dryRun,
      retention: { ...engine.settings.retention },
    },
    input: {
      path: inputPath ? resolve(inputPath) : '-',
      sha256,
      encoding: dialect.encoding,
      bom: dialect.bom,
      delimiter: dialect.delimiter,
      rows: collector.rowsIn,
      columns: reader.header.length,
      mapping: engine.mapping.named as Record<string, string>,
      unmapped: engine.mapping.unmapped,
      ...(workbookOf(reader) ? { workbook: workbookOf(reader)!.workbook } : {}),
      ...inputProfileSection(engine, choice?.origin, reader.headerLine, lang),
    },
    output: {
      path: cleanPath === '-' ? '-' : cleanPath ? resolve(cleanPath) : null,
      rows: collector.kept,
      droppedRows: collector.dropped,
      scrubbedColumns: engine.removedColumns,
      encoding: outputEncoding ?? dialect.encoding,
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
    rules: collector.rules(),
    findings: collector.findings,
    truncated: collector.truncated,
  };
}

/**
 * The commit phase: every output is complete in its temp file; rename them all into place now, or,
 * with `deferCommit`, when the caller says (the CLI, once stdout is flushed: issue #16).
 */
async function commitScan(opts: ScanOptions, plan: ScanPlan, run: ScanRun): Promise<ScanResult<FindingList>> {
  const { file, options } = plan;
  const { report, written, open, spool, fail } = run;
  // Everything is complete: make it visible, all at once.
  const commit = async () => {
    try {
      for (const f of open) await f.commit();
    } catch (e) {
      for (const f of open) f.abort();
      throw isAuditError(e) ? e.at(file) : e;
    }
  };
  const abort = () => {
    for (const f of open) f.abort();
  };
  if (!opts.deferCommit) {
    try {
      await commit();
    } catch (e) {
      throw fail(e);
    }
  }
  // Complete: closed now, renamed when the caller commits (no descriptor held meanwhile).
  else for (const f of open) f.seal();
  return { report, written, options, dispose: () => spool?.dispose(), commit: opts.deferCommit ? commit : async () => {}, abort: opts.deferCommit ? abort : () => {} };
}

/** Throws E_OUTPUT_UNENCODABLE, naming the line, the column and the character, for a cell the output encoding cannot hold. */
function checkEncodable(find: (text: string) => string | undefined, row: readonly string[], header: readonly string[], encoding: string, line: number): void {
  for (let c = 0; c < row.length; c++) {
    const ch = find(row[c]);
    if (ch === undefined) continue;
    const codepoint = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new AuditError('E_OUTPUT_UNENCODABLE', { encoding, char: ch, codepoint, column: header[c] ?? String(c + 1) }, { line });
  }
}

/** An encoder in the input's current encoding (see Decoder's 'encoding-changed'). */
function followingEncoder(dialect: { encoding: string; bom: boolean }): (text: string, first: boolean) => Buffer | string {
  let encoding = dialect.encoding;
  let encode = createEncoder(encoding, dialect.bom);
  return (text, first) => {
    if (dialect.encoding !== encoding) encode = createEncoder((encoding = dialect.encoding), dialect.bom);
    return encode(text, first);
  };
}
