/**
 * A small XML scanner for worksheet parts, the one part that is as large as the data. A general
 * parser (saxes, used for the other parts) builds an object per tag and checks every character; on a
 * 100k-row sheet it was most of the time and most of the garbage (bench xlsx case). This one finds
 * tags with indexOf, hands the raw tag text to the caller, who reads only the attributes it needs, and
 * still checks what would make the data wrong: tags that do not nest, unknown entities, a cut-off end.
 */
export interface ScanHandler {
  /** An opening (or self-closing) tag: its local name and raw text (`c r="A1" t="s"`). */
  open(name: string, raw: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data, entities decoded. */
  text(t: string): void;
}

export class XmlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; throws on anything else. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  if (/&(?![^;&<]{1,12};)/.test(s)) throw new XmlSyntaxError('bare &');
  return s.replace(/&([^;&]{0,12});/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) throw new XmlSyntaxError(`bad character reference ${m}`);
      return String.fromCodePoint(code);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlSyntaxError('unknown entity');
    return v;
  });
}

/** The value of attribute `name` in a raw tag, entities decoded; undefined when absent. */
export function rawAttr(raw: string, name: string): string | undefined {
  let i = raw.indexOf(` ${name}=`);
  if (i === -1) {
    // Another spacing than Excel's (`name = "v"`, a line break before it): rare, so searched only then.
    if (raw.indexOf('=', raw.indexOf(name)) === -1 || !/[\t\n\r]|\s=|=\s/.test(raw)) return undefined;
    const m = new RegExp(`\\s${name}\\s*=\\s*(["'])`).exec(raw);
    if (!m) return undefined;
    i = m.index + m[0].length - 1;
  } else i += name.length + 2;
  const q = raw[i];
  if (q !== '"' && q !== "'") return undefined;
  const end = raw.indexOf(q, i + 1);
  if (end === -1) return undefined;
  return decodeEntities(raw.slice(i + 1, end));
}

function localName(tag: string): string {
  let end = 0;
  while (end < tag.length) {
    const c = tag.charCodeAt(end);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 /* / */) break;
    end++;
  }
  const name = tag.slice(0, end);
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export class SheetScanner {
  private carry = '';
  private readonly stack: string[] = [];
  private sawRoot = false;

  constructor(private readonly h: ScanHandler) {}

  write(chunk: string): void {
    const buf = this.carry ? this.carry + chunk : chunk;
    this.carry = '';
    const h = this.h;
    let pos = 0;
    const len = buf.length;
    while (pos < len) {
      const lt = buf.indexOf('<', pos);
      if (lt === -1) {
        // Text up to the end; an entity may be cut: keep from the last '&' if it is not closed.
        const amp = buf.lastIndexOf('&');
        if (amp >= pos && buf.indexOf(';', amp) === -1) {
          if (amp > pos) this.emitText(buf.slice(pos, amp));
          this.carry = buf.slice(amp);
        } else this.emitText(buf.slice(pos));
        return;
      }
      if (lt > pos) this.emitText(buf.slice(pos, lt));
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (buf.startsWith('<![CDATA[', lt)) {
          const end = buf.indexOf(']]>', lt + 9);
          if (end === -1) { this.carry = buf.slice(lt); return; }
          if (this.stack.length) h.text(buf.slice(lt + 9, end));
          pos = end + 3;
          continue;
        }
        if (buf.startsWith('<!--', lt)) {
          const end = buf.indexOf('-->', lt + 4);
          if (end === -1) { this.carry = buf.slice(lt); return; }
          pos = end + 3;
          continue;
        }
        if (len - lt < 9) { this.carry = buf.slice(lt); return; }
        throw new XmlSyntaxError('DOCTYPE or unknown markup');
      }
      if (next === 63 /* ? */) {
        const end = buf.indexOf('?>', lt + 2);
        if (end === -1) { this.carry = buf.slice(lt); return; }
        pos = end + 2;
        continue;
      }
      // The tag's end: the first '>' outside quotes.
      let gt = -1;
      for (let i = lt + 1, q = 0; i < len; i++) {
        const c = buf.charCodeAt(i);
        if (q) { if (c === q) q = 0; }
        else if (c === 34 || c === 39) q = c;
        else if (c === 62) { gt = i; break; }
      }
      if (gt === -1) {
        if (len - lt > 1024 * 1024) throw new XmlSyntaxError('tag too long');
        this.carry = buf.slice(lt);
        return;
      }
      if (next === 47 /* / */) {
        const name = localName(buf.slice(lt + 2, gt).trim());
        const open = this.stack.pop();
        if (open !== name) throw new XmlSyntaxError(`</${name}> closes <${open ?? ''}>`);
        h.close(name);
      } else {
        const self = buf.charCodeAt(gt - 1) === 47;
        const raw = buf.slice(lt + 1, self ? gt - 1 : gt);
        const name = localName(raw);
        if (!name) throw new XmlSyntaxError('empty tag name');
        if (!this.stack.length && this.sawRoot) throw new XmlSyntaxError('content after the root element');
        this.sawRoot = true;
        if (!self) this.stack.push(name);
        h.open(name, raw, self);
        if (self) h.close(name);
      }
      pos = gt + 1;
    }
  }

  private emitText(t: string): void {
    if (!this.stack.length) {
      if (t.trim() !== '') throw new XmlSyntaxError('text outside the root element');
      return;
    }
    this.h.text(decodeEntities(t));
  }

  /** The end of the part: everything opened must be closed. */
  close(): void {
    if (this.carry.trim() !== '') throw new XmlSyntaxError('cut off inside a tag');
    if (this.stack.length || !this.sawRoot) throw new XmlSyntaxError('cut off before the end of the sheet');
  }
}

