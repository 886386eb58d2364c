#!/usr/bin/env node
/**
 * Seeded generator of a realistic campaign contacts file for the benchmark (SPEC §8): ≈200 bytes a
 * row, French headers the tool maps (src/mapping.ts ALIASES), quoted fields with commas, doubled quotes
 * and the odd quoted newline, accents, every source kind in French and English, consent columns,
 * dates in every format SPEC §2 reads (and a few that it cannot), an objection column, a profiling
 * column and a political-opinion column. Every value is invented: no real person is in it.
 *
 * As a module: `generateFile(path, { rows, seed })`, `generateRows(rows, seed)`, `HEADER`.
 * As a CLI:    node bench/generate.mjs --rows 100000 [--seed 42] -o contacts.csv
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HEADER = [
  'id', 'prénom', 'nom', 'email', 'téléphone', 'adresse', 'code postal', 'ville', 'date de naissance',
  'source', 'réseau', 'date de collecte', 'consentement email', 'consentement sms', 'date de consentement',
  'opposition', 'dernier contact', "fin d'adhésion", 'premier message', 'réponse premier message', 'canal',
  "source d'enrichissement", 'orientation politique', 'score de propension', 'commentaire',
];

/** sfc32: small, fast, and the same sequence on every machine for a given seed. */
export function rng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

// Names: [as written, as in an email address].
const FIRST = [
  ['Éloïse', 'eloise'], ['Chloé', 'chloe'], ['François', 'francois'], ['Hélène', 'helene'], ['Jérôme', 'jerome'],
  ['Zoé', 'zoe'], ['Noël', 'noel'], ['Anaïs', 'anais'], ['Gaëlle', 'gaelle'], ['Loïc', 'loic'], ['Marie', 'marie'],
  ['Jean', 'jean'], ['Léa', 'lea'], ['Théo', 'theo'], ['Inès', 'ines'], ['Rémi', 'remi'], ['Céline', 'celine'],
  ['Mathéo', 'matheo'], ['Agnès', 'agnes'], ['Benoît', 'benoit'], ['Lucas', 'lucas'], ['Camille', 'camille'],
  ['Sébastien', 'sebastien'], ['Aïcha', 'aicha'], ['Karim', 'karim'], ['Nathalie', 'nathalie'], ['Yann', 'yann'],
  ['Ophélie', 'ophelie'], ['Clément', 'clement'], ['Maëlys', 'maelys'], ['Jean-Étienne', 'jean-etienne'], ['Thu', 'thu'],
];
const LAST = [
  ['Lefèvre', 'lefevre'], ["D'Almeida", 'dalmeida'], ['Müller', 'muller'], ['Guérin', 'guerin'], ['Bélanger', 'belanger'],
  ['Lemaître', 'lemaitre'], ['Martin', 'martin'], ['Bernard', 'bernard'], ['Dubois', 'dubois'], ['Thomas', 'thomas'],
  ['Robert', 'robert'], ['Petit', 'petit'], ['Durand', 'durand'], ['Leroy', 'leroy'], ['Moreau', 'moreau'],
  ['Fournier', 'fournier'], ['Girard', 'girard'], ['Benoît', 'benoit'], ['Nguyen', 'nguyen'], ['Ben Saïd', 'bensaid'],
  ['Le Goff', 'legoff'], ['Château', 'chateau'], ['Pérez', 'perez'], ['Faure-Béraud', 'faure-beraud'],
  ['Mercier', 'mercier'], ['Boucher', 'boucher'], ['Noël', 'noel'], ['Gauthier', 'gauthier'],
];
const DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hotmail.fr', 'yahoo.fr', 'sfr.fr', 'outlook.com', 'exemple.fr'];
const STREETS = [
  'rue de la République', 'avenue Jean-Jaurès', 'rue Victor-Hugo', 'boulevard Gambetta', 'place de l’Église',
  'allée des Tilleuls', 'chemin du Moulin', 'rue Émile-Zola', 'impasse des Lilas', 'quai de la Saône',
  'rue du Général-de-Gaulle', 'route de Besançon', 'rue Pasteur', 'cours Lafayette',
];
const CITIES = [
  ['75011', 'Paris'], ['69003', 'Lyon'], ['42000', 'Saint-Étienne'], ['25000', 'Besançon'], ['45000', 'Orléans'],
  ['30000', 'Nîmes'], ['34500', 'Béziers'], ['13001', 'Marseille'], ['59000', 'Lille'], ['31000', 'Toulouse'],
  ['35000', 'Rennes'], ['67000', 'Strasbourg'], ['97400', 'Saint-Denis'], ['29200', 'Brest'], ['63000', 'Clermont-Ferrand'],
];
const NETWORKS = ['Facebook', 'Instagram', 'X', 'LinkedIn', 'TikTok', 'YouTube', 'WhatsApp', 'Telegram'];

