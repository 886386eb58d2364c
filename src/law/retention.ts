/**
 * Retention (SPEC §5): how long each category is kept, from which date, and the decision for one row at
 * `settings.asOf`. Shared by the rules `retention-expired` and `retention-unknown` (and by `purge`
 * through them), so both always agree on one decision per row. "How long is a voter kept?" is here.
 */
import type { Classification, RuleSettings } from '../rules/types.js';
import type { Category, Field } from '../types.js';
import { addDuration, formatDay, parseDuration, type Duration } from '../read/values.js';
import { decision } from './decision.js';
import { rgpd, CNIL_VOTER_LISTS, NS34, NS34_RETENTION_ARTICLE } from './references.js';

/**
 * Regular contacts: deleted "lorsque les échanges prennent fin" (NS 34), which sets no duration: 3
 * years without contact from the person is the tool's reading (the CNIL's usual reference for
 * prospects, NS 48 analogy).
 */
export const REGULAR_CONTACT_RETENTION = decision({
  id: 'retention.regular-contact',
  references: [NS34_RETENTION_ARTICLE, rgpd('5.1.e', 'limitation de la conservation')],
  interpretation: true,
  value: '3y',
});

/**
 * Occasional contacts and prospects: "délai maximal de deux mois après l'envoi de l'unique message"
 * (NS 34, délib. 2012-021). From collection when no message was sent is the tool's cautious reading.
 * "Dans l'hypothèse d'une collecte de données sur internet (par exemple, par l'intermédiaire des réseaux
 * sociaux, blogs, microblogging ou chat), ce délai devrait être raccourci": config `retentionBySource`
 * sets a shorter one per source (e.g. {"social_occasional": {"occasional_contact": "1m"}}), never a
 * longer one (exceedsOccasionalMaximum).
 */
export const OCCASIONAL_RETENTION = decision({
  id: 'retention.occasional-contact',
  references: [NS34_RETENTION_ARTICLE, NS34],
  interpretation: false,
  value: '2m',
});

/** The first day of a four-year cycle (2024-01-01): every month length, February 29 included, starts in it. */
const CYCLE_START = 19723;

/**
 * @decision retention.occasional-contact
 * Whether a duration can end after NS 34's maximum for occasional contacts and prospects ("délai maximal
 * de deux mois", OCCASIONAL_RETENTION) for some start day: "3m", "60d" (1 January → 2 March) and "9w" do;
 * "2m", "59d" and "8w" never do.
 */
export function exceedsOccasionalMaximum(text: string): boolean {
  const d = parseDuration(text);
  const max = parseDuration(OCCASIONAL_RETENTION.value);
  if (!d || !max) return false;
  for (let day = CYCLE_START; day < CYCLE_START + 1461; day++) if (addDuration(day, d) > addDuration(day, max)) return true;
  return false;
}

/**
 * Voters: the list's data "devraient donc être supprimées à l'issue du scrutin" (CNIL, listes
 * d'électeurs); NS 34: "à l'issue du scrutin concerné, sauf si la personne a consenti à ce que ses
 * données soient utilisées à d'autres fins". A voter who consented is a regular contact (law/category.ts,
 * VOTER_CONSENT), so this applies to the others.
 */
export const VOTER_RETENTION = decision({
  id: 'retention.voter',
  references: [CNIL_VOTER_LISTS, NS34_RETENTION_ARTICLE],
  interpretation: false,
  value: '0d',
});

/**
 * @decision retention.regular-contact
 * Retention defaults (SPEC §5), overridable in config; each is explained, with its source, by
 * `cnil-audit explain retention-expired`.
 */
export const DEFAULT_RETENTION: Readonly<Record<string, string>> = {
  regular_contact: REGULAR_CONTACT_RETENTION.value,
  occasional_contact: OCCASIONAL_RETENTION.value,
  prospect: OCCASIONAL_RETENTION.value,
  voter: VOTER_RETENTION.value,
};

/**
 * @decision retention.regular-contact
 * Dates that show an exchange with a regular contact, any of which restarts the clock. NS 34 deletes
 * regular contacts "lorsque les échanges prennent fin": the last exchange known from the row is the
 * latest of these (SPEC §5 lists last_contact_at first; a later consent or collection is an exchange too).
 */
export const REGULAR_CONTACT_DATES: readonly Field[] = ['last_contact_at', 'consent_date', 'collected_at', 'membership_end'];
/** @decision retention.occasional-contact
 * Occasional contacts and prospects: 2 months after the single message, else after collection. */
export const SINGLE_MESSAGE_DATES: readonly Field[] = ['first_message_at', 'collected_at'];

/** @decision retention.regular-contact
 * How each category's retention is computed, for `explain` and the purge summary. */
export const RETENTION_BASIS: Readonly<Record<string, { from: readonly (Field | 'electionDate')[]; interpretation: boolean }>> = {
  // "Lorsque les échanges prennent fin" has no set duration: 3 years is the tool's reading (NS 48 analogy).
  regular_contact: { from: ['last_contact_at', 'consent_date', 'collected_at'], interpretation: true },
  // NS 34: "délai maximal de deux mois après l'envoi de l'unique message"; from collection when no
  // message was sent is the tool's cautious reading.
  occasional_contact: { from: SINGLE_MESSAGE_DATES, interpretation: false },
  prospect: { from: SINGLE_MESSAGE_DATES, interpretation: false },
  // CNIL, listes d'électeurs: "devraient donc être supprimées à l'issue du scrutin".
  voter: { from: ['electionDate'], interpretation: false },
};

