/**
 * Rights requests (issue #13; RGPD arts. 15, 17, 21): who a request is about, and which rows of a
 * contact file are theirs. A row is the person's when one of the identifiers given equals the row's,
 * both normalised as the purge normalises them (so `06 00 00 11 01` finds `+33600001101`, and an
 * upper-case e-mail finds a lower-case one), over every e-mail and phone column of the row (a HubSpot
 * number sits in `Mobile Phone Number`, a Google address in `E-mail 2 - Value`). Pure: never prints.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { AuditError, usageError } from '../errors.js';
import { contactColumns, holdsContact } from '../contact-columns.js';
import { fieldGetter, type Mapping } from '../mapping.js';
import { IDENTITY_KINDS, distinctContacts, nameKey, normalizeEmail, normalizeId, normalizeIdentity, normalizePhone, type ContactCols, type IdentityKind } from '../purge.js';

/** The rule an erasure is logged under (RGPD art. 17): not a rule of the catalogue, nothing detects it. */
export const ERASURE_RULE = 'erasure-request';

/** The normalised identifiers of one person (at least one). */
export type PersonQuery = Partial<Record<IdentityKind, string>>;

/** A query from raw identifiers (`--email` …); a usage error when none is given or one normalises to nothing. */
export function personQuery(raw: Partial<Record<IdentityKind, string>>): PersonQuery {
  const q: PersonQuery = {};
  for (const kind of IDENTITY_KINDS) {
    const v = raw[kind];
    if (v === undefined) continue;
    const n = normalizeIdentity(kind, v);
    if (!n) throw usageError('verifyEmpty', { option: `--${kind}` });
    q[kind] = n;
  }
  if (!Object.keys(q).length) throw usageError('identityAny', { options: IDENTITY_KINDS.map((k) => `--${k}`).join(', ') });
  return q;
}

/** Whether a query names a person by a name key without a birth date (`Dupont|Jean|`): namesakes match it. */
export function nameWithoutBirth(q: PersonQuery): boolean {
  return q.name !== undefined && q.name.endsWith('|');
}

/** What one matched row offers to tell people apart (never printed: lines only). */
export interface HitKeys {
  file: string;
  line: number;
  emails: readonly string[];
  phones: readonly string[];
  id?: string;
  /** The name key with a birth date (a name alone does not tell namesakes apart). */
  named?: string;
  /** A row with the wrong number of fields: matched on any of its cells (its fields are shifted). */
  malformed?: boolean;
}

/**
 * Matches the rows of one file against several requests. The header's contact columns are found once;
 * each row's e-mails and phones are normalised once for all the requests.
 */
export class PersonMatcher {
  private readonly cols: ContactCols;
  private readonly wantsId: boolean;
  private readonly wantsName: boolean;
  private readonly wantsContact: boolean;

  constructor(
    readonly queries: readonly PersonQuery[],
    readonly file: string,
    private readonly header: readonly string[],
    private readonly mapping: Mapping,
    /** Every contact column of each kind, as the engine found them (by name, profile or values). */
    cols?: ContactCols,
  ) {
    this.cols = cols ?? contactColumns(header as string[], mapping);
    this.wantsId = queries.some((q) => q.id !== undefined);
    this.wantsName = queries.some((q) => q.name !== undefined);
    this.wantsContact = queries.some((q) => q.email !== undefined || q.phone !== undefined);
  }

  /** The requests (by index) this row belongs to, with its keys; undefined when none. */
  match(cells: readonly string[], line: number): { requests: number[]; keys: HitKeys } | undefined {
    if (cells.length !== this.header.length) return this.matchMalformed(cells, line);
    const get = fieldGetter(this.mapping, cells as string[]);
    const emails = this.wantsContact ? distinctContacts('email', this.cols.email, cells) : [];
    const phones = this.wantsContact ? distinctContacts('phone', this.cols.phone, cells) : [];
    const id = this.wantsId ? normalizeId(get('id')) : undefined;
    const name = this.wantsName ? nameKey(get('last_name'), get('first_name'), get('birth_date')) : undefined;
    let requests: number[] | undefined;
    this.queries.forEach((q, i) => {
      if ((q.email !== undefined && emails.includes(q.email)) || (q.phone !== undefined && phones.includes(q.phone)) || (q.id !== undefined && id === q.id) || (q.name !== undefined && name === q.name)) {
        (requests ??= []).push(i);
      }
    });
    if (!requests) return undefined;
    // For telling people apart, all of the row's identifiers (computed only for the rows matched).
    const all = this.wantsContact ? { emails, phones } : { emails: distinctContacts('email', this.cols.email, cells), phones: distinctContacts('phone', this.cols.phone, cells) };
    const key = name ?? nameKey(get('last_name'), get('first_name'), get('birth_date'));
    const keys: HitKeys = { file: this.file, line, ...all, id: id ?? normalizeId(get('id')), named: key && !key.endsWith('|') ? key : undefined };
    return { requests, keys };
  }

