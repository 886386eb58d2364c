/**
 * What a rule is (ESLint style: metadata beside the check). A rule never prints and never words its
 * findings: it reports a message id (a key under `rule.<id>.` in src/i18n) with parameters.
 */
import type { Action, Category, Channel, ColumnKind, DetectedColumn, Field, ForbiddenKind, Reference, Severity, Source } from '../types.js';
import type { Mapping } from '../mapping.js';
import { columnsOfKind } from '../patterns.js';
import type { ContactPlan } from '../contact-columns.js';

/** What a rule is about, for grouping in the catalogue (replaces comment fences in the registry). */
export const RULE_TAGS = ['source', 'consent', 'retention', 'data', 'structure'] as const;
export type RuleTag = (typeof RULE_TAGS)[number];

export interface RuleMeta {
  /** Stable kebab-case id; the file is src/rules/<id>.ts. */
  id: string;
  severity: Severity;
  action: Action;
  /** Legal references, label + URL (SPEC §5). */
  references: readonly Reference[];
  /** Message ids this rule reports, without the `rule.<id>.` prefix. */
  messages: readonly string[];
  /** True when config cannot turn the rule off (malformed-row). */
  mandatory?: boolean;
  tags: readonly RuleTag[];
  /**
   * Whether `purge` removes rows on this rule (issue #4; the rest is reported, not acted on), and its
   * rank as the purge log's reason when several purge rules hit one row (lower first): first what stands
   * on its own without any date (a row that cannot be read, data that should never have been collected,
   * the person's objection), then the passing of time.
   */
  purge?: number;
  /** Ids of the src/law/ decisions the rule rests on; `explain` lists those that are interpretations. */
  decisions?: readonly string[];
}

/** Per-row facts computed once, before the rules run (SPEC §4). */
export interface Classification {
  source: Source;
  /** Social network named by `network` or by the source text, lower-case canonical name. */
  network?: string;
  category: Category;
  /** Channels with a lawful basis shown by the row (SPEC §5 channel table). */
  basis: ReadonlySet<Channel>;
  /** Channels with an explicit consent (opt-in) on the row. */
  consent: ReadonlySet<Channel>;
  /** Whether any consent column exists in the file. */
  hasConsentColumn: boolean;
  /** Whether the row claims a consent at all (any consent column true). */
  consentClaimed: boolean;
  /**
   * The person objected to political prospecting as a whole (RGPD art. 21.3): the objection field, or an
   * unsubscribe in a consent column while no other channel is still consented. Empties consent and basis.
   */
  objection: boolean;
  /** Channels the person refused one by one (do_not_call, an unsubscribe in that channel's column). */
  objectedChannels: ReadonlySet<Channel>;
  /** Column index the objection was read from (for the finding's field), when there is one. */
  objectionColumn?: number;
  /** Where extra data was appended from, classified: a social network, a scraping tool, a data broker. */
  enrichment?: { kind: 'social' | 'scraping' | 'broker' | 'other'; network?: string };
  firstMessageReply?: 'yes' | 'no';
  /** Parsed dates (day numbers); undefined when absent or invalid. */
  dates: Partial<Record<Field, number>>;
  /** Date fields present but unparseable. */
  invalidDates: Field[];
  /** For a `forbidden` source: which kind of excluded file the source text names. */
  forbiddenKind?: ForbiddenKind;
  /** Whether the source column holds any text (unknown then means "unrecognised" rather than "empty"). */
  sourceGiven: boolean;
  /** Social network named by the row's `channel` column ("Facebook"), when any. */
  usedNetwork?: string;
  /**
   * In-person contact in a file with no consent column at all: the channels whose data is on the row are
   * assumed consented (SPEC §4) and the basis includes them, but the assumption is reported.
   */
  consentAssumed: boolean;
  /**
   * The day the claimed consent can be dated to: `consent_date`, else `collected_at` when the consent was
   * given at collection (web form, petition, in person, donation, membership). Undefined: no proof date.
   */
  consentDate?: number;
  /**
   * Id of the src/law/ interpretation the row's category rests on, when it rests on one (a single
   * donation read as a regular contact: `category.single-donation`).
   */
  categoryReading?: string;
  /** Column indexes of the non-empty contact data on the row (mapped column first, then alias look-alikes). */
  contact: { email: readonly number[]; phone: readonly number[]; address: readonly number[] };
}

