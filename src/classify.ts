/**
 * Classification (SPEC §4): one source, one category, and the channels with a lawful basis, derived
 * once per row from its fields. Rules read the result; they do not re-derive it.
 *
 * Everything that can be compiled is compiled once per file in `createClassifier` (vocabularies into a
 * few regular expressions, header look-ups into index lists), and free-text verdicts are memoised per
 * distinct cell value: a source column holds a few dozen distinct values over millions of rows.
 */
import type { Classification } from './rules/types.js';
import type { Config } from './config.js';
import { CHANNELS, DATE_FIELDS, type Category, type Channel, type Field, type Source } from './types.js';
import { booleanReader, normalizeWord, parseDate } from './read/values.js';
import { parseChannels } from './channels.js';
import { fieldForHeader, normalizeHeader, type Mapping } from './mapping.js';

export interface Classifier {
  /** `cells` (the raw row) lets the classifier read unmapped look-alike columns (a second phone, do_not_call). */
  classify(get: (field: Field) => string | undefined, cells?: readonly string[]): Classification;
}

export interface ClassifierOptions {
  /** Reference date (day number): a membership ending on or after it is current. Default: no membership_end counts as current. */
  asOf?: number;
  /** The header, to find unmapped contact and per-channel objection columns. */
  header?: readonly string[];
  /** Column of each mapped field. */
  mapping?: Mapping;
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary. Matching is on folded text: lower case, accents removed, every run of punctuation or
// space turned into one space. A `prefix` term must start at a word start ("adhésion" also matches
// "adhésions"; "tiers" would not match "quartiers"); a `word` term must be a whole word ("don" does not
// match "donnée" or "Londres"); an `acronym` is a whole word matched case-sensitively ("LE" is the
// electoral list, "le" is an article).

interface Terms {
  prefix?: readonly string[];
  word?: readonly string[];
  acronym?: readonly string[];
}

type KnownSource = Exclude<Source, 'unknown'>;
type ForbiddenKind = NonNullable<Classification['forbiddenKind']>;

/**
 * Files the CNIL excludes from political communication ("Les fichiers qui ne peuvent pas être utilisés",
 * "Les fichiers du secteur privé", 2025), by kind, so the finding can say which.
 */
const FORBIDDEN_TERMS: Record<ForbiddenKind, Terms> = {
  civil_registry: { prefix: ['etat civil', 'civil registry', 'registre d etat civil', 'actes de naissance', 'acte de naissance'] },
  public_users: {
    prefix: ['usager', 'fichier municipal', 'fichier communal', 'fichier de la mairie', 'fichier mairie', 'beneficiaire', 'fichier scolaire', 'fichier des eleves', 'services municipaux', 'public body'],
    word: ['ccas', 'cias', 'caf', 'cpam'],
  },
  employer: {
    prefix: ['fichier rh', 'ressources humaines', 'fiche de paie', 'fiches de paie', 'payroll', 'salarie', 'employees', 'employes', 'du personnel', 'personnel municipal', 'personnel mairie', 'personnel de la', 'agents municipaux', 'agent municipal', 'staff'],
    word: ['paie'],
    acronym: ['RH', 'HR'],
  },
  company_internal: { prefix: ['fichier clients interne', 'fichier client interne', 'fichier interne', 'base interne', 'patient', 'internal file', 'internal customer'] },
};

const SOURCE_TERMS: Record<Exclude<KnownSource, 'forbidden'>, Terms> = {
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
    prefix: ['formulaire', 'site web', 'site internet', 'website', 'web form', 'webform', 'newsletter', 'inscription', 'inscrit', 'signup', 'sign up', 'landing page', 'lead ad', 'lead form', 'en ligne', 'online'],
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
 * Which source wins when several match. Files that are always a problem come first (so "Extraction
 * liste électorale" is not mistaken for a form). When the text names a social network, the social
 * vocabulary beats the generic one: "Partage Facebook de la pétition" is a one-off share, not a
 * petition signature. Without a network, generic words win: "abonné newsletter" is a web form and
 * "partagé par un militant" a referral.
 */
const HEAD: readonly KnownSource[] = ['forbidden', 'electoral_list', 'social_scraped', 'purchased', 'file_rental', 'third_party', 'membership', 'donation'];
const ORDER_PLAIN: readonly KnownSource[] = [...HEAD, 'petition', 'web_form', 'in_person', 'referral', 'social_regular', 'social_occasional'];
const ORDER_SOCIAL: readonly KnownSource[] = [...HEAD, 'social_regular', 'social_occasional', 'petition', 'web_form', 'in_person', 'referral'];

const NETWORK_TERMS: readonly [string, Terms][] = [
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
const SCRAPING_TOOLS: Terms = { prefix: ['kaspr', 'lusha', 'phantombuster', 'waalaxy', 'dropcontact', 'apollo', 'rocketreach', 'hunter io', 'snov', 'captain data', 'lemlist'] };
/** Data brokers and directories: the data was bought or looked up, not given. */
const BROKER_TERMS: Terms = { prefix: ['annuaire', 'pages blanches', 'pages jaunes', 'data append', 'append', 'societe d enrichissement'] };
/** Cell values that say "nothing" in a free-text column (enrichment, network). */
const NOTHING = new Set(['', 'non', 'no', 'aucun', 'aucune', 'none', 'n a', 'na', 'sans', 'false', '0', 'nan', 'null']);

// Consent and objection cell values. `status` words are list states a tool sets on import as well as
// on sign-up ("subscribed"): they count as consent only where the source shows the person gave the
// data to the campaign (see STATUS_TRUSTED).
const YES_WORDS = ['opt in', 'optin', 'opted in', 'double opt in', 'confirmed', 'confirme', 'confirmee', 'consent', 'consenti', 'consentie', 'accepte', 'acceptee', 'accepted', 'granted', 'given', 'd accord'];
const STATUS_WORDS = ['subscribed', 'abonne', 'abonnee', 'inscrit', 'inscrite', 'active', 'actif', 'active subscriber'];
const NO_WORDS = ['pending', 'en attente', 'non confirme', 'non confirmee', 'refuse', 'refusee', 'refused', 'declined', 'cleaned', 'bouncing', 'bounced', 'non abonne', 'not subscribed', 'never subscribed', 'non subscribed', 'transactional', 'archived', 'none', 'aucun', 'aucune', 'n a', 'na', 'inconnu', 'unknown'];
const OPTOUT_WORDS = ['unsubscribed', 'unsubscribe', 'desinscrit', 'desinscrite', 'desabonne', 'desabonnee', 'opted out', 'opt out', 'optout', 'stop', 'opposition', 'oppose', 'opposee', 'objected', 'revoked', 'revoque', 'withdrawn', 'retire', 'retiree', 'spam', 'complained', 'do not contact', 'ne pas contacter', 'ne plus contacter'];

/**
 * Unmapped columns that carry an objection to one channel (NationBuilder's do_not_call, "stop SMS"),
 * keyed by normalised header. The general objection column is the `objection` field.
 */
const CHANNEL_OBJECTION_HEADERS: Record<string, readonly Channel[]> = (() => {
  const table: [readonly Channel[], string[]][] = [
    [['phone', 'automated_call'], ['do not call', 'donotcall', 'ne pas appeler', 'pas d appel', 'stop appel', 'stop appels', 'opposition telephone', 'opposition appels', 'refus appels', 'phone opt out', 'call opt out', 'bloctel']],
    [['email'], ['do not email', 'stop email', 'stop mail', 'opposition email', 'opposition courriel']],
    [['sms'], ['do not sms', 'do not text', 'stop sms', 'sms opt out', 'sms_opt_out', 'opposition sms']],
    [['post'], ['do not mail', 'stop courrier', 'opposition courrier', 'ne pas ecrire']],
    [['door'], ['do not visit', 'do not knock', 'ne pas visiter', 'stop porte a porte', 'opposition porte a porte']],
  ];
  const out: Record<string, readonly Channel[]> = {};
  for (const [channels, headers] of table) for (const h of headers) out[normalizeHeader(h)] = channels;
  return out;
})();

/** Channels that need a prior opt-in (CNIL, communication politique par téléphone / courrier électronique). */
export const OPT_IN_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['email', 'sms', 'automated_call']);

// ---------------------------------------------------------------------------------------------------
// Text folding and compiled matchers.

function foldCase(s: string): string {
  return s
    .replace(/[œŒ]/g, (c) => (c === 'œ' ? 'oe' : 'OE'))
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim();
}

/** Folded text, padded with a space at each end so word starts and ends are spaces. */
interface Folded {
  lower: string;
  cased: string;
}

function fold(s: string): Folded {
  const cased = ` ${foldCase(s)} `;
  return { lower: cased.toLowerCase(), cased };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const termKey = (t: string) => foldCase(t).toLowerCase();

type Matcher = (f: Folded) => boolean;

function compile(terms: Terms): Matcher {
  const prefix = (terms.prefix ?? []).map(termKey).filter(Boolean);
  const word = (terms.word ?? []).map(termKey).filter(Boolean);
  const acronym = (terms.acronym ?? []).map(foldCase).filter(Boolean);
  const parts: string[] = [];
  if (prefix.length) parts.push(` (?:${prefix.map(escape).join('|')})`);
  if (word.length) parts.push(` (?:${word.map(escape).join('|')}) `);
  const lower = parts.length ? new RegExp(parts.join('|')) : null;
  const cased = acronym.length ? new RegExp(` (?:${acronym.map(escape).join('|')}) `) : null;
  return (f) => (lower !== null && lower.test(f.lower)) || (cased !== null && cased.test(f.cased));
}

/** Extra words from the config (SPEC §6): case-insensitive, from a word start; three letters or fewer, whole words. */
function configTerms(words: readonly string[] | undefined): Terms {
  const prefix: string[] = [];
  const word: string[] = [];
  for (const w of words ?? []) (termKey(w).length <= 3 ? word : prefix).push(w);
  return { prefix, word };
}

/** A bounded memo for per-value verdicts: flat memory whatever the number of distinct values. */
function memo<T>(fn: (s: string) => T, max = 4096): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, v);
    return v;
  };
}

/** Channel sets are interned by bit mask: rows share them, nothing is allocated per row. */
const BIT: Record<Channel, number> = Object.fromEntries(CHANNELS.map((c, i) => [c, 1 << i])) as Record<Channel, number>;
const ALL = (1 << CHANNELS.length) - 1;
const SETS: ReadonlySet<Channel>[] = Array.from({ length: ALL + 1 }, (_, m) => new Set(CHANNELS.filter((c) => m & BIT[c])));
const maskOf = (channels: readonly Channel[]) => channels.reduce((m, c) => m | BIT[c], 0);

type ConsentValue = 'yes' | 'status' | 'no' | 'optout';

const CONSENT_FIELDS: readonly [Field, Channel][] = [
  ['consent_email', 'email'], ['consent_sms', 'sms'], ['consent_phone', 'phone'], ['consent_post', 'post'], ['consent_social', 'social'],
];

const SOCIAL_SOURCES: ReadonlySet<Source> = new Set<Source>(['social_regular', 'social_occasional', 'social_scraped']);
/**
 * Sources where the person handed their details to the campaign itself, so a list status ("subscribed")
 * can be read as their sign-up. Elsewhere (a social contact, a bought or rented list, a referral) the
 * status only shows the row was imported: it is not the person's consent.
 */
const STATUS_TRUSTED: ReadonlySet<Source> = new Set<Source>(['membership', 'donation', 'in_person', 'web_form', 'petition', 'unknown']);
/** Sources where consent is given at collection, so `collected_at` dates it (RGPD art. 7.1 proof). */
const CONSENT_AT_COLLECTION: ReadonlySet<Source> = new Set<Source>(['membership', 'donation', 'in_person', 'web_form', 'petition']);

export function createClassifier(config: Config, mapped: ReadonlySet<Field>, options: ClassifierOptions = {}): Classifier {
  const { asOf, header = [], mapping = {} } = options;
  const dateFields = DATE_FIELDS.filter((f) => mapped.has(f));
  const consentFields = CONSENT_FIELDS.filter(([f]) => mapped.has(f));
  const hasConsentColumn = consentFields.length > 0 || mapped.has('consent');
  const vocab = config.vocabulary ?? {};

  // --- Source and network matchers, built once.
  const forbiddenKinds = (Object.keys(FORBIDDEN_TERMS) as ForbiddenKind[]).map((k) => [k, compile(FORBIDDEN_TERMS[k])] as const);
  const builtIn = new Map<KnownSource, Matcher>(
    (Object.keys(SOURCE_TERMS) as (keyof typeof SOURCE_TERMS)[]).map((s) => [s, compile(SOURCE_TERMS[s])]),
  );
  builtIn.set('forbidden', (f) => forbiddenKinds.some(([, m]) => m(f)));
  // The user's own words come first: they describe this campaign's exports.
  const custom: [KnownSource, Matcher][] = Object.entries(vocab.sources ?? {})
    .filter(([s, words]) => s !== 'unknown' && words && words.length)
    .map(([s, words]) => [s as KnownSource, compile(configTerms(words))]);
  const networks: [string, Matcher][] = [
    ...Object.entries(vocab.networks ?? {}).map(([name, words]) => [normalizeWord(name), compile(configTerms([name, ...words]))] as [string, Matcher]),
    ...NETWORK_TERMS.map(([name, terms]) => [name, compile(terms)] as [string, Matcher]),
  ];
  const scrapedMatcher = builtIn.get('social_scraped')!;
  const purchasedMatcher = builtIn.get('purchased')!;
  const scrapingTools = compile(SCRAPING_TOOLS);
  const brokers = compile(BROKER_TERMS);

  const networkIn = (f: Folded): string | undefined => networks.find(([, m]) => m(f))?.[0];

  const sourceOf = memo((text: string): { source: Source; network?: string; forbiddenKind?: ForbiddenKind } => {
    const f = fold(text);
    const network = networkIn(f);
    let source: Source | undefined = custom.find(([, m]) => m(f))?.[0];
    if (source === undefined) {
      for (const s of network ? ORDER_SOCIAL : ORDER_PLAIN) {
        if (builtIn.get(s)!(f)) {
          source = s;
          break;
        }
      }
    }
    // A network named with no other clue: a social contact of unknown kind, read as the least
    // entitled one (occasional) rather than as a follower.
    if (source === undefined) source = network ? 'social_occasional' : 'unknown';
    const forbiddenKind = source === 'forbidden' ? forbiddenKinds.find(([, m]) => m(f))?.[0] : undefined;
    return { source, network, forbiddenKind };
  });

  const networkField = memo((text: string): string | undefined => {
    if (NOTHING.has(termKey(text))) return undefined;
    return networkIn(fold(text)) ?? 'other';
  });
  const networkInText = memo((text: string) => networkIn(fold(text)));

  const enrichmentOf = memo((text: string): Classification['enrichment'] => {
    if (NOTHING.has(termKey(text))) return undefined;
    const f = fold(text);
    const network = networkIn(f);
    if (scrapedMatcher(f) || scrapingTools(f)) return { kind: 'scraping', network };
    if (purchasedMatcher(f) || brokers(f)) return { kind: 'broker', network };
    if (network) return { kind: 'social', network };
    return { kind: 'other' };
  });

  // --- Consent and objection cells.
  const bool = booleanReader(vocab.booleans);
  const yes = new Set(YES_WORDS.map(termKey));
  const status = new Set(STATUS_WORDS.map(termKey));
  const no = new Set(NO_WORDS.map(termKey));
  const optout = new Set(OPTOUT_WORDS.map(termKey));
  const extraTrue = new Set((vocab.booleans?.true ?? []).map(normalizeWord));
  const extraFalse = new Set((vocab.booleans?.false ?? []).map(normalizeWord));

  const consentValue = memo((raw: string): ConsentValue | undefined => {
    const w = normalizeWord(raw);
    if (extraTrue.has(w)) return 'yes';
    if (extraFalse.has(w)) return 'no';
    const k = termKey(raw);
    if (optout.has(k)) return 'optout';
    if (status.has(k)) return 'status';
    if (yes.has(k)) return 'yes';
    if (no.has(k)) return 'no';
    const b = bool(raw);
    if (b !== undefined) return b ? 'yes' : 'no';
    // A date in a consent column is the date of the opt-in.
    if (typeof parseDate(raw) === 'number') return 'yes';
    return undefined;
  });

  /** An objection cell: a yes, a date or any other note means the person objected; a no or a status does not. */
  const objectionValue = memo((raw: string): boolean => {
    const v = consentValue(raw);
    if (v === 'no' || v === 'status') return false;
    return !NOTHING.has(termKey(raw));
  });

  const replyOf = memo((raw: string): 'yes' | 'no' | undefined => {
    const v = consentValue(raw);
    if (v === 'yes' || v === 'status') return 'yes';
    if (v === 'no' || v === 'optout') return 'no';
    return undefined;
  });

  // --- Columns read by index: unmapped look-alikes of contact fields and per-channel objections.
  const contactIndexes = (field: Field): number[] => {
    const out: number[] = [];
    if (mapping[field] !== undefined) out.push(mapping[field]!);
    const taken = new Set(Object.values(mapping));
    header.forEach((h, i) => {
      if (!taken.has(i) && fieldForHeader(h) === field) out.push(i);
    });
    return out;
  };
  const emailCols = contactIndexes('email');
  const phoneCols = contactIndexes('phone');
  const addressCols = contactIndexes('address');
  const mappedIdx = new Set(Object.values(mapping));
  const channelObjectionCols: [number, number][] = [];
  header.forEach((h, i) => {
    const channels = CHANNEL_OBJECTION_HEADERS[normalizeHeader(h)];
    if (channels && !mappedIdx.has(i)) channelObjectionCols.push([i, maskOf(channels)]);
  });
  const channelIdx = mapping.channel;

  const nonEmpty = (cols: readonly number[], cells: readonly string[] | undefined, get: (f: Field) => string | undefined, field: Field): readonly number[] => {
    if (!cells) return get(field) !== undefined && mapping[field] !== undefined ? [mapping[field]!] : [];
    let out: number[] | undefined;
    for (const i of cols) {
      const v = cells[i];
      if (v !== undefined && v.trim() !== '') (out ??= []).push(i);
    }
    return out ?? EMPTY;
  };

  return {
    classify(get, cells) {
      // Dates.
      const dates: Partial<Record<Field, number>> = {};
      const invalidDates: Field[] = [];
      for (const f of dateFields) {
        const d = parseDate(get(f));
        if (typeof d === 'number') dates[f] = d;
        else if (d === null) invalidDates.push(f);
      }

      // Source and network.
      const sourceText = get('source');
      const sourceGiven = sourceText !== undefined;
      const fromText = sourceGiven ? sourceOf(sourceText) : undefined;
      const netText = get('network');
      const networkFromField = netText !== undefined ? networkField(netText) : undefined;
      const network = networkFromField ?? fromText?.network;
      let source: Source = fromText?.source ?? 'unknown';
      if (source === 'unknown' && networkFromField) source = 'social_occasional';
      const forbiddenKind = fromText?.forbiddenKind;

      const enrichText = get('enrichment_source');
      const enrichment = enrichText !== undefined ? enrichmentOf(enrichText) : undefined;
      const channelText = channelIdx !== undefined ? get('channel') : undefined;
      const usedNetwork = channelText !== undefined ? networkInText(channelText) : undefined;

      const replyText = get('first_message_reply');
      const firstMessageReply = replyText !== undefined ? replyOf(replyText) : undefined;

      const contact = {
        email: nonEmpty(emailCols, cells, get, 'email'),
        phone: nonEmpty(phoneCols, cells, get, 'phone'),
        address: nonEmpty(addressCols, cells, get, 'address'),
      };
      /** Channels whose contact data is on the row: what an in-person or generic consent covers (SPEC §4). */
      const dataMask =
        (contact.email.length ? BIT.email : 0) |
        (contact.phone.length ? BIT.sms | BIT.phone : 0) |
        (contact.address.length ? BIT.post : 0);

      // Consent, per channel. Objections are collected as they are met.
      let consent = 0;
      let objected = 0;
      let anyOptout = false;
      let claimed = false;
      let objectionColumn: number | undefined;
      const statusCounts = STATUS_TRUSTED.has(source);
      for (const [field, channel] of consentFields) {
        const raw = get(field);
        if (raw === undefined) continue;
        const v = consentValue(raw);
        if (v === 'yes' || (v === 'status' && statusCounts)) consent |= BIT[channel];
        if (v === 'yes' || v === 'status') claimed = true;
        else if (v === 'optout') {
          objected |= BIT[channel];
          anyOptout = true;
          objectionColumn ??= mapping[field];
        }
      }
      let generic = false;
      const consentCell = get('consent');
      if (consentCell !== undefined) {
        const listed = parseChannels(consentCell);
        if (listed.length) {
          consent |= maskOf(listed);
          claimed = true;
        } else {
          const v = consentValue(consentCell);
          if (v === 'yes' || v === 'status') {
            claimed = true;
            generic = v === 'yes' || statusCounts;
          } else if (v === 'optout') {
            anyOptout = true;
            objected = ALL;
            objectionColumn ??= mapping.consent;
          }
        }
      } else if (!hasConsentColumn && dates.consent_date !== undefined) {
        // No consent column, but a dated consent (Mailchimp's CONFIRM_TIME): a generic consent.
        claimed = true;
        generic = true;
      }
      // A generic consent covers only the channel of collection (SPEC §4).
      if (generic) consent |= collectionChannels(source, dataMask);

      // A yes to the single first message is a consent to go on (NS 34): on the network for a social
      // contact, else on the channels whose data the person answered from.
      if (firstMessageReply === 'yes') consent |= SOCIAL_SOURCES.has(source) ? BIT.social : dataMask;

      // Objection.
      let objection = false;
      const objText = get('objection');
      if (objText !== undefined && objectionValue(objText)) {
        const objDay = parseDate(objText);
        // A consent dated after a dated objection is a new, later choice of the person.
        const lifted = typeof objDay === 'number' && dates.consent_date !== undefined && dates.consent_date > objDay;
        if (!lifted) {
          objection = true;
          objectionColumn = mapping.objection;
        }
      }
      if (cells) {
        for (const [i, m] of channelObjectionCols) {
          const v = cells[i];
          if (v !== undefined && v.trim() !== '' && objectionValue(v)) {
            objected |= m;
            objectionColumn ??= i;
          }
        }
      }
      // An unsubscribe with no other channel still consented is an objection to prospecting itself,
      // which covers every channel (RGPD art. 21.3); with another channel still subscribed it is a
      // choice of channel.
      consent &= ~objected;
      if (anyOptout && consent === 0) objection = true;
      if (objection) {
        consent = 0;
        objected = ALL;
      }

      // Category.
      // A member: source membership and no membership_end passed at asOf, or a membership_end to come.
      const end = dates.membership_end;
      const endsLater = end !== undefined && asOf !== undefined && end >= asOf;
      const member = endsLater || (source === 'membership' && (end === undefined || asOf === undefined));
      const inPersonAssumed = !hasConsentColumn && !generic && source === 'in_person' && dataMask !== 0 && !objection;
      const category = member ? 'member' : categoryOf(source, consent !== 0 || inPersonAssumed, firstMessageReply);

      // Basis (SPEC §5 channel table).
      let basis = consent;
      if (inPersonAssumed) basis |= dataMask;
      if (category === 'member') basis = ALL;
      else if (source !== 'forbidden' && source !== 'social_scraped') {
        const social = SOCIAL_SOURCES.has(source);
        // Phone and post: the number or address must not come from a social network or an enrichment
        // (an electoral list's addresses are the list's own, whatever was appended to it).
        if (!social && enrichment === undefined) basis |= BIT.phone | BIT.post;
        else if (!social && isOwnData(source, 'address')) basis |= BIT.post;
        // Door: no door-to-door towards people targeted from social-network data (CNIL réseaux sociaux).
        if (!social && (enrichment === undefined || enrichment.kind === 'broker' || enrichment.kind === 'other')) basis |= BIT.door;
        // Social: a follower on the same network; a one-off contact until the single first message.
        if (source === 'social_regular') basis |= BIT.social;
        if (source === 'social_occasional' && (dates.first_message_at === undefined || firstMessageReply === 'yes')) basis |= BIT.social;
      }
      basis &= ~objected;

      let consentDate = dates.consent_date;
      if (consentDate === undefined && claimed && CONSENT_AT_COLLECTION.has(source)) consentDate = dates.collected_at;

      return {
        source,
        network,
        category,
        basis: SETS[basis],
        consent: SETS[consent],
        hasConsentColumn,
        consentClaimed: claimed,
        objection,
        objectedChannels: SETS[objected],
        objectionColumn,
        enrichment,
        firstMessageReply,
        dates,
        invalidDates,
        forbiddenKind,
        sourceGiven,
        usedNetwork,
        consentAssumed: inPersonAssumed,
        consentDate,
        contact,
      };
    },
  };
}

const EMPTY: readonly number[] = [];

/**
 * Contact data a source itself provides, so an enrichment cannot have brought it: the electoral list
 * gives names and postal addresses (code électoral art. L37), nothing else.
 */
export function isOwnData(source: Source, kind: 'email' | 'phone' | 'address'): boolean {
  return source === 'electoral_list' && kind === 'address';
}

/** What a generic "yes" covers: the channel the data was collected on (SPEC §4). */
function collectionChannels(source: Source, dataMask: number): number {
  switch (source) {
    case 'web_form':
    case 'petition':
      return BIT.email;
    case 'social_regular':
    case 'social_occasional':
      return BIT.social;
    case 'in_person':
    case 'donation':
    case 'membership':
      return dataMask;
    default:
      // Bought, rented, partner, referral, unknown: the campaign did not collect the data, so a
      // generic yes does not say for which channel it was given.
      return 0;
  }
}

/** SPEC §4 categories, for a row that is not a current member. */
function categoryOf(source: Source, consented: boolean, reply: 'yes' | 'no' | undefined): Category {
  switch (source) {
    // A membership that has ended makes a regular contact (SPEC §5 retention: "then treated as regular_contact").
    case 'membership':
    case 'donation':
    case 'social_regular':
    case 'web_form':
      return 'regular_contact';
    case 'petition':
    case 'in_person':
    case 'referral':
    case 'social_occasional':
      return consented || reply === 'yes' ? 'regular_contact' : 'occasional_contact';
    case 'electoral_list':
      return 'voter';
    case 'file_rental':
    case 'purchased':
    case 'third_party':
      return reply === 'yes' ? 'regular_contact' : 'prospect';
    default:
      return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------------
// Channel verdicts, shared by cross-channel and missing-consent so that one channel of one row gets at
// most one of the two.

export type ChannelVerdict =
  /** The row shows a basis for this channel. */
  | 'ok'
  /** No basis here and no consent or relationship at all: missing-consent (opt-in channels). */
  | 'missing-consent'
  /** No basis here but one for another channel: cross-channel. */
  | 'cross-channel'
  /** Left to other rules: an objection (objection-ignored), a forbidden or scraped source, no data for the channel, or no basis anywhere on an opt-out channel. */
  | 'other';

/** Whether the row holds the data a message on this channel needs; door and social need none on file. */
function hasDatum(cls: Classification, channel: Channel): boolean {
  switch (channel) {
    case 'email':
      return cls.contact.email.length > 0;
    case 'sms':
    case 'automated_call':
    case 'phone':
      return cls.contact.phone.length > 0;
    case 'post':
      return cls.contact.address.length > 0;
    default:
      return true;
  }
}

/**
 * The verdict for one channel the row is used on. `network`: the network the row is used on, when the
 * channel column names one ("Facebook"), to check a social contact is reached on the same network.
 */
export function channelVerdict(cls: Classification, channel: Channel, network?: string): ChannelVerdict {
  if (cls.objection || cls.objectedChannels.has(channel)) return 'other';
  if (cls.source === 'forbidden' || cls.source === 'social_scraped') return 'other';
  if (!hasDatum(cls, channel)) return 'other';
  if (cls.basis.has(channel)) {
    // The social basis is for the network of the contact only (CNIL réseaux sociaux).
    if (channel === 'social' && cls.category !== 'member' && network && cls.network && network !== cls.network && !cls.consent.has('social')) return 'cross-channel';
    return 'ok';
  }
  // "No consent at all": neither an opt-in for any channel nor a relationship (member, follower).
  const affirmative = cls.consent.size > 0 || cls.category === 'member' || cls.basis.has('social');
  if (OPT_IN_CHANNELS.has(channel) && !affirmative) return 'missing-consent';
  return cls.basis.size > 0 ? 'cross-channel' : 'other';
}
