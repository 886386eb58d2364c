/**
 * Classification (SPEC §4), table-driven: source vocabulary (including the whole-word and order
 * cases), networks, categories, consent and basis by channel, objections, enrichment and proof dates.
 */
import { describe, expect, it } from 'vitest';
import { channelVerdict, createClassifier } from '../src/classify.js';
import { channelsInText } from '../src/channels.js';
import { resolveMapping } from '../src/mapping.js';
import { parseDate } from '../src/read/values.js';
import type { Config } from '../src/config.js';
import type { Channel, Field } from '../src/types.js';

const AS_OF = parseDate('2026-11-23') as number;

function classify(row: Record<string, string>, config: Config = {}, asOf: number | null = AS_OF) {
  const header = Object.keys(row);
  const cells = header.map((h) => row[h]);
  const { mapping } = resolveMapping(header);
  const mapped = new Set(Object.keys(mapping) as Field[]);
  const get = (f: Field) => {
    const i = mapping[f];
    const v = i === undefined ? undefined : cells[i].trim();
    return v ? v : undefined;
  };
  return createClassifier(config, mapped, { asOf: asOf ?? undefined, header, mapping }).classify(get, cells);
}

const sourceOf = (text: string, config?: Config) => classify({ email: 'a@example.org', source: text }, config).source;
const sorted = (s: ReadonlySet<Channel>) => [...s].sort();

describe('source vocabulary', () => {
  const cases: [string, string][] = [
    // Canonical words, any case or accent.
    ['Adhésion en ligne', 'membership'],
    ['ADHERENT (renouvellement)', 'membership'],
    ['Cotisation 2026', 'membership'],
    ['Don en ligne', 'donation'],
    ['Don', 'donation'],
    ['Donatrice fidèle', 'donation'],
    ['Porte-à-porte marché Jean-Jaurès', 'in_person'],
    ['porte a porte', 'in_person'],
    ['Réunion publique 12 mars', 'in_person'],
    ['Stand marché Gratte-Ciel', 'in_person'],
    ['Événement : pique-nique militant', 'in_person'],
    ['Tractage gare Part-Dieu', 'in_person'],
    ['canvassing', 'in_person'],
    ['Formulaire site web', 'web_form'],
    ['Newsletter - pied de page', 'web_form'],
    ["Formulaire d'inscription newsletter", 'web_form'],
    ['Abonné newsletter', 'web_form'],
    ['Facebook Lead Ads', 'web_form'],
    ['Pétition « Des pistes cyclables sûres »', 'petition'],
    ['Pétition city-stade', 'petition'],
    ['Liste électorale (communiquée par la mairie, art. L37)', 'electoral_list'],
    ['Extrait LE bureau 7', 'electoral_list'],
    ['REU 2026', 'electoral_list'],
    ['Facebook - abonné page', 'social_regular'],
    ['Facebook - abonnée de la page', 'social_regular'],
    ['Contact LinkedIn (relation acceptée)', 'social_regular'],
    ['follower Instagram', 'social_regular'],
    ["j'aime la page", 'social_regular'],
    ['Instagram - like post', 'social_occasional'],
    ["TikTok (j'aime publication)", 'social_occasional'],
    ['Partage Facebook de la pétition', 'social_occasional'],
    ['TikTok - commentaire vidéo', 'social_occasional'],
    ['Import manuel - commentaires Facebook', 'social_occasional'],
    ['RT', 'social_occasional'],
    ['Facebook', 'social_occasional'],
    ['Extraction LinkedIn (outil PhantomBuster)', 'social_scraped'],
    ['Import LinkedIn (extension Waalaxy)', 'social_scraped'],
    ['Import scraping Instagram (abonnés du compte)', 'social_scraped'],
    ['Aspiration des commentaires Facebook (extension Chrome)', 'social_scraped'],
    ['Import LinkedIn Sales Navigator + enrichissement Kaspr', 'social_scraped'],
    ['bot Telegram', 'social_scraped'],
    ['Parrainage (recommandé par un militant)', 'referral'],
    ["Carnet d'adresses militant", 'referral'],
    ['Contact partagé par un militant', 'referral'],
    ['Location de fichier (routeur Routage Plus)', 'file_rental'],
    ['Import CSV - fichier loué (routeur)', 'file_rental'],
    ['Import fichier acheté (courtier DataVote)', 'purchased'],
    ['Achat de fichier - courtier', 'purchased'],
    ['bought list', 'purchased'],
    ['Import - liste partenaire (association Quartiers Verts)', 'third_party'],
    ['third party', 'third_party'],
    ['État civil', 'forbidden'],
    ['Fichier RH', 'forbidden'],
    ['Fichier salariés mairie (export RH)', 'forbidden'],
    ['Fichier du personnel mairie', 'forbidden'],
    ['Fichier usagers CCAS', 'forbidden'],
    ['payroll export', 'forbidden'],
    ['', 'unknown'],
    ['Import 2024', 'unknown'],
    // Short tokens are whole words: "don" is not in "donnée", "Londres" or "pardon"; "LE" and "RT"
    // are acronyms, not the article "le" or letters inside words; "fan" is not in "enfant".
    ['Données Londres', 'unknown'],
    ['pardon', 'unknown'],
    ['Inscrit sur le site', 'web_form'],
    ['vu le 3 mai', 'unknown'],
    ['quartiers nord', 'unknown'],
    ['enfant du quartier', 'unknown'],
    ['smart', 'unknown'],
    ['standard', 'unknown'],
    ['données personnelles', 'unknown'],
    ['Paiement en ligne', 'web_form'],
    ['Réunion publique', 'in_person'],
    // Order: scraping beats a follow, a file beats the network, a generic word beats "abonné".
    ['Extraction LinkedIn', 'social_scraped'],
    ['Extraction liste électorale', 'electoral_list'],
    ['Facebook - fichier acheté', 'purchased'],
  ];
  for (const [text, source] of cases) {
    it(`"${text}" → ${source}`, () => expect(sourceOf(text)).toBe(source));
  }

  it('extra words from the config win over the built-in ones', () => {
    const config: Config = { vocabulary: { sources: { in_person: ['Qomon terrain'], donation: ['HelloAsso'], referral: ['bob'] } } };
    expect(sourceOf('Qomon terrain - Villeurbanne', config)).toBe('in_person');
    expect(sourceOf('helloasso', config)).toBe('donation');
    expect(sourceOf('Bob', config)).toBe('referral');
    // Three letters or fewer: whole words only.
    expect(sourceOf('bobine', config)).toBe('unknown');
  });

  it('names which kind of forbidden file', () => {
    const kind = (text: string) => classify({ email: 'a@example.org', source: text }).forbiddenKind;
    expect(kind('État civil')).toBe('civil_registry');
    expect(kind('Fichier usagers CCAS')).toBe('public_users');
    expect(kind('Fichier salariés mairie (export RH)')).toBe('employer');
    expect(kind('Fichier clients interne')).toBe('company_internal');
    expect(kind('Formulaire site web')).toBeUndefined();
  });

  it('knows whether a source was given at all', () => {
    expect(classify({ email: 'a@example.org', source: '' }).sourceGiven).toBe(false);
    expect(classify({ email: 'a@example.org', source: 'bla' }).sourceGiven).toBe(true);
  });
});

