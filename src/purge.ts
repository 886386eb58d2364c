/**
 * The DPO's retention purge (issue #4; SPEC §1, §5, §7), around scanFile in `purge` mode: salted hashes
 * that let a later audit prove a given contact was purged without the log holding their data, the purge
 * log and the suppression list written row by row as sidecars of the cleaned file, and the counts of the
 * report's `purge` section. Pure with respect to the process: never prints; reads a suppression list.
 */
import { createHash, hash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contactColumns, contactValues } from './contact-columns.js';
import { extname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AuditError, usageError } from './errors.js';
import { DEFAULT_RETENTION, PURGE_RULES, type RowResult } from './engine.js';
import { ruleById } from './rules/index.js';
import { render, t } from './i18n/index.js';
import { formatDay, parseDate } from './read/values.js';
import type { Config } from './config.js';
import { fieldGetter, type Mapping } from './mapping.js';
import type { PurgeSection } from './report/model.js';
import type { Sidecar } from './scan.js';
import type { Field, Finding, Lang } from './types.js';

/** A CSV cell as csv-stringify writes it by default: quoted when it holds a comma, a quote or a line break. */
function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

// ---------------------------------------------------------------------------------------------------
// Salt and hashes

/** 16 random bytes: enough that no precomputed table of emails or phones applies to the log. */
export const SALT_BYTES = 16;

export function generateSalt(): string {
  return randomBytes(SALT_BYTES).toString('hex');
}

/** Validates `--salt`: the hex salt a previous purge printed (at least 16 bytes). */
export function parseSalt(value: string): string {
  const s = value.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(s) || s.length % 2 !== 0 || s.length < SALT_BYTES * 2) {
    throw usageError('salt', { min: SALT_BYTES * 2 });
  }
  return s;
}

/** A short fingerprint of a salt, to check two runs used the same one without showing it. */
export function saltFingerprint(salt: string): string {
  return createHash('sha256').update(`cnil-audit-salt:${salt}`).digest('hex').slice(0, 12);
}

/**
 * The salted hash of a normalised identifier: SHA-256 of `<salt>:<value>`, in hex. Kept that simple on
 * purpose so a DPO can recompute it with `sha256sum` (README, "Proving a purge").
 */
