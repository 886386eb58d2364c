/**
 * The workbook reader (issue #15): an `.xlsx`/`.xlsm` file → the same header + records the CSV reader
 * gives, `line` being the sheet's row number so a person finds the row in Excel. Streamed: the zip is
 * read by random access (yauzl), each XML part through a streaming parser (saxes); the shared-string
 * table, the one part that grows with the rows, is spooled to a temp file. Nothing holds the sheet.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AuditError } from '../errors.js';
import { CONTACT_FIELDS, fieldForHeader } from '../mapping.js';
import { contactKindOf } from '../contact-columns.js';
import { trackTemp, untrackTemp } from '../write/atomic.js';
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_RECORD_SIZE, type CsvReader, type CsvRecord } from './reader.js';
import { SheetScanner, XmlSyntaxError, rawAttr } from './xlsx-scanner.js';
import { CellKind, columnLetters, numberStyle, parseRef, renderNumber, unescapeX, type NumberStyle } from './xlsx-values.js';
import type { Dialect } from '../types.js';

export interface WorkbookOptions {
  /** `--sheet`: a sheet name, or its 1-based position among the visible sheets. */
  sheet?: string;
  /** `--header-row`: the sheet row holding the header (else found in the first PEEK_ROWS rows). */
  headerRow?: number;
  maxColumns?: number;
  maxRecordSize?: number;
  /** Largest inflated size of one part of the zip, in bytes. */
  maxPartBytes?: number;
  /** Largest inflated/compressed ratio of a part over 16 MiB: past it, a zip bomb. */
  maxRatio?: number;
  /** Delimiter of a CSV written from the workbook (`-o x.csv`): `;` for French Excel. */
  csvDelimiter?: string;
}

export interface WorkbookInfo {
  format: 'xlsx';
  /** The sheet read. */
  sheet: string;
  /** Its row holding the header (1-based); rows above it are a title or notes. */
  headerRow: number;
  /** A second header row right below it (sub-headers), joined to the header and not read as data. */
  subHeaderRow?: number;
  /** Every sheet, in order. */
  sheets: string[];
  /** Other visible sheets that also have a recognisable header (not read). */
  otherCandidates: string[];
}

export interface WorkbookRecord extends CsvRecord {
  /** Kind of each cell (CellKind), so the cleaned workbook writes the same types back. */
  kinds: Uint8Array;
}

export interface WorkbookReader extends CsvReader {
  workbook: WorkbookInfo;
  /** Rows with cells past the header's last column, once read: how many, the first, the columns. */
  beyondHeader(): { rows: number; first: number; header: string; last: string } | undefined;
  /** The visible sheets numbered as `--sheet N` counts them, for messages: `Notes (1), Inscrits (2)`. */
  sheetChoices: string;
  /** SHA-256 of the file. */
  sha256: string;
  records(): AsyncGenerator<WorkbookRecord[]>;
}

export const DEFAULT_MAX_PART_BYTES = 4 * 1024 ** 3;
export const DEFAULT_MAX_RATIO = 200;
/** Parts smaller than this are never called a bomb: tiny sheets compress very well. */
const RATIO_FLOOR = 16 * 1024 * 1024;
/** Rows looked at, per sheet, to find the header (rows above it are a title, notes, a preamble). */
export const PEEK_ROWS = 100;
const MAX_ENTRIES = 10000;

const ZIP_MAGIC = [0x50, 0x4b];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const WORKBOOK_EXT = new Set(['.xlsx', '.xlsm', '.ods', '.xlsb']);

/** Whether bytes start like a zip (.xlsx, .xlsm, .ods) or an OLE file (.xls, an encrypted workbook). */
export function isWorkbookMagic(head: Buffer): boolean {
  const zip = head.length >= 4 && head[0] === ZIP_MAGIC[0] && head[1] === ZIP_MAGIC[1] && (head[2] === 3 || head[2] === 5);
  return zip || (head.length >= 8 && CFB_MAGIC.every((b, i) => head[i] === b));
}

function corrupt(detail: string, line?: number): AuditError {
  return new AuditError('E_WORKBOOK_CORRUPT', { detail }, line ? { line } : {});
}

/** Whether the file holds `needle`, read in pieces (an OLE file's directory can be anywhere in it). */
function fileContains(path: string, needle: Buffer): boolean {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let tail = Buffer.alloc(0);
    for (let pos = 0; ; ) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n <= 0) return false;
      pos += n;
      const window = Buffer.concat([tail, chunk.subarray(0, n)]);
      if (window.indexOf(needle) !== -1) return true;
      tail = Buffer.from(window.subarray(Math.max(0, window.length - needle.length + 1)));
    }
  } finally {
    closeSync(fd);
  }
}