export type RetentionDecision =
  /** Nothing to decide: a current member (the membership is its own basis). */
  | { status: 'current' }
  | {
      status: 'kept' | 'expired';
      /** The category whose duration applied (a former member counts as regular_contact). */
      category: Category;
      /** The date that started the clock: a date field, or the election date. */
      from: DateSource;
      start: number;
      duration: string;
      /** Last day the data may be kept. */
      deadline: number;
    }
  | { status: 'unknown'; reason: 'noDate'; category: Category; fields: readonly Field[] }
  | { status: 'unknown'; reason: 'noElectionDate' | 'unknownCategory' | 'noDuration'; category: Category };

const durations = new Map<string, Duration | null>();
function duration(s: string | undefined): Duration | null {
  if (s === undefined) return null;
  let d = durations.get(s);
  if (d === undefined) {
    d = parseDuration(s);
    durations.set(s, d);
  }
  return d;
}

/** The latest of the given dates present on the row, and which field it came from. */
function latest(dates: Classification['dates'], fields: readonly Field[]): { field: Field; day: number } | undefined {
  let best: { field: Field; day: number } | undefined;
  for (const f of fields) {
    const d = dates[f];
    if (d !== undefined && (best === undefined || d > best.day)) best = { field: f, day: d };
  }
  return best;
}

type DateSource = Field | 'electionDate' | 'secondRoundDate';

function fromDate(category: Category, from: DateSource, start: number, text: string, asOf: number): RetentionDecision {
  const d = duration(text);
  if (!d) return { status: 'unknown', reason: 'noDuration', category };
  const deadline = addDuration(start, d);
  // The data may be kept through the deadline day (voters: the election day itself).
  return { status: asOf > deadline ? 'expired' : 'kept', category, from, start, duration: text, deadline };
}

/** @decision retention.voter
 * Decides a row's retention at `settings.asOf`. */
export function decideRetention(cls: Pick<Classification, 'category' | 'dates'> & { source?: Classification['source'] }, settings: RuleSettings): RetentionDecision {
  const { dates } = cls;
  let category = cls.category;
  const asOf = settings.asOf;
  if (category === 'member') {
    const end = dates.membership_end;
    // A member is kept while the membership lasts; from its end, as a regular contact (SPEC §5).
    if (end === undefined || end >= asOf) return { status: 'current' };
    category = 'regular_contact';
  }
  switch (category) {
    case 'regular_contact': {
      const start = latest(dates, REGULAR_CONTACT_DATES);
      if (!start) return { status: 'unknown', reason: 'noDate', category, fields: RETENTION_BASIS.regular_contact.from as Field[] };
      return fromDate(category, start.field, start.day, settings.retention.regular_contact, asOf);
    }
    case 'occasional_contact':
    case 'prospect': {
      const sent = dates.first_message_at;
      const field: Field = sent !== undefined ? 'first_message_at' : 'collected_at';
      const start = sent ?? dates.collected_at;
      if (start === undefined) return { status: 'unknown', reason: 'noDate', category, fields: SINGLE_MESSAGE_DATES };
      // A shorter period per source: for data collected online NS 34 says the two months "devrait être
      // raccourci" (OCCASIONAL_RETENTION).
      const bySource = cls.source !== undefined ? settings.retentionBySource?.[cls.source]?.[category] : undefined;
      return fromDate(category, field, start, bySource ?? settings.retention[category], asOf);
    }
    case 'voter': {
      if (settings.electionDate === undefined) return { status: 'unknown', reason: 'noElectionDate', category };
      const second = settings.secondRoundDate;
      // A second round extends the use of the list to its own date.
      if (second !== undefined && second > settings.electionDate) return fromDate(category, 'secondRoundDate', second, settings.retention.voter, asOf);
      return fromDate(category, 'electionDate', settings.electionDate, settings.retention.voter, asOf);
    }
    default: {
      // No category, no duration, unless the config sets one for `unknown` (then counted from the
      // last exchange, like a regular contact).
      if (settings.retention.unknown === undefined) return { status: 'unknown', reason: 'unknownCategory', category };
      const start = latest(dates, REGULAR_CONTACT_DATES);
      if (!start) return { status: 'unknown', reason: 'noDate', category, fields: RETENTION_BASIS.regular_contact.from as Field[] };
      return fromDate(category, start.field, start.day, settings.retention.unknown, asOf);
    }
  }
}

/** @decision retention.regular-contact
 * Message parameters of a decision (no personal data: dates and durations only). */
export function retentionParams(d: RetentionDecision & { status: 'kept' | 'expired' }): Record<string, string> {
  return { category: d.category, field: d.from, date: formatDay(d.start), duration: d.duration, deadline: formatDay(d.deadline) };
}