export function hashIdentity(salt: string, value: string): string {
  // crypto.hash (Node ≥ 20.12): one call, no Hash object per purged row.
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

export type IdentityKind = 'id' | 'email' | 'phone' | 'name';

/**
 * What identifies a row in the purge log, in this order: its id; else its email; else its phone; else
 * (an electoral-list extract has none of those) `last name|first name|birth date` from the mapped
 * columns, accents removed, lower-cased, the date as YYYY-MM-DD, an absent part left empty. Undefined
 * when the row has no name either.
 */
export function identityOf(get: (field: Field) => string | undefined): { kind: IdentityKind; value: string } | undefined {
  const id = normalizeId(get('id'));
  if (id) return { kind: 'id', value: id };
  const email = normalizeEmail(get('email'));
  if (email) return { kind: 'email', value: email };
  const phone = normalizePhone(get('phone'));
  if (phone) return { kind: 'phone', value: phone };
  const last = get('last_name');
  const first = get('first_name');
  if (!last && !first) return undefined;
  const born = parseDate(get('birth_date'));
  return { kind: 'name', value: `${fold(last ?? '')}|${fold(first ?? '')}|${typeof born === 'number' ? formatDay(born) : ''}` };
}


// ---------------------------------------------------------------------------------------------------
// Reasons

/**
 * A contact is one log row, so when several purge rules hit it the log names one: first the reason
 * that stands on its own without any date — a row that cannot be read, data that should never have
 * been collected, the person's objection — then the passing of time.
 */
export const PURGE_REASON_ORDER: readonly string[] = ['malformed-row', 'forbidden-source', 'social-scraping', 'objection-ignored', 'retention-expired'];

function reasonRank(rule: string): number {
  const i = PURGE_REASON_ORDER.indexOf(rule);
  return i < 0 ? PURGE_REASON_ORDER.length : i;
}

/** The finding a purged row is logged under; undefined when no purge rule removed it. */
export function primaryFinding(findings: readonly Finding[]): Finding | undefined {
  let best: Finding | undefined;
  for (const f of findings) {
    if (f.action !== 'drop-row' || !PURGE_RULES.has(f.rule)) continue;
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

export const PURGE_LOG_COLUMNS = ['line', 'id_hash', 'category', 'rule', 'reason', 'legal_reference', 'purged_at'] as const;

export interface PurgeLogRow {
  line: number;
  id_hash: string;
  category: string;
  rule: string;
  reason: string;
  legal_reference: string;
  purged_at: string;
}

/** The log's format: JSON when its name ends in .json, else CSV. */
export function purgeLogFormat(path: string): 'csv' | 'json' {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'csv';
}

// ---------------------------------------------------------------------------------------------------
// Suppression list

export const SUPPRESSION_COLUMNS = ['kind', 'hash', 'salt', 'added_on'] as const;
export type SuppressionKind = 'email' | 'phone';

/**
 * Hashed emails and phones of people who objected (issue #4), so a later import can be checked against
 * it (`scan --suppress`). Each entry carries its salt: checking needs it, and lists made with different
 * salts can be merged. It holds no clear data, but it is still pseudonymised personal data (anyone with
 * the list can test whether a known email is on it): keep it as protected as the contact file.
 */
export class SuppressionList {
  private readonly bySalt = new Map<string, Record<SuppressionKind, Set<string>>>();
  /** Entries (one per kind and hash). */
  size = 0;
  /** Entries whose check matched a row (counted by `matches`). */
  matched = 0;
  /** The salt new entries use: the list's own (its first entry's), or a fresh one. */
  readonly salt: string;

  /** `text`: the file as read, header included, or undefined for a new list. */
  constructor(
    readonly text?: string,
    file = 'suppression list',
  ) {
    let first: string | undefined;
    if (text !== undefined) {
      let rows: string[][];
      try {
        rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
      } catch (e) {
        throw new AuditError('E_CSV_SYNTAX', { detail: (e as Error).message.split('\n')[0] }, { file });
      }
      const header = rows[0]?.join(',');
      if (header !== SUPPRESSION_COLUMNS.join(',')) {
        throw new AuditError('E_SUPPRESSION_HEADER', { columns: SUPPRESSION_COLUMNS.join(',') }, { file, line: 1 });
      }
      for (let i = 1; i < rows.length; i++) {
        const [kind, hash, salt] = rows[i];
        if ((kind !== 'email' && kind !== 'phone') || !/^[0-9a-f]{64}$/.test(hash) || !/^[0-9a-f]{32,}$/.test(salt)) {
          throw new AuditError('E_SUPPRESSION_ROW', {}, { file, line: i + 1 });
        }
        first ??= salt;
        this.add(kind, hash, salt);
      }
    }
    this.salt = first ?? generateSalt();
  }

  /** Reads a list written by `purge --suppression-list`; a missing file is an empty new list when `create`. */
  static read(path: string, create = false): SuppressionList {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (create && code === 'ENOENT') return new SuppressionList(undefined, path);
      throw new AuditError('E_INPUT_UNREADABLE', { detail: code ?? String(e) }, { file: path });
    }
    return new SuppressionList(text, path);
  }

  /** Adds an entry; false when it was already there. */
  add(kind: SuppressionKind, hash: string, salt: string): boolean {
    let sets = this.bySalt.get(salt);
    if (!sets) this.bySalt.set(salt, (sets = { email: new Set(), phone: new Set() }));
    if (sets[kind].has(hash)) return false;
    sets[kind].add(hash);
    this.size++;
    return true;
  }

  /** Whether the row's email or phone is on the list (hashed with each salt the list uses). */
  matches(get: (field: Field) => string | undefined): boolean {
    if (this.size === 0) return false;
    const email = normalizeEmail(get('email'));
    const phone = normalizePhone(get('phone'));
    for (const [salt, sets] of this.bySalt) {
      if ((email && sets.email.has(hashIdentity(salt, email))) || (phone && sets.phone.has(hashIdentity(salt, phone)))) {
        this.matched++;
        return true;
      }
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Retention applied (for the summary a DPO files)

/**
 * Each category's retention as applied, and where it comes from: the config, or the default with its
 * source (the texts, or the tool's interpretation; see src/retention.ts).
 */
export function retentionApplied(config: Config | undefined, lang: Lang): PurgeSection['retention'] {
  const out: PurgeSection['retention'] = {};
  const configured = config?.retention ?? {};
  for (const [category, fallback] of Object.entries(DEFAULT_RETENTION)) {
    const own = configured[category as keyof typeof configured];
    out[category] = own !== undefined
      ? { duration: own, source: t(lang, 'purge.retention.config', { default: fallback }) }
      : { duration: fallback, source: t(lang, `purge.retention.default.${category}`) };
  }
  for (const [category, duration] of Object.entries(configured)) {
    if (!(category in out) && duration !== undefined) out[category] = { duration, source: t(lang, 'purge.retention.configOnly') };
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
  /** Salt of the log's hashes (hex). */
  salt: string;
  /** Whether the salt was given (`--salt`) rather than generated for this run. */
  saltGiven: boolean;
  /** When the purge ran (ISO 8601), the same for every row of the log. */
  purgedAt: string;
  dryRun: boolean;
  /** Purge log path (CSV, or JSON by extension). */
  log: string;
  /** `--suppression-list`: the list (existing entries, or new) and where to write it. */
  suppression?: { path: string; list: SuppressionList; addedOn: string };
  retention: PurgeSection['retention'];
}

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
  purged = 0;
  /** Rows of the log without any identifier to hash. */
  unidentified = 0;
  /** Entries the suppression list gained (or would gain). */
  suppressionAdded = 0;
  /** Rows found on a suppression list (`--suppress`, or the list being extended). */
  suppressed = 0;

  constructor(readonly opts: PurgeRunOptions) {}

  sidecars(): Sidecar[] {
    const out: Sidecar[] = [this.logSidecar()];
    if (this.opts.suppression) out.push(this.suppressionSidecar(this.opts.suppression));
    return out;
  }

  section(): PurgeSection {
    const s: PurgeSection = { byReason: { ...this.byReason }, byCategory: { ...this.byCategory }, retention: this.opts.retention };
    if (!this.opts.dryRun) s.log = resolve(this.opts.log);
    return s;
  }

  private logSidecar(): Sidecar {
    const { lang, salt, purgedAt, dryRun } = this.opts;
    const json = purgeLogFormat(this.opts.log) === 'json';
    let mapping: Mapping = {};
    let first = true;
    const cells = new Map<string, string>();
    const cell = (v: string) => {
      let c = cells.get(v);
      if (c === undefined) cells.set(v, (c = csvCell(v)));
      return c;
    };
    const references = new Map<string, string>();
    const referenceCell = (rule: string) => {
      let c = references.get(rule);
      if (c === undefined) references.set(rule, (c = csvCell(legalReference(rule))));
      return c;
    };
    const purgedAtCell = csvCell(purgedAt);
    return {
      path: this.opts.log,
      what: 'the purge log',
      // CSV with a BOM so Excel reads the accents of French reasons; a JSON array written as it goes.
      start: (_header, m) => {
        mapping = m;
        return json ? '[' : '\uFEFF' + stringify([[...PURGE_LOG_COLUMNS]]);
      },
      row: (r: RowResult, cells: string[]) => {
        if (!r.dropped) return undefined;
        const f = primaryFinding(r.findings);
        if (!f) return undefined;
        this.purged++;
        this.byReason[f.rule] = (this.byReason[f.rule] ?? 0) + 1;
        this.byCategory[r.category] = (this.byCategory[r.category] ?? 0) + 1;
        if (dryRun) {
          let l = this.lines.get(f.rule);
          if (!l) this.lines.set(f.rule, (l = new LineList()));
          l.add(r.line);
          return undefined;
        }
        const who = identityOf(fieldGetter(mapping, cells));
        if (!who) this.unidentified++;
        const idHash = who ? hashIdentity(salt, who.value) : '';
        // The reason is the finding's own message: rules word findings without personal data (SPEC §7).
        const reason = render(lang, f.message);
        if (json) {
          const row: PurgeLogRow = {
            line: r.line,
            id_hash: idHash,
            category: r.category,
            rule: f.rule,
            reason,
            legal_reference: legalReference(f.rule),
            purged_at: purgedAt,
          };
          const text = `${first ? '' : ','}\n  ${JSON.stringify(row)}`;
          first = false;
          return text;
        }
        // One line per purged row, in PURGE_LOG_COLUMNS order, quoted as csv-stringify would (a call per
        // row cost twice as much). Only the reason varies in wording; the other cells are cached.
        return `${r.line},${idHash},${cell(r.category)},${cell(f.rule)},${csvCell(reason)},${referenceCell(f.rule)},${purgedAtCell}\n`;
      },
      end: () => (json ? `${first ? '' : '\n'}]\n` : undefined),
    };
  }

  private suppressionSidecar(s: NonNullable<PurgeRunOptions['suppression']>): Sidecar {
    const { list, addedOn } = s;
    let columns: ReturnType<typeof contactColumns> = { email: [], phone: [], address: [] };
    return {
      path: s.path,
      what: 'the suppression list',
      extends: true,
      // The list grows run after run: what it held is copied first, then the new objections.
      start: (header, m) => {
        columns = contactColumns(header, m);
        if (list.text === undefined) return stringify([[...SUPPRESSION_COLUMNS]]);
        const old = list.text.replace(/^\uFEFF/, '');
        return /[\r\n]$/.test(old) ? old : `${old}\n`;
      },
      row: (r: RowResult, cells: string[]) => {
        if (!r.dropped || !r.findings.some((f) => f.rule === 'objection-ignored')) return undefined;
        const rows: string[][] = [];
        // Every e-mail and phone column, not only the mapped ones (issue #16).
        for (const kind of ['email', 'phone'] as const) for (const raw of contactValues(columns[kind], kind, cells)) {
          const value = kind === 'email' ? normalizeEmail(raw) : normalizePhone(raw);
          if (!value) continue;
          const hash = hashIdentity(list.salt, value);
          if (list.add(kind, hash, list.salt)) rows.push([kind, hash, list.salt, addedOn]);
        }
        this.suppressionAdded += rows.length;
        return rows.length ? stringify(rows) : undefined;
      },
    };
  }
}