/** Whether the file's last 64 KiB hold a zip's end-of-central-directory signature. */
function hasZipEnd(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, 65557);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    return buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) !== -1;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a file is a workbook, from its first bytes (and its name, for one that is damaged):
 * 'xlsx' for a zip; an error for what is not read — an encrypted workbook, a legacy `.xls`, or a file
 * named like a workbook that is not one. Undefined for anything else (the CSV reader's business).
 */
export function sniffWorkbook(path: string): 'xlsx' | undefined {
  let head = Buffer.alloc(0);
  try {
    // Only a regular file is sniffed: opening a FIFO without a writer blocks the whole process (deaf
    // to SIGTERM, issue #16); a pipe or a device is streamed by the CSV reader, asynchronously.
    if (!statSync(path).isFile()) return undefined;
    const fd = openSync(path, 'r');
    try {
      const b = Buffer.alloc(8);
      const n = readSync(fd, b, 0, 8, 0);
      head = b.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // the CSV path reports unreadable files
  }
  const ext = extname(path).toLowerCase();
  if (head.length >= 4 && head[0] === ZIP_MAGIC[0] && head[1] === ZIP_MAGIC[1] && (head[2] === 3 || head[2] === 5)) {
    // A zip named like a workbook is one (damaged or not); under another name (an export saved as
    // .csv that is really .xlsx), only when it ends like a zip, else it is the CSV reader's binary file.
    if (WORKBOOK_EXT.has(ext) || hasZipEnd(path)) return 'xlsx';
    return undefined;
  }
  if (head.length === 8 && CFB_MAGIC.every((b, i) => head[i] === b)) {
    // An encrypted OOXML workbook is an OLE container holding an "EncryptedPackage" stream (MS-OFFCRYPTO
    // §2.3.4.4); any other OLE file here is a legacy BIFF workbook.
    if (fileContains(path, Buffer.from('EncryptedPackage', 'utf16le'))) throw new AuditError('E_WORKBOOK_ENCRYPTED');
    throw new AuditError('E_WORKBOOK_XLS');
  }
  if (WORKBOOK_EXT.has(ext)) throw corrupt('not a zip file');
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Zip access

interface Zip {
  file: yauzl.ZipFile;
  /** Entries by lower-case name (OOXML part names are case-insensitive). */
  entries: Map<string, yauzl.Entry>;
}

function openZip(path: string): Promise<Zip> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, file) => {
      if (err || !file) return reject(corrupt(zipDetail(err)));
      const entries = new Map<string, yauzl.Entry>();
      file.on('error', (e: Error) => reject(corrupt(zipDetail(e))));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entries.size >= MAX_ENTRIES) {
          file.close();
          return reject(corrupt(`more than ${MAX_ENTRIES} parts`));
        }
        entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
        file.readEntry();
      });
      file.on('end', () => resolvePromise({ file, entries }));
      file.readEntry();
    });
  });
}

function zipDetail(e: unknown): string {
  const m = (e as Error | undefined)?.message ?? String(e);
  // yauzl's messages name offsets and sizes, never contents; keep the first clause.
  return m.split(/[\n:]/)[0].slice(0, 120) || 'unreadable zip';
}

type Limits = Required<Pick<WorkbookOptions, 'maxPartBytes' | 'maxRatio'>>;

function checkSize(entry: yauzl.Entry, opts: Limits): void {
  const size = entry.uncompressedSize;
  const ratio = entry.compressedSize > 0 ? size / entry.compressedSize : size > 0 ? Infinity : 0;
  if (size > opts.maxPartBytes || (size > RATIO_FLOOR && ratio > opts.maxRatio)) {
    throw new AuditError('E_WORKBOOK_BOMB', { part: entry.fileName.slice(0, 100), size, ratio: Math.round(ratio) });
  }
  if (entry.isEncrypted()) throw new AuditError('E_WORKBOOK_ENCRYPTED');
}

function openEntry(zip: Zip, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolvePromise, reject) => {
    zip.file.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(corrupt(zipDetail(err)));
      resolvePromise(stream);
    });
  });
}

/** Where a part's text goes: a general XML parser (saxes) or the worksheet scanner. */
interface TextSink {
  write(text: string): void;
  close(): void;
  /** The first syntax error seen, if the sink reports them asynchronously. */
  failure?(): unknown;
}

function xmlError(e: unknown): AuditError {
  const m = e instanceof Error ? e.message : String(e);
  return corrupt(`XML: ${m.replace(/^[^:]*:\d+:\d+: /, '').slice(0, 80)}`);
}

function saxesSink(setup: (p: SaxesParser) => void): TextSink {
  const parser = new SaxesParser({ position: false });
  let failure: unknown;
  parser.on('error', (e) => { failure ??= xmlError(e); });
  setup(parser);
  return { write: (t) => void parser.write(t), close: () => void parser.close(), failure: () => failure };
}

/**
 * Streams one part of the zip, decoded, into `sink`, after checking its size against the bomb limits.
 * Yields after each chunk, so the caller can hand on what the sink produced, or stop early (the peek
 * at a sheet's first rows) by returning.
 */
async function* parsePart(zip: Zip, entry: yauzl.Entry, limits: Limits, sink: TextSink): AsyncGenerator<void, void, undefined> {
  checkSize(entry, limits);
  const stream = await openEntry(zip, entry);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw corrupt('XML: not UTF-8');
      }
      sink.write(text);
      const f = sink.failure?.();
      if (f) throw f;
      yield;
    }
    sink.close();
    const f = sink.failure?.();
    if (f) throw f;
  } catch (e) {
    if (e instanceof AuditError) throw e;
    if (e instanceof XmlSyntaxError) throw xmlError(e);
    throw corrupt(zipDetail(e));
  } finally {
    stream.destroy();
  }
}

