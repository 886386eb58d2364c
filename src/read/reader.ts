/**
 * The reader: bytes (file, gzip or stdin) → decoded text → sniffed dialect → csv-parse records, each
 * with the physical line where it starts (SPEC §7 `line`). A thin wrapper: the decisions live in
 * encoding.ts and dialect.ts, the parsing in csv-parse.
 */
import { createGunzip } from 'node:zlib';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { Parser, CsvError } from 'csv-parse';
import { AuditError } from '../errors.js';
import { Decoder } from './encoding.js';
import { sniffDialect } from './dialect.js';
import type { Dialect } from '../types.js';

export interface ReaderOptions {
  encoding?: string;
  delimiter?: string;
  /** Largest record, in characters (SPEC §9 limits). */
  maxRecordSize?: number;
  maxColumns?: number;
  sampleChars?: number;
  /** Largest input after decompression, in bytes (issue #16: a gzip bomb must not fill the disk). */
  maxInputBytes?: number;
  /** Whether maxInputBytes was chosen by the user: then the gzip ratio check is theirs too. */
  maxInputBytesGiven?: boolean;
  /** Decompressed bytes before the gzip ratio is checked (tests lower it). */
  gzipRatioFloor?: number;
  /** Physical line of the header (`--header-row`): records starting before it are skipped. */
  headerLine?: number;
  /**
   * Preamble markers (LinkedIn's "Notes:"): a first record of one cell matching one starts a preamble,
   * skipped up to the first record of more than one cell, the header.
   */
  preamble?: readonly RegExp[];
}

/** Default `--max-input-bytes`: 20 GB, ten times the largest file SPEC §8 measures. */
export const DEFAULT_MAX_INPUT_BYTES = 20 * 1000 ** 3;
/** A gzip stream inflating more than this many times, past GZIP_RATIO_FLOOR bytes, is refused (real CSV: 5–20×). */
export const GZIP_MAX_RATIO = 200;
const GZIP_RATIO_FLOOR = 256 * 1024 * 1024;

export const DEFAULT_MAX_RECORD_SIZE = 16 * 1024 * 1024;
export const DEFAULT_MAX_COLUMNS = 20000;
/**
 * Bytes parsed at a time: the rows of one piece are one batch. The input is read in larger chunks
 * (fewer reads, each a round trip through libuv's thread pool: about 5% of a purge's time at 16 KiB,
 * issue #13) and parsed in pieces this size, so a batch holds as few live rows as before (SPEC §8).
 */
export const FEED_BYTES = 16 * 1024;

export interface CsvRecord {
  cells: string[];
  line: number;
  /**
   * Where the record's bytes are in the text as parsed (UTF-8 of the decoded input): from its first
   * character (blank lines and rows of empty cells before it left out) to the end of its own line
   * break. Read back with `CsvReader.raw` (issue #16: a kept row is copied as it was, quotes and all).
   */
  start?: number;
  end?: number;
}

export interface CsvReader {
  dialect: Dialect;
  header: string[];
  /** Physical line of the header (1 unless a preamble or `headerLine` came before it). */
  headerLine: number;
  /** Data records in order. Empty lines and rows whose cells are all empty are skipped. */
  records(): AsyncGenerator<CsvRecord[]>;
  /** Stops reading (e.g. on interruption). */
  destroy(err?: Error): void;
  /**
   * Values read from an unquoted field holding a quote (`Du"pont`, kept by relax_quotes), so the
   * cleaned file writes them back bare, as they were, not as `"Du""pont"` (issue #16). Bounded.
   */
  strayQuoted: Set<string>;
  /**
   * The bytes (UTF-8 of the decoded text) from `start` to `end` of the records of the batch last
   * yielded (and of the header, until records are read), or undefined for a reader that has none (a workbook).
   */
  raw?(start: number, end: number): Buffer;
  /** Where the header's bytes are, for `raw`. */
  headerRange?: [number, number];
}

/** More distinct stray-quoted values than this are rewritten quoted (still read back the same). */
const STRAY_QUOTED_LIMIT = 10_000;

