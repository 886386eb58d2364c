import { describe, expect, it } from 'vitest';
import { COLUMN_PATTERNS, detectColumns, matchColumn, normalizeForPattern } from '../src/patterns.js';
import { resolveMapping } from '../src/mapping.js';
import { AuditError } from '../src/errors.js';

/** Per pattern: headers it must recognise, and near-misses it must leave alone (SPEC §3). */
const CASES: Record<string, { match: string[]; noMatch: string[] }> = {
  'inferred-opinion': {
    match: ['inferred_support_level', 'support_probability_score', 'Score de soutien', 'Probabilité de vote', 'predicted_party', 'Opinion estimée', 'persuasion score', 'partisanship_score'],
    noMatch: ['support_level', 'turnout_probability_score', 'score_mobilisation', 'Bureau de vote'],
  },
  vote: {
    match: ['intention_vote', 'Intention de vote', 'Vote', 'vote_2022', 'Vote intention', 'votingPreference'],
    noMatch: ['Bureau de vote', 'N° bureau de vote', 'Lieu de vote', 'A voté', 'Vote par procuration', 'devoted', 'voter_id'],
  },
  'political-leaning': {
    match: ['Orientation politique', 'Bord politique', 'political_leaning', 'Partisanship', 'Tendance politique', 'Sensibilité politique', 'Idéologie'],
    noMatch: ['Politique de confidentialité acceptée', 'Orientation sexuelle', 'orientation', 'Lean'],
  },
  opinion: {
    match: ['Opinion', 'opinions', 'Opinion sur le projet'],
    noMatch: ['opinionated_id_x', 'Option'],
  },
  'support-level': {
    match: ['support_level', 'Niveau de soutien', 'Soutien', 'is_supporter', 'Sympathisant', 'Sympathie'],
    noMatch: ['Support ticket', 'Soutien financier', 'supporter_id', 'sympathique_x'],
  },
  party: {
    match: ['party', 'Parti', 'party_member', 'Parti politique', 'partyAffiliation'],
    noMatch: ['third_party', 'Partie', 'Participation', 'Département', 'partner'],
  },
  religion: {
    match: ['Religion', 'Confession', 'religious_affiliation', 'Pratiquant', 'Croyance'],
    noMatch: ['Culture', 'Région', 'Relation'],
  },
  'ethnic-origin': {
    match: ['Origine ethnique', 'ethnicity', 'Race', 'Ethnie'],
    noMatch: ['Trace', 'Racine', 'Grace'],
  },
  'name-consonance': {
    match: ['Consonance du nom', 'name_origin', 'Origine du patronyme', 'Onomastique', 'Prénom à consonance'],
    noMatch: ['Nom', 'Prénom', 'Nom de naissance'],
  },
  'derived-origin': {
    match: ['Nationalité d’origine', "Pays d'origine", 'country_of_origin', 'Origine géographique', 'Né à l’étranger', 'Origine selon lieu de naissance', 'Immigré'],
    noMatch: ['Lieu de naissance', 'Pays de naissance', 'Nationalité', 'Origine', 'birthplace'],
  },
  health: {
    match: ['Santé', 'health_status', 'Handicap', 'Handicapé', 'Maladie', 'disability', 'Dossier médical', 'MDPH'],
    noMatch: ['Saint', 'Médiathèque', 'account_disabled'],
  },
  'sexual-orientation': {
    match: ['Orientation sexuelle', 'sexual_orientation', 'LGBT', 'Sexualité'],
    noMatch: ['Sexe', 'Civilité', 'gender'],
  },
  'union-membership': {
    match: ['Syndicat', 'Syndiqué', 'Appartenance syndicale', 'union_membership', 'trade union'],
    noMatch: ['Syndic', 'Nom du syndic', 'Union européenne', 'Syndication'],
  },
  'inferred-attribute': {
    match: ['inferred_age', 'predicted_income', 'Âge déduit'],
    noMatch: ['infer', 'Âge'],
  },
  score: {
    match: ['score_mobilisation', 'Score', 'MEMBER_RATING', 'lead scoring', 'turnout_probability_score', 'Propension à donner'],
    noMatch: ['Underscore', 'scoreboard_x', 'Scout'],
  },
  segment: {
    match: ['Segment', 'segmentation', 'Persona', 'cluster_id', 'Profil type', 'behavioral_data', 'Comportement'],
    noMatch: ['Personal note', 'Personne à prévenir', 'Profil'],
  },
  lookalike: {
    match: ['lookalike_audience', 'Look-alike', 'Audience similaire'],
    noMatch: ['Like', 'Looking for'],
  },
  affinity: {
    match: ['Affinité', 'affinity_group', 'Affinités'],
    noMatch: ['Affiliation', 'Affine'],
  },
  interests: {
    match: ["Centres d'intérêt", 'Centres d’intérêt', 'interests', 'Intérêts', 'Pages aimées', 'liked_pages'],
    noMatch: ['Interstitiel', 'Intern'],
  },
  cookie: {
    match: ['cookie_id', 'Cookie', 'cookies'],
    noMatch: ['cookie_consent', 'Consentement cookies', 'Cookware'],
  },
  'device-id': {
    match: ['device_id', 'deviceId', 'Identifiant appareil', 'User agent', 'Type d’appareil', 'fingerprint'],
    noMatch: ['Appareil photo prêté', 'Developer'],
  },
  'ad-id': {
    match: ['ad_id', 'adId', 'IDFA', 'GAID', 'advertising_id', 'Identifiant publicitaire', 'fbclid', 'Pixel'],
    noMatch: ['Head ID', 'Adresse', 'ADDR', 'Added'],
  },
  // Issue 11: the sign-up IP is the proof of consent (RGPD art. 7.1), not profiling.
  'consent-proof-ip': {
    match: ['OPTIN_IP', 'CONFIRM_IP', "IP d'inscription", 'signup_ip', 'IP de confirmation'],
    noMatch: ['IP', 'last_ip', 'Adresse IP', 'ip_address'],
  },
  ip: {
    match: ['IP', 'Adresse IP', 'ip_address', 'ipAddress', 'IPv4'],
    noMatch: ['Zip', 'VIP', 'Ipsum', 'Tip', 'ship_to'],
  },
  browsing: {
    match: ['Pages vues', 'page_views', 'Navigation', 'browsing_history', 'Navigateur', 'tracking_id'],
    noMatch: ['Page Facebook', 'Vue'],
  },
  clicks: {
    match: ['clicks', 'Nombre de clics', 'Clics', 'open_rate', "Taux d'ouverture", 'Nb ouvertures'],
    noMatch: ['Clinique_x', 'Heures d’ouverture'],
  },
  geolocation: {
    match: ['LATITUDE', 'LONGITUDE', 'Géolocalisation', 'GPS', 'geolocation', 'lat', 'lng'],
    noMatch: ['TIMEZONE', 'GMTOFF', 'DSTOFF', 'CC', 'REGION', 'Latin', 'Longueur'],
  },
};