async function readWhole(zip: Zip, name: string, limits: Limits, setup: (p: SaxesParser) => void): Promise<boolean> {
  const entry = zip.entries.get(name.toLowerCase());
  if (!entry) return false;
  for await (const _ of parsePart(zip, entry, limits, saxesSink(setup))) { /* events do the work */ }
  return true;
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

/** An attribute by name (SpreadsheetML's attributes are unprefixed: no search, on every cell). */
function attr(tag: SaxesTagPlain, name: string): string | undefined {
  return (tag.attributes as Record<string, string>)[name];
}

/** An attribute by local name, whatever its prefix (`r:id`). */
function attrNs(tag: SaxesTagPlain, name: string): string | undefined {
  const a = tag.attributes as Record<string, string>;
  for (const k in a) if (local(k) === name) return a[k];
  return undefined;
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

// ---------------------------------------------------------------------------------------------------
// Shared strings, spooled

/** Strings per block of the spool: the in-memory index holds one position per block. */
const SST_BLOCK = 64;
/**
 * The cache of strings read again: slots of SLOT_BYTES bytes (a length byte and up to 63 bytes of
 * UTF-8) in one Buffer, chosen by the string's index (direct-mapped). Off the JS heap and of a fixed
 * size (2 MiB, allocated when the table spills), so a string replaced there is no garbage for V8.
 */
const CACHE_SLOTS = 1 << 15;
const SLOT_BYTES = 64;
/** A block buffer grown past this is let go when a smaller block is read next. */
const BLOCK_KEEP = 256 * 1024;

/**
 * The shared-string table: small tables stay in memory; past `memoryChars` the strings go to a temp
 * file, each as a 4-byte length and its UTF-8, read back per cell. Excel puts every distinct text of
 * the workbook there, so its size grows with the rows: the index kept in memory is one file position
 * per block of 64 strings (156 kB for 10 million strings, where an offset per string took 40 MB and
 * twice that while it grew; issue #15 audit, memory past 100k rows).
 * Reading allocates nothing that lives: the two blocks read (the furthest one, as Excel numbers strings
 * in order of first use, and the last one behind it) reuse their buffers, and a string used again (a
 * source, a city, "oui") is cached as bytes, off the heap. A cache of JS strings (two Maps of 8192,
 * earlier) turned over with the rows: each string and Map it held lived long enough to reach V8's old
 * generation, garbage there that only a full collection frees (bench .xlsx case, peak RSS at 100k rows).
 */
export class StringTable {
  private mem: string[] = [];
  private memChars = 0;
  private fd: number | undefined;
  private path: string | undefined;
  /** File position of each block's first string. */
  private blocks = new Float64Array(256);
  private count = 0;
  private filePos = 0;
  /** Strings not yet written: each a 4-byte length and its UTF-8. */
  private out = Buffer.allocUnsafeSlow(64 * 1024);
  private outLen = 0;
  /** Index of the string each cache slot holds (-1: none), and the slots' bytes. */
  private slotOf: Int32Array | undefined;
  private slots: Buffer | undefined;
  /** Blocks read: the furthest one (rows read the table mostly forwards) and the last one behind it. */
  private fwd = new LoadedBlock();
  private back = new LoadedBlock();
  /** Strings past the row limit: not stored, their index kept (a cell using one is refused). */
  private oversize: Set<number> | undefined;

  constructor(private memoryChars = 256 * 1024) {}

  /** Adds a placeholder for a string too large to keep. */
  addOversize(): void {
    (this.oversize ??= new Set()).add(this.size);
    this.add('');
  }

  isOversize(i: number): boolean {
    return this.oversize !== undefined && this.oversize.has(i);
  }

  get size(): number {
    return this.fd === undefined ? this.mem.length : this.count;
  }

  add(s: string): void {
    if (this.fd === undefined) {
      this.mem.push(s);
      this.memChars += s.length;
      if (this.memChars > this.memoryChars) this.spill();
      return;
    }
    this.append(s);
  }

  private spill(): void {
    try {
      this.path = join(tmpdir(), `.cnil-audit-sst-${process.pid}-${randomBytes(4).toString('hex')}`);
      this.fd = openSync(this.path, 'wx+', 0o600);
      trackTemp(this.path);
      // Unlinked at once where the system allows it (the descriptor stays usable): nothing is left
      // behind even if the process is killed. Elsewhere it is removed at the end or on interruption.
      try {
        unlinkSync(this.path);
        untrackTemp(this.path);
        this.path = undefined;
      } catch { /* Windows: an open file cannot be unlinked */ }
    } catch {
      // No usable temp folder: the table stays in memory (more memory, the same result).
      this.path = undefined;
      this.fd = undefined;
      this.memoryChars = Infinity;
      return;
    }
    this.slotOf = new Int32Array(CACHE_SLOTS).fill(-1);
    this.slots = Buffer.alloc(CACHE_SLOTS * SLOT_BYTES);
    const mem = this.mem;
    this.mem = [];
    for (const s of mem) this.append(s);
  }

  private append(s: string): void {
    if (this.count % SST_BLOCK === 0) {
      const k = this.count / SST_BLOCK;
      if (k >= this.blocks.length) {
        const next = new Float64Array(this.blocks.length * 2);
        next.set(this.blocks);
        this.blocks = next;
      }
      this.blocks[k] = this.filePos;
    }
    // Written into one reused buffer (a Buffer per string, and their concatenation, were as many
    // allocations as strings: megabytes of buffers before V8 collected them).
    const out = this.out;
    const most = 4 + s.length * 3; // a UTF-16 unit is at most 3 bytes of UTF-8
    if (this.outLen + most > out.length) this.flush();
    let n: number;
    if (most <= out.length) {
      n = out.write(s, this.outLen + 4, 'utf8');
      out.writeUInt32LE(n, this.outLen);
      this.outLen += 4 + n;
    } else {
      const body = Buffer.from(s, 'utf8');
      n = body.length;
      out.writeUInt32LE(n, 0);
      this.writeAll(out.subarray(0, 4));
      this.writeAll(body);
    }
    this.count++;
    this.filePos += 4 + n;
  }

  private writeAll(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd!, buf, off, buf.length - off);
  }

  /** Writes what is buffered; called once the table is complete. */
  flush(): void {
    if (this.fd === undefined || !this.outLen) return;
    this.writeAll(this.out.subarray(0, this.outLen));
    this.outLen = 0;
  }

  get(i: number): string | undefined {
    if (this.fd === undefined) return this.mem[i];
    if (!(i >= 0 && i < this.count)) return undefined;
    const k = Math.floor(i / SST_BLOCK);
    const j = i - k * SST_BLOCK;
    if (this.fwd.k === k) return this.fwd.at(j);
    const slot = i & (CACHE_SLOTS - 1);
    if (this.slotOf![slot] === i) {
      const off = slot * SLOT_BYTES;
      return this.slots!.toString('utf8', off + 1, off + 1 + this.slots![off]);
    }
    if (k > this.fwd.k) {
      this.load(k, this.fwd);
      return this.fwd.at(j);
    }
    // A string used again further down (a source, "oui"): its block read, the string then cached.
    if (this.back.k !== k) this.load(k, this.back);
    const b = this.back;
    const len = b.bytes(j);
    if (len >= 0 && len < SLOT_BYTES) {
      const off = slot * SLOT_BYTES;
      this.slots![off] = len;
      b.buf.copy(this.slots!, off + 1, b.starts[j] + 4, b.starts[j] + 4 + len);
      this.slotOf![slot] = i;
    }
    return b.at(j);
  }

  /** Reads block k whole into `into`, with the positions of its strings. */
  private load(k: number, into: LoadedBlock): void {
    const start = this.blocks[k];
    const end = (k + 1) * SST_BLOCK < this.count ? this.blocks[k + 1] : this.filePos;
    const len = end - start;
    if (len > into.buf.length || (into.buf.length > BLOCK_KEEP && len <= BLOCK_KEEP)) into.buf = Buffer.allocUnsafeSlow(Math.max(len, 4096));
    const buf = into.buf;
    let got = 0;
    while (got < len) {
      const n = readSync(this.fd!, buf, got, len - got, start + got);
      if (n <= 0) break;
      got += n;
    }
    const starts = into.starts;
    let pos = 0;
    let n = 0;
    while (n < SST_BLOCK && pos + 4 <= got) {
      starts[n++] = pos;
      pos += 4 + buf.readUInt32LE(pos);
    }
    starts[n] = pos;
    into.k = k;
    into.n = n;
    into.got = got;
  }

  dispose(): void {
    if (this.fd !== undefined) {
      try { closeSync(this.fd); } catch { /* closed */ }
      this.fd = undefined;
    }
    if (this.path) {
      try { unlinkSync(this.path); } catch { /* gone */ }
      untrackTemp(this.path);
      this.path = undefined;
    }
    this.mem = [];
    this.slotOf = this.slots = undefined;
    this.fwd = new LoadedBlock();
    this.back = new LoadedBlock();
  }
}

/** A block of the spool read back, in a buffer reused for the next block. */
class LoadedBlock {
  /** The block's number; -1 before any is read. */
  k = -1;
  /** Strings found in it, and bytes read. */
  n = 0;
  got = 0;
  buf: Buffer = Buffer.allocUnsafeSlow(4096);
  /** Where each string's 4-byte length starts; starts[n] is the end of the last one. */
  readonly starts = new Int32Array(SST_BLOCK + 1);

  /** Bytes of the j-th string's UTF-8; -1 when the block is cut short before it. */
  bytes(j: number): number {
    return j < this.n && this.starts[j] + 4 <= this.got ? Math.min(this.starts[j + 1], this.got) - this.starts[j] - 4 : -1;
  }

  /** The j-th string of the block. */
  at(j: number): string {
    const len = this.bytes(j);
    return len > 0 ? this.buf.toString('utf8', this.starts[j] + 4, this.starts[j] + 4 + len) : '';
  }
}

// ---------------------------------------------------------------------------------------------------
// Sheets

interface SheetEntry {
  name: string;
  hidden: boolean;
  part: string | undefined;
}

interface Context {
  zip: Zip;
  sst: StringTable;
  styles: (NumberStyle | undefined)[];
  date1904: boolean;
  limits: Limits;
  maxColumns: number;
  maxRecordSize: number;
}

interface SheetRow {
  row: number;
  cells: string[];
  kinds: CellKind[];
}

/**
 * The rows of a sheet, batch by batch, as shown: shared strings resolved, rich text flattened (phonetic
 * runs left out), formulas as their cached value, numbers through their format. Empty rows are skipped.
 * `onMerge` sees each `<mergeCell ref>` (they follow the cells in the XML).
 */
async function* sheetRows(ctx: Context, entry: yauzl.Entry, onMerge?: (ref: string) => void): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  let rowNum = 0;
  let cells: string[] = [];
  let kinds: CellKind[] = [];
  let any = false;
  let col = -1;
  let type = '';
  let style: NumberStyle | undefined;
  let text = '';
  let inValue = false;
  let inText = false;
  let inPhonetic = false;
  let inCell = false;
  let hasValue = false;
  /** Characters of the row's cells so far: the limit is on the row, as the CSV reader's (max_record_size). */
  let rowChars = 0;
  let failure: AuditError | undefined;
  const tooLarge = () => {
    failure ??= new AuditError('E_ROW_TOO_LARGE', { limit: ctx.maxRecordSize }, { line: rowNum });
    inValue = inText = hasValue = false;
    text = '';
  };

  const endCell = () => {
    if (col < 0) return;
    if (col >= ctx.maxColumns) {
      failure ??= new AuditError('E_TOO_MANY_COLUMNS', { count: col + 1, limit: ctx.maxColumns }, { line: rowNum });
      return;
    }
    let value = '';
    let kind: CellKind = CellKind.Text;
    if (hasValue) {
      switch (type) {
        case 's': {
          const i = Number(text);
          if (ctx.sst.isOversize(i)) return tooLarge();
          value = ctx.sst.get(i) ?? '';
          break;
        }
        case 'inlineStr': case 'str': value = unescapeX(text); break;
        // An error (#N/A, #DIV/0!) reads as it shows, as in Excel's CSV; kept an error in the cleaned file.
        case 'e': value = unescapeX(text); kind = CellKind.Error; break;
        case 'b': value = text.trim() === '1' ? 'TRUE' : 'FALSE'; kind = CellKind.Bool; break;
        case 'd': {
          // An ISO date cell (strict OOXML): the date, with its time only when it has one.
          value = text.trim().replace(/(T00:00(:00(\.0+)?)?)?Z?$/, '');
          kind = CellKind.Date;
          break;
        }
        default: {
          const r = renderNumber(text, style, ctx.date1904);
          value = r.text;
          kind = r.kind;
        }
      }
    }
    rowChars += value.length;
    if (rowChars > ctx.maxRecordSize) return tooLarge();
    if (value !== '') {
      while (cells.length < col) { cells.push(''); kinds.push(CellKind.Text); }
      cells[col] = value;
      kinds[col] = kind;
      any = true;
    }
  };

  const scanner = new SheetScanner({
    open(name, raw) {
      switch (name) {
        case 'row': {
          const r = Number(rawAttr(raw, 'r'));
          rowNum = Number.isInteger(r) && r > rowNum ? r : rowNum + 1;
          cells = [];
          kinds = [];
          any = false;
          col = -1;
          rowChars = 0;
          break;
        }
        case 'c': {
          const ref = rawAttr(raw, 'r');
          col = ref ? parseRef(ref).col : col + 1;
          if (col < 0) col = cells.length;
          type = rawAttr(raw, 't') ?? 'n';
          const s = rawAttr(raw, 's');
          style = s === undefined ? undefined : ctx.styles[Number(s)];
          text = '';
          hasValue = false;
          inCell = true;
          break;
        }
        case 'v': if (inCell) { inValue = true; hasValue = true; text = ''; } break;
        case 't': if (inCell && !inPhonetic) { inText = true; hasValue = true; } break;
        case 'rPh': inPhonetic = true; break;
        case 'mergeCell': { const ref = rawAttr(raw, 'ref'); if (ref && onMerge) onMerge(ref); break; }
      }
    },
    text(t) {
      if (!(inValue || inText) || failure) return;
      text += t;
      // Checked as the text arrives: a 400 MiB cell is refused before it is held whole.
      if (rowChars + text.length > ctx.maxRecordSize) tooLarge();
    },
    close(name) {
      switch (name) {
        case 'v': inValue = false; break;
        case 't': inText = false; break;
        case 'rPh': inPhonetic = false; break;
        case 'c': if (inCell) { endCell(); inCell = false; } break;
        case 'row':
          if (any) batch.push({ row: rowNum, cells, kinds });
          break;
      }
    },
  });

  for await (const _ of parsePart(ctx.zip, entry, ctx.limits, scanner)) {
    if (failure) throw failure;
    if (batch.length) {
      const out = batch;
      batch = [];
      yield out;
    }
  }
  if (failure) throw failure;
  if (batch.length) yield batch;
}

