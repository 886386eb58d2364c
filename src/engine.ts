/**
 * The audit engine: pure and synchronous, like csv-parse's core. Built once from the header, it turns
 * each row into a decision (keep / drop, cells to write) plus findings. Streams and files are the
 * business of stream.ts and scan.ts.
 */
import { AuditError, isAuditError } from './errors.js';
import { configError, ruleIssues } from './config-issues.js';
import { CONTACT_FIELDS, fieldGetter, looksLike, resolveMapping, type MappingResult } from './mapping.js';
import { OPT_IN_CHANNELS } from './law/consent.js';
import { createClassifier, type Classifier } from './classify.js';
import { detectColumns } from './patterns.js';
import { channelsInText } from './channels.js';
import { isCarriedId, maskValue } from './mask.js';
import { contactColumns, contactValues, valueKindOf } from './contact-columns.js';
import { rules as allRules } from './rules/index.js';
import type { FileContext, HeaderPlan, Rule, RuleReport, RuleSettings, RowContext } from './rules/types.js';
import type { Config } from './config.js';
import { maskOf } from './channel-set.js';
import { dateOrderHint, isAmbiguousDate, type DateOrder } from './read/values.js';
import { usageError } from './errors.js';
import { NETWORK_CONNECTION } from './law/sources.js';
import type { ProfilePlan } from './exports.js';
import type { FileFacts } from './classify.js';
import { CHANNELS, DATE_FIELDS, type Action, type Category, type Channel, type Field, type Finding, type Severity, type Source } from './types.js';

export type Mode = 'scan' | 'purge';

/** Rules whose findings remove a row in `purge`: declared by each rule's `purge` rank. */
export { PURGE_RULES } from './rules/index.js';

/** Retention defaults: decided, with their sources, in src/law/retention.ts. */
export { DEFAULT_RETENTION } from './law/retention.js';
import { DEFAULT_RETENTION, decideRetention, type RetentionDecision } from './law/retention.js';

export interface EngineOptions {
  config?: Config;
  /** `--map field=column` overrides (win over config.mapping). */
  map?: Record<string, string>;
  for?: readonly Channel[];
  /** Reference date (day number). */
  asOf: number;
  electionDate?: number;
  secondRoundDate?: number;
  mode?: Mode;
  /** Attach masked values to findings (`--show-values`). */
  showValues?: boolean;
  /** Restrict to these rules (tests); default every registered rule. */
  rules?: readonly Rule[];
  /**
   * Whether the row's person is on a suppression list (`scan --suppress`, issue #4): such a row is
   * treated as carrying an objection, so `objection-ignored` drops it (RGPD art. 21).
   */
  /** `values`: the row's values of a kind over all its columns of that kind (issue #16). */
  isSuppressed?: (get: (field: Field) => string | undefined, values?: (kind: 'email' | 'phone') => string[]) => boolean;
  /** The file's export profile, resolved against its header (src/exports.ts), if any. */
  profile?: ProfilePlan;
  /** Whole-file source (`--source`, config `source`): the origin of rows with no source cell. */
  source?: string;
  /** `--date-order`: the order of every slash date column, whatever its values say. */
  dateOrder?: DateOrder;
  /** The order of the user's locale, for a date column nothing else settles. Default day-first. */
  localeDateOrder?: DateOrder;
}

/** A file-level notice: something the run could not settle from the file and says so once (issue 12). */
export interface FileNotice {
  id: string;
  params: Record<string, string | number>;
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  action: Action;
}

export interface RowResult {
  line: number;
  dropped: boolean;
  /** Cells to write to the cleaned file (null when dropped). */
  output: string[] | null;
  findings: Finding[];
  source: Source;
  category: Category;
  /** The row's last contact (day number), for the report's age histogram. */
  lastContactAt?: number;
}

const STRENGTH: Record<Action, number> = { 'flag': 0, 'scrub-field': 1, 'drop-row': 2 };

