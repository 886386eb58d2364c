/**
 * Encoding detection and streaming decoding (SPEC §2): BOM first, then UTF-8 validity, then
 * Windows-1252 (what French Excel writes for "CSV (séparateur: point-virgule)").
 *
 * A file whose sample is plain ASCII is decoded as UTF-8 *tentatively*: if a byte that is not valid
 * UTF-8 shows up later, and no multi-byte UTF-8 has been seen yet, decoding switches to
 * Windows-1252 — both agree on ASCII, so nothing already decoded changes.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { AuditError } from '../errors.js';

export const SAMPLE_BYTES = 64 * 1024;

export interface EncodingInfo {
  /** Canonical name: "utf-8", "utf-16le", "utf-16be", "windows-1252" or a forced iconv name. */
  encoding: string;
  bom: boolean;
}

const CANONICAL: Record<string, string> = {
  utf8: 'utf-8', 'utf-8': 'utf-8',
  utf16le: 'utf-16le', 'utf-16le': 'utf-16le', ucs2: 'utf-16le', 'ucs-2': 'utf-16le', utf16: 'utf-16le', 'utf-16': 'utf-16le',
  utf16be: 'utf-16be', 'utf-16be': 'utf-16be',
  cp1252: 'windows-1252', 'windows-1252': 'windows-1252', win1252: 'windows-1252',
  latin1: 'latin1', 'iso-8859-1': 'latin1', 'iso-8859-15': 'iso-8859-15',
};

/** Validates and canonicalises an encoding name given by the user; throws E_UNKNOWN_ENCODING. */
export function canonicalEncoding(name: string): string {
  const key = name.trim().toLowerCase();
  if (CANONICAL[key]) return CANONICAL[key];
  if (iconv.encodingExists(key)) return key;
  throw new AuditError('E_UNKNOWN_ENCODING', { encoding: name });
}

/**
 * Length of the longest prefix of `buf` that is valid UTF-8, and whether any multi-byte sequence was
 * seen. A sequence cut by the end of `buf` ends the valid prefix; see isCutSequence.
 */
export function utf8ValidPrefix(buf: Uint8Array, start = 0): { valid: number; multibyte: boolean } {
  let i = start;
  let multibyte = false;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return { valid: i, multibyte };
    // A sequence cut by the end of the buffer: the caller decides (isCutSequence) whether more may come.
    if (i + need >= n) return { valid: i, multibyte };
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return { valid: i, multibyte };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { valid: i, multibyte };
    multibyte = true;
    i += need + 1;
  }
  return { valid: i, multibyte };
}

/** Detects the encoding of the first bytes of a file. `final` says the sample is the whole file. */
export function detectEncoding(sample: Uint8Array, final: boolean): EncodingInfo & { bomLength: number; tentative: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, bomLength: 3, tentative: false };
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true, bomLength: 2, tentative: false };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: true, bomLength: 2, tentative: false };
  const nul = sample.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a BOM (issue #16): text whose every other byte is NUL, on one side only.
    const wide = utf16Without(sample);
    if (wide) return { encoding: wide, bom: false, bomLength: 0, tentative: false };
    throw new AuditError('E_INPUT_BINARY', { offset: nul }, { line: countNewlines(sample, nul) + 1 });
  }
  const { valid, multibyte } = utf8ValidPrefix(sample, 0);
  const complete = valid === sample.length || (!final && sample.length - valid < 4 && isCutSequence(sample, valid));
  if (complete) return { encoding: 'utf-8', bom: false, bomLength: 0, tentative: !multibyte };
  // Valid multi-byte UTF-8 and then an invalid byte: a damaged UTF-8 file, not Windows-1252 (genuine
  // Windows-1252 French text almost never forms valid UTF-8 sequences). Refuse rather than garble it.
  if (multibyte) throw new AuditError('E_ENCODING', { encoding: 'utf-8' }, { line: countNewlines(sample, valid) + 1 });
  return { encoding: 'windows-1252', bom: false, bomLength: 0, tentative: false };
}

/**
 * "utf-16le" or "utf-16be" when the sample reads as UTF-16 text without a BOM: at least 2 code units,
 * NUL high bytes in most units (Latin text), and no unit wholly NUL.
 */
function utf16Without(sample: Uint8Array): string | undefined {
  const units = Math.floor(sample.length / 2);
  if (units < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0 && sample[i + 1] === 0) return undefined;
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd >= units * 0.5 && zeroEven === 0) return 'utf-16le';
  if (zeroEven >= units * 0.5 && zeroOdd === 0) return 'utf-16be';
  return undefined;
}

/**
 * Index of the first UTF-8 sequence French text is made of (é è à ç « » œ ’ € …, emoji), or -1. Only
 * leads C2, C3, C5, E2 and F0: Windows-1252 French text has "Ã", "Â", "Å" or "â" before a symbol
 * byte almost never, while "É’" (C9 92) or "Ç°" can occur and stay Windows-1252.
 */