describe('networks', () => {
  const cases: [Record<string, string>, string | undefined][] = [
    [{ source: 'Facebook - abonné page' }, 'facebook'],
    [{ source: 'Import extension Chrome (scraping X/Twitter)' }, 'x'],
    [{ source: 'retweet' }, 'x'],
    [{ source: 'Extraction LinkedIn (Sales Navigator)' }, 'linkedin'],
    [{ source: 'TikTok - commentaire vidéo' }, 'tiktok'],
    [{ source: 'Insta story' }, 'instagram'],
    [{ source: 'groupe WhatsApp' }, 'whatsapp'],
    [{ source: 'Bluesky' }, 'bluesky'],
    [{ source: 'Threads' }, 'threads'],
    [{ source: 'Formulaire site web' }, undefined],
    // "x" is an acronym: a cross in a cell, or the letter inside a word, is not X/Twitter.
    [{ source: 'fichier excel' }, undefined],
    // The network field wins over the source text.
    [{ source: 'Commentaire Facebook', 'réseau social': 'Instagram' }, 'instagram'],
    [{ source: '', 'réseau social': 'Mastodon' }, 'mastodon'],
    [{ source: '', 'réseau social': 'Nextdoor' }, 'other'],
    [{ source: '', 'réseau social': 'aucun' }, undefined],
  ];
  for (const [row, network] of cases) {
    it(`${JSON.stringify(row)} → ${network}`, () => expect(classify({ email: 'a@example.org', ...row }).network).toBe(network));
  }

  it('a network in the network field makes an unknown source a social contact', () => {
    expect(classify({ email: 'a@example.org', source: '', 'réseau social': 'Facebook' }).source).toBe('social_occasional');
  });

  it('extra networks come from the config', () => {
    const cls = classify({ email: 'a@example.org', source: 'abonné Nextdoor' }, { vocabulary: { networks: { nextdoor: ['next door'] } } });
    expect(cls.network).toBe('nextdoor');
    expect(cls.source).toBe('social_regular');
  });

  it('reads the network the row is used on from the channel column', () => {
    expect(classify({ email: 'a@example.org', canal: 'Facebook' }).usedNetwork).toBe('facebook');
    expect(classify({ email: 'a@example.org', canal: 'email' }).usedNetwork).toBeUndefined();
  });
});

