/**
 * The reader: bytes (file, gzip or stdin) → decoded text → sniffed dialect → csv-parse records, each
 * with the physical line where it starts (SPEC §7 `line`). A thin wrapper: the decisions live in
 * encoding.ts and dialect.ts, the parsing in csv-parse.
 */
import { createGunzip } from 'node:zlib';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
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
}

export const DEFAULT_MAX_RECORD_SIZE = 16 * 1024 * 1024;
export const DEFAULT_MAX_COLUMNS = 20000;

export interface CsvRecord {
  cells: string[];
  line: number;
}

export interface CsvReader {
  dialect: Dialect;
  header: string[];
  /** Data records in order. Empty lines and rows whose cells are all empty are skipped. */
  records(): AsyncGenerator<CsvRecord[]>;
  /** Stops reading (e.g. on interruption). */
  destroy(err?: Error): void;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Unzips transparently when the stream starts with the gzip magic number (SPEC §2 `.csv.gz`). */
function maybeGunzip(input: Readable): Readable {
  const out = new PassThrough();
  let decided = false;
  let head: Buffer = Buffer.alloc(0);
  const decide = (gz: boolean) => {
    decided = true;
    input.removeListener('data', onData);
    input.removeListener('end', onEnd);
    const target = gz ? createGunzip() : out;
    if (gz) {
      target.on('error', (e) => out.destroy(new AuditError('E_INPUT_UNREADABLE', { detail: `gzip: ${e.message}` })));
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

function csvError(e: unknown, fallbackLine: number): AuditError {
  if (e instanceof AuditError) return e;
  if (e instanceof CsvError) {
    const err = e as CsvError & { lines?: number };
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      return new AuditError('E_FIELD_TOO_LARGE', { limit: 0 }, { line: err.lines ?? fallbackLine });
    }
    const detail = err.message.replace(/^[^:]*:\s*/, '').replace(/ at line \d+.*$/, '').replace(/\.$/, '');
    return new AuditError('E_CSV_SYNTAX', { detail: `${err.code}: ${detail}` }, { line: err.lines ?? fallbackLine });
  }
  const ne = e as NodeJS.ErrnoException;
  return new AuditError('E_INPUT_UNREADABLE', { detail: ne?.code ?? ne?.message ?? String(e) });
}

/** Opens a CSV byte stream: detects encoding and dialect, reads the header. */
export async function openCsv(input: Readable, opts: ReaderOptions = {}): Promise<CsvReader> {
  const maxRecordSize = opts.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const maxColumns = opts.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const decoder = new Decoder({ encoding: opts.encoding });
  const bytes = maybeGunzip(input);
  bytes.on('error', (e) => decoder.destroy(e));
  bytes.pipe(decoder);
  const text = decoder[Symbol.asyncIterator]() as AsyncIterator<string>;

  // Sample enough text to sniff the dialect: 64 KiB or the whole file.
  const sampleChars = opts.sampleChars ?? 64 * 1024;
  let sample = '';
  let ended = false;
  try {
    while (sample.length < sampleChars) {
      const r = await text.next();
      if (r.done) { ended = true; break; }
      sample += r.value;
    }
  } catch (e) {
    throw csvError(e, 1);
  }
  if (sample.trim() === '') throw new AuditError('E_INPUT_EMPTY', {}, { line: 1 });
  const enc = decoder.info!;
  const sniff = sniffDialect(sample, ended, opts.delimiter);

  const parser = parse({
    delimiter: sniff.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: maxRecordSize,
  });

  // Feed the parser: the sample, then the rest, with back-pressure.
  const feed = async () => {
    if (!parser.write(sample)) await once(parser, 'drain');
    sample = '';
    if (!ended) {
      for (;;) {
        const r = await text.next();
        if (r.done) break;
        if (!parser.write(r.value)) await once(parser, 'drain');
      }
    }
    parser.end();
  };
  feed().catch((e) => parser.destroy(e));

  const it = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  let crlfCumulative = 0;
  let lastLine = 1;
  const lineOf = (record: string[], lines: number): number => {
    // csv-parse counts "\r\n" inside a quoted field as two lines; correct it, then walk back over the
    // record's own line breaks to its first line.
    let breaks = 0;
    for (let k = 0; k < record.length; k++) {
      const f = record[k];
      if (f.indexOf('\n') !== -1 || f.indexOf('\r') !== -1) {
        const lb = lineBreaks(f);
        breaks += lb.breaks;
        crlfCumulative += lb.crlf;
      }
    }
    return lines - crlfCumulative - breaks;
  };

  let headerRec;
  try {
    headerRec = await it.next();
  } catch (e) {
    throw csvError(e, 1);
  }
  if (headerRec.done) throw new AuditError('E_INPUT_EMPTY', {}, { line: 1 });
  const header = headerRec.value.record;
  lineOf(header, headerRec.value.info.lines);
  if (header.length > maxColumns) {
    parser.destroy();
    throw new AuditError('E_TOO_MANY_COLUMNS', { count: header.length, limit: maxColumns }, { line: 1 });
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
    let batch: CsvRecord[] = [];
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        const { record, info } = r.value;
        const line = lineOf(record, info.lines);
        lastLine = line;
        if (record.length > maxColumns) {
          throw new AuditError('E_TOO_MANY_COLUMNS', { count: record.length, limit: maxColumns }, { line });
        }
        // A row of empty cells (";;;;" that spreadsheets leave) holds no data: skipped like an empty line.
        let empty = true;
        for (let k = 0; k < record.length; k++) if (record[k] !== '') { empty = false; break; }
        if (empty) continue;
        batch.push({ cells: record, line });
        if (batch.length >= 256) { yield batch; batch = []; }
      }
      if (batch.length) yield batch;
    } catch (e) {
      const err = csvError(e, lastLine + 1);
      if (err.code === 'E_FIELD_TOO_LARGE') throw new AuditError('E_FIELD_TOO_LARGE', { limit: maxRecordSize }, { line: err.line });
      throw err;
    }
  }

  return {
    dialect,
    header,
    records,
    destroy: (err?: Error) => {
      input.destroy();
      parser.destroy(err);
    },
  };
}
