/**
 * What the main thread and the purge log's worker thread (src/purge-log-thread.ts,
 * src/purge-log-worker.ts) say to each other: the thread's start data, the rows, the replies.
 */
import type { RowIdentities } from './purge.js';
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
 * reference with an em dash made every message a two-byte string, copied at a third of the speed.
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
    out.push(`${line.length}:${line}${id.length}:`, id, `${name.length}:`, name, `${emails.length};`);
    for (let i = 0; i < emails.length; i++) out.push(`${emails[i].length}:`, emails[i]);
    out.push(`${phones.length};`);
    for (let i = 0; i < phones.length; i++) out.push(`${phones[i].length}:`, phones[i]);
    out.push(this.word(r[2]) + this.word(r[3]) + `${r[4].length}:`, r[4], this.word(r[5]));
  }

  takeWords(): string[] {
    const w = this.fresh;
    this.fresh = [];
    return w;
  }
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
    while (pos < text.length) {
      const line = Number(next());
      const id = next();
      const name = next();
      const count = () => {
        const semi = text.indexOf(';', pos);
        const n = Number(text.slice(pos, semi));
        pos = semi + 1;
        return n;
      };
      const emails: string[] = [];
      for (let n = count(); n > 0; n--) emails.push(next());
      const phones: string[] = [];
      for (let n = count(); n > 0; n--) phones.push(next());
      const ids: RowIdentities = { emails, phones };
      if (id) ids.id = id;
      if (name) ids.name = name;
      const category = word();
      const rule = word();
      const reason = next();
      yield [line, ids, category, rule, reason, word()];
    }
  }
}

export type LogThreadReply = { done: number; end?: boolean } | { error: string };