describe('categories', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['membership, no end date', { source: 'Adhésion' }, 'member'],
    ['membership ending after asOf', { source: 'Adhésion', "fin d'adhésion": '31/12/2026' }, 'member'],
    ['membership ending on asOf', { source: 'Adhésion', "fin d'adhésion": '2026-11-23' }, 'member'],
    ['membership ended: regular contact', { source: 'Adhésion', "fin d'adhésion": '31/12/2021' }, 'regular_contact'],
    ['membership_end in the future whatever the source', { source: 'Don', "fin d'adhésion": '2027-01-31' }, 'member'],
    ['donation', { source: 'Don' }, 'regular_contact'],
    ['web form', { source: 'Newsletter' }, 'regular_contact'],
    ['follower', { source: 'Facebook - abonné page' }, 'regular_contact'],
    ['petition with consent', { source: 'Pétition', 'consentement email': 'oui' }, 'regular_contact'],
    ['petition without consent', { source: 'Pétition', 'consentement email': 'non' }, 'occasional_contact'],
    ['in person with consent', { source: 'Porte-à-porte', 'consentement sms': 'x' }, 'regular_contact'],
    ['in person without consent', { source: 'Porte-à-porte', 'consentement email': 'non' }, 'occasional_contact'],
    ['one-off social contact', { source: 'like post Instagram' }, 'occasional_contact'],
    ['one-off social contact who answered yes', { source: 'like post Instagram', 'réponse premier message': 'oui' }, 'regular_contact'],
    ['referral', { source: 'Parrainage' }, 'occasional_contact'],
    ['electoral list', { source: 'Liste électorale' }, 'voter'],
    // NS 34: "à l'issue du scrutin concerné, sauf si la personne a consenti à ce que ses données soient
    // utilisées à d'autres fins" (issue 11 audit).
    ['electoral list, with a recorded e-mail consent: a regular contact', { source: 'Liste électorale', 'consentement email': 'oui' }, 'regular_contact'],
    ['electoral list, with a list status only: still a voter', { source: 'Liste électorale', 'consentement email': 'abonné' }, 'voter'],
    ['electoral list, with a refusal: still a voter', { source: 'Liste électorale', 'consentement email': 'non' }, 'voter'],
    ['rented', { source: 'Location de fichier' }, 'prospect'],
    ['bought', { source: 'Fichier acheté' }, 'prospect'],
    ['partner', { source: 'Import partenaire' }, 'prospect'],
    ['scraped', { source: 'Extraction LinkedIn' }, 'unknown'],
    ['unknown', { source: '' }, 'unknown'],
  ];
  for (const [name, row, category] of cases) {
    it(`${name} → ${category}`, () => expect(classify({ email: 'a@example.org', ...row }).category).toBe(category));
  }

  it('without asOf, a membership with an end date still counts', () => {
    expect(classify({ email: 'a@example.org', source: 'Adhésion', "fin d'adhésion": '31/12/2021' }, {}, null).category).toBe('member');
  });
});

