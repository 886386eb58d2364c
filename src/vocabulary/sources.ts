/**
 * Source vocabulary (SPEC §4): the words that name where a row came from, per canonical source, and the
 * words of the files the CNIL excludes. Data only: which source wins and what each source allows is
 * decided in src/law/sources.ts and src/law/channels.ts.
 */
import type { ForbiddenKind, Source } from '../types.js';
import type { Terms } from '../text.js';

export type KnownSource = Exclude<Source, 'unknown'>;

/**
 * Files the CNIL excludes from political communication ("Les fichiers qui ne peuvent pas être utilisés",
 * "Les fichiers du secteur privé", 2025), by kind, so the finding can say which.
 */
export const FORBIDDEN_TERMS: Record<ForbiddenKind, Terms> = {
  // "Les données d'état civil … collectées par exemple dans les registres des mairies" (CNIL, fichiers qui
  // ne peuvent pas être utilisés, 2025). A bare "mariage" or "décès" is a topic (FORBIDDEN_TOPICS below).
  civil_registry: {
    prefix: ['etat civil', 'civil registry', 'civil status', 'registre d etat civil', 'registres d etat civil', 'acte de naissance', 'actes de naissance', 'acte de mariage', 'actes de mariage', 'acte de deces', 'actes de deces', 'registre des naissances', 'registre des mariages', 'registre des deces', 'publication des bans', 'livret de famille', 'pacs en mairie', 'birth register', 'marriage register', 'death register'],
  },
  public_users: {
    // "Les données administratives liées … à la scolarité, ou à la gestion des services publics locaux"
    // (CNIL, fichiers qui ne peuvent pas être utilisés, 2025): school, canteen and after-school files too.
    prefix: ['usager', 'fichier municipal', 'fichier communal', 'fichier de la mairie', 'fichier mairie', 'beneficiaire', 'fichier scolaire', 'fichier des eleves', 'services municipaux', 'service municipal', 'service communal', 'services communaux', 'public body',
      // A school or canteen *file*; "Pétition cantine bio" is the campaign's petition about the canteen.
      'inscrits cantine', 'inscrit cantine', 'inscription cantine', 'inscriptions cantine', 'fichier cantine', 'liste cantine', 'familles cantine', 'usagers cantine', 'restauration scolaire', 'periscolaire', 'peri scolaire', 'extrascolaire',
      'inscriptions scolaires', 'inscription scolaire', 'inscrits scolaires', 'affaires scolaires', 'service scolaire', 'transport scolaire', 'vie scolaire', 'parents d eleves', 'centre de loisirs', 'accueil de loisirs', 'school register', 'school canteen', 'after school'],
    word: ['ccas', 'cias', 'caf', 'cpam'],
  },
  employer: {
    // "du personnel" alone is not a staff file: "Stand marché du personnel soignant" is a campaign stand.
    prefix: ['fichier rh', 'ressources humaines', 'fiche de paie', 'fiches de paie', 'payroll', 'salarie', 'employees', 'employes', 'fichier du personnel', 'liste du personnel', 'annuaire du personnel', 'registre du personnel', 'personnel municipal', 'personnel mairie', 'personnel de la mairie', 'personnel de la commune', 'personnel de la ville', 'agents municipaux', 'agent municipal', 'staff'],
    word: ['paie'],
    acronym: ['RH', 'HR'],
  },
  // "Les informations relatives aux consultations locales (référendums, pétitions), qui recueillent des
  // listes de participants ou signataires" (CNIL 2025; CGCT art. L1112-16: petitions to the council).
  local_consultation: {
    prefix: ['consultation locale', 'consultations locales', 'consultation municipale', 'consultation communale', 'referendum local', 'referendum municipal', 'referendum communal', 'petition deposee en mairie', 'petition deposee a la mairie', 'petition en mairie', 'petition a la mairie', 'petition au conseil municipal', 'petition communale', 'droit de petition', 'l1112', 'l 1112', 'local referendum', 'local consultation'],
  },
  company_internal: { prefix: ['fichier clients interne', 'fichier client interne', 'fichier interne', 'base interne', 'patient', 'internal file', 'internal customer'] },
};

