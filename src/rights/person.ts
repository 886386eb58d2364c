/**
 * Rights requests (issue #13; RGPD arts. 15, 17, 21): who a request is about, and which rows of a
 * contact file are theirs. A row is the person's when one of the identifiers given equals the row's,
 * both normalised as the purge normalises them (so `06 00 00 11 01` finds `+33600001101`, and an
 * upper-case e-mail finds a lower-case one). Pure: never prints.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { AuditError, usageError } from '../errors.js';
import { IDENTITY_KINDS, nameKey, normalizeEmail, normalizeId, normalizeIdentity, normalizePhone, type IdentityKind } from '../purge.js';
import type { Field } from '../types.js';

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

/** Whether a row (read through `get`) is the person's. */
export function isPerson(q: PersonQuery, get: (field: Field) => string | undefined): boolean {
  if (q.email !== undefined && normalizeEmail(get('email')) === q.email) return true;
  if (q.phone !== undefined && normalizePhone(get('phone')) === q.phone) return true;
  if (q.id !== undefined && normalizeId(get('id')) === q.id) return true;
  if (q.name !== undefined && nameKey(get('last_name'), get('first_name'), get('birth_date')) === q.name) return true;
  return false;
}

/** Which kinds of identifier a query has, for a summary (never the values). */
export function queryKinds(q: PersonQuery): string {
  return IDENTITY_KINDS.filter((k) => q[k] !== undefined).join('+');
}

/**
 * The identifier kind of a value in a requests file: `email:`, `phone:`, `id:` or `name:` as a prefix
 * says it; else an `@` is an e-mail, a `|` a name key, nine digits or more a phone, anything else an id.
 */
function typed(value: string): [IdentityKind, string] {
  const m = /^(email|phone|id|name):(.*)$/s.exec(value);
  if (m) return [m[1] as IdentityKind, m[2]];
  if (value.includes('@')) return ['email', value];
  if (value.includes('|')) return ['name', value];
  if ((value.match(/\d/g) ?? []).length >= 9 && /^[\d\s+().-]+$/.test(value)) return ['phone', value];
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
 * Several lines with the same request number (`kind` = `+`) add identifiers to the line above.
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