/**
 * How much a row looks like a contact list's header: `score`, how many of its cells name a field the
 * tool knows (an alias) or a contact column by its words ("Adresse mail perso"); `tier` 2 when one of
 * them is a contact column (e-mail, phone, address, name: what the engine needs, E_NO_CONTACT_COLUMN)
 * and another is known too, 1 for a contact column alone, 0 otherwise. A summary sheet (`Ville`,
 * `Nombre de contacts`) is tier 0: it is not taken for the contact list that follows it.
 * The full word matching (fieldForWords) is left to the mapping: run here on a hundred data rows it
 * made the rest of the scan's heap grow by a third (V8's GC; measured at 100k rows, notes of the audit).
 */
export function headerRank(cells: readonly string[]): { tier: number; score: number } {
  let score = 0;
  let contact = false;
  for (const c of cells) {
    if (!c) continue;
    const f = fieldForHeader(c);
    if (f) score++;
    // A cell that holds data (an address, a number, a note) is no column name: not word-matched, which
    // also keeps the hundred peeked data rows from growing the scan's heap (see above).
    if ((f && CONTACT_FIELDS.includes(f)) || (!f && looksLikeName(c) && contactKindOf(c))) {
      contact = true;
      if (!f) score++;
    }
  }
  return { tier: contact ? (score >= 2 ? 2 : 1) : 0, score };
}