export class AuditEngine {
  readonly plan: HeaderPlan;
  readonly mapping: MappingResult;
  /** Header of the cleaned file. */
  readonly outputHeader: string[];
  /** Column names removed from the cleaned file. */
  readonly removedColumns: string[];
  readonly settings: RuleSettings;
  readonly mode: Mode;
  private readonly active: ActiveRule[];
  private readonly malformed: ActiveRule;
  /** Input column of each output column; null when none is removed. */
  readonly keepIndexes: number[] | null;
  private readonly classifier: Classifier;
  private readonly idIndex: number | undefined;
  private readonly channelIndex: number | undefined;
  private readonly forChannels: readonly Channel[];
  private readonly showValues: boolean;
  private readonly isSuppressed: EngineOptions['isSuppressed'];
  /** Profile, whole-file source and date orders of this file (decided once, read by the classifier). */
  readonly file: FileFacts;
  readonly profile: ProfilePlan | undefined;
  /** The whole-file source and where it came from, when there is one. */
  readonly fileSource: { value: string; from: 'option' | 'profile' } | undefined;
  /** Rows whose source came from the whole-file source (no source cell). */
  fileSourceRows = 0;
  /** Order decided per date column (column name → order), and how. */
  readonly dateOrders: Record<string, { order: DateOrder; by: 'option' | 'values' | 'profile' | 'locale' }> = {};
  readonly notices: FileNotice[] = [];
  /** Columns nothing reads: not mapped, not read by the profile, the classifier or a rule (issue 12 item 5). */
  readonly notUnderstood: string[];
  /** Those columns with what their words look like, for the look at their values (sample) and the file-level rules. */
  private readonly unread: FileContext['unread'][number][] = [];
  /** Columns read as contact data by their values alone (sample): a name that says nothing, e-mails or phones in it. */
  readonly contactByValues: FileContext['contactByValues'][number][] = [];
  private fileChecked = false;
  private sampled = false;
  private readonly dateOrderOption: DateOrder | undefined;
  private readonly localeDateOrder: DateOrder;

