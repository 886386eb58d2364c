/**
 * Legal references in the reader's language (issue 14). A reference's label (src/law/references.ts,
 * the rules) is the French citation: the title of a French document, its date, and sometimes the
 * tool's own gloss ("— limitation de la conservation"). French output shows it as it is. English
 * output keeps a French document's official title, quoted as a citation “…”, and adds an English
 * gloss in brackets; dates and the tool's words are in English. The GDPR and Regulation 2024/900 have
 * official English versions: their English names and article titles are used.
 */
import type { Lang, Reference } from '../types.js';

const GDPR = /^RGPD \(règlement \(UE\) 2016\/679\), art\. (.+?) — (.+)$/;
const RPP = /^Règlement \(UE\) 2024\/900 \(publicité à caractère politique\), art\. (.+?) — (.+)$/;

/** The tool's glosses of GDPR and Regulation 2024/900 articles (the part after "—"), in English. */
const ARTICLE_GLOSSES: Record<string, string> = {
  'information en cas de collecte indirecte': 'information where data are not obtained from the person',
  'information en cas de collecte indirecte (source des données)': 'information where data are not obtained from the person (source of the data)',
  'source des données': 'source of the data',
  'droit d\'opposition à la prospection': 'right to object to direct marketing',
  'opposition à la prospection': 'objection to direct marketing',
  'consentement spécifique ; conditions du consentement': 'specific consent; conditions for consent',
  'consentement spécifique': 'specific consent',
  'profilage ; opposition au profilage lié à la prospection': 'profiling; objection to profiling related to direct marketing',
  'profilage': 'profiling',
  'licéité, loyauté, transparence': 'lawfulness, fairness and transparency',
  'limitation des finalités': 'purpose limitation',
  'exactitude': 'accuracy',
  'limitation de la conservation': 'storage limitation',
  'responsabilité (accountability)': 'accountability',
  'consentement comme base légale': 'consent as the lawful basis',
  'preuve du consentement': 'proof of consent',
  'retrait du consentement ; opposition': 'withdrawal of consent; right to object',
  'consentement des enfants (services de la société de l\'information)': 'child\'s consent (information society services)',
  'catégories particulières ; exceptions': 'special categories; exceptions',
  'catégories particulières': 'special categories',
  'catégories particulières ; consentement explicite': 'special categories; explicit consent',
  'catégories particulières de données': 'special categories of data',
  'contacts réguliers': 'regular contacts',
  'membres': 'members',
  'membres et contacts réguliers': 'members and regular contacts',
  'membres, anciens membres, contacts réguliers': 'members, former members, regular contacts',
  'droit à l’effacement': 'right to erasure',
  'conditions du ciblage et de la diffusion': 'conditions for targeting and ad delivery',
  'conditions du ciblage': 'conditions for targeting',
  'données collectées auprès de la personne': 'data collected from the person',
  'jamais pour la publicité politique en ligne : données non collectées auprès de la personne': 'never for online political advertising: data not collected from the person',
  'consentement explicite et distinct': 'explicit, separate consent',
  'consentement explicite et distinct à la publicité politique': 'explicit consent, given separately, to political advertising',
  'pas de profilage sur des catégories particulières': 'no profiling on special categories of data',
  'mineurs': 'minors',
  'pas de ciblage des personnes d’au moins un an de moins que l’âge du droit de vote (political-ads)': 'no targeting of people known to be at least one year under the voting age (political-ads)',
  'transparence du ciblage': 'transparency of targeting',
};