export function firstUtf8Sequence(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b !== 0xc2 && b !== 0xc3 && b !== 0xc5 && b !== 0xe2 && b !== 0xf0) continue;
    const { valid, multibyte } = utf8ValidPrefix(buf.subarray(i, i + 4), 0);
    if (multibyte && valid >= 2) return i;
  }
  return -1;
}

function isCutSequence(buf: Uint8Array, at: number): boolean {
  const b = buf[at];
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0 || at + need < buf.length) return false;
  for (let k = at + 1; k < buf.length; k++) if ((buf[k] & 0xc0) !== 0x80) return false;
  return true;
}

/**
 * Length of `buf` without a UTF-8 sequence its end cuts short (at most 3 bytes), which then waits for
 * the next chunk. Anything else, valid or not, is left for isUtf8 to judge.
 */
export function wholeUtf8Length(buf: Uint8Array): number {
  const n = buf.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return n;
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return i + len > n ? i : n;
  }
  return n;
}

const EMPTY = Buffer.alloc(0);

function countNewlines(buf: Uint8Array, end: number): number {
  let count = 0;
  let i = -1;
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  while ((i = b.indexOf(10, i + 1)) !== -1 && i < end) count++;
  return count;
}

export interface DecoderOptions {
  /** Forced encoding (canonical name), or undefined to detect. */
  encoding?: string;
  sampleBytes?: number;
}

/**
 * Transform: bytes in, strings out. Emits `encoding` (EncodingInfo) once, before the first string.
 * Errors carry the physical line of the first undecodable byte where it can be counted.
 */
export class Decoder extends Transform {
  info: EncodingInfo | undefined;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private readonly sampleBytes: number;
  private readonly forced?: string;
  private mode: 'utf8' | 'iconv' = 'utf8';
  private tentative = false;
  private utf8Carry: Buffer = EMPTY;
  private iconvDecoder: ReturnType<typeof iconv.getDecoder> | undefined;
  private linesBefore = 0;
  private checkReplacement = false;
  /** Bytes decoded before the current chunk (for the NUL offset). */
  private bytesBefore = 0;
  /** Detected (not forced) Windows-1252: checked as it streams for UTF-8 that contradicts it. */
  private verify1252 = false;
  /** Last bytes of the previous chunk, so a UTF-8 sequence cut by a chunk boundary is still seen. */
  private tail: Buffer = Buffer.alloc(0);

