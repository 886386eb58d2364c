/**
 * Legal references shared by several rules (SPEC §5), written once so a label or URL is corrected in
 * one place. A rule's own, single-use references stay in its file.
 */
import type { Reference } from '../types.js';

/** The GDPR, consolidated French text on EUR-Lex; the article is named in the label (no stable anchors). */
const RGPD_URL = 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679';

export function rgpd(article: string, title: string): Reference {
  return { label: `RGPD (règlement (UE) 2016/679), art. ${article} — ${title}`, url: RGPD_URL };
}

export const CNIL_SANCTIONS_2025: Reference = {
  label: 'CNIL — Prospection politique : la CNIL sanctionne cinq candidats aux élections européennes et législatives 2024 (18 décembre 2025)',
  url: 'https://www.cnil.fr/fr/prospection-politique-sanction-candidats-2024',
};

export const CNIL_SOCIAL_NETWORKS: Reference = {
  label: 'CNIL — Communication politique : quelles règles pour la collecte de données sur les réseaux sociaux ? (9 février 2023 ; 1re version novembre 2016)',
  url: 'https://www.cnil.fr/fr/communication-politique-quelles-regles-pour-la-collecte-de-donnees-sur-les-reseaux-sociaux',
};

export const CNIL_EMAIL: Reference = {
  label: 'CNIL — La communication politique par courrier électronique (14 mars 2012, mise à jour)',
  url: 'https://www.cnil.fr/la-communication-politique-par-courrier-electronique',
};

export const CNIL_PRIVATE_SECTOR_FILES: Reference = {
  label: 'CNIL — Les fichiers du secteur privé (21 octobre 2025)',
  url: 'https://www.cnil.fr/fr/les-fichiers-du-secteur-prive',
};

export const CNIL_PHONE: Reference = {
  label: 'CNIL — La communication politique par téléphone (SMS/MMS, automates d\'appel)',
  url: 'https://www.cnil.fr/fr/la-communication-politique-par-telephone',
};

export const QOMON_SOCIAL_NETWORKS: Reference = {
  label: 'Qomon — Utilisation des données issues des réseaux sociaux : quelles règles en campagne ? (21 octobre 2023)',
  url: 'https://fr.qomon.com/blog/utilisation-reseaux-sociaux-election',
};

export const NS34: Reference = {
  label: 'Légifrance — Délibération CNIL n° 2012-021 du 26 janvier 2012, norme simplifiée n° 34 (communication politique)',
  url: 'https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000025365982/',
};

export const CNIL_PUBLISHED_DATA_REUSE: Reference = {
  label: 'CNIL — Réutilisation de vos données publiées sur Internet à des fins commerciales : quels sont vos droits ? (12 juin 2024)',
  url: 'https://www.cnil.fr/fr/reutilisation-de-vos-donnees-publiees-sur-internet-des-fins-commerciales-quels-sont-vos-droits',
};

export const CNIL_VOTER_RIGHTS_2026: Reference = {
  label: 'CNIL — Respecter les droits des électeurs sur leurs données personnelles (30 janvier 2026)',
  url: 'https://www.cnil.fr/fr/respecter-les-droits-des-electeurs-sur-leurs-donnees-personnelles',
};

export const CNIL_POLITICAL_FILES: Reference = {
  label: 'CNIL — Les fichiers de communication politique (21 octobre 2025)',
  url: 'https://www.cnil.fr/fr/les-fichiers-de-communication-politique',
};

export const CNIL_VOTER_RIGHTS: Reference = {
  label: 'CNIL — Les droits des électeurs',
  url: 'https://www.cnil.fr/fr/les-droits-des-electeurs',
};

export const NS34_RETENTION_ARTICLE: Reference = {
  label: 'Délibération n° 2012-021 (NS 34), article « Durée de conservation des données » (JORFARTI000025365421, copie du JORF sur legal.tricoteuses.fr)',
  url: 'https://legal.tricoteuses.fr/articles/JORFARTI000025365421',
};

export const QOMON_GDPR_REFLEXES: Reference = {
  label: 'Qomon (centre d\'aide) — Les réflexes RGPD dans le cadre d\'une communication politique',
  url: 'https://help.qomon.com/fr/articles/3007673-les-reflexes-rgpd-dans-le-cadre-d-une-communication-politique',
};

export const CNIL_FORBIDDEN_FILES: Reference = {
  label: 'CNIL — Les fichiers qui ne peuvent pas être utilisés pour la communication politique (21 octobre 2025)',
  url: 'https://www.cnil.fr/fr/les-fichiers-qui-ne-peuvent-pas-etre-utilises-pour-la-communication-politique',
};

export const CNIL_VOTER_LISTS: Reference = {
  label: 'CNIL — L\'utilisation de listes d\'électeurs pour la communication politique (21 octobre 2025)',
  url: 'https://www.cnil.fr/fr/lutilisation-de-listes-delecteurs-pour-la-communication-politique',
};

export const CODE_ELECTORAL_L37: Reference = {
  label: 'Légifrance — Code électoral, art. L37 (communication de la liste électorale)',
  url: 'https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070239/',
};

export const CGCT_L1112_16: Reference = {
  label: 'Légifrance — Code général des collectivités territoriales, art. L1112-16 (pétition des électeurs d\'une commune pour une consultation locale)',
  url: 'https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070633/',
};

export const LA_POSTE_NPAI: Reference = {
  label: 'Lifen (assistance) — NPAI : « N\'habite Pas à l\'Adresse Indiquée », courrier que La Poste n\'a pas pu distribuer',
  url: 'https://assistance.lifen.fr/hc/fr/articles/360021895019-NPAI-les-courriers-sont-ils-d%C3%A9truit',
};

/** Regulation (EU) 2024/900 on the transparency and targeting of political advertising, EUR-Lex (FR). */
const RPP_URL = 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32024R0900';

export function rpp(article: string, title: string): Reference {
  return { label: `Règlement (UE) 2024/900 (publicité à caractère politique), art. ${article} — ${title}`, url: RPP_URL };
}

export const CNIL_RPP_FICHES: Reference = {
  label: 'CNIL — Élections et communication politique : la CNIL publie 6 fiches pratiques pour accompagner les acteurs (21 octobre 2025 ; règlement 2024/900, art. 18 et 19)',
  url: 'https://www.cnil.fr/fr/elections-et-communication-politique-la-cnil-publie-6-fiches-pratiques',
};

export const LIL_ART45: Reference = {
  label: 'Légifrance — Loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), article 45',
  url: 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000886460',
};

export const CNIL_MINORS_PARENT: Reference = {
  label: "CNIL — Recommandation 4 : rechercher le consentement d'un parent pour les mineurs de moins de 15 ans (9 juin 2021)",
  url: 'https://www.cnil.fr/fr/recommandation-4-rechercher-le-consentement-dun-parent-pour-les-mineurs-de-moins-de-15-ans',
};
