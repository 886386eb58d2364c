/**
 * What the main thread and the purge log's worker thread (src/purge-log-thread.ts,
 * src/purge-log-worker.ts) say to each other: the thread's start data, the rows, the replies.
 */
import { distinctContacts, identitiesFrom, nameKey, type ContactCols, type RowIdentities } from './identities.js';
import type { Field } from './types.js';
import type { LogPrefix } from './purge-log.js';

/** One log row: line, identities, category, rule, reason, legal reference (PurgeLogWriter.entry's arguments). */
export type LogRowArgs = [line: number, ids: RowIdentities, category: string, rule: string, reason: string, reference: string];

export interface LogThreadData {
  path: string;
  json: boolean;
  purgedAt: string;
  keyPath: string;
  key: Uint8Array;
  /** The log this run extends (its bytes are copied into the temp file before the first rows come). */
  extending?: LogPrefix;
}

/**
 * Rows cross to the thread as one string a message, each field as `<length>:<text>`, and the cells that
 * repeat row after row (category, rule, legal reference) as numbers into a table sent once each: the
 * structured clone of an array of row objects cost 6% of a 1M-row purge's main thread, and a long
 * reference with an em dash made every message a two-byte string, copied at a third of the speed. A
 * row starts with `n` (its identities, normalised: RowEncoder.encode) or `c` (its identity cells, which
 * the thread normalises: RowEncoder.encodeCells).
 */
export interface LogThreadMessage {
  rows: string;
  count: number;
  /** Cells new to the thread's table, in the order of their numbers. */
  words: string[];
  end?: boolean;
}

/** Encodes rows for the thread; `words` are the table's new entries since the last take. */
export class RowEncoder {
  /** Each table entry's encoding, `<number>;`. */
  private readonly numbers = new Map<string, string>();
  private fresh: string[] = [];

  private word(s: string): string {
    let n = this.numbers.get(s);
    if (n === undefined) {
      n = `${this.numbers.size};`;
      this.numbers.set(s, n);
      this.fresh.push(s);
    }
    return n;
  }

  /**
   * Appends one row's pieces to `out`, joined once per message by the caller: a string built with `+=`
   * row after row was a tree of pieces that the message's copy first had to flatten.
   */
  encode(r: LogRowArgs, out: string[]): void {
    const ids = r[1];
    const line = String(r[0]);
    const id = ids.id ?? '';
    const name = ids.name ?? '';
    const { emails, phones } = ids;
    out.push(`n${line.length}:${line}${id.length}:`, id, `${name.length}:`, name, `${emails.length};`);
    list(emails, out);
    out.push(`${phones.length};`);
    list(phones, out);
    this.tail(r[2], r[3], r[4], r[5], out);
  }

  /**
   * Appends a row given by its cells: its id cell (trimmed, not empty), every e-mail and phone cell as
   * read, and its name and birth date (only when no e-mail cell holds an `@`: otherwise the row has an
   * e-mail and no name key). The thread normalises them (RowDecoder): the same identities as
   * rowIdentities (src/purge.ts), worked out on the second core.
   */
  encodeCells(line: number, id: string, cells: readonly string[], cols: ContactCols, get: (field: Field) => string | undefined, category: string, rule: string, reason: string, reference: string, out: string[]): void {
    const l = String(line);
    out.push(`c${l.length}:${l}${id.length}:`, id);
    let email = false;
    cellList(cells, cols.email, out);
    for (const i of cols.email) if (cells[i]?.includes('@')) email = true;
    cellList(cells, cols.phone, out);
    if (email) out.push('0:0:0:');
    else for (const f of ['last_name', 'first_name', 'birth_date'] as const) {
      const v = get(f) ?? '';
      out.push(`${v.length}:`, v);
    }
    this.tail(category, rule, reason, reference, out);
  }

  private tail(category: string, rule: string, reason: string, reference: string, out: string[]): void {
    out.push(this.word(category) + this.word(rule) + `${reason.length}:`, reason, this.word(reference));
  }

  takeWords(): string[] {
    const w = this.fresh;
    this.fresh = [];
    return w;
  }
}

/** A list of values: its count, then each value. */
function list(values: readonly string[], out: string[]): void {
  for (let i = 0; i < values.length; i++) out.push(`${values[i].length}:`, values[i]);
}

/** The cells of some columns: their count, then each cell ('' for a cell the row lacks). */
function cellList(cells: readonly string[], cols: readonly number[], out: string[]): void {
  out.push(`${cols.length};`);
  for (const i of cols) {
    const v = cells[i] ?? '';
    out.push(`${v.length}:`, v);
  }
}

/** Column numbers 0 to n - 1, for distinctContacts over a list of cells. */
const firstColumns: number[][] = [];
function upTo(n: number): number[] {
  return (firstColumns[n] ??= Array.from({ length: n }, (_, i) => i));
}

/** Decodes the rows of the messages, in order (the table grows with each message's `words`). */
export class RowDecoder {
  private readonly table: string[] = [];

  *rows(m: LogThreadMessage): Generator<LogRowArgs> {
    for (const w of m.words) this.table.push(w);
    const text = m.rows;
    let pos = 0;
    const next = () => {
      const colon = text.indexOf(':', pos);
      const len = Number(text.slice(pos, colon));
      pos = colon + 1 + len;
      return text.slice(colon + 1, pos);
    };
    const word = () => {
      const semi = text.indexOf(';', pos);
      const v = this.table[Number(text.slice(pos, semi))];
      pos = semi + 1;
      return v;
    };
    const count = () => {
      const semi = text.indexOf(';', pos);
      const n = Number(text.slice(pos, semi));
      pos = semi + 1;
      return n;
    };
    const values = () => {
      const out: string[] = [];
      for (let n = count(); n > 0; n--) out.push(next());
      return out;
    };
    while (pos < text.length) {
      const kind = text[pos++];
      const line = Number(next());
      const id = next();
      let ids: RowIdentities;
      if (kind === 'c') {
        const emails = values();
        const phones = values();
        const last = next();
        const first = next();
        const birth = next();
        ids = identitiesFrom(id, distinctContacts('email', upTo(emails.length), emails), distinctContacts('phone', upTo(phones.length), phones), () => nameKey(last, first, birth));
      } else {
        const name = next();
        ids = { emails: values(), phones: values() };
        if (id) ids.id = id;
        if (name) ids.name = name;
      }
      const category = word();
      const rule = word();
      const reason = next();
      yield [line, ids, category, rule, reason, word()];
    }
  }
}

/**
 * The input's bytes, hashed on the thread for the report's SHA-256 (src/input-hash.ts), in the order
 * read; `inputEnd` asks for the digest.
 */
export type InputHashMessage = { input: ArrayBuffer } | { inputEnd: true };

export type LogThreadReply = { done: number; end?: boolean } | { error: string } | { sha256: string };