/**
 * Words that name the subject of a forbidden file rather than the file itself, in any order: a school,
 * a canteen, a municipal service ("inscrits au service jeunesse municipal", "école de musique
 * municipale", "médiathèque municipale", "cantine"), a civil-status event next to a registry or
 * town-hall word ("liste des mariages", "avis de décès"). Each entry is a list of alternatives; an
 * alternative matches when all its term lists match. Whether the campaign's own words beat them
 * ("Pétition cantine bio", "Pétition mariage pour tous") is decided in src/law/sources.ts.
 */
export const FORBIDDEN_TOPICS: Partial<Record<ForbiddenKind, readonly (readonly Terms[])[]>> = {
  civil_registry: [
    [
      { word: ['naissance', 'naissances', 'mariage', 'mariages', 'deces', 'pacs', 'pacse', 'pacses', 'bans', 'births', 'marriages', 'deaths'] },
      { word: ['registre', 'registres', 'acte', 'actes', 'avis', 'mairie', 'extrait', 'extraits', 'liste', 'listes', 'fichier', 'publication', 'publications', 'releve', 'releves', 'table', 'tables', 'register', 'records', 'record', 'list', 'town hall'], prefix: ['etat civil'] },
    ],
  ],
  public_users: [
    [{
      // Whole words where a prefix would catch more: "école" is not "écologie".
      prefix: ['cantine', 'scolaire', 'periscolaire', 'extrascolaire', 'maternelle', 'creche', 'halte garderie', 'garderie', 'mediatheque', 'bibliotheque municipale', 'ludotheque', 'conservatoire', 'centre de loisirs', 'accueil de loisirs', 'centre social', 'service jeunesse', 'espace jeunes', 'portail famille', 'portail familles', 'piscine municipale', 'canteen', 'kindergarten'],
      word: ['ecole', 'ecoles', 'college', 'colleges', 'lycee', 'lycees', 'eleve', 'eleves', 'alsh', 'school', 'schools'],
    }],
    // A service of the commune, however worded: "inscrits au service jeunesse municipal". Not
    // "municipales" (the elections: "Bénévoles liste municipales 2026").
    [
      { word: ['service', 'services', 'regie', 'usagers', 'beneficiaires'] },
      { word: ['municipal', 'municipale', 'municipaux', 'communal', 'communale', 'communaux', 'intercommunal', 'intercommunale'], prefix: ['de la mairie', 'de la commune', 'de la ville'] },
    ],
  ],
};

export const SOURCE_TERMS: Record<Exclude<KnownSource, 'forbidden'>, Terms> = {
  electoral_list: {
    prefix: ['liste electorale', 'listes electorales', 'electoral roll', 'electoral list', 'electoral register', 'registre electoral', 'repertoire electoral', 'liste d emargement', 'emargement'],
    acronym: ['LE', 'REU'],
  },
  social_scraped: {
    prefix: ['extraction', 'scrap', 'aspiration', 'aspire', 'export automatique', 'import automatique', 'outil de collecte', 'extension', 'crawl', 'phantombuster', 'waalaxy', 'sales navigator', 'kaspr', 'lusha', 'captain data'],
    word: ['bot', 'bots', 'import auto', 'export auto'],
  },
  purchased: { prefix: ['achat', 'achete', 'fichier achete', 'data broker', 'broker', 'courtier', 'purchased', 'bought'] },
  file_rental: {
    prefix: ['location de fichier', 'location fichier', 'location de liste', 'location liste', 'fichier loue', 'liste louee', 'rented', 'rental'],
    word: ['loue', 'louee'],
  },
  third_party: {
    prefix: ['partenaire', 'partner', 'third party', 'fichier tiers', 'liste tiers', 'source tierce', 'tierce partie', 'par un tiers', 'd un tiers', 'donnees tierces', 'echange de fichier'],
  },
  membership: { prefix: ['adhesion', 'adherent', 'member', 'cotisation', 'carte d adherent'] },
  donation: { prefix: ['donateur', 'donatrice', 'donation', 'donor', 'donate'], word: ['don', 'dons'] },
  petition: { prefix: ['petition'] },
  web_form: {
    prefix: ['formulaire', 'site web', 'site internet', 'website', 'web form', 'webform', 'newsletter', 'signup', 'sign up', 'landing page', 'lead ad', 'lead form'],
  },
  in_person: {
    prefix: ['porte a porte', 'door to door', 'door knocking', 'canvass', 'marche', 'reunion', 'meeting', 'evenement', 'rencontre', 'tractage', 'in person', 'rassemblement', 'permanence', 'fete', 'manifestation', 'atelier', 'conference', 'debat', 'face a face'],
    word: ['event', 'events', 'stand', 'stands'],
    acronym: ['PAP'],
  },
  referral: {
    prefix: ['parrainage', 'parrain', 'marraine', 'recommande par', 'recommandee par', 'recommandation', 'carnet d adresse', 'referral', 'referred', 'friend of', 'militant', 'invite par', 'invitee par', 'contact de'],
    word: ['ami de', 'amie de', 'amis de'],
  },
  // A follow or page like: the person chose to keep receiving the page's news (CNIL réseaux sociaux).
  social_regular: {
    prefix: ['follow', 'like page', 'like de la page', 'like la page', 'j aime la page', 'j aime page', 'abonne', 'relation', 'membre du groupe'],
    word: ['fan', 'fans', 'ami', 'amie', 'amis'],
  },
  // A one-off interaction: it allows one message on that network, not a relationship (CNIL réseaux sociaux).
  social_occasional: {
    prefix: ['j aime', 'retweet', 'partage', 'share', 'commentaire', 'commente', 'reaction', 'message prive', 'message direct', 'repost', 'reply', 'mention', 'interaction', 'like post', 'like sur'],
    word: ['like', 'likes', 'comment', 'comments'],
    acronym: ['RT', 'DM'],
  },
};

