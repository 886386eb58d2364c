/**
 * Header mapping (SPEC §3): each input column maps to at most one canonical field, by an alias table
 * matched case-, accent-, space- and punctuation-insensitively; the config and `--map` override it.
 */
import { AuditError } from './errors.js';
import { FIELDS, type Field } from './types.js';

/**
 * Aliases per field, in priority order. The SPEC's list is a floor: the exports of Qomon,
 * NationBuilder, Mailchimp, Brevo and Action Network are recognised too.
 */
export const ALIASES: Record<Field, readonly string[]> = {
  id: ['id', 'contact id', 'identifiant', 'nationbuilder_id', 'uuid', 'contact_id', 'id contact', 'leid', 'external id', 'numero adherent', 'n adherent', 'member id'],
  first_name: ['prénom', 'prénoms', 'first name', 'firstname', 'first_name', 'given name'],
  // An electoral-list extract always fills "nom de naissance"; "nom d'usage" is often empty there.
  last_name: ['nom', 'last name', 'nom de famille', 'nom de naissance', "nom d'usage", 'lastname', 'last_name', 'surname', 'family name'],
  email: ['email', 'e-mail', 'courriel', 'adresse email', 'adresse e-mail', 'mail', 'email address', 'adresse mail', 'email1'],
  phone: ['téléphone', 'telephone', 'phone', 'mobile', 'portable', 'tel', 'phone number', 'mobile_number', 'phone_number', 'numéro de téléphone', 'téléphone portable', 'can2_phone', 'sms number', 'cell'],
  address: ['adresse', 'address', 'adresse postale', 'address1', 'rue', 'street', 'street address', 'primary_address1', 'voie', 'can2_user_address'],
  postal_code: ['code postal', 'cp', 'zip', 'postal code', 'zip code', 'zip_code', 'postcode', 'primary_zip'],
  city: ['ville', 'commune', 'city', 'primary_city', 'localité', 'can2_user_city'],
  birth_date: ['date de naissance', 'birthdate', 'date of birth', 'dob', 'born', 'born_at', 'née le', 'né le', 'date naissance'],
  source: ['source', 'origine', 'origin', 'provenance', "canal d'acquisition", 'acquisition', 'lead source', 'source du contact'],
  network: ['réseau', 'réseau social', 'network', 'social network', 'platform', 'plateforme'],
  collected_at: ['date de collecte', 'collected at', "date d'entrée", 'created at', 'date de création', 'signup date', 'optin_time', 'created_at', 'created_date', 'date d’inscription', "date d'inscription", 'date ajout', 'date added'],
  consent_email: ['consentement email', 'consentement e-mail', 'consentement courriel', 'opt-in email', 'email_opt_in', 'accepte emails', 'accepte email', 'newsletter', 'can2_subscription_status', 'email consent', 'email_subscription_status', 'optin email', 'abonné newsletter'],
  consent_sms: ['optin sms', 'sms_opt_in', 'consentement sms', 'mobile_opt_in', 'can2_sms_status', 'opt-in sms', 'sms consent', 'accepte sms'],
  consent_phone: ['accepte appels', 'consentement téléphone', 'consentement telephone', 'opt-in téléphone', 'phone consent', 'phone_opt_in'],
  consent_post: ['consentement courrier', 'opt-in courrier', 'accepte courrier', 'post consent'],
  consent_social: ['opt-in réseaux', 'consentement réseaux', 'consentement réseaux sociaux', 'social consent', 'social_opt_in'],
  consent: ['consentement', 'consent', 'opt-in', 'optin', 'consentements'],
  consent_date: ['date de consentement', 'consent date', 'date opt-in', 'confirm_time', 'date optin', 'consent_date', 'date du consentement', 'opt-in date', 'optin date'],
  objection: ['opposition', 'désinscrit', 'désinscription', 'unsubscribed', 'opted out', 'opt-out', 'stop', 'do not contact', 'ne pas contacter', 'email_opt_out', 'do_not_contact', 'optout', 'droit d’opposition', "droit d'opposition", 'unsubscribe date', 'unsub_time', 'date de désinscription'],
  last_contact_at: ['dernier contact', 'date du dernier contact', 'last contact', 'last activity', 'dernière interaction', 'last_changed', 'last_contacted_at', 'last contacted', 'can2_last_action', 'can2_last_action_date', 'last action', 'date dernier contact', 'dernière activité'],
  membership_end: ["fin d'adhésion", "date de fin d'adhésion", 'membership end', 'membership expires', 'expiration adhésion', 'membership_expires_at', 'fin adhésion', 'adhésion expire le'],
  first_message_at: ['premier message', 'date premier message', 'first message sent', 'first message', 'date du premier message'],
  first_message_reply: ['réponse premier message', 'first message reply', 'accepte contact', 'réponse au premier message'],
  channel: ['canal', 'canal utilisé', 'channel', 'used on', 'contacté via', 'target channel', 'canaux', 'canal de contact'],
  enrichment_source: ["source d'enrichissement", 'enrichi depuis', 'enriched from', 'enrichment', 'data append', 'enrichissement', 'enrichment source'],
};

