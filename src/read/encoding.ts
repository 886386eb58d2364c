/**
 * Encoding detection and streaming decoding (SPEC §2): BOM first, then UTF-8 validity, then
 * Windows-1252 (what French Excel writes for "CSV (séparateur: point-virgule)").
 *
 * A file whose sample is plain ASCII is decoded as UTF-8 *tentatively*: if a byte that is not valid
 * UTF-8 shows up later, and no multi-byte UTF-8 has been seen yet, decoding switches to
 * Windows-1252 — both agree on ASCII, so nothing already decoded changes.
 */
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
  utf16le: 'utf-16le', 'utf-16le': 'utf-16le', ucs2: 'utf-16le', 'ucs-2': 'utf-16le',
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
  if (nul >= 0) throw new AuditError('E_INPUT_BINARY', { offset: nul });
  const { valid, multibyte } = utf8ValidPrefix(sample, 0);
  const complete = valid === sample.length || (!final && sample.length - valid < 4 && isCutSequence(sample, valid));
  if (complete) return { encoding: 'utf-8', bom: false, bomLength: 0, tentative: !multibyte };
  // Valid multi-byte UTF-8 and then an invalid byte: a damaged UTF-8 file, not Windows-1252 (genuine
  // Windows-1252 French text almost never forms valid UTF-8 sequences). Refuse rather than garble it.
  if (multibyte) throw new AuditError('E_ENCODING', { encoding: 'utf-8' }, { line: countNewlines(sample, valid) + 1 });
  return { encoding: 'windows-1252', bom: false, bomLength: 0, tentative: false };
}

function isCutSequence(buf: Uint8Array, at: number): boolean {
  const b = buf[at];
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0 || at + need < buf.length) return false;
  for (let k = at + 1; k < buf.length; k++) if ((buf[k] & 0xc0) !== 0x80) return false;
  return true;
}

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
  private utf8Carry: Buffer = Buffer.alloc(0);
  private textDecoder: InstanceType<typeof TextDecoder> | undefined;
  private iconvDecoder: ReturnType<typeof iconv.getDecoder> | undefined;
  private linesBefore = 0;
  private checkReplacement = false;

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
    if (this.info.encoding === 'utf-8') {
      this.mode = 'utf8';
      this.textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
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
    if (this.mode === 'utf8') {
      try {
        const text = this.textDecoder!.decode(chunk, { stream: !final });
        if (text) this.push(text);
        // Decoded UTF-8 is as long as its bytes only when they are all ASCII.
        if (this.tentative && text.length !== chunk.length) this.tentative = false;
        if (!final) this.linesBefore += countNewlines(chunk, chunk.length);
        return;
      } catch {
        const { valid } = utf8ValidPrefix(chunk, 0);
        if (this.tentative) {
          // Everything so far was ASCII: switch to Windows-1252 from here on.
          this.info = { encoding: 'windows-1252', bom: false };
          this.emit('encoding-changed', this.info);
          this.useIconv('windows-1252');
          this.decode(chunk, final);
          return;
        }
        throw new AuditError('E_ENCODING', { encoding: 'utf-8' }, { line: this.linesBefore + countNewlines(chunk, valid) + 1 });
      }
    }
    const text = final ? (this.iconvDecoder!.write(chunk) + (this.iconvDecoder!.end() ?? '')) : this.iconvDecoder!.write(chunk);
    if (this.checkReplacement && text.indexOf('\uFFFD') !== -1) {
      const at = text.indexOf('\uFFFD');
      const line = this.linesBefore + (text.slice(0, at).match(/\n/g)?.length ?? 0) + 1;
      throw new AuditError('E_ENCODING', { encoding: this.info!.encoding }, { line });
    }
    if (this.checkReplacement) this.linesBefore += countNewlines(chunk, chunk.length);
    if (text) this.push(text);
  }
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