/** The file-level plan built from the header, shared by every row. */
export interface HeaderPlan {
  header: string[];
  mapping: Mapping;
  /** Profiling / sensitive / political-opinion columns recognised by pattern. */
  detected: DetectedColumn[];
  /**
   * Every column holding contact data of each kind (src/contact-columns.ts): mapped, listed by the
   * export profile, named so, or holding such values. The channel checks, scrubbing and suppression read it.
   */
  contact: ContactPlan;
}

export interface RuleSettings {
  /** Channels the cleaned file is for (`--for`), empty when not given. */
  for: readonly Channel[];
  /** Reference date for retention (day number). */
  asOf: number;
  electionDate?: number;
  secondRoundDate?: number;
  /** Retention durations per category, resolved from defaults and config. */
  retention: Readonly<Record<string, string>>;
  /** Per source, shorter durations for occasional contacts and prospects (config `retentionBySource`). */
  retentionBySource?: Readonly<Partial<Record<Source, Readonly<Record<string, string>>>>>;
}

export interface RowContext {
  line: number;
  cells: readonly string[];
  plan: HeaderPlan;
  settings: RuleSettings;
  cls: Classification;
  /** Channels the row is used on: `--for`, else its `channel` column; empty when neither says. */
  channels: readonly Channel[];
  /** The trimmed value of a mapped field; undefined when unmapped or empty. */
  get(field: Field): string | undefined;
}

export interface RuleReport {
  /** Message id without the `rule.<id>.` prefix; must be in the rule's `messages`. */
  message: string;
  params?: Record<string, string | number>;
  /** Canonical field or column name the finding is about. */
  field?: string;
  /** Column indexes to empty on this row (scrub-field rules, or a finding acting by `scrub-field`). */
  scrub?: readonly number[];
  /**
   * A weaker action than the rule's for this finding (never a stronger one): political-ads empties a
   * special-category cell of a row it would otherwise keep, rather than dropping the row.
   */
  action?: Action;
}

/**
 * What a file-level rule sees, once per file after its first rows were sampled: the columns nothing
 * reads, with what their name looks like, and the columns read as contact data from their values only.
 */
export interface FileContext {
  plan: HeaderPlan;
  settings: RuleSettings;
  /** Columns nothing reads, and what their words make them look like (src/mapping.ts looksLike). */
  unread: readonly { index: number; name: string; looksLike?: 'contact' | 'consent' | 'objection' | 'date' }[];
  /** Columns read as e-mail or phone data because of their values, their name saying nothing. */
  contactByValues: readonly { index: number; name: string; kind: 'email' | 'phone' }[];
}

export interface Rule extends RuleMeta {
  /**
   * Columns this rule removes from the cleaned file entirely (SPEC §7: scrubbed profiling/sensitive
   * columns are absent). Called once per file.
   */
  removeColumns?(plan: HeaderPlan): number[];
  check(ctx: RowContext, report: (r: RuleReport) => void): void;
  /**
   * A file-level check, run once per file (on the header line): what the file as a whole fails to show.
   * Its findings come before every row's and are counted like any other.
   */
  checkFile?(ctx: FileContext, report: (r: RuleReport) => void): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * The check of a rule that removes whole columns of one kind (profiling, sensitive data): the columns
 * leave the cleaned file, and each row with a value in one of them gets a finding `recorded`.
 */
export function wholeColumns(kind: ColumnKind): Pick<Rule, 'removeColumns' | 'check'> {
  return {
    removeColumns(plan) {
      return columnsOfKind(plan.detected, kind).map((c) => c.index);
    },
    check(ctx, report) {
      for (const c of columnsOfKind(ctx.plan.detected, kind)) {
        if (ctx.cells[c.index]?.trim()) report({ message: 'recorded', field: c.name, params: { column: c.name } });
      }
    },
  };
}