/**
 * Source kinds (SPEC §4) with their weight in the file and how exports write them, French and
 * English. `{n}` is replaced by a network name.
 */
const SOURCES = [
  ['web_form', 18, ['Formulaire site web', 'Newsletter', 'Inscription newsletter', 'signup', 'Web form', 'landing page', 'Formulaire de contact, site web']],
  ['in_person', 12, ['Porte-à-porte', 'porte a porte', 'Marché du dimanche', 'Réunion publique, salle des fêtes', 'meeting', 'Événement', 'event', 'Stand', 'tractage', 'canvass', 'Rencontre']],
  ['membership', 8, ['Adhésion', 'adhérent', 'Member', 'Cotisation 2024']],
  ['donation', 6, ['Don en ligne', 'donateur', 'Donation', 'donor', 'Don, chèque']],
  ['petition', 8, ['Pétition', 'petition', 'Pétition « Sauvons la maternité »', 'Pétition en ligne']],
  ['electoral_list', 7, ['Liste électorale', 'liste electorale', 'LE', 'REU', 'electoral roll']],
  ['social_regular', 7, ['Abonné {n}', 'follower {n}', "J'aime la page {n}", 'fan {n}', 'follow']],
  ['social_occasional', 7, ['like post {n}', "j'aime publication", 'retweet', 'Partage {n}', 'Commentaire {n}', 'réaction', 'comment']],
  ['social_scraped', 2, ['extraction {n}', 'scraping', 'Export automatique {n}', 'outil de collecte', 'extension Chrome', 'bot', 'crawler']],
  ['referral', 5, ['parrainage', 'recommandé par un militant', "carnet d'adresses", 'referral', 'friend of']],
  ['file_rental', 2, ['location de fichier', 'fichier loué', 'rented list', 'list rental']],
  ['purchased', 2, ['fichier acheté', 'data broker', 'courtier', 'purchased', 'bought list']],
  ['third_party', 3, ['partenaire', 'import partenaire', 'third party', 'Tiers']],
  ['forbidden', 1, ['état civil', 'fichier RH', 'fichier municipal', 'CCAS', 'payroll', 'salariés']],
  ['unknown', 11, ['', '', '', 'divers', 'import 2023', 'autre']],
];
const SOURCE_TABLE = (() => {
  const table = [];
  for (const [kind, weight, texts] of SOURCES) for (let i = 0; i < weight; i++) table.push([kind, texts]);
  return table;
})();

const YES = ['oui', 'Oui', 'yes', '1', 'x', 'O', 'true', 'Y', 'OUI'];
const NO = ['non', 'Non', 'no', '0', 'N', 'false'];
const CHANNELS = ['email', 'sms', 'email;sms', 'Téléphone', 'porte-à-porte', 'courrier', 'réseaux sociaux', 'Email, SMS', 'phoning', 'Facebook'];
const ENRICHMENT = ['LinkedIn', 'Facebook', 'data broker', 'PhantomBuster', 'annuaire', 'Kaspr', 'Instagram', 'fichier INSEE'];
const OPINIONS = ['gauche', 'droite', 'centre', 'sympathisant', 'écologiste', 'indécis', 'soutien fort', 'opposant'];
const NOTES = [
  'Rencontré au marché, souhaite être recontacté', 'Bénévole pour le tractage du samedi', 'A signé la pétition, pas de suite',
  'Préfère les SMS', 'Déménagé ? À vérifier', 'Intéressée par la réunion publique du 12', 'Ne répond pas au téléphone',
  'Contact du comité de quartier', 'Demande le programme détaillé', 'Voisine de la permanence, très active',
  'Procuration à organiser', 'Inscrit à la newsletter via le stand', 'A dit « rappeler après 18 h »',
];
const INVALID_DATES = ['32/13/2024', 'hier', 'n/a', '2023-02-30', 'bientôt', '??'];