  constructor(header: string[], opts: EngineOptions) {
    const profile = opts.profile;
    let config = opts.config ?? {};
    if (profile?.profile.sourceValues) {
      // The tool's own source labels, after the user's words (config first: it describes this campaign).
      const sources = { ...(config.vocabulary?.sources ?? {}) } as Record<string, string[]>;
      for (const [k, words] of Object.entries(profile.profile.sourceValues)) sources[k] = [...(sources[k] ?? []), ...(words ?? [])];
      config = { ...config, vocabulary: { ...(config.vocabulary ?? {}), sources } };
    }
    this.mode = opts.mode ?? 'scan';
    this.showValues = opts.showValues ?? false;
    this.isSuppressed = opts.isSuppressed;
    this.profile = profile;
    const explicit = { ...(profile?.mapping ?? {}), ...(config.mapping ?? {}), ...(opts.map ?? {}) } as Record<string, string>;
    // Columns the profile reads itself (per-channel objections, more contact columns) or knows to hold
    // no field: no alias or word maps them.
    const reserved = new Set<number>();
    if (profile) {
      const mappedByProfile = new Set(Object.values(profile.mapping).map((c) => header.indexOf(c!)));
      for (const i of profile.known) if (!mappedByProfile.has(i)) reserved.add(i);
    }
    this.mapping = mappingOf(header, explicit, config, opts.map, reserved);
    const mapped = new Set(Object.keys(this.mapping.mapping) as Field[]);
    if (!CONTACT_FIELDS.some((f) => mapped.has(f))) {
      throw new AuditError('E_NO_CONTACT_COLUMN', { columns: header.slice(0, 20).map(headerShown).join(', ') + (header.length > 20 ? ', …' : '') }, { line: 1 });
    }
    const mappedIndexes = new Set(Object.values(this.mapping.mapping) as number[]);
    const detected = detectColumns(header, config, mappedIndexes);
    // Every contact column of each kind, once per file: the channel checks, the scrubbing and the
    // suppression list read the same list (src/contact-columns.ts).
    const contact = contactColumns(header, this.mapping.mapping, { extra: profile?.contact, exclude: new Set([...reserved, ...detected.map((d) => d.index)]) });
    this.plan = { header, mapping: this.mapping.mapping, detected, contact };
    this.settings = {
      for: opts.for ?? config.for ?? [],
      asOf: opts.asOf,
      electionDate: opts.electionDate,
      secondRoundDate: opts.secondRoundDate,
      retention: { ...DEFAULT_RETENTION, ...(config.retention ?? {}) },
      retentionBySource: config.retentionBySource,
    };
    this.forChannels = this.settings.for;
    this.active = resolveRules(opts.rules ?? allRules, config);
    this.malformed = this.active.find((a) => a.rule.id === 'malformed-row') ?? { rule: allRules[0], severity: 'error', action: 'drop-row' };
    const facts = profile?.profile.facts ?? {};
    const profileSource = facts.source ?? (facts.connection ? NETWORK_CONNECTION.value : undefined);
    const userSource = opts.source ?? config.source;
    this.fileSource = userSource !== undefined ? { value: userSource, from: 'option' } : profileSource !== undefined ? { value: profileSource, from: 'profile' } : undefined;
    this.dateOrderOption = opts.dateOrder;
    this.localeDateOrder = opts.localeDateOrder ?? 'dmy';
    this.file = {
      source: this.fileSource?.value,
      sourceFromProfile: this.fileSource?.from === 'profile',
      signup: profile?.signup,
      network: facts.network,
      subscribed: subscribedMask(facts, profile),
      objected: facts.objection ? maskOf(facts.objection) : undefined,
      recordDate: facts.recordDate,
      contact: profile?.contact,
      objections: profile?.objections,
      dateOrders: {},
      emptyDates: profile?.profile.emptyDates ? new Set(profile.profile.emptyDates) : undefined,
    };
    this.classifier = createClassifier(config, mapped, { asOf: opts.asOf, header, mapping: this.mapping.mapping, file: this.file, contact, exclude: reserved });
    this.notUnderstood = this.understand(header, opts, config);
    if (userSource !== undefined) {
      // A whole-file source must name a source: checked once, by the classifier's own reading.
      const probe = this.classifier.classify((f) => (f === 'source' ? userSource : undefined));
      if (probe.source === 'unknown') throw usageError('source', { value: userSource });
    }
    this.idIndex = this.mapping.mapping.id;
    this.channelIndex = this.mapping.mapping.channel;

    // Whole columns removed from the cleaned file (scan only: purge keeps rows byte-for-byte).
    const removed = new Set<number>();
    if (this.mode === 'scan') {
      for (const a of this.active) {
        if (a.action === 'scrub-field' && a.rule.removeColumns) for (const i of a.rule.removeColumns(this.plan)) removed.add(i);
      }
    }
    this.keepIndexes = removed.size ? header.map((_, i) => i).filter((i) => !removed.has(i)) : null;
    this.outputHeader = this.keepIndexes ? this.keepIndexes.map((i) => header[i]) : header.slice();
    this.removedColumns = [...removed].sort((a, b) => a - b).map((i) => header[i]);
  }

  /**
   * Columns nothing reads, and the notices about them and about what the intended channels need (issue
   * 12 item 5): an unmapped column that looks like contact data, consent, an objection or a date; an
   * opt-in channel with no consent column; a file with no objection column at all.
   */
  private understand(header: readonly string[], opts: EngineOptions, config: Config): string[] {
    const c = this.plan.contact;
    const read = new Set<number>([...Object.values(this.mapping.mapping), ...this.classifier.columnsRead, ...this.plan.detected.map((d) => d.index), ...c.email, ...c.phone, ...c.address]);
    for (const i of this.profile?.known ?? []) read.add(i);
    const out: string[] = [];
    header.forEach((name, i) => {
      if (read.has(i)) return;
      out.push(name);
      const kind = looksLike(name);
      this.unread.push({ index: i, name, looksLike: kind });
      // A contact, consent or objection look-alike is a finding (column-not-understood); a date one a notice.
      if (kind === 'date') this.notices.push({ id: `notice.unmappedLooksLike.${kind}`, params: { column: name } });
    });
    const m = this.mapping.mapping;
    const subscribed = this.file.subscribed ?? 0;
    const consentFor: Partial<Record<Channel, Field>> = { email: 'consent_email', sms: 'consent_sms', automated_call: 'consent_phone' };
    for (const ch of opts.for ?? config.for ?? []) {
      const f = consentFor[ch];
      if (!f || !OPT_IN_CHANNELS.value.has(ch)) continue;
      if (m[f] !== undefined || m.consent_date !== undefined || subscribed & maskOf([ch])) continue;
      // A general consent column covers only the channel of collection, or the channels its cells name
      // (SPEC §4): not a consent column for this channel, and said so.
      this.notices.push({ id: m.consent === undefined ? 'notice.noConsentColumn' : 'notice.noConsentColumnGeneric', params: { channel: ch, consentField: f, column: m.consent === undefined ? '' : header[m.consent] } });
    }
    // A sending tool's subscriber list (Mailchimp subscribed) leaves the unsubscribed out by itself.
    if (m.objection === undefined && m.consent === undefined && !this.file.objected && !this.file.subscribed && !this.classifier.hasObjectionColumns) {
      this.notices.push({ id: 'notice.noObjectionColumn', params: {} });
    }
    return out;
  }