describe('consent and basis by channel', () => {
  const E = 'a@example.org';
  const P = '06 00 00 00 01';
  const cases: [string, Record<string, string>, Channel[], Channel[]][] = [
    // [name, row, consent, basis]
    ['consent_email yes', { email: E, source: 'Newsletter', 'consentement email': 'oui' }, ['email'], ['door', 'email', 'phone', 'post']],
    ['consent_sms "x"', { phone: P, source: 'Porte-à-porte', 'consentement sms': 'x' }, ['sms'], ['door', 'phone', 'post', 'sms']],
    ['consent column listing channels', { email: E, phone: P, source: 'Stand', consentement: 'email;SMS' }, ['email', 'sms'], ['door', 'email', 'phone', 'post', 'sms']],
    ['generic yes on a web form: email only', { email: E, phone: P, source: 'Formulaire', consentement: 'oui' }, ['email'], ['door', 'email', 'phone', 'post']],
    ['generic yes on a petition: email only', { email: E, phone: P, source: 'Pétition', consentement: 'yes' }, ['email'], ['door', 'email', 'phone', 'post']],
    ['generic yes in person: the channels given', { email: E, phone: P, source: 'Réunion publique', consentement: 'oui' }, ['email', 'phone', 'sms'], ['door', 'email', 'phone', 'post', 'sms']],
    ['generic yes on a follower: the network only', { email: E, source: 'Facebook - abonné page', consentement: 'oui' }, ['social'], ['social']],
    ['generic yes on a bought list covers nothing', { email: E, source: 'Fichier acheté', consentement: 'oui' }, [], ['door', 'phone', 'post']],
    ['status word "subscribed" on a form', { email: E, source: 'Newsletter', can2_subscription_status: 'subscribed' }, ['email'], ['door', 'email', 'phone', 'post']],
    ['status word "subscribed" on a follower is not their consent', { email: E, source: 'Facebook - abonnée de la page', can2_subscription_status: 'subscribed' }, [], ['social']],
    ['status word "subscribed" on a bought list is not consent', { email: E, source: 'Achat de fichier', can2_subscription_status: 'subscribed' }, [], ['door', 'phone', 'post']],
    ['explicit yes on a follower counts', { email: E, source: 'Facebook - abonné page', email_opt_in: 'true' }, ['email'], ['email', 'social']],
    ['"bouncing" is no consent', { email: E, source: 'Newsletter', can2_subscription_status: 'bouncing' }, [], ['door', 'phone', 'post']],
    ['a date in a consent column is a consent', { email: E, source: 'Newsletter', 'opt-in email': '2024-03-05' }, ['email'], ['door', 'email', 'phone', 'post']],
    ['member: every channel', { email: E, source: 'Adhésion' }, [], ['automated_call', 'door', 'email', 'phone', 'post', 'sms', 'social']],
    ['follower: the network', { email: E, source: 'Facebook - abonné page' }, [], ['social']],
    ['one-off social contact before the first message', { email: E, source: 'Commentaire Facebook' }, [], ['social']],
    ['one-off social contact after the first message, no answer', { email: E, source: 'Commentaire Facebook', 'premier message': '2026-06-10' }, [], []],
    ['one-off social contact who answered yes', { email: E, source: 'Commentaire Facebook', 'premier message': '2026-06-10', 'réponse premier message': 'oui' }, ['social'], ['social']],
    ['enrichment: no phone or post basis', { phone: P, source: 'Don', enrichissement: 'Annuaire inversé (courtier)' }, [], ['door']],
    ['enrichment on the electoral list: its addresses stay usable by post', { phone: P, source: 'Liste électorale', enrichissement: 'Annuaire inversé (courtier)' }, [], ['door', 'post']],
    ['social enrichment: no door either', { phone: P, source: 'Don', enrichissement: 'Facebook' }, [], []],
    ['voter: phone, post, door', { address: '1 rue A', source: 'Liste électorale' }, [], ['door', 'phone', 'post']],
    ['scraped: nothing', { email: E, source: 'Extraction LinkedIn' }, [], []],
    ['forbidden: nothing', { email: E, source: 'Fichier RH' }, [], []],
  ];
  for (const [name, row, consent, basis] of cases) {
    it(name, () => {
      const cls = classify(row);
      expect(sorted(cls.consent)).toEqual(consent);
      expect(sorted(cls.basis)).toEqual(basis);
    });
  }

  it('a consent date in a file with no consent column is a generic consent', () => {
    const cls = classify({ 'Email Address': 'a@example.org', Source: 'Formulaire site web', CONFIRM_TIME: '2024-02-10 09:14:02' });
    expect(sorted(cls.consent)).toEqual(['email']);
    expect(cls.consentClaimed).toBe(true);
    expect(cls.consentDate).toBe(parseDate('2024-02-10'));
  });

  it('in person with no consent column at all: the channels given are assumed, and marked so', () => {
    const cls = classify({ email: 'a@example.org', phone: '06 00 00 00 01', source: 'Stand marché' });
    expect(cls.consentAssumed).toBe(true);
    expect(sorted(cls.consent)).toEqual([]);
    expect(sorted(cls.basis)).toEqual(['door', 'email', 'phone', 'post', 'sms']);
    // With a consent column, nothing is assumed.
    expect(classify({ email: 'a@example.org', source: 'Stand marché', 'consentement email': 'non' }).consentAssumed).toBe(false);
  });

  it('dates a consent given at collection by the collection date, not one on a bought list', () => {
    expect(classify({ email: 'a@example.org', source: 'Newsletter', 'consentement email': 'oui', 'date de collecte': '2025-02-12' }).consentDate).toBe(parseDate('2025-02-12'));
    expect(classify({ email: 'a@example.org', source: 'Fichier acheté', 'consentement email': 'oui', 'date de collecte': '2025-02-12' }).consentDate).toBeUndefined();
    expect(classify({ email: 'a@example.org', source: 'Fichier acheté', 'consentement email': 'oui', 'date de consentement': '2025-02-13' }).consentDate).toBe(parseDate('2025-02-13'));
  });

  it('reads booleans from the config', () => {
    const cls = classify({ email: 'a@example.org', source: 'Newsletter', 'consentement email': 'si' }, { vocabulary: { booleans: { true: ['si'] } } });
    expect(sorted(cls.consent)).toEqual(['email']);
  });

  it('finds contact data in unmapped look-alike columns', () => {
    const cls = classify({ email: 'a@example.org', phone_number: '', mobile_number: '06 00 00 00 01', source: 'Don' });
    expect(cls.contact.phone).toEqual([2]);
    expect(cls.contact.email).toEqual([0]);
    expect(cls.contact.address).toEqual([]);
  });
});

