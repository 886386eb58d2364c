/**
 * What counts as consent, to which channel, with what proof, and what an objection covers (SPEC §4).
 * The words are in src/vocabulary/consent.ts; the classifier reads cells into word classes and asks here
 * what they are worth.
 */
import type { Channel, Field, Source } from '../types.js';
import type { CellWord } from '../read/consent-cell.js';
import { ALL, BIT } from '../channel-set.js';
import { decision } from './decision.js';
import { SOCIAL_SOURCES } from './sources.js';
import { rgpd, CNIL_EMAIL, CNIL_PHONE, CNIL_SANCTIONS_2025, CNIL_SOCIAL_NETWORKS, CNIL_VOTER_RIGHTS, CNIL_VOTER_RIGHTS_2026, LA_POSTE_NPAI, NS34 } from './references.js';

/** Channels that need a prior opt-in (CNIL, communication politique par téléphone / par courrier électronique). */
export const OPT_IN_CHANNELS = decision({
  id: 'consent.opt-in-channels',
  references: [CNIL_PHONE, CNIL_EMAIL, rgpd('6.1.a et 7', 'consentement comme base légale'), CNIL_SANCTIONS_2025],
  // Email: the CNIL aligns political email on commercial prospecting; its December 2025 sanctions also
  // accepted a proven legitimate interest, so requiring an opt-in for every non-member is the
  // conservative reading (explained by missing-consent).
  interpretation: true,
  value: new Set<Channel>(['email', 'sms', 'automated_call']) as ReadonlySet<Channel>,
});

/**
 * Sources where the person handed their details to the campaign itself, so a list status ("subscribed")
 * can be read as their sign-up. Elsewhere (a social contact, a bought or rented list, a referral) the
 * status only shows the row was imported: it is not the person's consent. `unknown` is kept: a sign-up
 * tool's export (Mailchimp, Brevo) often has no source column, and its list status is then the only
 * trace of the sign-up; `unknown-source` still asks for the origin to be shown (RGPD art. 5.2).
 */
export const STATUS_TRUSTED = decision({
  id: 'consent.status-trusted',
  references: [rgpd('7.1', 'preuve du consentement'), CNIL_SANCTIONS_2025],
  interpretation: true,
  value: new Set<Source>(['membership', 'donation', 'in_person', 'web_form', 'petition', 'unknown']) as ReadonlySet<Source>,
});

/** Sources where consent is given at collection, so `collected_at` dates it (RGPD art. 7.1 proof). */
export const CONSENT_AT_COLLECTION = decision({
  id: 'consent.dated-by-collection',
  references: [rgpd('7.1', 'preuve du consentement')],
  interpretation: true,
  value: new Set<Source>(['membership', 'donation', 'in_person', 'web_form', 'petition']) as ReadonlySet<Source>,
});

/**
 * What a generic "yes" covers: the channel the data was collected on (SPEC §4). Consent is given to
 * "ce mode de contact" (CNIL, par téléphone) and must be specific (RGPD art. 4.11).
 */
export const GENERIC_CONSENT_SCOPE = decision({
  id: 'consent.generic-scope',
  references: [CNIL_PHONE, CNIL_EMAIL, rgpd('4.11', 'consentement spécifique')],
  interpretation: true,
  value: {
    web_form: 'email', petition: 'email',
    social_regular: 'social', social_occasional: 'social',
    in_person: 'data', donation: 'data', membership: 'data',
  } as Partial<Record<Source, Channel | 'data'>>,
});

/**
 * @decision consent.generic-scope
 * The channels (bit mask) a generic consent covers on a row of this source; `dataMask`: the channels
 * whose contact data is on the row. Bought, rented, partner, referral, unknown: the campaign did not
 * collect the data, so a generic yes does not say for which channel it was given.
 */
export function genericConsentMask(source: Source, dataMask: number): number {
  const scope = GENERIC_CONSENT_SCOPE.value[source];
  if (scope === undefined) return 0;
  return scope === 'data' ? dataMask : BIT[scope];
}

/**
 * A date alone in a consent column ("2025-03-12" under "Opt-in SMS") is the date the person opted in:
 * a tool writes the day of the opt-in where others write "yes". The tool's reading; its proof is the
 * date itself (RGPD art. 7.1).
 */
export const CONSENT_CELL_DATE = decision({
  id: 'consent.date-is-opt-in',
  references: [rgpd('7.1', 'preuve du consentement')],
  interpretation: true,
  value: 'yes' as CellWord,
});

/** @decision consent.date-is-opt-in
 * What a consent cell's word is worth as consent: its word, a date read as CONSENT_CELL_DATE says. */
export function consentWord(word: CellWord | undefined): CellWord | undefined {
  return word === 'date' ? CONSENT_CELL_DATE.value : word;
}

/**
 * A yes to the single first message is a consent to go on (NS 34): on the network for a social
 * contact, else on the channels whose data the person answered from.
 */
export const FIRST_MESSAGE_YES = decision({
  id: 'consent.first-message-yes',
  references: [NS34, CNIL_SOCIAL_NETWORKS],
  interpretation: false,
  value: true,
});