  /**
   * Decides, once per file, the order of each slash-date column from the first rows (issue 12): a value
   * whose first part is over 12 settles day-first, whose second part is, month-first; else the
   * profile's order; else the locale's, with one notice naming the column. `--date-order` wins over all.
   * Called with the first batch, before any row is processed; later calls do nothing.
   */
  sample(rows: readonly (readonly string[])[]): void {
    if (this.sampled) return;
    this.sampled = true;
    // A column nothing reads whose values are e-mails or phone numbers ("Perso", "Coordonnées 2") is
    // contact data all the same: the channel checks, the scrubbing and the suppression list read it.
    for (let k = this.unread.length - 1; k >= 0; k--) {
      const { index, name } = this.unread[k];
      const kind = valueKindOf(rows.map((r) => r[index]));
      if (!kind) continue;
      this.plan.contact[kind].push(index);
      this.unread.splice(k, 1);
      const at = this.notUnderstood.indexOf(name);
      if (at !== -1) this.notUnderstood.splice(at, 1);
      this.contactByValues.unshift({ index, name, kind });
    }
    const orders = this.file.dateOrders!;
    for (const field of DATE_FIELDS) {
      const col = this.mapping.mapping[field];
      if (col === undefined) continue;
      const name = this.plan.header[col];
      if (this.dateOrderOption) {
        orders[field] = this.dateOrderOption;
        this.dateOrders[name] = { order: this.dateOrderOption, by: 'option' };
        continue;
      }
      let dmy = 0;
      let mdy = 0;
      let ambiguous = 0;
      for (const r of rows) {
        const v = r[col];
        if (!v) continue;
        const hint = dateOrderHint(v);
        if (hint === 'dmy') dmy++;
        else if (hint === 'mdy') mdy++;
        else if (isAmbiguousDate(v)) ambiguous++;
      }
      let decided: { order: DateOrder; by: 'values' | 'profile' | 'locale' } | undefined;
      if (dmy && !mdy) decided = { order: 'dmy', by: 'values' };
      else if (mdy && !dmy) decided = { order: 'mdy', by: 'values' };
      else if (this.profile?.profile.dateOrder) decided = { order: this.profile.profile.dateOrder, by: 'profile' };
      else if (ambiguous || (dmy && mdy)) {
        decided = { order: this.localeDateOrder, by: 'locale' };
        this.notices.push({ id: 'notice.dateOrderAmbiguous', params: { column: name, order: this.localeDateOrder } });
      }
      if (decided) {
        orders[field] = decided.order;
        this.dateOrders[name] = decided;
      }
    }
  }

  /**
   * The file-level findings (column-not-understood), once per file, on line `line` (the header's):
   * after `sample`, so columns read by their values are known; and the notice of a channel of `--for`
   * no column holds the data for. Later calls return nothing.
   */
  fileFindings(line: number): Finding[] {
    if (this.fileChecked) return [];
    this.fileChecked = true;
    // No column holds the data a channel of --for needs, not even by its values: nothing is checked for it.
    const needs: Partial<Record<Channel, 'email' | 'phone' | 'address'>> = { email: 'email', sms: 'phone', automated_call: 'phone', phone: 'phone', post: 'address' };
    for (const ch of this.forChannels) {
      const kind = needs[ch];
      if (kind && this.plan.contact[kind].length === 0) this.notices.push({ id: 'notice.noContactColumn', params: { channel: ch, kind } });
    }
    const out: Finding[] = [];
    const ctx: FileContext = { plan: this.plan, settings: this.settings, unread: this.unread, contactByValues: this.contactByValues };
    for (const a of this.active) {
      a.rule.checkFile?.(ctx, (r) => {
        const f: Finding = { rule: a.rule.id, severity: a.severity, action: 'flag', line, message: { id: `rule.${a.rule.id}.${r.message}`, params: r.params } };
        if (r.field !== undefined) f.field = r.field;
        out.push(f);
      });
    }
    return out;
  }