describe('objection', () => {
  const cases: [string, Record<string, string>, boolean, Channel[]][] = [
    // [name, row, general objection, channels objected (when not general)]
    ['objection column "O"', { Désinscrit: 'O' }, true, []],
    ['objection column "N"', { Désinscrit: 'N' }, false, []],
    ['objection column false', { do_not_contact: 'false' }, false, []],
    ['objection column true', { do_not_contact: 'true' }, true, []],
    ['objection column holding a date', { UNSUB_TIME: '2025-02-11 08:15:40' }, true, []],
    ['objection column holding a note', { opposition: 'demande par lettre' }, true, []],
    // CNIL, communication politique par téléphone: "STOP" stops that channel only (issue 11).
    ['unsubscribed from email, nothing else consented: email only', { can2_subscription_status: 'unsubscribed' }, false, ['email']],
    ['unsubscribed from SMS, still subscribed to email', { can2_subscription_status: 'subscribed', can2_sms_status: 'unsubscribed' }, false, ['sms']],
    ['do_not_call: phone and automated calls', { email_opt_in: 'true', do_not_call: 'true' }, false, ['automated_call', 'phone']],
    ['consent column "désinscrit"', { consentement: 'désinscrit' }, true, []],
    ['a later consent lifts a dated objection', { opposition: '2020-01-01', 'date de consentement': '2024-05-01', 'consentement email': 'oui' }, false, []],
    ['an earlier consent does not', { opposition: '2024-05-01', 'date de consentement': '2020-01-01', 'consentement email': 'oui' }, true, []],
  ];
  for (const [name, row, general, channels] of cases) {
    it(name, () => {
      const cls = classify({ email: 'a@example.org', source: 'Newsletter', ...row });
      expect(cls.objection).toBe(general);
      if (general) {
        expect(cls.consent.size).toBe(0);
        expect(cls.basis.size).toBe(0);
      } else {
        expect(sorted(cls.objectedChannels)).toEqual(channels);
        for (const c of channels) expect(cls.basis.has(c)).toBe(false);
      }
    });
  }

  it('points at the column the objection was read from', () => {
    expect(classify({ email: 'a@example.org', Désinscrit: 'O' }).objectionColumn).toBe(1);
    expect(classify({ email: 'a@example.org', x: '', do_not_call: 'true' }).objectionColumn).toBe(2);
  });
});

describe('enrichment and first message', () => {
  const cases: [string, { kind: string; network?: string } | undefined][] = [
    ['Facebook', { kind: 'social', network: 'facebook' }],
    ['Kaspr (LinkedIn)', { kind: 'scraping', network: 'linkedin' }],
    ['Courtier (fichier acheté)', { kind: 'broker', network: undefined }],
    ['Annuaire inversé (courtier)', { kind: 'broker', network: undefined }],
    ['Fichier de la fédération', { kind: 'other' }],
    ['aucun', undefined],
    ['non', undefined],
  ];
  for (const [text, enrichment] of cases) {
    it(`enrichment "${text}"`, () => expect(classify({ email: 'a@example.org', enrichissement: text }).enrichment).toEqual(enrichment));
  }

  const replies: [string, 'yes' | 'no' | undefined][] = [['oui', 'yes'], ['yes', 'yes'], ['non', 'no'], ['stop', 'no'], ['', undefined], ['peut-être', undefined]];
  for (const [text, reply] of replies) {
    it(`first message reply "${text}"`, () => expect(classify({ email: 'a@example.org', 'réponse premier message': text }).firstMessageReply).toBe(reply));
  }
});

describe('dates', () => {
  it('parses date fields and lists the unparseable ones', () => {
    const cls = classify({ email: 'a@example.org', 'date de collecte': '05/03/2024', 'dernier contact': 'fin 2022' });
    expect(cls.dates.collected_at).toBe(parseDate('2024-03-05'));
    expect(cls.dates.last_contact_at).toBeUndefined();
    expect(cls.invalidDates).toEqual(['last_contact_at']);
  });
});

describe('channel verdicts', () => {
  const E = 'a@example.org';
  const P = '06 00 00 00 01';
  const cases: [string, Record<string, string>, Channel, string, string?][] = [
    ['newsletter address used for email', { email: E, source: 'Newsletter', 'consentement email': 'oui' }, 'email', 'ok'],
    ['newsletter address sent an SMS', { email: E, phone: P, source: 'Newsletter', 'consentement email': 'oui' }, 'sms', 'cross-channel'],
    ['newsletter address uploaded to a social network', { email: E, source: 'Newsletter', 'consentement email': 'oui' }, 'social', 'cross-channel'],
    ['follower reached by email', { email: E, source: 'Facebook - abonné page' }, 'email', 'cross-channel'],
    ['follower reached at the door', { email: E, source: 'Facebook - abonné page' }, 'door', 'cross-channel'],
    ['follower on the same network', { email: E, source: 'Facebook - abonné page' }, 'social', 'ok', 'facebook'],
    ['follower on another network', { email: E, source: 'Facebook - abonné page' }, 'social', 'cross-channel', 'instagram'],
    ['bought list used for email: no consent at all', { email: E, source: 'Fichier acheté' }, 'email', 'missing-consent'],
    ['bought list called by a person', { phone: P, source: 'Fichier acheté' }, 'phone', 'ok'],
    ['member contacted by post', { address: '1 rue A', source: 'Adhésion' }, 'post', 'ok'],
    ['voter contacted by post', { address: '1 rue A', source: 'Liste électorale' }, 'post', 'ok'],
    ['voter sent an email', { email: E, source: 'Liste électorale' }, 'email', 'missing-consent'],
    ['no email on the row: nothing to say about email', { phone: P, source: 'Fichier acheté' }, 'email', 'other'],
    ['objection: left to objection-ignored', { email: E, source: 'Newsletter', 'consentement email': 'oui', opposition: 'oui' }, 'email', 'other'],
    ['scraped: left to social-scraping', { email: E, source: 'Extraction LinkedIn' }, 'email', 'other'],
    ['one-off contact after the message: left to single-message-exceeded', { email: E, source: 'Commentaire Facebook', 'premier message': '2026-06-10' }, 'social', 'other'],
  ];
  for (const [name, row, channel, verdict, network] of cases) {
    it(`${name} → ${verdict}`, () => expect(channelVerdict(classify(row), channel, network)).toBe(verdict));
  }
});