/** A cell short and plain enough to be a column name: no "@", no run of six digits, at most 64 characters. */
function looksLikeName(c: string): boolean {
  return c.length <= 64 && !c.includes('@') && !/\d{6}/.test(c.replace(/[\s.\-]/g, ''));
}

interface Peek {
  rows: SheetRow[];
  headerIndex: number;
  tier: number;
  score: number;
}

/**
 * A copy of a row that the peek keeps. Not the row itself: V8 decides from the first hundred or so
 * objects of an allocation site whether to allocate all of them in the old generation ("pretenuring":
 * most survive). Kept by the peek, the reader's row arrays looked long-lived, and in some runs every
 * row of the sheet was then allocated in the old generation, garbage that only a full collection frees:
 * the bench's .xlsx peak RSS at 100k rows was bimodal, 129 or 155–168 MB (`node --trace-pretenuring`).
 */
function keepRow(r: SheetRow): SheetRow {
  return { row: r.row, cells: r.cells.slice(), kinds: r.kinds.slice() };
}

/**
 * The first rows of a sheet and the one holding its header: row `headerRow` (`--header-row`, or the
 * first non-empty row below it), else the best-ranked of the first PEEK_ROWS rows, the earliest on a
 * tie. The row after the header is kept too (a sub-header row, issue #15 audit).
 */