/**
 * csv-parse's stream parser, its records handed to `sink` as they are parsed, with the live line count
 * (`info.lines`, a public property). The `info: true` option would copy the whole info object for
 * every record, and reading records through the stream would cost a promise each: together they made
 * the reader take twice as long as csv-parse itself (npm run bench).
 */
class RecordParser extends Parser {
  sink: (record: string[], lines: number, bytes: number) => void = () => undefined;

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    // `info.bytes`: where the record ends, its line break included (csv-parse sets it before pushing).
    this.sink(chunk as string[], this.info.lines, this.info.bytes);
    return true;
  }
}

/**
 * The text fed to the parser, as the Buffers csv-parse works on, kept from the first record of the
 * batch being handed out: a record's bytes are then a slice (no copy, unless it spans two chunks).
 */
class RawText {
  private chunks: Buffer[] = [];
  /** Byte offset of chunks[0]. */
  private base = 0;
  private size = 0;

  add(buf: Buffer): void {
    this.chunks.push(buf);
    this.size += buf.length;
  }

  /** Forgets the chunks wholly before `offset`. */
  dropBefore(offset: number): void {
    while (this.chunks.length > 1 && this.base + this.chunks[0].length <= offset) {
      this.base += this.chunks[0].length;
      this.size -= this.chunks[0].length;
      this.chunks.shift();
    }
  }

  /** Whether the byte at `offset` (kept) is a CR or an LF. */
  isLineBreak(offset: number): boolean {
    let at = offset - this.base;
    for (const c of this.chunks) {
      if (at < c.length) return c[at] === 0x0a || c[at] === 0x0d;
      at -= c.length;
    }
    return false;
  }

  slice(start: number, end: number): Buffer {
    if (start < this.base || end > this.base + this.size) throw new Error(`raw bytes ${start}-${end} no longer kept`);
    let offset = this.base;
    const parts: Buffer[] = [];
    for (const c of this.chunks) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, c.length);
      if (from < to) parts.push(from === 0 && to === c.length ? c : c.subarray(from, to));
      offset += c.length;
      if (offset >= end) break;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Unzips transparently when the stream starts with the gzip magic number (SPEC §2 `.csv.gz`). */
function maybeGunzip(input: Readable, limit: number, ratioCheck: boolean, floor = GZIP_RATIO_FLOOR): Readable {
  let inflated = 0;
  let compressed = 0;
  let gzipped = false;
  const tooLarge = (ratio: boolean) => (ratio ? new AuditError('E_GZIP_RATIO', { ratio: GZIP_MAX_RATIO }) : new AuditError('E_INPUT_TOO_LARGE', { limit }));
  // Counts what comes out (decompressed or plain): the limit holds for both.
  const out = new Transform({
    transform(chunk: Buffer, _e, cb) {
      inflated += chunk.length;
      if (inflated > limit) return cb(tooLarge(false));
      if (gzipped && ratioCheck && inflated > floor && inflated > compressed * GZIP_MAX_RATIO) return cb(tooLarge(true));
      cb(null, chunk);
    },
  });
  input.on('data', (chunk: Buffer) => (compressed += chunk.length));
  let decided = false;
  let head: Buffer = Buffer.alloc(0);
  const decide = (gz: boolean) => {
    decided = true;
    gzipped = gz;
    input.removeListener('data', onData);
    input.removeListener('end', onEnd);
    const target = gz ? createGunzip() : out;
    if (gz) {
      // zlib's words are English: its code is kept (Z_BUF_ERROR: cut short; Z_DATA_ERROR: damaged), worded by the catalogue.
      target.on('error', (e: NodeJS.ErrnoException) => out.destroy(new AuditError('E_GZIP', { code: e.code ?? 'Z_ERROR' })));
      target.pipe(out);
    }
    if (head.length) target.write(head);
    input.on('error', (e) => out.destroy(e));
    input.pipe(target);
    input.resume();
  };
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    if (head.length >= 2) {
      input.pause();
      decide(head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]);
    }
  };
  const onEnd = () => {
    if (!decided) {
      decided = true;
      if (head.length) out.write(head);
      out.end();
    }
  };
  input.on('data', onData);
  input.on('end', onEnd);
  input.on('error', (e) => { if (!decided) out.destroy(e); });
  return out;
}