// ---------------------------------------------------------------------------------------------------
// Issue 11, judgements corrected. Each table names the source; each case fails on the old behaviour.

describe('consent, status and opt-out words inside a cell (RGPD art. 7.1: the proof is read where it is written)', () => {
  const cases: [string, Record<string, string>, Channel[], Channel[]][] = [
    // [name, row, consented channels, objected channels]
    ['"double opt-in confirmé" is a consent', { 'consentement email': 'double opt-in confirmé' }, ['email'], []],
    ['"oui (double opt-in)" is a consent', { 'consentement email': 'oui (double opt-in)' }, ['email'], []],
    ['"Opt-in confirmé le 12/03/2025" is a consent', { 'optin sms': 'Opt-in confirmé le 12/03/2025', telephone: '0600000001' }, ['sms'], []],
    ['"désabonné SMS le 03/11" in the SMS column is an opt-out from SMS', { 'consentement email': 'oui', 'optin sms': 'désabonné SMS le 03/11', telephone: '0600000001' }, ['email'], ['sms']],
    ['"non confirmé (en attente)" is no consent', { 'consentement email': 'non confirmé (en attente)' }, [], []],
    ['"consent not given" is no consent', { 'consentement email': 'consent not given' }, [], []],
    ['"pas de consentement (import)" is no consent', { 'consentement email': 'pas de consentement (import)' }, [], []],
  ];
  for (const [name, row, consent, objected] of cases) {
    it(name, () => {
      const cls = classify({ email: 'a@example.org', source: 'Newsletter', ...row });
      expect(sorted(cls.consent)).toEqual(consent);
      expect(sorted(cls.objectedChannels)).toEqual(objected);
      expect(cls.objection).toBe(false);
    });
  }
});

describe('a negated consent word is never a consent (RGPD art. 4.11: "une manifestation de volonté … univoque"; CNIL sanctions of 18 December 2025: proof of consent)', () => {
  const P = '0600000001';
  const cases = ['opt-in : non', 'non, pas d\'opt-in', 'no opt-in', 'sans opt-in', 'pas d\'accord', 'opt-in email : non', 'Non.', 'not confirmed', 'non inscrit', 'consent not given'];
  for (const cell of cases) {
    it(`"${cell}" in the SMS consent column: no SMS consent`, () => {
      const cls = classify({ email: 'a@example.org', telephone: P, source: 'Formulaire site web', 'optin sms': cell, 'consentement email': 'oui' });
      expect(cls.consent.has('sms')).toBe(false);
      expect(cls.basis.has('sms')).toBe(false);
      expect(channelVerdict(cls, 'sms')).toBe('cross-channel');
    });
  }
  it('"opt-in : non" is a plain no: for a member too, it removes the channel (RGPD art. 21.2)', () => {
    const cls = classify({ email: 'a@example.org', telephone: P, source: 'Adhésion 2026', 'optin sms': 'opt-in : non' });
    expect(cls.objectedChannels.has('sms')).toBe(true);
  });
  const kept: [string, Channel[]][] = [
    ['double opt-in confirmé', ['email', 'sms']],
    ['oui (double opt-in)', ['email', 'sms']],
    ['opted in, not unsubscribed', ['email', 'sms']],
  ];
  for (const [cell, consent] of kept) {
    it(`"${cell}" is still a consent`, () => {
      expect(sorted(classify({ email: 'a@example.org', telephone: P, source: 'Formulaire site web', 'optin sms': cell, 'consentement email': 'oui' }).consent)).toEqual(consent);
    });
  }
  it('"désabonné SMS le 03/11" and "stop, pas de SMS" are still SMS opt-outs', () => {
    for (const cell of ['désabonné SMS le 03/11', 'stop, pas de SMS']) {
      const cls = classify({ email: 'a@example.org', telephone: P, source: 'Formulaire site web', 'optin sms': cell, 'consentement email': 'oui' });
      expect(sorted(cls.objectedChannels), cell).toEqual(['sms']);
    }
  });
});

describe('a negated objection is no objection (RGPD art. 21: the objection is the person\'s; "pas d\'opposition" says there is none)', () => {
  const cases: [string, boolean][] = [
    ['pas d\'opposition', false],
    ['opposition : non', false],
    ['aucune opposition', false],
    ['non désinscrit', false],
    ['opposition', true],
    ['oui', true],
    ['demande par lettre', true],
    ['ne pas contacter', true],
    ['Non (désinscrit)', true],
  ];
  for (const [cell, objected] of cases) {
    it(`"${cell}" in the objection column → ${objected ? 'objection' : 'none'}`, () => {
      const cls = classify({ email: 'a@example.org', source: 'Formulaire site web', 'consentement email': 'oui', opposition: cell });
      expect(cls.objection).toBe(objected);
      expect(cls.consent.has('email')).toBe(!objected);
    });
  }
});

