/**
 * The DPO's retention purge (issue #4; SPEC §1, §5, §7), around scanFile in `purge` mode: salted hashes
 * that let a later audit prove a given contact was purged without the log holding their data, the purge
 * log and the suppression list written row by row as sidecars of the cleaned file, and the counts of the
 * report's `purge` section. Pure with respect to the process: never prints; reads a suppression list.
 */
import { hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { contactValues, type ContactPlan } from './contact-columns.js';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AuditError, usageError } from './errors.js';
import { readSmallFile } from './read/small-file.js';
import { DEFAULT_RETENTION, type RowResult } from './engine.js';
import { PURGE_RULES, ruleById } from './rules/index.js';
import { render, t } from './i18n/index.js';
import type { Config } from './config.js';
import { fieldGetter, type Mapping } from './mapping.js';
import type { PurgeSection } from './report/model.js';
import type { Sidecar } from './scan.js';
import type { Field, Finding, Lang } from './types.js';
import type { HashKey } from './keys.js';
import { HASH_LIST_SEPARATOR, LEGACY_PURGE_LOG_COLUMNS, PURGE_LOG_COLUMNS, PurgeLogWriter, purgeLogFormat, type LogPrefix, type PurgeLogRow } from './purge-log.js';
import { distinctContacts, identitiesFrom, nameKey, normalizeEmail, normalizeId, normalizePhone, type ContactCols, type RowIdentities } from './identities.js';
import { LOG_THREAD_MIN_BYTES, logThreadAvailable, startLogThread, type LogThread } from './purge-log-thread.js';

export { distinctContacts, identitiesFrom, nameKey, normalizeEmail, normalizeId, normalizePhone, type ContactCols, type RowIdentities } from './identities.js';
export { HASH_LIST_SEPARATOR, LEGACY_PURGE_LOG_COLUMNS, PURGE_LOG_COLUMNS, PurgeLogWriter, purgeLogFormat, type LogPrefix, type PurgeLogRow };

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