  /** Whether cross-channel use can be checked at all (SPEC §1 `--for`). */
  get channelsChecked(): boolean {
    return this.forChannels.length > 0 || this.channelIndex !== undefined;
  }

  /**
   * A well-formed row's retention as the rules decide it (the access extract's retention date, issue
   * #13): classified again, so only for the few rows a rights request asks about.
   */
  retentionOf(cells: string[]): RetentionDecision {
    const cls = this.classifier.classify(fieldGetter(this.plan.mapping, cells), cells);
    return decideRetention(cls, this.settings);
  }

  processRow(cells: string[], line: number): RowResult {
    const findings: Finding[] = [];
    // A malformed row's cells are shifted: its "id" cell may hold an e-mail (issue #16), so it has none.
    // A purge report carries no id at all (issue #13 audit): it is filed for years, longer than the
    // rows it describes are kept; its lines locate them in the input its SHA-256 names.
    const idRaw = this.idIndex !== undefined && this.mode !== 'purge' && cells.length === this.plan.header.length ? cells[this.idIndex]?.trim() : undefined;
    // An "id" holding an e-mail, a phone, a name or a date (a column shifted by hand, an export keyed
    // by the address or the number) is personal data: not carried into findings (SPEC §7). Decided at
    // the row's first finding: a row without any costs nothing.
    let id: string | undefined | null = idRaw ? null : undefined;
    const idOf = () => (id === null ? (id = isCarriedId(idRaw!) ? idRaw : undefined) : id);
    let strongest = -1;
    let scrub: number[] | undefined;

    const emit = (a: ActiveRule, r: RuleReport) => {
      const own = r.action !== undefined && STRENGTH[r.action] < STRENGTH[a.action] ? r.action : a.action;
      const acted = this.mode === 'scan' || a.rule.purge !== undefined ? own : 'flag';
      const f: Finding = {
        rule: a.rule.id,
        severity: a.severity,
        action: acted,
        line,
        message: { id: `rule.${a.rule.id}.${r.message}`, params: r.params },
      };
      const shown = idOf();
      if (shown !== undefined) f.id = shown;
      if (r.field !== undefined) f.field = r.field;
      if (this.showValues && r.field !== undefined) {
        const idx = this.plan.mapping[r.field as Field] ?? this.plan.header.indexOf(r.field);
        const v = idx >= 0 ? cells[idx] : undefined;
        if (v) f.value = maskValue(r.field, v);
      }
      findings.push(f);
      if (STRENGTH[acted] > strongest) strongest = STRENGTH[acted];
      if (acted === 'scrub-field' && r.scrub) (scrub ??= []).push(...r.scrub);
    };

    const get = fieldGetter(this.plan.mapping, cells);

    // A row with the wrong field count is not read further: its fields cannot be trusted.
    if (cells.length !== this.plan.header.length) {
      const ctx = { line, cells, plan: this.plan, settings: this.settings, channels: [], get } as unknown as RowContext;
      this.malformed.rule.check(ctx, (r) => emit(this.malformed, r));
      if (this.mode === 'purge') forgetPurged(findings);
      return { line, dropped: true, output: null, findings, source: 'unknown', category: 'unknown' };
    }

    const cls = this.classifier.classify(get, cells);
    // The whole-file source was this row's (not on a Mailchimp row the list owner added: law/consent.ts).
    if (this.fileSource && cls.sourceGiven && get('source') === undefined) this.fileSourceRows++;
    if (this.isSuppressed?.(get, (kind) => contactValues(this.plan.contact[kind], kind, cells))) {
      // On the suppression list: the person objected earlier, and an objection cancels every consent (SPEC §4).
      cls.objection = true;
      cls.consent = new Set();
      cls.basis = new Set();
      cls.objectedChannels = new Set(CHANNELS);
    }
    const channels = this.forChannels.length ? this.forChannels : channelsInText(this.channelIndex !== undefined ? cells[this.channelIndex] : undefined);
    const ctx: RowContext = { line, cells, plan: this.plan, settings: this.settings, cls, channels, get };
    for (const a of this.active) {
      if (a === this.malformed) continue;
      a.rule.check(ctx, (r) => emit(a, r));
    }

    const dropped = strongest === STRENGTH['drop-row'];
    let output: string[] | null = null;
    if (!dropped) {
      let row = cells;
      if (scrub) {
        row = cells.slice();
        for (const i of scrub) row[i] = '';
      }
      output = this.keepIndexes ? this.keepIndexes.map((i) => row[i]) : row;
    } else if (this.mode === 'purge') forgetPurged(findings);
    return { line, dropped, output, findings, source: cls.source, category: cls.category, lastContactAt: cls.dates.last_contact_at };
  }
}