describe('an opt-out in one channel is about that channel (CNIL, communication politique par téléphone: STOP stops SMS)', () => {
  const cases: [string, Record<string, string>, boolean, Channel[]][] = [
    // [name, row, objection to everything, channels objected]
    ['STOP SMS in the SMS column, nothing else consented', { 'optin sms': 'STOP' }, false, ['sms']],
    ['"désinscrit" in the SMS column', { 'optin sms': 'désinscrit' }, false, ['sms']],
    ['"désabonné SMS le 03/11" in the general consent column: SMS only', { consentement: 'désabonné SMS le 03/11' }, false, ['sms']],
    ['the cell says everything: "désinscrit - ne plus me contacter"', { 'optin sms': 'désinscrit - ne plus me contacter' }, true, []],
    ['the general objection field says so', { 'optin sms': 'STOP', opposition: 'oui' }, true, []],
  ];
  for (const [name, row, general, channels] of cases) {
    it(name, () => {
      const cls = classify({ email: 'a@example.org', telephone: '0600000001', source: 'Newsletter', ...row });
      expect(cls.objection).toBe(general);
      if (!general) {
        expect(sorted(cls.objectedChannels)).toEqual(channels);
        expect(cls.basis.has('phone')).toBe(true);
        expect(cls.basis.has('post')).toBe(true);
      }
    });
  }
});

describe('a channel-named opt-out header objects to that channel only (CNIL, communication politique par téléphone: STOP stops SMS; issue 11: "unsubscribed from the newsletter" is one channel)', () => {
  const cases: [string, Channel[]][] = [
    ['email_opt_out', ['email']],
    ['Email opt-out', ['email']],
    ['désinscrit newsletter', ['email']],
    ['Désinscrit newsletter', ['email']],
    ['unsubscribed from email', ['email']],
    ['Unsubscribed from all email', ['email']],
    ['sms_opt_out', ['sms']],
    ['Désabonné SMS', ['sms']],
    ['do_not_call', ['automated_call', 'phone']],
  ];
  for (const [header, channels] of cases) {
    it(`"${header}" = oui → ${channels.join(', ')}, not everything`, () => {
      const cls = classify({ email: 'a@example.org', telephone: '0600000001', adresse: '1 rue A', source: 'Newsletter', 'consentement email': 'oui', [header]: 'oui' });
      expect(cls.objection).toBe(false);
      expect(sorted(cls.objectedChannels)).toEqual(channels);
      expect(cls.basis.has('post')).toBe(true);
      expect(channelVerdict(cls, 'post')).toBe('ok');
    });
  }
});

describe('a channel named in the general objection cell is read as the consent column reads it (law/consent.ts, OPTOUT_SCOPE)', () => {
  const cases: [string, boolean, Channel[]][] = [
    // [objection cell, objection to everything, channels objected otherwise]
    ['STOP SMS', false, ['sms']],
    ['désabonné SMS le 03/11', false, ['sms']],
    ['opposition email', false, ['email']],
    ['STOP appels', false, ['automated_call', 'phone']],
    ['ne plus me contacter', true, []],
    ['oui', true, []],
    ['2025-03-01', true, []],
    ['demande par lettre', true, []],
  ];
  for (const [cell, general, channels] of cases) {
    it(`opposition "${cell}" → ${general ? 'every channel' : channels.join(', ')}`, () => {
      const cls = classify({ email: 'a@example.org', telephone: '0600000001', source: 'Newsletter', 'consentement email': 'oui', 'consentement sms': 'oui', opposition: cell });
      expect(cls.objection).toBe(general);
      if (!general) {
        expect(sorted(cls.objectedChannels)).toEqual(channels);
        expect(cls.basis.has('post')).toBe(true);
      }
    });
  }
});

describe('a member’s refusal of one channel removes it (RGPD art. 21.2–21.3)', () => {
  const member = { email: 'a@example.org', telephone: '0600000001', source: 'Adhésion 2026' };
  const cases: [string, Record<string, string>, Channel][] = [
    ['"refusé" in the SMS consent column', { 'optin sms': 'refusé' }, 'sms'],
    ['"non" in the email consent column', { 'consentement email': 'non' }, 'email'],
    ['"désinscrit" in the SMS consent column', { 'optin sms': 'désinscrit' }, 'sms'],
  ];
  for (const [name, row, channel] of cases) {
    it(name, () => {
      const cls = classify({ ...member, ...row });
      expect(cls.category).toBe('member');
      expect(cls.basis.has(channel)).toBe(false);
      expect(cls.objectedChannels.has(channel)).toBe(true);
      expect(cls.basis.has('post')).toBe(true);
      expect(channelVerdict(cls, channel)).toBe('other');
    });
  }
  it('a non-member’s explicit refusal of calls is an objection to calls', () => {
    const cls = classify({ email: 'a@example.org', telephone: '0600000001', source: 'Porte-à-porte', 'accepte appels': 'refusé' });
    expect(cls.objectedChannels.has('phone')).toBe(true);
  });
});

