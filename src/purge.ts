/**
 * The DPO's retention purge (issue #4; SPEC §1, §5, §7), around scanFile in `purge` mode: salted hashes
 * that let a later audit prove a given contact was purged without the log holding their data, the purge
 * log and the suppression list written row by row as sidecars of the cleaned file, and the counts of the
 * report's `purge` section. Pure with respect to the process: never prints; reads a suppression list.
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contactColumns, contactValues } from './contact-columns.js';
import { extname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AuditError, usageError } from './errors.js';
import { DEFAULT_RETENTION, type RowResult } from './engine.js';
import { PURGE_RULES, ruleById } from './rules/index.js';
import { render, t } from './i18n/index.js';
import { formatDay, parseDate } from './read/values.js';
import type { Config } from './config.js';
import { fieldGetter, type Mapping } from './mapping.js';
import type { PurgeSection } from './report/model.js';
import type { Sidecar } from './scan.js';
import type { Field, Finding, Lang } from './types.js';
import type { HashKey } from './keys.js';

/** A CSV cell as csv-stringify writes it by default: quoted when it holds a comma, a quote or a line break. */
function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

// ---------------------------------------------------------------------------------------------------
// Hashes

/** 16 random bytes: the salt of lists and logs written before keyed hashes (read, never written). */
export const SALT_BYTES = 16;

/** Validates `--salt`: the hex salt an earlier version's purge printed (at least 16 bytes). */
export function parseSalt(value: string): string {
  const s = value.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(s) || s.length % 2 !== 0 || s.length < SALT_BYTES * 2) {
    throw usageError('salt', { min: SALT_BYTES * 2 });
  }
  return s;
}

/**
 * The salted hash earlier versions wrote (SHA-256 of `<salt>:<value>`, in hex): still computed to read
 * their logs and lists, never written any more (issue #13: with the salt beside it, a phone number
 * could be found by enumeration).
 */
export function legacyHash(salt: string, value: string): string {
  // crypto.hash (Node ≥ 20.12): one call, no Hash object per row.
  return hash('sha256', `${salt}:${value}`, 'hex');
}

export function normalizeId(raw: string | undefined): string | undefined {
  const v = raw?.normalize('NFC').trim();
  return v ? v : undefined;
}

/** Emails compare case-insensitively in practice (exports differ in case): lower-cased and trimmed. */
export function normalizeEmail(raw: string | undefined): string | undefined {
  const v = raw?.normalize('NFC').trim().toLowerCase();
  return v ? v : undefined;
}

/**
 * French overseas numbers: the national prefix (after the 0) → their own country code, so `0692…` and
 * `+262 692…` hash the same (ARCEP numbering plan).
 */
const OVERSEAS: Readonly<Record<string, string>> = {
  '590': '590', '690': '590', '691': '590', // Guadeloupe, Saint-Martin, Saint-Barthélemy
  '594': '594', '694': '594', // Guyane
  '596': '596', '696': '596', '697': '596', // Martinique
  '262': '262', '263': '262', '692': '262', '693': '262', // La Réunion
  '269': '262', '639': '262', // Mayotte
  '508': '508', // Saint-Pierre-et-Miquelon
};

function international(cc: string, national: string): string {
  return `+${OVERSEAS[national.slice(0, 3)] ?? cc}${national}`;
}

/**
 * A phone number in an E.164-like form, so the same person hashes the same whichever way an export
 * writes it: `06 00 00 11 01`, `+33 6 00 00 11 01`, `0033600001101`, `+33 (0)6…` and Excel's
 * `600001101` (leading zero lost) all give `+33600001101`. A number that is not French is kept as
 * `+` and its digits; anything else as its digits.
 */