async function peekSheet(ctx: Context, entry: yauzl.Entry, headerRow?: number): Promise<Peek> {
  const rows: SheetRow[] = [];
  let at = -1;
  read: for await (const batch of sheetRows(ctx, entry)) {
    for (const r of batch) {
      if (headerRow !== undefined) {
        // Rows well above the asked row are not kept (a merged name above the header is near it).
        if (r.row < headerRow - 10) continue;
        rows.push(keepRow(r));
        if (at === -1 && r.row >= headerRow) at = rows.length - 1;
        else if (at !== -1) break read;
      } else {
        rows.push(keepRow(r));
        if (rows.length > PEEK_ROWS) break read;
      }
    }
  }
  if (headerRow !== undefined) {
    if (at === -1) return { rows: [], headerIndex: 0, tier: 0, score: 0 };
    return { rows, headerIndex: at, ...headerRank(rows[at].cells) };
  }
  let best = { headerIndex: 0, tier: -1, score: -1 };
  for (let i = 0; i < Math.min(rows.length, PEEK_ROWS); i++) {
    const k = headerRank(rows[i].cells);
    if (k.tier > best.tier || (k.tier === best.tier && k.score > best.score)) best = { headerIndex: i, ...k };
  }
  return { rows, ...best, tier: Math.max(best.tier, 0), score: Math.max(best.score, 0) };
}

/** Merge ranges of a sheet that reach down to `upTo` (only those can cover the header). */
async function headerMerges(ctx: Context, entry: yauzl.Entry, upTo: number): Promise<{ c1: number; r1: number; c2: number; r2: number }[]> {
  const out: { c1: number; r1: number; c2: number; r2: number }[] = [];
  for await (const _ of sheetRows(ctx, entry, (ref) => {
    const [a, b] = ref.split(':');
    const p = parseRef(a);
    const q = parseRef(b ?? a);
    if (p.row <= upTo && q.row >= upTo && out.length < 10000) out.push({ c1: p.col, r1: p.row, c2: q.col, r2: q.row });
  })) { /* rows ignored */ }
  return out;
}

/**
 * How many cells of a row name a column the tool knows, when the row reads like a second header row:
 * text only, no contact data (no "@", no run of six digits), at least one known name; else 0.
 */
function subHeaderNames(row: SheetRow): number {
  let known = 0;
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i];
    if (!c) continue;
    if (row.kinds[i] !== CellKind.Text || !looksLikeName(c)) return 0;
    if (fieldForHeader(c) || contactKindOf(c)) known++;
  }
  return known;
}

function lastNonEmpty(cells: string[]): number {
  let i = cells.length - 1;
  while (i >= 0 && (cells[i] ?? '') === '') i--;
  return i;
}

/**
 * The sheet `--sheet` names: its exact name, else a case-insensitive one (hidden sheets too), else a
 * 1-based position among the visible worksheets — the tabs a person sees, as the lists in messages
 * number them (`visible`: indexes into `sheets`).
 */
function findSheet(sheets: SheetEntry[], visible: number[], wanted: string): number {
  let i = sheets.findIndex((s) => s.name === wanted);
  if (i === -1) i = sheets.findIndex((s) => s.name.toLowerCase() === wanted.trim().toLowerCase());
  if (i === -1 && /^\d+$/.test(wanted.trim())) {
    const n = Number(wanted.trim());
    if (n >= 1 && n <= visible.length) i = visible[n - 1];
  }
  return i;
}

/** Visible worksheets as `--sheet` counts them: `Notes (1), Inscrits (2), Archive 2020 (3)`. */
function sheetList(sheets: SheetEntry[], visible: number[]): string {
  const list = visible.slice(0, 30).map((i, k) => `${sheets[i].name.slice(0, 40)} (${k + 1})`).join(', ');
  return visible.length > 30 ? `${list}, …` : list;
}

async function fileSha256(path: string): Promise<string> {
  // One buffer read into again and again: a read stream's 64 KiB chunks, one allocation each, were
  // 11 MB of buffers at once for an 11 MB workbook before V8 collected them, a peak the process kept.
  const unreadable = (e: NodeJS.ErrnoException) => new AuditError('E_INPUT_UNREADABLE', { detail: e.code ?? e.message });
  const fh = await open(path, 'r').catch((e) => { throw unreadable(e); });
  try {
    const h = createHash('sha256');
    const buf = Buffer.allocUnsafeSlow(64 * 1024);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null).catch((e) => { throw unreadable(e); });
      if (!bytesRead) break;
      h.update(buf.subarray(0, bytesRead));
    }
    return h.digest('hex');
  } finally {
    await fh.close().catch(() => {});
  }
}