/** @decision consent.first-message-yes
 * The channels (bit mask) a reply to the single first message consents to; `dataMask`: the channels whose contact data is on the row. */
export function firstMessageYesMask(source: Source, dataMask: number, reply: 'yes' | 'no' | undefined): number {
  if (!FIRST_MESSAGE_YES.value || reply !== 'yes') return 0;
  return SOCIAL_SOURCES.value.has(source) ? BIT.social : dataMask;
}

/**
 * An opt-out in one channel's column (STOP SMS, "désinscrit" in the SMS column, `email_opt_out`,
 * "désinscrit newsletter") is an objection to that channel only: the CNIL's STOP stops SMS
 * (communication politique par téléphone). In a general column (the consent or the objection field), an
 * opt-out that names channels ("STOP SMS", "désabonné SMS le 03/11") is about them; any other objection
 * there ("oui", a date, "opposition", a note) is about everything. It is an objection to all political
 * communication (RGPD art. 21.3) whenever the cell says so ("ne plus me contacter"). Reading a
 * one-channel opt-out as no more than that is the tool's interpretation.
 */
export const OPTOUT_SCOPE = decision({
  id: 'consent.optout-scope',
  references: [CNIL_PHONE, rgpd('21.2 et 21.3', 'droit d\'opposition à la prospection'), CNIL_VOTER_RIGHTS_2026],
  interpretation: true,
  value: 'channel' as 'channel' | 'all',
});

/**
 * @decision consent.optout-scope
 * The channels (bit mask; ALL: every channel, an objection to prospecting as a whole) an objection read
 * in a cell covers. `column`: the channels of the column it is in (consent_sms, do_not_call), 0 for a
 * general column (the consent or the objection field); `named`: the channels the cell names ("STOP
 * SMS", "désabonné SMS le 03/11"), which scope an opt-out in a general column as the column would.
 */
export function objectionScope(word: CellWord | undefined, column: number, named: number): number {
  if (word === 'optoutAll' || OPTOUT_SCOPE.value === 'all') return ALL;
  if (column !== 0) return column;
  return word === 'optout' && named !== 0 ? named : ALL;
}

/**
 * A cell of an objection column (the general objection field, do_not_call, a blocklist) objects unless
 * it says no: a yes, a date or any other note ("demande par lettre") is read as an objection, since an
 * objection needs no set form (RGPD art. 21; CNIL, les droits des électeurs); a no, a refusal of the
 * objection, a list status or a negated objection ("pas d'opposition") is none. The tool's reading:
 * the cautious one for the person.
 */
export const OBJECTION_CELL = decision({
  id: 'consent.objection-cell',
  references: [rgpd('21.2 et 21.3', 'droit d\'opposition à la prospection'), CNIL_VOTER_RIGHTS, CNIL_VOTER_RIGHTS_2026],
  interpretation: true,
  value: new Set<CellWord>(['no', 'false', 'refused', 'status']) as ReadonlySet<CellWord>,
});

/** @decision consent.objection-cell
 * Whether a cell of an objection column objects; `blank`: the cell says nothing ("", "non", "n/a"). */
export function objectionCellObjects(word: CellWord | undefined, blank: boolean): boolean {
  return !blank && (word === undefined || !OBJECTION_CELL.value.has(word));
}

/**
 * An objection to calls ("ne pas appeler", do_not_call, "Désabonné appels", STOP in the phone column)
 * also covers automated calls: the person refused being called, by a person or by a machine (CNIL,
 * communication politique par téléphone). The tool's reading.
 */
export const PHONE_OBJECTION_SCOPE = decision({
  id: 'consent.phone-objection-automated',
  references: [CNIL_PHONE, rgpd('21.2 et 21.3', 'droit d\'opposition à la prospection')],
  interpretation: true,
  value: BIT.automated_call,
});

/** @decision consent.phone-objection-automated
 * The channels (bit mask) objected to, once a phone objection covers what PHONE_OBJECTION_SCOPE says. */
export function objectedMask(mask: number): number {
  return mask & BIT.phone ? mask | PHONE_OBJECTION_SCOPE.value : mask;
}

/**
 * An explicit refusal in a channel's consent column ("refusé"; for a member also a plain "non") is an
 * objection to that channel (RGPD art. 21.2–21.3), for a member too: membership gives no basis for a
 * channel the member refused. For a non-member on an opt-in channel a refusal is simply no consent
 * (missing-consent or cross-channel report it).
 */
export const REFUSAL_IS_OBJECTION = decision({
  id: 'consent.refusal-objects',
  references: [rgpd('21.2 et 21.3', 'droit d\'opposition à la prospection'), CNIL_VOTER_RIGHTS_2026],
  interpretation: false,
  value: true,
});

/** @decision consent.refusal-objects */
export function refusalObjects(kind: 'refused' | 'false', channel: Channel, member: boolean): boolean {
  if (member) return REFUSAL_IS_OBJECTION.value;
  return kind === 'refused' && !OPT_IN_CHANNELS.value.has(channel);
}