export function normalizePhone(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.normalize('NFKC').trim();
  let d = s.replace(/\D/g, '');
  if (!d) return undefined;
  let plus = s.startsWith('+');
  if (!plus && d.startsWith('00')) {
    d = d.slice(2);
    plus = true;
  }
  if (plus) {
    if (d.startsWith('33')) {
      // "+33 (0)6…": the trunk 0 is not part of the international number.
      const national = d.length === 12 && d[2] === '0' ? d.slice(3) : d.slice(2);
      if (national.length === 9) return international('33', national);
    }
    return `+${d}`;
  }
  if (d.length === 10 && d[0] === '0') return international('33', d.slice(1));
  if (d.length === 9 && d[0] !== '0') return international('33', d);
  if (d.length === 11 && d.startsWith('33')) return international('33', d.slice(2));
  return d;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export const IDENTITY_KINDS = ['id', 'email', 'phone', 'name'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export type Identities = Partial<Record<IdentityKind, string>>;

/**
 * `last name|first name|birth date`, accents removed, lower-cased, the date as YYYY-MM-DD, an absent
 * part left empty; undefined without a name. `birth` is read as any date of the input.
 */
export function nameKey(last: string | undefined, first: string | undefined, birth: string | undefined): string | undefined {
  if (!last?.trim() && !first?.trim()) return undefined;
  const born = parseDate(birth);
  return `${fold(last ?? '')}|${fold(first ?? '')}|${typeof born === 'number' ? formatDay(born) : ''}`;
}

/**
 * Everything that identifies a row, each normalised as a person would give it back (issue #13: someone
 * asking "was I purged?" knows their e-mail or phone, not the CRM's id): its id, e-mail, phone, and —
 * only when it has neither e-mail nor phone (an electoral-list extract) — its name and birth date.
 */
export function identitiesOf(get: (field: Field) => string | undefined): Identities {
  const out: Identities = {};
  const id = normalizeId(get('id'));
  if (id) out.id = id;
  const email = normalizeEmail(get('email'));
  if (email) out.email = email;
  const phone = normalizePhone(get('phone'));
  if (phone) out.phone = phone;
  if (!email && !phone) {
    const name = nameKey(get('last_name'), get('first_name'), get('birth_date'));
    if (name) out.name = name;
  }
  return out;
}

/** Normalises an identifier given on the command line (`verify`, `find`…) as the purge does a row's. */
export function normalizeIdentity(kind: IdentityKind, raw: string): string | undefined {
  switch (kind) {
    case 'id': return normalizeId(raw);
    case 'email': return normalizeEmail(raw);
    case 'phone': return normalizePhone(raw);
    case 'name': {
      const [last, first, birth] = raw.split('|');
      return nameKey(last, first, birth);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Reasons

/**
 * A contact is one log row, so when several purge rules hit it the log names one: the rule with the
 * lowest `purge` rank (its metadata says why that order).
 */
function reasonRank(rule: string): number {
  return ruleById.get(rule)?.purge ?? Infinity;
}

/** The finding a purged row is logged under; undefined when no purge rule removed it. */
export function primaryFinding(findings: readonly Finding[]): Finding | undefined {
  let best: Finding | undefined;
  for (const f of findings) {
    if (f.action !== 'drop-row' || ruleById.get(f.rule)?.purge === undefined) continue;
    if (!best || reasonRank(f.rule) < reasonRank(best.rule)) best = f;
  }
  return best;
}

/** A rule's first legal reference, `label <URL>` (empty when it has none). */
export function legalReference(rule: string): string {
  const ref = ruleById.get(rule)?.references[0];
  return ref ? `${ref.label} <${ref.url}>` : '';
}

// ---------------------------------------------------------------------------------------------------
// Purge log

/**
 * One row per purged contact, one keyed hash per identifier it had (issue #13), and the fingerprint of
 * the key (never the key). Logs of earlier versions (LEGACY_PURGE_LOG_COLUMNS, one salted id_hash) are
 * still read by `verify`.
 */
export const PURGE_LOG_COLUMNS = ['line', 'id_hash', 'email_hash', 'phone_hash', 'name_hash', 'category', 'rule', 'reason', 'legal_reference', 'purged_at', 'key_fingerprint'] as const;
export const LEGACY_PURGE_LOG_COLUMNS = ['line', 'id_hash', 'category', 'rule', 'reason', 'legal_reference', 'purged_at'] as const;

export interface PurgeLogRow {
  line: number;
  id_hash: string;
  email_hash: string;
  phone_hash: string;
  name_hash: string;
  category: string;
  rule: string;
  reason: string;
  legal_reference: string;
  purged_at: string;
  key_fingerprint: string;
}

/** The log's format: JSON when its name ends in .json, else CSV. */
export function purgeLogFormat(path: string): 'csv' | 'json' {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'csv';
}

/**
 * Writes purge-log rows (the purge's and the erasure's: issue #13 asks erasure on request to leave the
 * same trace as the retention purge). CSV with a BOM so Excel reads the accents of French reasons, or
 * a JSON array written as it goes.
 */
export class PurgeLogWriter {
  private first = true;
  private readonly cells = new Map<string, string>();
  private readonly tailCells: string;

  constructor(
    readonly json: boolean,
    readonly key: HashKey,
    readonly purgedAt: string,
  ) {
    this.tailCells = `${csvCell(purgedAt)},${key.fingerprint}\n`;
  }

  head(): string {
    return this.json ? '[' : '\uFEFF' + stringify([[...PURGE_LOG_COLUMNS]]);
  }

  /** A cell that repeats row after row (category, rule, reference), quoted once. */
  private cell(v: string): string {
    let c = this.cells.get(v);
    if (c === undefined) this.cells.set(v, (c = csvCell(v)));
    return c;
  }

  /** The log text for one removed row; `ids` are its identities (identitiesOf). */
  entry(line: number, ids: Identities, category: string, rule: string, reason: string, reference: string): string {
    const key = this.key;
    const id = ids.id ? key.hash(ids.id) : '';
    const email = ids.email ? key.hash(ids.email) : '';
    const phone = ids.phone ? key.hash(ids.phone) : '';
    const name = ids.name ? key.hash(ids.name) : '';
    if (this.json) {
      const row: PurgeLogRow = {
        line,
        id_hash: id,
        email_hash: email,
        phone_hash: phone,
        name_hash: name,
        category,
        rule,
        reason,
        legal_reference: reference,
        purged_at: this.purgedAt,
        key_fingerprint: key.fingerprint,
      };
      const text = `${this.first ? '' : ','}\n  ${JSON.stringify(row)}`;
      this.first = false;
      return text;
    }
    // One line per row, in PURGE_LOG_COLUMNS order, quoted as csv-stringify would (a call per row cost
    // twice as much). Only the reason varies in wording; the other cells are cached.
    return `${line},${id},${email},${phone},${name},${this.cell(category)},${this.cell(rule)},${csvCell(reason)},${this.cell(reference)},${this.tailCells}`;
  }

  tail(): string | undefined {
    return this.json ? `${this.first ? '' : '\n'}]\n` : undefined;
  }
}

/** A purge log as read back (`verify`): its rows, and whether it is keyed (this version) or salted. */
export interface PurgeLogContents {
  keyed: boolean;
  rows: PurgeLogRow[];
}

/** Reads a purge log, CSV or JSON, of this version or an earlier (salted) one. */
export function readPurgeLog(path: string): PurgeLogContents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new AuditError('E_INPUT_UNREADABLE', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file: path });
  }
  const bad = (line?: number) => new AuditError('E_PURGE_LOG', {}, { file: path, line });
  let records: Record<string, unknown>[];
  if (text.trimStart().startsWith('[')) {
    try {
      records = JSON.parse(text) as Record<string, unknown>[];
    } catch {
      throw bad();
    }
    if (!Array.isArray(records)) throw bad();
  } else {
    let rows: string[][];
    try {
      rows = parse(text, { skip_empty_lines: true }) as string[][];
    } catch (e) {
      throw new AuditError('E_CSV_SYNTAX', { detail: (e as Error).message.split('\n')[0] }, { file: path });
    }
    const header = rows[0] ?? [];
    if (header.join(',') !== PURGE_LOG_COLUMNS.join(',') && header.join(',') !== LEGACY_PURGE_LOG_COLUMNS.join(',')) throw bad(1);
    records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  }
  const keyed = records.length === 0 ? true : typeof records[0].key_fingerprint === 'string';
  const rows = records.map((r, i): PurgeLogRow => {
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
    if (typeof r !== 'object' || r === null || typeof r.rule !== 'string' || (keyed && typeof r.key_fingerprint !== 'string')) throw bad(i + 2);
    return {
      line: Number(r.line),
      id_hash: str('id_hash'),
      email_hash: str('email_hash'),
      phone_hash: str('phone_hash'),
      name_hash: str('name_hash'),
      category: str('category'),
      rule: str('rule'),
      reason: str('reason'),
      legal_reference: str('legal_reference'),
      purged_at: str('purged_at'),
      key_fingerprint: str('key_fingerprint'),
    };
  });
  return { keyed, rows };
}

// ---------------------------------------------------------------------------------------------------
// Suppression list

export const SUPPRESSION_COLUMNS = ['kind', 'hash', 'key_fingerprint', 'added_on', 'legacy_salt'] as const;
/** The list earlier versions wrote: each entry salted, the salt beside it. Read, and migrated when extended. */
export const LEGACY_SUPPRESSION_COLUMNS = ['kind', 'hash', 'salt', 'added_on'] as const;
export type SuppressionKind = 'email' | 'phone';

interface HashSets {
  email: Set<string>;
  phone: Set<string>;
}

/**
 * Hashed e-mails and phones of people who objected or asked to be erased (issues #4, #13), so a later
 * import can be checked against it (`scan --suppress`). An entry is the keyed hash of the normalised
 * value; an entry migrated from an earlier, salted list is the keyed hash of its salted hash, its salt
 * kept beside it (the salt alone opens nothing: without the key, nothing can be tested). A legacy list
 * is read as it is, and rewritten keyed the next time a run extends it.
 */
export class SuppressionList {
  /** Keyed entries by legacy salt ('' for entries made from the value itself). */
  private readonly keyed = new Map<string, HashSets>();
  /** Entries of a legacy list, by salt, until it is migrated. */
  private readonly salted = new Map<string, HashSets>();
  /** Legacy rows as read, to migrate: kind, hash, salt, added_on. */
  private readonly legacyRows: string[][] = [];
  /** Fingerprint of the key the list's keyed entries were made with. */
  fingerprint?: string;
  /** Entries (one per kind and hash). */
  size = 0;
  /** Entries whose check matched a row (counted by `matches`). */
  matched = 0;
  /** Whether the file is in the format of earlier versions (salted). */
  readonly legacy: boolean = false;
  private keyCache?: HashKey;

  /**
   * `text`: the file as read, header included, or undefined for a new list. `key` gives the key, read
   * only when needed (a keyed entry to check, an entry to add): a legacy list is checked without it.
   */
  constructor(
    readonly text: string | undefined,
    readonly file = 'suppression list',
    private readonly getKey?: () => HashKey,
  ) {
    if (text === undefined) return;
    let rows: string[][];
    try {
      rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
    } catch (e) {
      throw new AuditError('E_CSV_SYNTAX', { detail: (e as Error).message.split('\n')[0] }, { file });
    }
    const header = rows[0]?.join(',');
    this.legacy = header === LEGACY_SUPPRESSION_COLUMNS.join(',');
    if (!this.legacy && header !== SUPPRESSION_COLUMNS.join(',')) {
      throw new AuditError('E_SUPPRESSION_HEADER', { columns: SUPPRESSION_COLUMNS.join(',') }, { file, line: 1 });
    }
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i];
      const [kind, hash] = row;
      const okKind = kind === 'email' || kind === 'phone';
      if (this.legacy) {
        const salt = row[2];
        if (!okKind || !/^[0-9a-f]{64}$/.test(hash) || !/^[0-9a-f]{32,}$/.test(salt)) throw new AuditError('E_SUPPRESSION_ROW', {}, { file, line: i + 1 });
        this.legacyRows.push(row);
        this.put(this.salted, salt, kind, hash);
      } else {
        const [, , fingerprint, , salt] = row;
        if (!okKind || !/^[0-9a-f]{64}$/.test(hash) || !/^[0-9a-f]{16}$/.test(fingerprint) || !/^([0-9a-f]{32,})?$/.test(salt)) {
          throw new AuditError('E_SUPPRESSION_ROW', {}, { file, line: i + 1 });
        }
        if (this.fingerprint !== undefined && fingerprint !== this.fingerprint) throw new AuditError('E_KEY_MISMATCH', { fingerprint, expected: this.fingerprint }, { file, line: i + 1 });
        this.fingerprint = fingerprint;
        this.put(this.keyed, salt, kind, hash);
      }
    }
  }

  /** Reads a list; a missing file is an empty new list when `create`. */
  static read(path: string, create = false, getKey?: () => HashKey): SuppressionList {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (create && code === 'ENOENT') return new SuppressionList(undefined, path, getKey);
      throw new AuditError('E_INPUT_UNREADABLE', { detail: code ?? String(e) }, { file: path });
    }
    return new SuppressionList(text, path, getKey);
  }

  private put(map: Map<string, HashSets>, salt: string, kind: SuppressionKind, hash: string): boolean {
    let sets = map.get(salt);
    if (!sets) map.set(salt, (sets = { email: new Set(), phone: new Set() }));
    if (sets[kind].has(hash)) return false;
    sets[kind].add(hash);
    this.size++;
    return true;
  }

  /** The key, checked against the list's fingerprint. */
  key(): HashKey {
    if (this.keyCache) return this.keyCache;
    if (!this.getKey) throw new AuditError('E_KEY_MISSING', {}, { file: this.file });
    const key = this.getKey();
    if (this.fingerprint !== undefined && key.fingerprint !== this.fingerprint) {
      throw new AuditError('E_KEY_MISMATCH', { fingerprint: this.fingerprint, expected: key.fingerprint }, { file: this.file });
    }
    return (this.keyCache = key);
  }

  /** Whether a normalised e-mail or phone is on the list. */
  has(kind: SuppressionKind, value: string): boolean {
    for (const [salt, sets] of this.salted) if (sets[kind].has(legacyHash(salt, value))) return true;
    if (this.keyed.size === 0) return false;
    const key = this.key();
    for (const [salt, sets] of this.keyed) if (sets[kind].has(key.hash(salt ? legacyHash(salt, value) : value))) return true;
    return false;
  }

  /** Adds a normalised e-mail or phone; returns the list row to append, or undefined when it was there. */
  add(kind: SuppressionKind, value: string, addedOn: string): string[] | undefined {
    if (this.has(kind, value)) return undefined;
    const key = this.key();
    const hash = key.hash(value);
    this.put(this.keyed, '', kind, hash);
    this.fingerprint ??= key.fingerprint;
    return [kind, hash, key.fingerprint, addedOn, ''];
  }

  /** Whether the row's email or phone is on the list. */
  matches(get: (field: Field) => string | undefined): boolean {
    if (this.size === 0) return false;
    const email = normalizeEmail(get('email'));
    const phone = normalizePhone(get('phone'));
    if ((email && this.has('email', email)) || (phone && this.has('phone', phone))) {
      this.matched++;
      return true;
    }
    return false;
  }

  /**
   * The text a run extending the list starts with: the list as it was, or, for a legacy list, its
   * entries migrated to keyed ones (each salted hash hashed again under the key, its salt kept).
   */
  startText(): string {
    if (this.text === undefined) return stringify([[...SUPPRESSION_COLUMNS]]);
    if (!this.legacy) {
      const old = this.text.replace(/^\uFEFF/, '');
      return /[\r\n]$/.test(old) ? old : `${old}\n`;
    }
    const key = this.key();
    const rows = this.legacyRows.map(([kind, hash, salt, addedOn]) => [kind, key.hash(hash), key.fingerprint, addedOn, salt]);
    return stringify([[...SUPPRESSION_COLUMNS], ...rows]);
  }
}