/** Opens a workbook: finds the sheet and its header row; `records()` then streams the rows below it. */
export async function openWorkbook(path: string, opts: WorkbookOptions = {}): Promise<WorkbookReader> {
  const limits = { maxPartBytes: opts.maxPartBytes ?? DEFAULT_MAX_PART_BYTES, maxRatio: opts.maxRatio ?? DEFAULT_MAX_RATIO };
  const sha256 = await fileSha256(path);
  const zip = await openZip(path);
  const sst = new StringTable();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    sst.dispose();
    zip.file.close();
  };
  try {
    const { entries } = zip;
    if (entries.has('mimetype') || (entries.has('content.xml') && !entries.has('[content_types].xml'))) throw new AuditError('E_WORKBOOK_ODS');
    if (entries.has('encryptioninfo') || entries.has('encryptedpackage')) throw new AuditError('E_WORKBOOK_ENCRYPTED');

    // The workbook part: named by the package relationships, else where Excel puts it.
    let wbPart = 'xl/workbook.xml';
    await readWhole(zip, '_rels/.rels', limits, (p) => p.on('opentag', (tag) => {
      if (local(tag.name) === 'Relationship' && /\/officeDocument$/.test(attr(tag, 'Type') ?? '')) {
        wbPart = resolveTarget('', attr(tag, 'Target') ?? wbPart);
      }
    }));
    if (/\.bin$/i.test(wbPart) || entries.has('xl/workbook.bin')) throw new AuditError('E_WORKBOOK_XLS');

    const sheets: (SheetEntry & { rid?: string })[] = [];
    let date1904 = false;
    const found = await readWhole(zip, wbPart, limits, (p) => p.on('opentag', (tag) => {
      const n = local(tag.name);
      if (n === 'workbookPr') {
        const v = attr(tag, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (n === 'sheet' && sheets.length < 100000) {
        const state = attr(tag, 'state');
        sheets.push({ name: attr(tag, 'name') ?? `Sheet${sheets.length + 1}`, hidden: state === 'hidden' || state === 'veryHidden', part: undefined, rid: attrNs(tag, 'id') });
      }
    }));
    if (!found) {
      // No workbook at all (not a damaged one): an archive, such as Mailchimp's export .zip of CSV files,
      // or another Office document (.docx). Saving it again as .xlsx is not the advice then.
      if (![...entries.keys()].some((n) => n.startsWith('xl/'))) {
        const csv = [...entries.keys()].filter((n) => /\.(csv|tsv|txt)(\.gz)?$/.test(n)).length;
        throw new AuditError('E_ZIP_NOT_WORKBOOK', { csv });
      }
      throw corrupt('no workbook part');
    }

    const relsPart = resolveTarget(wbPart, `_rels/${wbPart.split('/').pop()}.rels`);
    const targets = new Map<string, { target: string; type: string }>();
    await readWhole(zip, relsPart, limits, (p) => p.on('opentag', (tag) => {
      if (local(tag.name) === 'Relationship') targets.set(attr(tag, 'Id') ?? '', { target: attr(tag, 'Target') ?? '', type: attr(tag, 'Type') ?? '' });
    }));
    for (const s of sheets) {
      const t = s.rid ? targets.get(s.rid) : undefined;
      // Chart sheets and dialog sheets have no cells: they are listed but never chosen.
      if (t && /\/worksheet$/.test(t.type)) s.part = resolveTarget(wbPart, t.target).toLowerCase();
    }
    let stylesPart: string | undefined;
    let sstPart: string | undefined;
    for (const t of targets.values()) {
      if (/\/styles$/.test(t.type)) stylesPart = resolveTarget(wbPart, t.target);
      if (/\/sharedStrings$/.test(t.type)) sstPart = resolveTarget(wbPart, t.target);
    }

    // Number formats of the cell styles: dates, text, digit masks.
    const formats = new Map<number, string>();
    const xfs: number[] = [];
    let inCellXfs = false;
    if (stylesPart) {
      await readWhole(zip, stylesPart, limits, (p) => {
        p.on('opentag', (tag) => {
          const n = local(tag.name);
          if (n === 'numFmt') formats.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
          else if (n === 'cellXfs') inCellXfs = true;
          else if (n === 'xf' && inCellXfs && xfs.length < 1_000_000) xfs.push(Number(attr(tag, 'numFmtId') ?? 0));
        });
        p.on('closetag', (tag) => { if (local(tag.name) === 'cellXfs') inCellXfs = false; });
      });
    }
    const styleCache = new Map<number, NumberStyle>();
    const styles = xfs.map((id) => {
      let s = styleCache.get(id);
      if (!s) styleCache.set(id, (s = numberStyle(id, formats.get(id))));
      return s;
    });

    // Shared strings: rich-text runs concatenated, phonetic runs left out. Read by the worksheet
    // scanner, which hands text on as it arrives (saxes holds a text node whole): a string past the
    // row limit is not kept, only marked, and refused with its row if a cell of the sheet uses it.
    const maxRecordSize = opts.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
    if (sstPart) {
      const entry = entries.get(sstPart.toLowerCase());
      let text = '';
      let inSi = false;
      let inT = false;
      let inPh = false;
      let oversize = false;
      const scanner = new SheetScanner({
        open(n) {
          if (n === 'si') { inSi = true; text = ''; oversize = false; }
          else if (n === 't' && inSi && !inPh) inT = true;
          else if (n === 'rPh') inPh = true;
        },
        text(t) {
          if (!inT || oversize) return;
          text += t;
          if (text.length > maxRecordSize) { oversize = true; text = ''; }
        },
        close(n) {
          if (n === 't') inT = false;
          else if (n === 'rPh') inPh = false;
          else if (n === 'si') {
            inSi = false;
            if (oversize) sst.addOversize();
            else sst.add(unescapeX(text));
            text = '';
          }
        },
      });
      if (entry) for await (const _ of parsePart(zip, entry, limits, scanner)) { /* the handler does the work */ }
      sst.flush();
    }

    const ctx: Context = {
      zip,
      sst,
      styles,
      date1904,
      limits,
      maxColumns: opts.maxColumns ?? DEFAULT_MAX_COLUMNS,
      maxRecordSize,
    };
    const entryOf = (s: SheetEntry) => (s.part ? entries.get(s.part) : undefined);

    // Which sheet: the one asked for; else the first visible one with the best-ranked header (a
    // contact column and another known one, else a contact column alone, else none: the engine then
    // says no contact column was found, naming the sheet and the others).
    const names = sheets.map((s) => s.name);
    const visible = sheets.map((s, i) => (!s.hidden && entryOf(s) ? i : -1)).filter((i) => i !== -1);
    const choices = sheetList(sheets, visible);
    let chosen = -1;
    let peek: Peek | undefined;
    const candidates: string[] = [];
    if (opts.sheet !== undefined) {
      chosen = findSheet(sheets, visible, opts.sheet);
      if (chosen === -1 || !entryOf(sheets[chosen])) throw new AuditError('E_SHEET_NOT_FOUND', { sheet: opts.sheet, sheets: choices });
      peek = await peekSheet(ctx, entryOf(sheets[chosen])!, opts.headerRow);
    } else {
      const ranked: { i: number; p: Peek }[] = [];
      for (const i of visible) {
        const p = await peekSheet(ctx, entryOf(sheets[i])!, opts.headerRow);
        if (p.rows.length) ranked.push({ i, p });
      }
      let best: { i: number; p: Peek } | undefined;
      for (const r of ranked) if (!best || r.p.tier > best.p.tier) best = r;
      if (best) {
        chosen = best.i;
        peek = best.p;
        const bar = Math.max(best.p.tier, 1);
        for (const r of ranked) if (r !== best && r.p.tier >= bar) candidates.push(sheets[r.i].name);
      }
    }
    if (chosen === -1 || !peek || !peek.rows.length) throw new AuditError('E_INPUT_EMPTY', {}, { line: opts.headerRow ?? 1 });
    const sheet = sheets[chosen];
    const entry = entryOf(sheet)!;

    // The header row, its merged cells filled: a name merged over several columns names each of them
    // ("Téléphone", "Téléphone (2)"); one merged down from a row above names the column below it.
    const headerRow = peek.rows[peek.headerIndex].row;
    const top = peek.rows[peek.headerIndex].cells;
    const header = top.slice();
    const width = lastNonEmpty(header) + 1;
    // A second header row right below it (group titles over field names, or field names over
    // sub-headers: "Téléphone" over "Portable" / "Fixe"): skipped, its names joined to the header's.
    const below = peek.rows[peek.headerIndex + 1];
    const sub = below && below.row === headerRow + 1 ? subHeaderNames(below) : 0;
    const gaps = header.slice(0, width).some((c) => (c ?? '') === '') || peek.headerIndex > 0;
    let subHeaderRow: number | undefined;
    if (gaps || sub) {
      const merges = await headerMerges(ctx, entry, headerRow);
      // With one known name only, the merges must show the two rows are one header.
      const shaped = sub > 0 && merges.some((m) => m.r1 <= headerRow && (m.r2 > headerRow || (m.c2 > m.c1 && below.cells.slice(m.c1, m.c2 + 1).some((c) => c))));
      if (sub >= 2 || (sub === 1 && shaped)) subHeaderRow = below.row;
      const above = new Map(peek.rows.slice(0, peek.headerIndex + 1).map((r) => [r.row, r.cells]));
      const group = new Map<number, string>();
      for (const m of merges) {
        const name = above.get(m.r1)?.[m.c1] ?? '';
        if (!name) continue;
        for (let c = m.c1; c <= m.c2 && c < ctx.maxColumns; c++) {
          if (m.c2 > m.c1) group.set(c, name);
          if ((header[c] ?? '') === '') header[c] = c > m.c1 ? `${name} (${c - m.c1 + 1})` : name;
        }
      }
      if (subHeaderRow !== undefined) {
        below.cells.forEach((s, c) => {
          if (!s) return;
          const over = group.get(c) ?? top[c] ?? '';
          header[c] = over && over !== s ? `${over} ${s}` : s;
        });
      }
    }
    for (let i = 0; i < header.length; i++) header[i] ??= '';
    header.length = lastNonEmpty(header) + 1;
    const columns = header.length;
    const dataAfter = subHeaderRow ?? headerRow;
    // Cells typed past the header's last column (a note beside a row): no column names them, so they
    // are not read and not copied; the rows are kept and counted (a notice in the report).
    const beyond = { rows: 0, first: 0, last: 0 };

    const dialect: Dialect = {
      encoding: 'utf-8',
      bom: true,
      delimiter: opts.csvDelimiter ?? ',',
      recordDelimiter: '\r\n',
      quoteAll: false,
      quoteEmpty: false,
    };

    async function* records(): AsyncGenerator<WorkbookRecord[]> {
      try {
        for await (const batch of sheetRows(ctx, entry)) {
          const out: WorkbookRecord[] = [];
          for (const r of batch) {
            if (r.row <= dataAfter) continue;
            // Trailing empty cells dropped; a short row padded: a spreadsheet has no "missing field".
            const cells = r.cells;
            const used = lastNonEmpty(cells) + 1;
            if (used > columns) {
              if (!beyond.rows++) beyond.first = r.row;
              beyond.last = Math.max(beyond.last, used);
            }
            const n = columns;
            const kinds = new Uint8Array(n);
            const row: string[] = new Array(n);
            for (let i = 0; i < n; i++) {
              row[i] = cells[i] ?? '';
              kinds[i] = r.kinds[i] ?? CellKind.Text;
            }
            out.push({ cells: row, line: r.row, kinds });
          }
          if (out.length) yield out;
        }
      } finally {
        close();
      }
    }

    return {
      dialect,
      header,
      records,
      sha256,
      // A workbook's cells are not CSV fields: nothing to write back bare (issue #16's stray quotes).
      strayQuoted: new Set<string>(),
      // The sheet row of the header (a title row above it is skipped, like a CSV preamble).
      headerLine: headerRow,
      workbook: { format: 'xlsx', sheet: sheet.name, headerRow, ...(subHeaderRow ? { subHeaderRow } : {}), sheets: names, otherCandidates: candidates },
      sheetChoices: choices,
      beyondHeader: () => (beyond.rows ? { rows: beyond.rows, first: beyond.first, header: columnLetters(columns - 1), last: columnLetters(beyond.last - 1) } : undefined),
      destroy: () => close(),
    };
  } catch (e) {
    close();
    throw e;
  }
}

