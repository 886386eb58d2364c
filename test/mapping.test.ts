import { describe, expect, it } from 'vitest';
import { ALIASES, fieldForHeader, normalizeHeader, resolveMapping } from '../src/mapping.js';
import { FIELDS } from '../src/types.js';

/** The alias floor of SPEC §3, row by row. Every one must map to its field. */
const SPEC_ALIASES: Record<string, string[]> = {
  id: ['id', 'contact id', 'identifiant', 'nationbuilder_id', 'uuid'],
  first_name: ['prénom', 'first name', 'firstname'],
  last_name: ['nom', 'last name', 'nom de famille', "nom d'usage"],
  email: ['email', 'e-mail', 'courriel', 'adresse email', 'mail', 'email address'],
  phone: ['téléphone', 'telephone', 'phone', 'mobile', 'portable', 'tel', 'phone number', 'mobile_number'],
  address: ['adresse', 'address'],
  postal_code: ['code postal', 'cp', 'zip', 'postal code'],
  city: ['ville', 'commune', 'city'],
  birth_date: ['date de naissance', 'birthdate', 'date of birth', 'dob', 'born'],
  source: ['source', 'origine', 'origin', 'provenance', "canal d'acquisition", 'acquisition', 'lead source'],
  network: ['réseau', 'réseau social', 'network', 'social network', 'platform', 'plateforme'],
  collected_at: ['date de collecte', 'collected at', "date d'entrée", 'created at', 'date de création', 'signup date', 'optin_time'],
  consent_email: ['consentement email', 'opt-in email', 'email_opt_in', 'accepte emails', 'newsletter'],
  consent_sms: ['optin sms', 'sms_opt_in', 'consentement sms'],
  consent_phone: ['accepte appels', 'consentement téléphone'],
  consent_post: ['consentement courrier'],
  consent_social: ['opt-in réseaux'],
  // SPEC §0 (v2): the separate consent to online political ads (Regulation (EU) 2024/900 art. 18.1.b).
  consent_ads: ['consentement publicité politique', 'consent ads', 'ads_opt_in'],
  consent: ['consentement', 'consent', 'opt-in', 'optin'],
  consent_date: ['date de consentement', 'consent date', 'date opt-in', 'confirm_time'],
  // SPEC §3 also lists email_opt_out; issue 11 made an unsubscribe from e-mail an objection to e-mail
  // only (test/classify.test.ts, channel-named opt-out headers).
  objection: ['opposition', 'désinscrit', 'unsubscribed', 'opted out', 'opt-out', 'stop', 'do not contact', 'ne pas contacter'],
  last_contact_at: ['dernier contact', 'date du dernier contact', 'last contact', 'last activity', 'dernière interaction', 'last_changed'],
  membership_end: ["fin d'adhésion", "date de fin d'adhésion", 'membership end', 'membership expires', 'expiration adhésion'],
  first_message_at: ['premier message', 'date premier message', 'first message sent'],
  first_message_reply: ['réponse premier message', 'first message reply', 'accepte contact'],
  channel: ['canal', 'canal utilisé', 'channel', 'used on', 'contacté via', 'target channel'],
  enrichment_source: ["source d'enrichissement", 'enrichi depuis', 'enriched from', 'enrichment', 'data append'],
};

describe('header aliases (SPEC §3)', () => {
  it('covers every canonical field', () => {
    expect(Object.keys(SPEC_ALIASES).sort()).toEqual([...FIELDS].sort());
  });
  for (const [field, aliases] of Object.entries(SPEC_ALIASES)) {
    it(`${field}: ${aliases.join(', ')}`, () => {
      for (const alias of aliases) {
        expect(fieldForHeader(alias), alias).toBe(field);
        // Case-, accent-, space- and punctuation-insensitive.
        expect(fieldForHeader(`  ${alias.toUpperCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')} `), alias).toBe(field);
      }
    });
  }
  it('a channel-named opt-out header is not the general objection field (issue 11)', () => {
    for (const h of ['email_opt_out', 'Email opt-out', 'désinscrit newsletter', 'unsubscribed from email', 'sms_opt_out']) expect(fieldForHeader(h), h).toBeUndefined();
  });
  it('no alias is claimed by two fields', () => {
    const seen = new Map<string, string>();
    for (const f of FIELDS) {
      for (const a of ALIASES[f]) {
        const k = normalizeHeader(a);
        expect(seen.get(k) ?? f, `${a} in ${seen.get(k)} and ${f}`).toBe(f);
        seen.set(k, f);
      }
    }
  });
});

describe('resolveMapping', () => {
  it('maps the first column per field by alias priority and passes the rest through', () => {
    const r = resolveMapping(['Acquisition', 'E-mail', 'Source', 'Remarques', 'Mobile', 'Téléphone']);
    expect(r.named).toMatchObject({ source: 'Source', email: 'E-mail', phone: 'Téléphone' });
    expect(r.unmapped).toEqual(['Acquisition', 'Remarques', 'Mobile']);
  });
  it('explicit mappings win and may name a column by its normalised name', () => {
    const r = resolveMapping(['Courriel perso', 'Courriel'], { email: 'courriel perso' });
    expect(r.named.email).toBe('Courriel perso');
  });
  it('refuses duplicate and empty header names unless mapped', () => {
    expect(() => resolveMapping(['email', 'nom', 'nom'])).toThrow(expect.objectContaining({ code: 'E_HEADER_DUPLICATE' }));
    expect(() => resolveMapping(['email', ''])).toThrow(expect.objectContaining({ code: 'E_HEADER_EMPTY' }));
    // Mapped by position, an empty or duplicate name is accepted.
    expect(resolveMapping(['email', ''], { source: '#2' }).named.source).toBe('');
    expect(resolveMapping(['email', 'nom', 'nom'], { last_name: '#3' }).mapping.last_name).toBe(2);
  });
  it('refuses a mapping to an unknown field or column', () => {
    expect(() => resolveMapping(['email'], { courriel: 'email' })).toThrow(expect.objectContaining({ code: 'E_MAP_UNKNOWN_FIELD' }));
    expect(() => resolveMapping(['email'], { email: 'mail perso' })).toThrow(expect.objectContaining({ code: 'E_MAP_UNKNOWN_COLUMN' }));
  });
});