const DAY_MS = 86400000;
const pad2 = (n) => (n < 10 ? '0' + n : '' + n);

/** Quotes a field the way spreadsheets do: only when it holds a delimiter, quote or line break. */
function field(s) {
  if (s === '') return s;
  if (s.indexOf(',') === -1 && s.indexOf('"') === -1 && s.indexOf('\n') === -1 && s.indexOf('\r') === -1) return s;
  return '"' + s.replace(/"/g, '""') + '"';
}

/**
 * Yields rows (arrays of cells). Deterministic for a given seed. The mix is realistic for a campaign
 * that merged several tools' exports: most rows are lawful, a fair share trip at least one rule.
 */
export function* generateRows(rows, seed = 42) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (a) => a[int(a.length)];
  const chance = (p) => r() < p;

  // Dates between 2016 and mid-2026, in every format SPEC §2 lists.
  const FROM = Date.UTC(2016, 0, 1) / DAY_MS;
  const SPAN = Date.UTC(2026, 5, 30) / DAY_MS - FROM;
  const date = (fromDay = FROM, span = SPAN) => {
    const f = r();
    if (f < 0.01) return pick(INVALID_DATES);
    const day = fromDay + int(span);
    const dt = new Date(day * DAY_MS);
    const y = dt.getUTCFullYear(), m = dt.getUTCMonth() + 1, d = dt.getUTCDate();
    if (f < 0.46) return `${y}-${pad2(m)}-${pad2(d)}`;
    if (f < 0.56) return `${y}-${pad2(m)}-${pad2(d)}T${pad2(int(24))}:${pad2(int(60))}:00`;
    if (f < 0.81) return `${pad2(d)}/${pad2(m)}/${y}`;
    if (f < 0.86) return `${d}/${m}/${String(y).slice(2)}`;
    if (f < 0.91) return `${pad2(d)}-${pad2(m)}-${y}`;
    if (f < 0.95) return `${pad2(d)}.${pad2(m)}.${y}`;
    return String(day + 25569); // Excel serial
  };
  const birth = () => date(Date.UTC(1930, 0, 1) / DAY_MS, Date.UTC(2013, 0, 1) / DAY_MS - Date.UTC(1930, 0, 1) / DAY_MS);

  for (let i = 1; i <= rows; i++) {
    const [kind, texts] = pick(SOURCE_TABLE);
    const network = pick(NETWORKS);
    const social = kind.startsWith('social_');
    const [first, firstMail] = pick(FIRST);
    const [last, lastMail] = pick(LAST);
    const [cp, city] = pick(CITIES);

    const id = 'C' + (100000 + i);
    const firstName = chance(0.002) ? `${first} "${pick(['Jo', 'Mimi', 'Nono'])}"` : first;
    const email = social && chance(0.3) ? '' : `${firstMail}.${lastMail}${chance(0.4) ? int(100) : ''}@${pick(DOMAINS)}`;
    const phone = chance(0.25) ? '' : chance(0.7) ? `06 ${pad2(int(100))} ${pad2(int(100))} ${pad2(int(100))} ${pad2(int(100))}` : `+33 7 ${pad2(int(100))} ${pad2(int(100))} ${pad2(int(100))} ${pad2(int(100))}`;
    let address = '';
    if (!chance(0.2)) {
      const street = pick(STREETS);
      const num = 1 + int(140);
      address = chance(0.0005) ? `Bât. ${pick(['A', 'B', 'C'])}\n${num} ${street}` : chance(0.4) ? `${num}, ${street}` : `${num} ${street}`;
    }
    const source = pick(texts).replace('{n}', network);
    const networkCell = social && chance(0.7) ? network : '';

    // Consent: lawful collection points ask for it; social and bought contacts mostly do not have it.
    const asks = kind === 'web_form' || kind === 'petition' || kind === 'membership' || kind === 'donation' || kind === 'in_person';
    const ce = chance(0.25) ? '' : chance(asks ? 0.8 : 0.15) ? pick(YES) : pick(NO);
    const cs = chance(0.6) ? '' : chance(asks ? 0.5 : 0.1) ? pick(YES) : pick(NO);
    const claimed = YES.includes(ce) || YES.includes(cs);
    const consentDate = claimed && chance(0.75) ? date() : '';
    const objection = chance(0.93) ? '' : chance(0.6) ? pick(['oui', 'x', 'yes', 'STOP']) : date();
    const lastContact = chance(0.3) ? '' : date();
    const membershipEnd = kind === 'membership' ? date(Date.UTC(2022, 0, 1) / DAY_MS, 365 * 7) : '';
    const occasional = kind === 'social_occasional' || kind === 'referral' || kind === 'file_rental' || kind === 'purchased';
    const firstMessage = occasional && chance(0.4) ? date() : '';
    const reply = firstMessage ? pick(['oui', 'non', '', 'yes', 'no']) : '';
    const channel = chance(0.55) ? '' : pick(CHANNELS);
    const enrichment = chance(0.9) ? '' : pick(ENRICHMENT);
    const opinion = chance(0.8) ? '' : pick(OPINIONS);
    const score = chance(0.65) ? '' : '0.' + pad2(int(100));

    yield [
      id, firstName, last, email, phone, address, cp, city, chance(0.55) ? birth() : '',
      source, networkCell, chance(0.1) ? '' : date(), ce, cs, consentDate,
      objection, lastContact, membershipEnd, firstMessage, reply, channel,
      enrichment, opinion, score, chance(0.3) ? '' : pick(NOTES),
    ];
  }
}

