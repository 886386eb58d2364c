/** Shared data model of cnil-audit (SPEC §3–§5). Pure types, no runtime code. */

/** `ads`: online political advertising targeting (custom audiences, lookalikes, sponsored posts; Regulation (EU) 2024/900). */
export const CHANNELS = ['email', 'sms', 'automated_call', 'phone', 'post', 'social', 'door', 'ads'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SOURCES = [
  'membership', 'donation', 'in_person', 'web_form', 'petition', 'electoral_list',
  'social_regular', 'social_occasional', 'social_scraped', 'referral', 'file_rental',
  'purchased', 'third_party', 'forbidden', 'unknown',
] as const;
export type Source = (typeof SOURCES)[number];

/** Kinds of file the CNIL excludes from political communication (forbidden-source says which). */
export const FORBIDDEN_KINDS = ['civil_registry', 'public_users', 'local_consultation', 'employer', 'company_internal'] as const;
export type ForbiddenKind = (typeof FORBIDDEN_KINDS)[number];

export const CATEGORIES = ['member', 'regular_contact', 'occasional_contact', 'voter', 'prospect', 'unknown'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTIONS = ['drop-row', 'scrub-field', 'flag'] as const;
export type Action = (typeof ACTIONS)[number];

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Canonical fields of SPEC §3. */
export const FIELDS = [
  'id', 'first_name', 'last_name', 'email', 'phone', 'address', 'postal_code', 'city', 'birth_date',
  'source', 'network', 'collected_at',
  'consent_email', 'consent_sms', 'consent_phone', 'consent_post', 'consent_social', 'consent_ads', 'consent', 'consent_date',
  'objection', 'last_contact_at', 'membership_end', 'first_message_at', 'first_message_reply',
  'channel', 'enrichment_source',
] as const;
export type Field = (typeof FIELDS)[number];

/** Fields holding dates: parsed, and `invalid-date` when unparseable (SPEC §2). */
export const DATE_FIELDS: readonly Field[] = [
  'birth_date', 'collected_at', 'consent_date', 'last_contact_at', 'membership_end', 'first_message_at',
];

/** Fields that identify a person: never printed in findings, logs or progress (SPEC §7). */
export const IDENTITY_FIELDS: readonly Field[] = [
  'first_name', 'last_name', 'email', 'phone', 'address', 'postal_code', 'city', 'birth_date',
];

/** Legal reference of a rule: a label and a URL (SPEC §5). */
export interface Reference {
  label: string;
  url: string;
}

/** A message to render: an id in the message catalogue plus parameters. Rules return data, never wording. */
export interface MessageRef {
  id: string;
  params?: Record<string, string | number>;
}

/** One finding on one row (or on the header, line 1). */
export interface Finding {
  rule: string;
  severity: Severity;
  action: Action;
  /** 1-based physical line where the row starts. */
  line: number;
  /** The row's `id` field when mapped and shaped like an identifier (isCarriedId). */
  id?: string;
  /** Canonical field or column name the finding is about. */
  field?: string;
  message: MessageRef;
  /** Masked value, only with `showValues`. */
  value?: string;
}

/** Column kinds recognised by header pattern (SPEC §3 "profiling and sensitive columns"). */
/**
 * `consent_proof`: the IP or time of a sign-up (Mailchimp OPTIN_IP / CONFIRM_IP), the proof of consent
 * (RGPD art. 7.1), recognised so that it is not taken for tracking data; no rule acts on it.
 */
export type ColumnKind = 'political_opinion' | 'political_opinion_inferred' | 'profiling' | 'sensitive' | 'consent_proof';

export interface DetectedColumn {
  index: number;
  name: string;
  kind: ColumnKind;
  /** Id of the pattern (in the pattern table) that matched. */
  pattern: string;
}

/** Detected CSV dialect. */
export interface Dialect {
  encoding: string;
  bom: boolean;
  delimiter: string;
  /** Line terminator of the input: "\r\n", "\n" or "\r". */
  recordDelimiter: string;
  /** Whether the input quotes every field. */
  quoteAll: boolean;
  /** Whether empty fields are quoted too ("" rather than nothing). */
  quoteEmpty: boolean;
}