/** Ordinary columns of real exports (fixtures, SPEC §3): none may be flagged. */
const ORDINARY = [
  'Lieu de naissance', 'Pays de naissance', 'Nationalité', 'Bureau de vote', 'Nom de naissance', "Nom d'usage", 'Sexe', 'Civilité',
  'Remarques', 'NOTES', 'TAGS', 'tag_list', 'can2_user_tags', 'signup_type', 'is_volunteer', 'membership_level_name', 'do_not_call',
  'TIMEZONE', 'GMTOFF', 'DSTOFF', 'CC', 'REGION', 'LEID', 'EUID', 'UNSUB_REASON', 'Birthday', 'Politique de confidentialité acceptée',
  'Montant du don', 'Soutien financier', 'Commentaire', 'Statut', 'Code INSEE', 'Circonscription', 'priority_level',
];

describe('normalizeForPattern', () => {
  it('lower-cases, strips accents, splits camelCase, turns punctuation into spaces', () => {
    expect(normalizeForPattern('Centres d’Intérêt')).toBe('centres d interet');
    expect(normalizeForPattern('OPTIN_IP')).toBe('optin ip');
    expect(normalizeForPattern('deviceId')).toBe('device id');
    expect(normalizeForPattern('  Nationalité (d’origine) ')).toBe('nationalite d origine');
  });
});