/** Every other reference: the French citation → its English rendering (French title kept, quoted). */
const LABELS_EN: Record<string, string> = {
  'Lifen (assistance) — NPAI : « N\'habite Pas à l\'Adresse Indiquée », courrier que La Poste n\'a pas pu distribuer': 'Lifen (help centre) — NPAI: “N’habite Pas à l’Adresse Indiquée” [not living at the address given], mail the French postal service could not deliver',
  'CNIL — Communication politique : quelles règles pour la collecte de données sur les réseaux sociaux ? (9 février 2023 ; 1re version novembre 2016)':
    'CNIL — “Communication politique : quelles règles pour la collecte de données sur les réseaux sociaux ?” [political communication: the rules for collecting data on social networks] (2023-02-09; first version 2016-11)',
  "CNIL — L'utilisation de listes d'électeurs pour la communication politique (21 octobre 2025)":
    "CNIL — “L'utilisation de listes d'électeurs pour la communication politique” [using electoral lists for political communication] (2025-10-21)",
  'CNIL — La communication politique par courrier électronique (14 mars 2012, mise à jour)':
    'CNIL — “La communication politique par courrier électronique” [political communication by email] (2012-03-14, updated)',
  "CNIL — La communication politique par téléphone (SMS/MMS, automates d'appel)":
    'CNIL — “La communication politique par téléphone” [political communication by phone: SMS/MMS, automated calls]',
  'CNIL — Les droits des électeurs': 'CNIL — “Les droits des électeurs” [voters’ rights]',
  'CNIL — Les fichiers de communication politique (21 octobre 2025)':
    'CNIL — “Les fichiers de communication politique” [political communication files] (2025-10-21)',
  'CNIL — Les fichiers du secteur privé (21 octobre 2025)': 'CNIL — “Les fichiers du secteur privé” [private-sector files] (2025-10-21)',
  'CNIL — Les fichiers qui ne peuvent pas être utilisés pour la communication politique (21 octobre 2025)':
    'CNIL — “Les fichiers qui ne peuvent pas être utilisés pour la communication politique” [files that cannot be used for political communication] (2025-10-21)',
  'CNIL — Logiciels de prospection politique et de stratégie électorale : 5 bons réflexes (5 février 2020)':
    'CNIL — “Logiciels de prospection politique et de stratégie électorale : 5 bons réflexes” [political canvassing and electoral strategy software: 5 good habits] (2020-02-05)',
  'CNIL — Prospection politique : la CNIL sanctionne cinq candidats aux élections européennes et législatives 2024 (18 décembre 2025)':
    'CNIL — “Prospection politique : la CNIL sanctionne cinq candidats aux élections européennes et législatives 2024” [the CNIL fines five candidates in the 2024 European and legislative elections] (2025-12-18)',
  'CNIL — Quels fichiers peuvent être utilisés à des fins de communication politique ?':
    'CNIL — “Quels fichiers peuvent être utilisés à des fins de communication politique ?” [which files may be used for political communication]',
  "CNIL — Recommandation 4 : rechercher le consentement d'un parent pour les mineurs de moins de 15 ans (9 juin 2021)":
    "CNIL — “Recommandation 4 : rechercher le consentement d'un parent pour les mineurs de moins de 15 ans” [recommendation 4: seek a parent’s consent for minors under 15] (2021-06-09)",
  'CNIL — Respecter les droits des électeurs sur leurs données personnelles (30 janvier 2026)':
    'CNIL — “Respecter les droits des électeurs sur leurs données personnelles” [respecting voters’ rights over their personal data] (2026-01-30)',
  'CNIL — Réutilisation de vos données publiées sur Internet à des fins commerciales : quels sont vos droits ? (12 juin 2024)':
    'CNIL — “Réutilisation de vos données publiées sur Internet à des fins commerciales : quels sont vos droits ?” [reuse of your data published online for commercial purposes: your rights] (2024-06-12)',
  'CNIL — Élections et communication politique : la CNIL publie 6 fiches pratiques pour accompagner les acteurs (21 octobre 2025 ; règlement 2024/900, art. 18 et 19)':
    'CNIL — “Élections et communication politique : la CNIL publie 6 fiches pratiques pour accompagner les acteurs” [elections and political communication: six practical guides] (2025-10-21; Regulation 2024/900, arts. 18 and 19)',
  'Délibération n° 2012-021 (NS 34), article « Durée de conservation des données » (JORFARTI000025365421, copie du JORF sur legal.tricoteuses.fr)':
    'CNIL deliberation no. 2012-021 (NS 34), article “Durée de conservation des données” [data retention period] (JORFARTI000025365421, copy of the Journal officiel on legal.tricoteuses.fr)',
  "Légifrance — Code général des collectivités territoriales, art. L1112-16 (pétition des électeurs d'une commune pour une consultation locale)":
    'Légifrance — “Code général des collectivités territoriales” [local authorities code], art. L1112-16 (a petition of a municipality’s voters for a local consultation)',
  'Légifrance — Code électoral, art. L37 (communication de la liste électorale)':
    'Légifrance — “Code électoral” [electoral code], art. L37 (access to the electoral list)',
  'Légifrance — Délibération CNIL n° 2012-020 du 26 janvier 2012 portant recommandation sur les fichiers des partis, élus et candidats':
    'Légifrance — CNIL deliberation no. 2012-020 of 2012-01-26, “portant recommandation sur les fichiers des partis, élus et candidats” [recommendation on the files of parties, elected officials and candidates]',
  'Légifrance — Délibération CNIL n° 2012-021 du 26 janvier 2012, norme simplifiée n° 34 (communication politique)':
    'Légifrance — CNIL deliberation no. 2012-021 of 2012-01-26, “norme simplifiée n° 34” [simplified standard no. 34: political communication]',
  'Légifrance — Délibération CNIL n° 2016-264 (NS 48, gestion de clients et de prospects), art. 5 « Durées de conservation » (référence de 3 ans, par analogie)':
    'Légifrance — CNIL deliberation no. 2016-264 (NS 48, customer and prospect management), art. 5 “Durées de conservation” [retention periods] (the 3-year reference, by analogy)',
  'Légifrance — Loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), article 45':
    'Légifrance — Act no. 78-17 of 1978-01-06, “Informatique et Libertés” [French Data Protection Act], article 45',
  "Qomon (centre d'aide) — Les réflexes RGPD dans le cadre d'une communication politique":
    "Qomon (help centre) — “Les réflexes RGPD dans le cadre d'une communication politique” [GDPR habits for political communication]",
  'Qomon — Utilisation des données issues des réseaux sociaux : quelles règles en campagne ? (21 octobre 2023)':
    'Qomon — “Utilisation des données issues des réseaux sociaux : quelles règles en campagne ?” [using social-network data: the rules in a campaign] (2023-10-21)',
  'Règlement (UE) 2024/900 relatif à la transparence et au ciblage de la publicité à caractère politique (RPP)':
    'Regulation (EU) 2024/900 on the transparency and targeting of political advertising',
};

/** The English rendering of a French reference label, or undefined when there is none (a gap the test shows). */
export function englishLabel(label: string): string | undefined {
  const own = LABELS_EN[label];
  if (own) return own;
  const gdpr = GDPR.exec(label);
  if (gdpr && ARTICLE_GLOSSES[gdpr[2]]) return `GDPR (Regulation (EU) 2016/679), art. ${gdpr[1].replace(/ et /g, ' and ')} — ${ARTICLE_GLOSSES[gdpr[2]]}`;
  const rpp = RPP.exec(label);
  if (rpp && ARTICLE_GLOSSES[rpp[2]]) return `Regulation (EU) 2024/900 (political advertising), art. ${rpp[1]} — ${ARTICLE_GLOSSES[rpp[2]]}`;
  return undefined;
}

/** A reference's label in `lang`: the French citation, or its English rendering. */
export function referenceLabel(lang: Lang, ref: Reference): string {
  return lang === 'en' ? (englishLabel(ref.label) ?? ref.label) : ref.label;
}