  /**
   * A malformed row's fields are shifted: its e-mail may sit in any cell. Any cell holding the e-mail
   * or phone asked for matches; an id or a name cannot be told from a shifted cell.
   */
  private matchMalformed(cells: readonly string[], line: number): { requests: number[]; keys: HitKeys } | undefined {
    if (!this.wantsContact) return undefined;
    const emails: string[] = [];
    const phones: string[] = [];
    for (const c of cells) {
      if (holdsContact('email', c)) {
        const v = normalizeEmail(c);
        if (v && !emails.includes(v)) emails.push(v);
      } else if (holdsContact('phone', c)) {
        const v = normalizePhone(c);
        if (v && !phones.includes(v)) phones.push(v);
      }
    }
    let requests: number[] | undefined;
    this.queries.forEach((q, i) => {
      if ((q.email !== undefined && emails.includes(q.email)) || (q.phone !== undefined && phones.includes(q.phone))) (requests ??= []).push(i);
    });
    return requests && { requests, keys: { file: this.file, line, emails, phones, malformed: true } };
  }
}

/**
 * The distinct people among the rows a request matched (issue #13 audit: `--name` finds namesakes, an
 * `--id` of one export means another person in another, `--email` and `--phone` may hit two people).
 * Two rows are one person when they share an e-mail, a phone, a name with its birth date, or the same
 * id in the same file. Returns the groups, each a list of rows, in order of first appearance.
 */
export function distinctPeople(hits: readonly HitKeys[]): HitKeys[][] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const seen = new Map<string, number>();
  hits.forEach((h, i) => {
    const keys = [...h.emails.map((e) => `e:${e}`), ...h.phones.map((p) => `p:${p}`)];
    if (h.named) keys.push(`n:${h.named}`);
    if (h.id !== undefined) keys.push(`i:${h.file}\u0000${h.id}`);
    for (const k of keys) {
      const j = seen.get(k);
      if (j === undefined) seen.set(k, i);
      else union(i, j);
    }
  });
  const groups = new Map<number, HitKeys[]>();
  hits.forEach((h, i) => {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(h);
  });
  return [...groups.values()];
}

/** Which kinds of identifier a query has, for a summary (never the values). */
export function queryKinds(q: PersonQuery): string {
  return IDENTITY_KINDS.filter((k) => q[k] !== undefined).join('+');
}

/**
 * The identifier kind of a value in a requests file: `email:`, `phone:`, `id:` or `name:` as a prefix
 * says it; else an `@` is an e-mail, a `|` a name key, and a phone is nine digits or more written as
 * a phone is — starting with `+` or `0`, or with spaces, dots, dashes or brackets between digits.
 * Bare digits otherwise are an id (a HubSpot `Record ID`, `51234567801`, is not a phone number).
 */
export function typed(value: string): [IdentityKind, string] {
  const m = /^(email|phone|id|name):(.*)$/s.exec(value);
  if (m) return [m[1] as IdentityKind, m[2]];
  if (value.includes('@')) return ['email', value];
  if (value.includes('|')) return ['name', value];
  const v = value.trim();
  if ((v.match(/\d/g) ?? []).length >= 9 && /^[\d\s+().-]+$/.test(v) && (/^[+0(]/.test(v) || /\d[\s().-]+\d/.test(v))) return ['phone', value];
  return ['id', value];
}

export interface RequestLine {
  /** The request's line in the requests file. */
  line: number;
  /** What the line asks (`find`, `access`, `erase`), or undefined when it names only a person. */
  kind?: string;
  query: PersonQuery;
}

/**
 * Reads a requests file: CSV, one request a line, `kind,identifier` (a header line `kind,identifier`
 * is skipped). `kind` is the request (`find`, `access`, `erase`) or the identifier's kind (`email`,
 * `phone`, `id`, `name`); the identifier's kind is otherwise recognised from its value (`typed`).
 */
export function readRequests(path: string): RequestLine[] {
  let rows: string[][];
  try {
    rows = parse(readFileSync(path, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && code.startsWith('E') && !code.startsWith('CSV')) throw new AuditError('E_INPUT_UNREADABLE', { detail: code }, { file: path });
    throw new AuditError('E_CSV_SYNTAX', { detail: (e as Error).message.split('\n')[0] }, { file: path });
  }
  const out: RequestLine[] = [];
  rows.forEach((row, i) => {
    const line = i + 1;
    if (i === 0 && row[0]?.toLowerCase() === 'kind') return;
    const [kindRaw, value] = row;
    const kind = kindRaw?.toLowerCase();
    if (!value) throw new AuditError('E_REQUESTS', {}, { file: path, line });
    const [idKind, raw] = (IDENTITY_KINDS as readonly string[]).includes(kind) ? [kind as IdentityKind, value] : typed(value);
    const n = normalizeIdentity(idKind, raw);
    if (!n || !['find', 'access', 'erase', 'email', 'phone', 'id', 'name'].includes(kind)) throw new AuditError('E_REQUESTS', {}, { file: path, line });
    out.push({ line, kind: ['find', 'access', 'erase'].includes(kind) ? kind : undefined, query: { [idKind]: n } });
  });
  return out;
}