describe('COLUMN_PATTERNS', () => {
  it('every pattern has a test case, and every case a pattern', () => {
    expect(Object.keys(CASES).sort()).toEqual(COLUMN_PATTERNS.map((p) => p.id).sort());
  });
  it('pattern ids are unique', () => {
    expect(new Set(COLUMN_PATTERNS.map((p) => p.id)).size).toBe(COLUMN_PATTERNS.length);
  });
  for (const p of COLUMN_PATTERNS) {
    describe(p.id, () => {
      const c = CASES[p.id] ?? { match: [], noMatch: [] };
      it('has positive and negative examples', () => {
        expect(c.match.length).toBeGreaterThan(0);
        expect(c.noMatch.length).toBeGreaterThan(0);
      });
      for (const h of c.match) {
        it(`matches "${h}"`, () => expect(matchColumn(h)?.id).toBe(p.id));
      }
      for (const h of c.noMatch) {
        it(`does not match "${h}"`, () => expect(matchColumn(h)?.id).not.toBe(p.id));
      }
    });
  }
  for (const h of ORDINARY) {
    it(`leaves the ordinary column "${h}" alone`, () => expect(matchColumn(h)).toBeUndefined());
  }
  it('classifies by kind', () => {
    expect(matchColumn('inferred_support_level')?.kind).toBe('political_opinion_inferred');
    expect(matchColumn('support_level')?.kind).toBe('political_opinion');
    expect(matchColumn('Syndicat')?.kind).toBe('sensitive');
    // Issue 11: the sign-up IP is the proof of consent (RGPD art. 7.1), not profiling.
    expect(matchColumn('OPTIN_IP')?.kind).toBe('consent_proof');
    expect(matchColumn('CONFIRM_IP')?.kind).toBe('consent_proof');
    expect(matchColumn('IP d\'inscription')?.kind).toBe('consent_proof');
    expect(matchColumn('last_ip')?.kind).toBe('profiling');
  });
});

describe('detectColumns', () => {
  const detect = (header: string[], config = {}) => {
    const skip = new Set(Object.values(resolveMapping(header).mapping) as number[]);
    return detectColumns(header, config, skip).map((d) => `${d.name}:${d.kind}`);
  };

  it('skips columns mapped to canonical fields', () => {
    // "Origine" is the source column here, "Date de naissance" the birth date: neither is flagged.
    expect(detect(['Email', 'Origine', 'Date de naissance', 'Syndicat'])).toEqual(['Syndicat:sensitive']);
    expect(detectColumns(['Email', 'Score'], {}, new Set([0, 1]))).toEqual([]);
  });

  it('reports index, name, kind and pattern', () => {
    expect(detectColumns(['Email', 'MEMBER_RATING'], {}, new Set([0]))).toEqual([
      { index: 1, name: 'MEMBER_RATING', kind: 'profiling', pattern: 'score' },
    ]);
  });

  it('honours profiling.allow (case-, accent- and punctuation-insensitive)', () => {
    expect(detect(['Email', 'LATITUDE', 'LONGITUDE'], { profiling: { allow: ['latitude', 'Longitude'] } })).toEqual([]);
  });

  it('honours profiling.add', () => {
    expect(detect(['Email', 'Tribu', 'Notes'], { profiling: { add: ['^tribu$'] } })).toEqual(['Tribu:profiling']);
    expect(detectColumns(['Email', 'Tribu'], { profiling: { add: ['^tribu$'] } }, new Set([0]))[0].pattern).toBe('config:^tribu$');
  });

  it('rejects an invalid profiling.add expression with a config error', () => {
    let err: unknown;
    try {
      detectColumns(['Email'], { profiling: { add: ['('] } }, new Set());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AuditError);
    expect((err as AuditError).code).toBe('E_CONFIG');
    expect((err as AuditError).params.path).toBe('profiling.add.0');
  });

  it('finds what the fixtures hold', () => {
    expect(detect(['Email Address', 'Source', 'MEMBER_RATING', 'OPTIN_TIME', 'OPTIN_IP', 'CONFIRM_TIME', 'CONFIRM_IP', 'LATITUDE', 'LONGITUDE', 'GMTOFF', 'TIMEZONE', 'CC', 'REGION', 'LEID', 'NOTES', 'TAGS'])).toEqual([
      'MEMBER_RATING:profiling', 'OPTIN_IP:consent_proof', 'CONFIRM_IP:consent_proof', 'LATITUDE:profiling', 'LONGITUDE:profiling',
    ]);
    expect(detect(['nationbuilder_id', 'email', 'tag_list', 'support_level', 'inferred_support_level', 'is_volunteer'])).toEqual([
      'support_level:political_opinion', 'inferred_support_level:political_opinion_inferred',
    ]);
    expect(detect(['uuid', 'email', 'can2_user_tags', 'source', 'date_naissance', 'intention_vote', 'score_mobilisation'])).toEqual([
      'intention_vote:political_opinion', 'score_mobilisation:profiling',
    ]);
    expect(detect(['Nom', 'Courriel', 'Origine', 'Orientation politique', "Centres d'intérêt", "Source d'enrichissement", 'Syndicat', 'Remarques'])).toEqual([
      'Orientation politique:political_opinion', "Centres d'intérêt:profiling", 'Syndicat:sensitive',
    ]);
    expect(detect(['Nom de naissance', "Nom d'usage", 'Prénoms', 'Sexe', 'Date de naissance', 'Lieu de naissance', 'Adresse', 'Bureau de vote', 'Provenance'])).toEqual([]);
  });
});