  constructor(opts: DecoderOptions = {}) {
    super({ readableObjectMode: true });
    this.sampleBytes = opts.sampleBytes ?? SAMPLE_BYTES;
    this.forced = opts.encoding;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      if (!this.info) {
        this.pending.push(chunk);
        this.pendingLength += chunk.length;
        if (this.pendingLength < this.sampleBytes) return cb();
        this.start(Buffer.concat(this.pending), false);
        this.pending = [];
      } else {
        this.decode(chunk, false);
      }
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      if (!this.info) this.start(Buffer.concat(this.pending), true);
      this.decode(Buffer.alloc(0), true);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  private start(sample: Buffer, final: boolean): void {
    let bomLength = 0;
    if (this.forced) {
      const enc = this.forced;
      const bom =
        (enc === 'utf-8' && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) ||
        (enc === 'utf-16le' && sample[0] === 0xff && sample[1] === 0xfe) ||
        (enc === 'utf-16be' && sample[0] === 0xfe && sample[1] === 0xff);
      bomLength = bom ? (enc === 'utf-8' ? 3 : 2) : 0;
      this.info = { encoding: enc, bom };
    } else {
      const d = detectEncoding(sample, final);
      bomLength = d.bomLength;
      this.tentative = d.tentative;
      this.info = { encoding: d.encoding, bom: d.bom };
    }
    this.emit('encoding', this.info);
    this.verify1252 = !this.forced && this.info.encoding === 'windows-1252';
    if (this.info.encoding === 'utf-8') {
      this.mode = 'utf8';
    } else {
      this.useIconv(this.info.encoding);
    }
    this.decode(sample.subarray(bomLength), final);
  }

  private useIconv(encoding: string): void {
    this.mode = 'iconv';
    this.iconvDecoder = iconv.getDecoder(encoding, { stripBOM: false });
    // Windows-1252 leaves five bytes undefined; iconv turns them into U+FFFD, which we refuse
    // rather than silently corrupting a name.
    this.checkReplacement = encoding === 'windows-1252';
  }

  private decode(chunk: Buffer, final: boolean): void {
    // The decision was made on the first 64 KiB: the rest is checked as it streams (issue #16). A NUL
    // byte anywhere is refused, as in the sample.
    const wide = this.info!.encoding.startsWith('utf-16');
    if (!wide) {
      const nul = chunk.indexOf(0);
      if (nul >= 0) throw new AuditError('E_INPUT_BINARY', { offset: this.bytesBefore + nul }, { line: this.linesBefore + countNewlines(chunk, nul) + 1 });
    }
    this.bytesBefore += chunk.length;
    this.decodeChecked(chunk, final);
  }

  private decodeChecked(chunk: Buffer, final: boolean): void {
    if (this.mode === 'utf8') {
      // UTF-8 goes on as the bytes it is, checked, not decoded: the reader parses bytes, and a string
      // here was only encoded back (issue #13: about 4% of a scan's time on the bench file). A sequence
      // cut by the chunk's end waits for the next chunk, so each piece handed on is whole UTF-8.
      const buf = this.utf8Carry.length ? Buffer.concat([this.utf8Carry, chunk]) : chunk;
      const cut = final ? buf.length : wholeUtf8Length(buf);
      const body = cut === buf.length ? buf : buf.subarray(0, cut);
      if (!isUtf8(body)) {
        const { valid } = utf8ValidPrefix(body, 0);
        if (this.tentative) {
          // Everything so far was ASCII: switch to Windows-1252 from here on.
          this.utf8Carry = EMPTY;
          this.info = { encoding: 'windows-1252', bom: false };
          this.emit('encoding-changed', this.info);
          this.useIconv('windows-1252');
          this.verify1252 = true;
          this.decodeChecked(buf, final);
          return;
        }
        throw new AuditError('E_ENCODING', { encoding: 'utf-8' }, { line: this.linesBefore + countNewlines(body, valid) + 1 });
      }
      // Copied: a few bytes, not a view keeping the whole chunk alive.
      this.utf8Carry = cut === buf.length ? EMPTY : Buffer.from(buf.subarray(cut));
      if (this.tentative && !isAscii(body)) this.tentative = false;
      if (body.length) this.push(body);
      // The carried bytes are a sequence's, never a line break: counted with the chunk they came in.
      if (!final) this.linesBefore += countNewlines(chunk, chunk.length);
      return;
    }
    if (this.verify1252 && chunk.length) {
      // UTF-8 after a Windows-1252 decision: a file pasted together from two exports. Decoding it as
      // Windows-1252 would write "HÃ©lÃ¨ne" silently; refuse it with its line instead.
      const joined = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
      const at = firstUtf8Sequence(joined);
      if (at >= 0) {
        const inChunk = Math.max(0, at - this.tail.length);
        throw new AuditError('E_ENCODING_MIXED', {}, { line: this.linesBefore + countNewlines(chunk, inChunk) + 1 });
      }
      this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 3)));
    }
    const text = final ? (this.iconvDecoder!.write(chunk) + (this.iconvDecoder!.end() ?? '')) : this.iconvDecoder!.write(chunk);
    if (wideNul(this.info!.encoding, text)) {
      const at = text.indexOf('\u0000');
      throw new AuditError('E_INPUT_BINARY', { offset: this.bytesBefore - chunk.length + 2 * at }, { line: this.linesBefore + (text.slice(0, at).match(/\n/g)?.length ?? 0) + 1 });
    }
    if (this.checkReplacement && text.indexOf('\uFFFD') !== -1) {
      const at = text.indexOf('\uFFFD');
      const line = this.linesBefore + (text.slice(0, at).match(/\n/g)?.length ?? 0) + 1;
      throw new AuditError('E_ENCODING', { encoding: this.info!.encoding }, { line });
    }
    if (this.checkReplacement || this.info!.encoding !== 'windows-1252') this.linesBefore += this.info!.encoding.startsWith('utf-16') ? (text.match(/\n/g)?.length ?? 0) : countNewlines(chunk, chunk.length);
    if (text) this.push(text);
  }
}

/** A NUL character in UTF-16 text (its NUL bytes are normal; a NUL character is not text). */
function wideNul(encoding: string, text: string): boolean {
  return encoding.startsWith('utf-16') && text.indexOf('\u0000') !== -1;
}

/**
 * A check that text fits an output encoding (issue 14): iconv writes "?" for a character the encoding
 * lacks (`Zoë 🌹 李` → `Zoë ?? ?` in Windows-1252), which would change the data silently. Undefined for
 * the Unicode encodings, which hold everything. Each non-ASCII character is tried once (encoded and
 * decoded back), then remembered: nothing per row but a scan for non-ASCII characters.
 */
export function unencodableFinder(encoding: string): ((text: string) => string | undefined) | undefined {
  if (encoding === 'utf-8' || encoding.startsWith('utf-16')) return undefined;
  const known = new Map<string, boolean>();
  const fits = (ch: string) => {
    let ok = known.get(ch);
    if (ok === undefined) known.set(ch, (ok = iconv.decode(iconv.encode(ch, encoding), encoding) === ch));
    return ok;
  };
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) < 0x80) continue;
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (!fits(ch)) return ch;
      if (ch.length === 2) i++;
    }
    return undefined;
  };
}

/** Encodes the cleaned file in the input's encoding (SPEC §7), with a BOM when asked. */
export function createEncoder(encoding: string, bom: boolean): (text: string, first: boolean) => Buffer | string {
  if (encoding === 'utf-8') {
    // UTF-8 text stays a string: the writer encodes it on its way to the file, without a Buffer per batch.
    return (text, first) => (first && bom ? '\uFEFF' + text : text);
  }
  return (text, first) => {
    const body = iconv.encode(text, encoding, { addBOM: false });
    if (!(first && bom)) return body;
    const mark = iconv.encode('\uFEFF', encoding, { addBOM: false });
    return Buffer.concat([mark, body]);
  };
}