/** Writes `rows` data rows (plus the header) to `path`; returns the byte and row counts. */
export function generateFile(path, { rows = 1_000_000, seed = 42 } = {}) {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let buf = HEADER.map(field).join(',') + '\n';
  const flush = () => {
    const b = Buffer.from(buf, 'utf8');
    writeSync(fd, b);
    bytes += b.length;
    buf = '';
  };
  try {
    for (const row of generateRows(rows, seed)) {
      let line = field(row[0]);
      for (let k = 1; k < row.length; k++) line += ',' + field(row[k]);
      buf += line + '\n';
      if (buf.length > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { path, rows, bytes };
}

function parseArgs(argv) {
  const out = { rows: 100_000, seed: 42, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rows') out.rows = Number(String(argv[++i]).replace(/[_,]/g, ''));
    else if (a === '--seed') out.seed = Number(argv[++i]);
    else if (a === '-o' || a === '--out') out.out = argv[++i];
    else if (a === '-h' || a === '--help') out.help = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(out.rows) || out.rows < 0) throw new Error('--rows: expected a whole number');
  if (!Number.isInteger(out.seed)) throw new Error('--seed: expected a whole number');
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help || !args.out) {
      process.stdout.write('usage: node bench/generate.mjs --rows N [--seed S] -o contacts.csv\n');
      process.exitCode = args.help ? 0 : 2;
    } else {
      const { bytes } = generateFile(args.out, args);
      process.stdout.write(`${args.out}: ${args.rows} rows, ${(bytes / 1e6).toFixed(1)} MB (${(bytes / Math.max(1, args.rows)).toFixed(0)} bytes a row)\n`);
    }
  } catch (e) {
    process.stderr.write(`generate: ${e.message}\n`);
    process.exitCode = 2;
  }
}