describe('forbidden sources (CNIL, Les fichiers qui ne peuvent pas être utilisés, October 2025; CGCT art. L1112-16)', () => {
  const cases: [string, string | undefined][] = [
    ['Registre des mariages 2024', 'civil_registry'],
    ['Avis de naissances (mairie)', 'civil_registry'],
    ['Liste des décès transmise par la mairie', 'civil_registry'],
    ['Extrait état-civil', 'civil_registry'],
    ['Inscrits cantine', 'public_users'],
    ['Inscriptions scolaires 2025', 'public_users'],
    ['Fichier périscolaire', 'public_users'],
    ['Service municipal des sports', 'public_users'],
    ['Signataires consultation locale sur le parking', 'local_consultation'],
    ['Pétition déposée en mairie (art. L1112-16)', 'local_consultation'],
    // "Les données administratives liées … à la scolarité, ou à la gestion des services publics locaux",
    // in any wording and word order (issue 11 audit).
    ['liste des inscrits à la cantine', 'public_users'],
    ['inscription école maternelle', 'public_users'],
    ['inscrits au service jeunesse municipal', 'public_users'],
    ['inscrits école de musique municipale', 'public_users'],
    ['école de musique municipale', 'public_users'],
    ['cantine', 'public_users'],
    ['Cantine scolaire', 'public_users'],
    ['fichier de la cantine scolaire', 'public_users'],
    ['médiathèque municipale', 'public_users'],
    ['fichier cantine acheté', 'public_users'],
    // "Les données d'état civil … collectées par exemple dans les registres des mairies": a civil-status
    // word next to a registry or town-hall word.
    ['inscrits liste mariages 2024', 'civil_registry'],
    ['registre décès', 'civil_registry'],
    ['Extrait des actes de décès', 'civil_registry'],
  ];
  for (const [text, kind] of cases) {
    it(`"${text}" → forbidden (${kind})`, () => {
      const cls = classify({ email: 'a@example.org', source: text });
      expect(cls.source).toBe('forbidden');
      expect(cls.forbiddenKind).toBe(kind);
    });
  }
  it('the campaign’s own petition is not a local consultation, nor a school file', () => {
    expect(sourceOf('Pétition en ligne pour la piste cyclable')).toBe('petition');
    expect(sourceOf('Pétition cantine bio')).toBe('petition');
  });
  // The campaign's own petition, newsletter or meeting about a civil-status or school subject is not a
  // registry or school file: a bare civil word needs a registry or town-hall word (issue 11 audit).
  const campaign: [string, string][] = [
    ['Pétition mariage pour tous', 'petition'],
    ['newsletter mariage pour tous', 'web_form'],
    ['Pétition maternité : non à la fermeture (naissances)', 'petition'],
    ['Réunion publique fin de vie / décès à l’hôpital', 'in_person'],
    ['Débat PACS et union libre', 'in_person'],
    ['pétition contre fermeture cantine', 'petition'],
    ['Réunion à l’école Jules Ferry', 'in_person'],
    ['Stand marché du personnel soignant', 'in_person'],
    ['Collectif écologiste', 'unknown'],
    ['Bénévoles liste municipales 2026', 'unknown'],
    ['Liste électorale - service élections de la mairie', 'electoral_list'],
  ];
  for (const [text, source] of campaign) {
    it(`"${text}" → ${source}, not forbidden`, () => expect(sourceOf(text)).toBe(source));
  }
});

describe('channel words inside phrases; ads are not social (issue 11; Regulation (EU) 2024/900)', () => {
  const cases: [string, Channel[]][] = [
    ['Custom audience Facebook', ['ads']],
    ['Facebook Ads', ['ads']],
    ['Lookalike Meta', ['ads']],
    ['ads', ['ads']],
    ['envoi SMS municipal', ['sms']],
    ['courrier électronique', ['email']],
    ['Facebook', ['social']],
    ['Messenger + réseaux sociaux', ['social']],
    ['email;SMS', ['email', 'sms']],
    ['campagne B', []],
    // Short words that mean something else inside a phrase (issue 11 audit): whole cells or list items only.
    ['ad hoc', []],
    ['Free text note', []],
    ['Pub du coin', []],
    ['lettre d\'information', ['email']],
    ['Lettre d\'info mensuelle', ['email']],
    ['post Facebook', ['social']],
    ['ad', ['ads']],
    ['pub', ['ads']],
    ['Email; pub', ['email', 'ads']],
    ['pub Facebook', ['ads']],
    ['text', ['sms']],
    ['text message', ['sms']],
    ['lettre', ['post']],
    ['envoi par lettre', ['post']],
    ['post', ['post']],
  ];
  for (const [cell, channels] of cases) it(`"${cell}" → ${channels.join(', ') || 'none'}`, () => expect(channelsInText(cell)).toEqual(channels));
});