function lineBreaks(s: string): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 13) {
      breaks++;
      if (s.charCodeAt(i + 1) === 10) { crlf++; i++; }
    } else if (c === 10) breaks++;
  }
  return { breaks, crlf };
}

function csvError(e: unknown, fallbackLine: number, lead = 0): AuditError {
  if (e instanceof AuditError) return e;
  if (e instanceof CsvError) {
    const err = e as CsvError & { lines?: number };
    if (err.lines !== undefined) err.lines += lead;
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      return new AuditError('E_FIELD_TOO_LARGE', { limit: 0 }, { line: err.lines ?? fallbackLine });
    }
    // csv-parse's words are English: its code is kept and worded by the catalogue (`csv.<code>`).
    const detail = err.message.replace(/^[^:]*:\s*/, '').replace(/ at line \d+.*$/, '').replace(/\.$/, '');
    return new AuditError('E_CSV_SYNTAX', { code: err.code, detail: `${err.code}: ${detail}` }, { line: err.lines ?? fallbackLine });
  }
  const ne = e as NodeJS.ErrnoException;
  return new AuditError('E_INPUT_UNREADABLE', { detail: ne?.code ?? ne?.message ?? String(e) });
}

/** Opens a CSV byte stream: detects encoding and dialect, reads the header. */
export async function openCsv(input: Readable, opts: ReaderOptions = {}): Promise<CsvReader> {
  const maxRecordSize = opts.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const maxColumns = opts.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const decoder = new Decoder({ encoding: opts.encoding });
  const bytes = maybeGunzip(input, opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES, !opts.maxInputBytesGiven, opts.gzipRatioFloor);
  bytes.on('error', (e) => decoder.destroy(e));
  bytes.pipe(decoder);
  // UTF-8 comes as checked bytes, other encodings as text (Decoder).
  const text = decoder[Symbol.asyncIterator]() as AsyncIterator<string | Buffer>;

  // Sample enough text to sniff the dialect: 64 KiB or the whole file.
  const sampleChars = opts.sampleChars ?? 64 * 1024;
  let sample = '';
  let ended = false;
  // Blank lines before the header are counted and dropped as they come (issue #16: 64 KiB of them
  // made the sample blank, read as "the file is empty"); line numbers add them back.
  let lead = 0;
  let leadDone = false;
  try {
    while (sample.length < sampleChars) {
      const r = await text.next();
      if (r.done) { ended = true; break; }
      sample += typeof r.value === 'string' ? r.value : r.value.toString('utf8');
      if (!leadDone) {
        const blank = /^\s*/.exec(sample)![0];
        const all = blank.length === sample.length;
        // Up to the last line break of the blank start, keeping a final CR whose LF may come next.
        let cut = Math.max(blank.lastIndexOf('\n'), blank.lastIndexOf('\r')) + 1;
        if (all && cut > 0 && blank[cut - 1] === '\r') cut--;
        if (cut > 0) {
          lead += lineBreaks(sample.slice(0, cut)).breaks;
          sample = sample.slice(cut);
        }
        leadDone = !all;
      }
    }
  } catch (e) {
    throw csvError(e, 1 + lead);
  }
  if (sample.trim() === '') throw new AuditError('E_INPUT_EMPTY', {}, { line: 1 });
  const enc = decoder.info!;
  const sniff = sniffDialect(sample, ended, opts.delimiter);

  const parser = new RecordParser({
    delimiter: sniff.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: maxRecordSize,
  });

  // Records are collected here as csv-parse finds them, synchronously inside `parser.write`, and handed
  // out in one batch per chunk of text: no promise, info copy or stream buffer per record.
  let parsed: CsvRecord[] = [];
  let header: string[] | undefined;
  let failure: unknown;
  let prevLines = 0;
  let crlfCumulative = 0;
  let lastLine = 1;
  let headerLine = 1;
  let inPreamble = false;
  const rawText = new RawText();
  // Where the previous record (or line skipped before the header) ended: the next one starts there.
  let prevEnd = 0;
  let headerRange: [number, number] | undefined;
  parser.on('error', (e) => { failure ??= e; });
  parser.sink = (record, lines, bytes) => {
    if (failure !== undefined) return;
    // Blank lines skipped before the record are not its bytes: a cleaned file has none.
    let start = prevEnd;
    while (start < bytes && rawText.isLineBreak(start)) start++;
    // `lines` is csv-parse's count at the record's last line. It moved by more than one line since
    // the previous record only when this record holds line breaks (or blank lines were skipped): only
    // then are its fields scanned. csv-parse counts "\r\n" inside a quoted field as two lines; correct
    // it, then walk back over the record's own line breaks to its first line.
    let line = lines - crlfCumulative + lead;
    if (lines - prevLines > 1) {
      for (let k = 0; k < record.length; k++) {
        const f = record[k];
        if (f.indexOf('\n') !== -1 || f.indexOf('\r') !== -1) {
          const lb = lineBreaks(f);
          line -= lb.breaks + lb.crlf;
          crlfCumulative += lb.crlf;
        }
      }
    }
    prevLines = lines;
    if (header === undefined) {
      // Lines before the header (not copied to the outputs): they end where the header starts.
      prevEnd = bytes;
      // Lines before the header: a forced header line, or a tool's preamble (issue 12).
      if (opts.headerLine !== undefined && line < opts.headerLine) return;
      // A row of empty cells above the header (";;;;" a spreadsheet leaves) is no header.
      if (opts.headerLine === undefined && record.every((c) => c.trim() === '')) return;
      if (inPreamble && record.length <= 1) return;
      if (!inPreamble && opts.headerLine === undefined && record.length === 1 && opts.preamble?.some((r) => r.test(record[0].trim()))) {
        inPreamble = true;
        return;
      }
      header = record;
      headerLine = line;
      headerRange = [start, bytes];
      if (record.length > maxColumns) failure = new AuditError('E_TOO_MANY_COLUMNS', { count: record.length, limit: maxColumns }, { line: 1 + lead });
      return;
    }
    lastLine = line;
    if (record.length > maxColumns) {
      failure = new AuditError('E_TOO_MANY_COLUMNS', { count: record.length, limit: maxColumns }, { line });
      return;
    }
    // A row of empty cells (";;;;" that spreadsheets leave) holds no data: skipped like an empty line,
    // its bytes copied nowhere.
    prevEnd = bytes;
    for (let k = 0; k < record.length; k++) {
      if (record[k] !== '') {
        parsed.push({ cells: record, line, start, end: bytes });
        return;
      }
    }
  };

  // Unquoted fields holding a quote: csv-parse's field hook, wrapped (its state says whether the field
  // was quoted only until the field is pushed).
  const strayQuoted = new Set<string>();
  const api = (parser as unknown as { api: { __onField: () => unknown; state: { wasQuoting: boolean; record: string[] } } }).api;
  const onField = api.__onField;
  api.__onField = function (this: typeof api) {
    const quoted = this.state.wasQuoting;
    const err = onField.call(this);
    if (!quoted) {
      const rec = this.state.record;
      const f = rec[rec.length - 1];
      if (f !== undefined && f.indexOf('"') !== -1 && strayQuoted.size < STRAY_QUOTED_LIMIT) strayQuoted.add(f);
    }
    return err;
  };

  // The record being parsed, in csv-parse's state (public as `parser.state`, untyped).
  const open = (parser as unknown as { state: { record: string[] } }).state;
  /** Line where the row being parsed starts (blank lines skipped just before it aside). */
  const rowStart = () => (header === undefined ? 1 + lead : prevLines - crlfCumulative + 1 + lead);

  /** Parses one piece of text (or the end), throwing what csv-parse or the record checks found. */
  const feed = (chunk: string | Buffer | null): void => {
    if (chunk === null) parser.end();
    else {
      // The Buffer csv-parse would make of a string anyway, kept for the records' bytes.
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      rawText.add(buf);
      parser.write(buf);
    }
    const err = failure ?? parser.errored;
    if (err instanceof CsvError && err.code === 'CSV_MAX_RECORD_SIZE') {
      throw (failure = new AuditError('E_FIELD_TOO_LARGE', { limit: maxRecordSize }, { line: rowStart() }));
    }
    if (err) throw err;
    // Empty fields do not count towards max_record_size: without this check, a row of delimiters with
    // no end would grow csv-parse's record until the process runs out of memory. A row is checked
    // when complete (exact count); one still open and twice over the limit is a runaway row.
    if (open.record.length > 2 * maxColumns) {
      // The row is not complete: its count so far is a lower bound (issue #16: it was shown as the count).
      throw (failure = new AuditError('E_TOO_MANY_COLUMNS_SO_FAR', { count: open.record.length, limit: maxColumns }, { line: rowStart() }));
    }
  };

  try {
    feed(sample);
    sample = '';
    // A header longer than the sample: read on until it is complete.
    while (header === undefined) {
      if (ended) {
        feed(null);
        break;
      }
      const r = await text.next();
      if (r.done) ended = true;
      else feed(r.value);
    }
  } catch (e) {
    parser.destroy();
    throw csvError(e, 1 + lead, lead);
  }
  if (header === undefined) throw new AuditError('E_INPUT_EMPTY', {}, { line: 1 });
  if (ended && !parser.writableEnded) {
    try {
      feed(null);
    } catch (e) {
      // Reported by records(), after the rows before it, as it is for a longer file.
      failure ??= e;
    }
  }

  const dialect: Dialect = {
    encoding: enc.encoding,
    bom: enc.bom,
    delimiter: sniff.delimiter,
    recordDelimiter: sniff.recordDelimiter,
    quoteAll: sniff.quoteAll,
    quoteEmpty: sniff.quoteEmpty,
  };
  decoder.on('encoding-changed', (info: { encoding: string }) => { dialect.encoding = info.encoding; });

  async function* records(): AsyncGenerator<CsvRecord[]> {
    // What is left of the chunk being parsed, FEED_BYTES at a time.
    let rest: Buffer | undefined;
    try {
      for (;;) {
        if (parsed.length) {
          const batch = parsed;
          parsed = [];
          // The previous batch's bytes are no longer needed (nor the header's, once rows are read).
          rawText.dropBefore(batch[0].start!);
          yield batch;
        }
        if (failure !== undefined) throw failure;
        if (parser.writableEnded) break;
        if (!rest) {
          const r = await text.next();
          if (!r.done) rest = typeof r.value === 'string' ? Buffer.from(r.value, 'utf8') : r.value;
        }
        if (!rest) feed(null);
        else {
          const piece = rest;
          rest = piece.length > FEED_BYTES ? piece.subarray(FEED_BYTES) : undefined;
          feed(rest ? piece.subarray(0, FEED_BYTES) : piece);
        }
        // Nothing to hand out yet (rows of empty cells, a long quoted field): the bytes before where
        // the next record starts are no longer needed, so skipped rows are not held (SPEC §8).
        if (!parsed.length) rawText.dropBefore(prevEnd);
      }
    } catch (e) {
      const err = csvError(e, lastLine + 1, lead);
      if (err.code === 'E_FIELD_TOO_LARGE') throw new AuditError('E_FIELD_TOO_LARGE', { limit: maxRecordSize }, { line: err.line });
      throw err;
    }
  }

  return {
    dialect,
    records,
    header,
    strayQuoted,
    headerLine,
    raw: (start, end) => rawText.slice(start, end),
    headerRange,
    destroy: (err?: Error) => {
      input.destroy();
      parser.destroy();
      decoder.destroy(err);
    },
  };
}