/** Case-, accent-, space- and punctuation-insensitive key of a header or alias. */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** normalized alias → field and rank (position in the field's alias list: lower wins). */
const ALIAS_INDEX: Map<string, { field: Field; rank: number }> = (() => {
  const m = new Map<string, { field: Field; rank: number }>();
  for (const field of FIELDS) {
    ALIASES[field].forEach((alias, rank) => {
      const key = normalizeHeader(alias);
      if (!m.has(key)) m.set(key, { field, rank });
    });
  }
  return m;
})();

/** The field an alias names, or undefined. */
export function fieldForHeader(header: string): Field | undefined {
  return ALIAS_INDEX.get(normalizeHeader(header))?.field;
}

export type Mapping = Partial<Record<Field, number>>;

/** A field's trimmed value in a row's cells; undefined when unmapped, missing or blank. The engine's reading. */
export function fieldGetter(mapping: Mapping, cells: readonly string[]): (field: Field) => string | undefined {
  return (field) => {
    const i = mapping[field];
    const v = i === undefined ? undefined : cells[i]?.trim();
    return v ? v : undefined;
  };
}

export interface MappingResult {
  mapping: Mapping;
  /** field → column name, as the report records it. */
  named: Partial<Record<Field, string>>;
  unmapped: string[];
}

/** Fields of which at least one must be mapped: without any, the file holds no contact to audit. */
export const CONTACT_FIELDS: readonly Field[] = ['email', 'phone', 'address', 'last_name', 'first_name'];

/** A column by exact name, by normalised name, or by 1-based position "#3" (for empty or duplicate names). */
function findColumn(header: string[], column: string): number {
  const pos = /^#(\d+)$/.exec(column.trim());
  if (pos) {
    const n = Number(pos[1]);
    return n >= 1 && n <= header.length ? n - 1 : -1;
  }
  let i = header.indexOf(column);
  if (i === -1) {
    const key = normalizeHeader(column);
    i = header.findIndex((h) => normalizeHeader(h) === key);
  }
  return i;
}

/**
 * Resolves the mapping. Explicit mappings (config, then `--map`, later wins) come first; then aliases,
 * the first column per field. Duplicate or empty header names are errors unless mapped explicitly.
 */
export function resolveMapping(header: string[], explicit: Record<string, string> = {}): MappingResult {
  const mapping: Mapping = {};
  const taken = new Set<number>();
  for (const [field, column] of Object.entries(explicit)) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new AuditError('E_MAP_UNKNOWN_FIELD', { field, fields: FIELDS.join(', ') });
    }
    const i = findColumn(header, column);
    if (i === -1) throw new AuditError('E_MAP_UNKNOWN_COLUMN', { field, column });
    mapping[field as Field] = i;
    taken.add(i);
  }
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (taken.has(i)) return;
    if (name.trim() === '') throw new AuditError('E_HEADER_EMPTY', { position: i + 1 }, { line: 1 });
    const first = seen.get(name.trim());
    if (first !== undefined) {
      throw new AuditError('E_HEADER_DUPLICATE', { column: name.trim(), first: first + 1, second: i + 1 }, { line: 1 });
    }
    seen.set(name.trim(), i);
  });
  // Per field, the column whose alias ranks first ("source" beats "acquisition"), then the leftmost.
  const best = new Map<Field, { index: number; rank: number }>();
  header.forEach((name, i) => {
    if (taken.has(i)) return;
    const hit = ALIAS_INDEX.get(normalizeHeader(name));
    if (!hit || mapping[hit.field] !== undefined) return;
    const cur = best.get(hit.field);
    if (!cur || hit.rank < cur.rank) best.set(hit.field, { index: i, rank: hit.rank });
  });
  for (const [field, { index }] of best) {
    mapping[field] = index;
    taken.add(index);
  }
  const named: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) if (mapping[field] !== undefined) named[field] = header[mapping[field]!];
  const unmapped = header.filter((_, i) => !taken.has(i));
  return { mapping, named, unmapped };
}