/** A consent dated after a dated objection is a new, later choice of the person (RGPD art. 7.3 and 21). */
export const LATER_CONSENT_LIFTS_OBJECTION = decision({
  id: 'consent.later-consent-lifts-objection',
  references: [rgpd('7.3 et 21', 'retrait du consentement ; opposition')],
  interpretation: true,
  value: true,
});

/** @decision consent.later-consent-lifts-objection
 * Whether an objection dated `objectionDay` is lifted by a consent dated `consentDay`. */
export function objectionLifted(objectionDay: number | undefined, consentDay: number | undefined): boolean {
  return LATER_CONSENT_LIFTS_OBJECTION.value && objectionDay !== undefined && consentDay !== undefined && consentDay > objectionDay;
}

/**
 * In-person contact in a file with no consent column at all: the channels whose data the person gave at
 * that moment are assumed consented (SPEC §4); the assumption is reported by missing-consent-proof.
 */
export const IN_PERSON_ASSUMED = decision({
  id: 'consent.in-person-assumed',
  references: [CNIL_PHONE, rgpd('7.1', 'preuve du consentement')],
  interpretation: true,
  value: true,
});

/** @decision consent.in-person-assumed
 * The channels (bit mask) assumed consented on an in-person row of a file with no consent column at all. */
export function inPersonAssumedMask(source: Source, hasConsentColumn: boolean, generic: boolean, objection: boolean, dataMask: number): number {
  return IN_PERSON_ASSUMED.value && source === 'in_person' && !hasConsentColumn && !generic && !objection ? dataMask : 0;
}

/**
 * A row of a sending tool's subscriber list (Mailchimp's subscribed members, a Brevo contact not
 * blocklisted) claims a consent to that tool's channel: the tool sends only to them. Where the source
 * makes a list status no consent (STATUS_TRUSTED), the claim still needs its proof (missing-consent-proof
 * and missing-consent say which). The tool's reading of what an export says.
 */
export const LIST_SUBSCRIPTION = decision({
  id: 'consent.list-subscription',
  references: [rgpd('7.1', 'preuve du consentement'), CNIL_EMAIL],
  interpretation: true,
  value: true,
});

/**
 * A confirmed double opt-in proves the e-mail consent, dated by its confirmation (Mailchimp
 * CONFIRM_TIME): the controller "est en mesure de démontrer" the consent (RGPD art. 7.1), and a
 * confirmation click from the address itself is the proof the CNIL asks for e-mail prospecting. Only
 * when the row also bears the sign-up it confirms (Mailchimp OPTIN_TIME or OPTIN_IP): a list owner's
 * import or API add fills CONFIRM_TIME with no opt-in at all (fixtures/exports/SOURCES.md, "Mailchimp"),
 * so such a row is neither a web-form sign-up nor a proven consent. No text says what an export's
 * columns prove: the tool's interpretation.
 */
export const DOUBLE_OPT_IN_PROOF = decision({
  id: 'consent.double-opt-in-proof',
  references: [rgpd('7.1', 'preuve du consentement'), CNIL_EMAIL],
  interpretation: true,
  value: { proof: 'consent_date' as Field, needsSignup: true } as const,
});

/** @decision consent.double-opt-in-proof
 * In a file with no consent column, the day a consent was confirmed, which makes the row's consent a
 * generic one (Mailchimp's CONFIRM_TIME); undefined when there is none. */
export function confirmedConsentDay(hasConsentColumn: boolean, dates: Partial<Record<Field, number>>): number | undefined {
  return hasConsentColumn ? undefined : dates[DOUBLE_OPT_IN_PROOF.value.proof];
}

/**
 * A tool's record-creation date (Brevo ADDED_TIME, NationBuilder created_at) is when the record was
 * created, by an import as well as by a sign-up: on a row whose origin is only declared for the whole
 * file (`--source`), it does not date a consent (RGPD art. 7.1). A row whose own source cell says how
 * it was collected ("Adhésion en ligne") is dated by that collection. The tool's interpretation.
 */
export const RECORD_DATE_NOT_PROOF = decision({
  id: 'consent.record-date-not-proof',
  references: [rgpd('7.1', 'preuve du consentement')],
  interpretation: true,
  value: true,
});

/**
 * A bad address is not an objection: NPAI ("n'habite pas à l'adresse indiquée", now PND) is written by
 * La Poste on a letter it could not deliver, not by the person, so it is no exercise of the right to
 * object (RGPD art. 21.2–21.3, which the person exercises). It is a matter of the data's accuracy (art.
 * 5.1.d); no rule of SPEC §5 acts on it, and a column named so is neither an objection nor a look-alike.
 */
export const BAD_ADDRESS_NOT_OBJECTION = decision({
  id: 'consent.bad-address-not-objection',
  references: [rgpd('21.2 et 21.3', 'droit d\'opposition à la prospection'), rgpd('5.1.d', 'exactitude'), LA_POSTE_NPAI],
  interpretation: false,
  value: true,
});