// ---------------------------------------------------------------------------------------------------
// Retention applied (for the summary a DPO files)

/**
 * Each category's retention as applied, and where it comes from: the config, or the default with its
 * source (the texts, or the tool's interpretation; see src/retention.ts). Data only (issue 14): a
 * message id and its params, worded by the renderers.
 */
export function retentionApplied(config: Config | undefined): PurgeSection['retention'] {
  const out: PurgeSection['retention'] = {};
  const configured = config?.retention ?? {};
  for (const [category, fallback] of Object.entries(DEFAULT_RETENTION)) {
    const own = configured[category as keyof typeof configured];
    out[category] = own !== undefined
      ? { duration: own, basis: 'config', messageId: 'purge.retention.config', params: { default: fallback } }
      : { duration: fallback, basis: 'default', messageId: `purge.retention.default.${category}`, params: {} };
  }
  for (const [category, duration] of Object.entries(configured)) {
    if (!(category in out) && duration !== undefined) out[category] = { duration, basis: 'config-only', messageId: 'purge.retention.configOnly', params: {} };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// One purge over one file

/** Lines listed per reason on a dry run; beyond, counted. Bounds memory on a large file (SPEC §8). */
export const DRY_RUN_LINE_LIMIT = 200;

/** Physical lines as ranges ([3, 3], [5, 7]), at most `limit` ranges, the rest counted. */
export class LineList {
  readonly ranges: [number, number][] = [];
  more = 0;
  constructor(private readonly limit = DRY_RUN_LINE_LIMIT) {}
  add(line: number): void {
    const last = this.ranges[this.ranges.length - 1];
    if (last && line === last[1] + 1) last[1] = line;
    else if (this.ranges.length < this.limit) this.ranges.push([line, line]);
    else this.more++;
  }
  toString(): string {
    return this.ranges.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
  }
}

export interface PurgeRunOptions {
  lang: Lang;
  /**
   * The key of the log's and the list's hashes, read (or created) when the log is started: a run
   * refused for its options or paths leaves no new key behind.
   */
  key: HashKey | (() => HashKey);
  /** When the purge ran (ISO 8601), the same for every row of the log. */
  purgedAt: string;
  dryRun: boolean;
  /** Purge log path (CSV, or JSON by extension). */
  log: string;
  /** `--suppression-list`: the list (existing entries, or new) and where to write it. */
  suppression?: { path: string; list: SuppressionList; addedOn: string };
  retention: PurgeSection['retention'];
  /**
   * Why a removed row is logged: rule, reason and legal reference; undefined for a row that is not
   * logged. Default: its first purge finding (primaryFinding). Erasure gives its own.
   */
  logAs?: (r: RowResult) => { rule: string; reason: string; reference: string } | undefined;
  /** Whether a removed row's e-mail and phone go on the suppression list. Default: it carried an objection. */
  suppressWhen?: (r: RowResult) => boolean;
  /** Normalised e-mails and phones to put on the list whatever the rows (an erasure request's own). */
  alsoSuppress?: [SuppressionKind, string][];
}

/** The severities of the findings of the purge rules left on kept rows (`purge` exit code, issue #13). */
export type SeverityCounts = Record<'error' | 'warning' | 'info', number>;

/**
 * The purge of one file: the sidecars scanFile writes with the cleaned file (the log, the suppression
 * list), the counts they see, and the report's `purge` section. Rows stream through; only counts and,
 * on a dry run, a bounded list of lines are kept.
 */
export class PurgeRun {
  readonly byReason: Record<string, number> = {};
  readonly byCategory: Record<string, number> = {};
  /** Dry run: the lines that would go, per reason. */
  readonly lines = new Map<string, LineList>();
  /** Findings of the purge rules on rows the purge kept (e.g. a retention it could not decide). */
  readonly remainingPurge: SeverityCounts = { error: 0, warning: 0, info: 0 };
  purged = 0;
  /** Rows of the log without any identifier to hash. */
  unidentified = 0;
  /** Entries the suppression list gained (or would gain). */
  suppressionAdded = 0;
  /** Rows found on a suppression list (`--suppress`, or the list being extended). */
  suppressed = 0;

  private keyCache?: HashKey;

  constructor(readonly opts: PurgeRunOptions) {}

  get key(): HashKey {
    const k = this.opts.key;
    return (this.keyCache ??= typeof k === 'function' ? k() : k);
  }

  sidecars(): Sidecar[] {
    const out: Sidecar[] = [this.logSidecar()];
    if (this.opts.suppression) out.push(this.suppressionSidecar(this.opts.suppression));
    return out;
  }

  section(): PurgeSection {
    const s: PurgeSection = { byReason: { ...this.byReason }, byCategory: { ...this.byCategory }, retention: this.opts.retention };
    if (!this.opts.dryRun) s.log = resolve(this.opts.log);
    if (this.keyCache && !this.opts.dryRun) s.keyFingerprint = this.keyCache.fingerprint;
    if (this.opts.suppression) s.suppressionList = { path: resolve(this.opts.suppression.path), added: this.suppressionAdded };
    if (this.unidentified) s.unidentified = this.unidentified;
    return s;
  }

  private readonly references = new Map<string, string>();
  private reference(rule: string): string {
    let c = this.references.get(rule);
    if (c === undefined) this.references.set(rule, (c = legalReference(rule)));
    return c;
  }

  /** Rule, reason and reference of a purged row (its first purge finding). */
  private defaultLogAs(r: RowResult) {
    const f = primaryFinding(r.findings);
    // The reason is the finding's own message: rules word findings without personal data (SPEC §7).
    return f && { rule: f.rule, reason: render(this.opts.lang, f.message), reference: this.reference(f.rule) };
  }

  private logSidecar(): Sidecar {
    const { purgedAt, dryRun } = this.opts;
    let writer: PurgeLogWriter;
    const logAs = this.opts.logAs ?? ((r: RowResult) => this.defaultLogAs(r));
    let mapping: Mapping = {};
    return {
      path: this.opts.log,
      what: 'the purge log',
      start: (_header, m) => {
        mapping = m;
        writer = new PurgeLogWriter(purgeLogFormat(this.opts.log) === 'json', this.key, purgedAt);
        return writer.head();
      },
      row: (r: RowResult, cells: string[]) => {
        if (!r.dropped) {
          for (const f of r.findings) if (PURGE_RULES.has(f.rule)) this.remainingPurge[f.severity]++;
          return undefined;
        }
        // A dry run only counts: the rule, without rendering a reason.
        const entry = dryRun && !this.opts.logAs ? undefined : logAs(r);
        const rule = entry ? entry.rule : dryRun && !this.opts.logAs ? primaryFinding(r.findings)?.rule : undefined;
        if (!rule) return undefined;
        this.purged++;
        this.byReason[rule] = (this.byReason[rule] ?? 0) + 1;
        this.byCategory[r.category] = (this.byCategory[r.category] ?? 0) + 1;
        if (dryRun) {
          let l = this.lines.get(rule);
          if (!l) this.lines.set(rule, (l = new LineList()));
          l.add(r.line);
          return undefined;
        }
        const ids = identitiesOf(fieldGetter(mapping, cells));
        if (!ids.id && !ids.email && !ids.phone && !ids.name) this.unidentified++;
        return writer.entry(r.line, ids, r.category, rule, entry!.reason, entry!.reference);
      },
      end: () => writer?.tail(),
    };
  }

  private suppressionSidecar(s: NonNullable<PurgeRunOptions['suppression']>): Sidecar {
    const { list, addedOn } = s;
    const when = this.opts.suppressWhen ?? ((r: RowResult) => r.findings.some((f) => f.rule === 'objection-ignored'));
    let columns: ReturnType<typeof contactColumns> = { email: [], phone: [], address: [] };
    return {
      path: s.path,
      what: 'the suppression list',
      extends: true,
      // The list grows run after run: what it held is copied first (migrated when salted), then the new entries.
      start: (header, m) => {
        columns = contactColumns(header, m);
        let text = list.startText();
        const rows = (this.opts.alsoSuppress ?? []).map(([kind, value]) => list.add(kind, value, addedOn)).filter((r): r is string[] => !!r);
        this.suppressionAdded += rows.length;
        if (rows.length) text += stringify(rows);
        return text;
      },
      row: (r: RowResult, cells: string[]) => {
        if (!r.dropped || !when(r)) return undefined;
        const rows: string[][] = [];
        // Every e-mail and phone column, not only the mapped ones (issue #16).
        for (const kind of ['email', 'phone'] as const) for (const raw of contactValues(columns[kind], kind, cells)) {
          const value = kind === 'email' ? normalizeEmail(raw) : normalizePhone(raw);
          if (!value) continue;
          const row = list.add(kind, value, addedOn);
          if (row) rows.push(row);
        }
        this.suppressionAdded += rows.length;
        return rows.length ? stringify(rows) : undefined;
      },
    };
  }
}