export const IDENTITY_KINDS = ['id', 'email', 'phone', 'name'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export type Identities = Partial<Record<IdentityKind, string>>;

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



/** A row's identities over all its contact columns (identitiesOf reads only the mapped ones). */
export function rowIdentities(get: (field: Field) => string | undefined, cols: ContactCols, cells: readonly string[]): RowIdentities {
  return identitiesFrom(get('id'), distinctContacts('email', cols.email, cells), distinctContacts('phone', cols.phone, cells), () =>
    nameKey(get('last_name'), get('first_name'), get('birth_date')),
  );
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
 * The log at `path`, when there is one, checked before a run extends it (issue #13: a second erasure,
 * or a second purge, the same day appends to the day's log, never replaces it, so no proof is lost):
 * this version's format, CSV or JSON as its name says, made with this key. Reads only its first 64 KiB
 * and its last bytes: a log grows for years. Undefined when there is no file.
 */
export function existingLog(path: string, key: HashKey): LogPrefix | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuditError('E_INPUT_UNREADABLE', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file: path });
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, 64));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const text = head.toString('utf8').replace(/^\uFEFF/, '');
    const bad = () => new AuditError('E_PURGE_LOG_EXTEND', {}, { file: path });
    let fingerprint: string | undefined;
    let prefix: LogPrefix;
    if (purgeLogFormat(path) === 'json') {
      const end = tail.toString('latin1').trimEnd();
      if (!text.trimStart().startsWith('[') || !end.endsWith(']')) throw bad();
      const rows = text.includes('{');
      if (rows && !text.includes('"key_fingerprint"')) throw bad();
      fingerprint = /"key_fingerprint":"([0-9a-f]{16})"/.exec(text)?.[1];
      // Everything up to the closing bracket, without the line break before it.
      let bytes = size - (tail.length - tail.toString('latin1').lastIndexOf(']'));
      const before = Buffer.alloc(Math.min(bytes, 8));
      readSync(fd, before, 0, before.length, bytes - before.length);
      bytes -= before.length - before.toString('latin1').trimEnd().length;
      prefix = { path, bytes, rows, newline: true };
    } else {
      const lines = text.split('\n');
      if (lines[0].replace(/\r$/, '') !== PURGE_LOG_COLUMNS.join(',')) throw bad();
      const row = lines[1]?.replace(/\r$/, '');
      if (row) fingerprint = row.slice(row.lastIndexOf(',') + 1);
      prefix = { path, bytes: size, rows: !!row, newline: tail[tail.length - 1] === 0x0a };
    }
    if (fingerprint !== undefined && fingerprint !== key.fingerprint) {
      throw new AuditError('E_KEY_MISMATCH', { fingerprint, expected: key.fingerprint }, { file: path });
    }
    return prefix;
  } finally {
    closeSync(fd);
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

  /**
   * Reads a list; a missing file is an empty new list when `create`. `from`: where its text is read when
   * it is not the file itself (the list an earlier input of the same run has extended, not renamed yet).
   */
  static read(path: string, create = false, getKey?: () => HashKey, from = path): SuppressionList {
    let text: string;
    try {
      text = readSmallFile(from, 'the suppression list');
    } catch (e) {
      if (e instanceof AuditError) throw e;
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
  // A member has no duration: the membership is its basis; then it is a regular contact (SPEC §5).
  const out: PurgeSection['retention'] = { member: { duration: '', basis: 'member', messageId: 'purge.retentionMember', params: {} } };
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
  // Shorter periods by source (config retentionBySource, e.g. web_form occasional contacts: 1 month):
  // the report a DPO files must say what was applied, not the default (issue #13 audit).
  for (const [source, byCategory] of Object.entries(config?.retentionBySource ?? {})) {
    for (const [category, duration] of Object.entries(byCategory ?? {})) {
      if (duration !== undefined) out[`${category}/${source}`] = { duration, basis: 'config', messageId: 'purge.retention.bySource', params: { source } };
    }
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
   * Where the log is hashed and written: on a worker thread ('worker'), on the main one ('inline'), or
   * on a worker for inputs of LOG_THREAD_MIN_BYTES or more ('auto', the default). The same log either way.
   */
  logThread?: 'auto' | 'worker' | 'inline';
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

/**
 * Findings on a kept row that mean the purge did not finish its job: a purge rule's (a row it should
 * have removed but could not, a malformed row kept by config), or a retention it could not decide
 * (retention-unknown: voter rows without an election date, a row with no date). They decide `purge`'s
 * exit code (issue #13 audit: README's "voter rows without an election date" exit 1 never happened).
 */
export const PURGE_UNDECIDED: ReadonlySet<string> = new Set([...PURGE_RULES, 'retention-unknown']);

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
    const json = purgeLogFormat(this.opts.log) === 'json';
    let writer: PurgeLogWriter | undefined;
    // A large purge hashes and writes its log on a worker thread (src/purge-log-thread.ts).
    let thread: LogThread | undefined;
    let file: { temp: string; target: string } | undefined;
    let threaded = false;
    const logAs = this.opts.logAs ?? ((r: RowResult) => this.defaultLogAs(r));
    let mapping: Mapping = {};
    let cols: ContactCols = { email: [], phone: [], address: [] };
    const sidecar: Sidecar = {
      path: this.opts.log,
      what: 'the purge log',
      attach: (f, inputBytes) => {
        const mode = this.opts.logThread ?? 'auto';
        threaded = (mode === 'worker' || (mode === 'auto' && inputBytes !== undefined && inputBytes >= LOG_THREAD_MIN_BYTES)) && logThreadAvailable();
        file = f;
      },
      start: (_header, m, engine) => {
        mapping = m;
        cols = engine.plan.contact;
        // An existing log is extended, never replaced (a retry must not empty the day's proof).
        const extending = dryRun ? undefined : existingLog(this.opts.log, this.key);
        if (extending) sidecar.copyFirst = { path: extending.path, bytes: extending.bytes };
        // The thread writes only once rows come, after scanFile has copied the log being extended.
        if (threaded && file) {
          thread = startLogThread({ path: file.temp, target: file.target, what: 'the purge log', json, purgedAt, key: this.key, extending });
          return undefined;
        }
        writer = new PurgeLogWriter(json, this.key, purgedAt, extending);
        return writer.head();
      },
      row: (r: RowResult, cells: string[]) => {
        if (!r.dropped) {
          for (const f of r.findings) if (PURGE_UNDECIDED.has(f.rule)) this.remainingPurge[f.severity]++;
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
        // Every e-mail and phone column, so any one the person gives proves it (issue #13).
        const get = fieldGetter(mapping, cells);
        const id = thread ? get('id') : undefined;
        // A row with an id is identified: the thread normalises its identity cells, off this thread.
        if (thread && id !== undefined) {
          thread.pushCells(r.line, id, cells, cols, get, r.category, rule, entry!.reason, entry!.reference);
          return undefined;
        }
        const ids = rowIdentities(get, cols, cells);
        if (!ids.id && !ids.emails.length && !ids.phones.length && !ids.name) this.unidentified++;
        if (thread) {
          thread.push([r.line, ids, r.category, rule, entry!.reason, entry!.reference]);
          return undefined;
        }
        return writer?.entry(r.line, ids, r.category, rule, entry!.reason, entry!.reference);
      },
      afterBatch: () => thread?.afterBatch() ?? Promise.resolve(),
      end: () => writer?.tail(),
      finish: () => thread?.finish() ?? Promise.resolve(),
      abort: () => thread?.abort(),
      hashThread: () => thread,
    };
    return sidecar;
  }

  private suppressionSidecar(s: NonNullable<PurgeRunOptions['suppression']>): Sidecar {
    const { list, addedOn } = s;
    const when = this.opts.suppressWhen ?? ((r: RowResult) => r.findings.some((f) => f.rule === 'objection-ignored'));
    let columns: ContactPlan = { email: [], phone: [], address: [] };
    return {
      path: s.path,
      what: 'the suppression list',
      extends: true,
      // The list grows run after run: what it held is copied first (migrated when salted), then the new entries.
      start: (_header, _m, engine) => {
        columns = engine.plan.contact;
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