/**
 * Generic sign-up words: a web form when nothing else is named ("Inscrit sur le site", "Paiement en
 * ligne"), but no sign of the campaign's own collection next to a forbidden topic: "liste des inscrits à
 * la cantine" is the canteen's file.
 */
export const SIGNUP_TERMS: Terms = { prefix: ['inscription', 'inscrit', 'en ligne', 'online'] };

export const NETWORK_TERMS: readonly [string, Terms][] = [
  ['facebook', { prefix: ['facebook', 'messenger'], word: ['fb'] }],
  ['instagram', { prefix: ['instagram'], word: ['insta', 'ig'] }],
  ['x', { prefix: ['twitter', 'tweet', 'retweet'], word: ['x com'], acronym: ['X', 'RT'] }],
  ['linkedin', { prefix: ['linkedin', 'sales navigator'] }],
  ['tiktok', { prefix: ['tiktok', 'tik tok'] }],
  ['youtube', { prefix: ['youtube'] }],
  ['whatsapp', { prefix: ['whatsapp'] }],
  ['telegram', { prefix: ['telegram'] }],
  ['snapchat', { prefix: ['snapchat'], word: ['snap'] }],
  ['threads', { word: ['threads'] }],
  ['bluesky', { prefix: ['bluesky', 'bsky'] }],
  ['mastodon', { prefix: ['mastodon'] }],
  ['pinterest', { prefix: ['pinterest'] }],
  ['reddit', { prefix: ['reddit'] }],
  ['discord', { prefix: ['discord'] }],
  ['twitch', { prefix: ['twitch'] }],
];

/** Enrichment tools that find contact details from social profiles: scraping, whatever they are called. */
export const SCRAPING_TOOLS: Terms = { prefix: ['kaspr', 'lusha', 'phantombuster', 'waalaxy', 'dropcontact', 'apollo', 'rocketreach', 'hunter io', 'snov', 'captain data', 'lemlist'] };
/** Data brokers and directories: the data was bought or looked up, not given. */
export const BROKER_TERMS: Terms = { prefix: ['annuaire', 'pages blanches', 'pages jaunes', 'data append', 'append', 'societe d enrichissement'] };

/** Words of a regular giver ("donateurs fréquents", CNIL, fichiers de communication politique, 2025). */
export const FREQUENT_DONOR_TERMS: Terms = {
  prefix: ['donateur frequent', 'donatrice frequente', 'donateurs frequents', 'donateur regulier', 'donatrice reguliere', 'donateur fidele', 'donatrice fidele', 'don mensuel', 'dons mensuels', 'don regulier', 'dons reguliers', 'don recurrent', 'dons recurrents', 'prelevement', 'plusieurs dons', 'dons multiples', 'monthly', 'recurring', 'regular donor', 'frequent donor', 'repeat donor'],
};