/**
 * A header cell as an error may show it: one that looks like data rather than a column name — a long
 * hex string (the key file given as an input, issue #13 audit), an e-mail, a phone number (a file with
 * no header row) — is shown as `***`, never echoed.
 */
function headerShown(h: string): string {
  return /[0-9a-f]{16,}/i.test(h) || h.includes('@') || (h.match(/\d/g)?.length ?? 0) >= 6 ? '***' : h;
}

/**
 * The channels every row is subscribed to by being in the file (export profile facts), if any: a
 * subscription read from blocklists holds only for the channels whose blocklist column is there.
 */
function subscribedMask(facts: NonNullable<ProfilePlan['profile']['facts']>, profile: ProfilePlan | undefined): number | undefined {
  if (!facts.subscribed) return undefined;
  let mask = maskOf(facts.subscribed);
  if (facts.subscribedNeedsBlocklist) mask &= (profile?.objections ?? []).reduce((m, [, channels]) => m | channels, 0);
  return mask || undefined;
}

/**
 * A purged row's findings lose its id and masked values: the purge report must not keep what the purge
 * deleted (the purge log identifies the row by a salted hash instead, issue #4).
 */
function forgetPurged(findings: Finding[]): void {
  // Set to undefined rather than deleted: the same JSON, without turning each object into a slow
  // dictionary-mode one (measured: about 1 s per million purged findings).
  for (const f of findings) {
    f.id = undefined;
    f.value = undefined;
  }
}

/**
 * The header's mapping. Mapped columns the header lacks that the config file asked for are problems of
 * the config (E_CONFIG, `mapping.<field>`, all at once, named after the config file by the CLI); those
 * of `--map` stay E_MAP_UNKNOWN_COLUMN.
 */
function mappingOf(header: string[], explicit: Record<string, string>, config: Config, map: Record<string, string> | undefined, reserved: ReadonlySet<number>): MappingResult {
  try {
    return resolveMapping(header, explicit, reserved);
  } catch (e) {
    if (!isAuditError(e) || e.code !== 'E_MAP_UNKNOWN_COLUMN' || typeof e.params.missing !== 'string') throw e;
    const missing = JSON.parse(e.params.missing) as [string, string][];
    const fromConfig = missing.filter(([f, c]) => (config.mapping as Record<string, string> | undefined)?.[f] === c && map?.[f] === undefined);
    if (fromConfig.length) throw configError(fromConfig.map(([f, c]) => ({ path: `mapping.${f}`, id: 'mapColumn', params: { column: c } })));
    throw e;
  }
}

/** Applies config: rules turned off, severities overridden (SPEC §6). */
function resolveRules(list: readonly Rule[], config: Config): ActiveRule[] {
  const overrides = config.rules ?? {};
  // validateConfig reports these with every other problem; a config given to the library unchecked too.
  const issues = ruleIssues(overrides, allRules);
  if (issues.length) throw configError(issues);
  const out: ActiveRule[] = [];
  for (const rule of list) {
    const level = overrides[rule.id];
    if (level === 'off') continue;
    out.push({ rule, severity: level ?? rule.severity, action: rule.action });
  }
  return out;
}
