import type { Catalogue } from './index.js';

/** Messages français. Mêmes clés que `en.ts` (vérifié par test/i18n.test.ts). */
export const fr: Catalogue = {
  'error.E_USAGE': '{detail}',
  'error.E_CONFIG': 'configuration invalide : {path} : {detail}',
  'error.E_INPUT_UNREADABLE': 'impossible de lire le fichier : {detail}',
  'error.E_INPUT_EMPTY': 'le fichier est vide : pas de ligne d’en-tête',
  'error.E_INPUT_BINARY': 'ce n’est pas un fichier texte (octet NUL à l’octet {offset}) ; exportez-le en CSV',
  'error.E_ENCODING': 'octets illisibles dans l’encodage {encoding} ; précisez --encoding',
  'error.E_UNKNOWN_ENCODING': 'encodage inconnu « {encoding} » (essayez utf-8, utf-16le, utf-16be, windows-1252)',
  'error.E_CSV_SYNTAX': 'erreur de syntaxe CSV : {detail}',
  'error.E_HEADER_DUPLICATE': 'nom de colonne en double « {column} » (colonnes {first} et {second}) ; renommez-en une ou associez-la avec --map',
  'error.E_HEADER_EMPTY': 'la colonne {position} n’a pas de nom ; nommez-la ou associez-la avec --map',
  'error.E_NO_CONTACT_COLUMN': 'aucune colonne de contact reconnue (email, téléphone, adresse ou nom) parmi : {columns} ; associez-en une avec --map champ=colonne',
  'error.E_MAP_UNKNOWN_COLUMN': 'association {field}={column} : pas de colonne « {column} » dans l’en-tête',
  'error.E_MAP_UNKNOWN_FIELD': 'association « {field} » : champ inconnu (champs connus : {fields})',
  'error.E_FIELD_TOO_LARGE': 'un champ dépasse la limite de {limit} caractères',
  'error.E_TOO_MANY_COLUMNS': '{count} colonnes, plus que la limite de {limit}',
  'error.E_OUTPUT_IS_INPUT': 'refus d’écrire {what} sur le fichier d’entrée ; choisissez un autre chemin',
  'error.E_OUTPUT_UNWRITABLE': 'impossible d’écrire {what} : {detail}',
  'error.E_INTERRUPTED': 'interrompu ; aucun fichier partiel n’a été laissé',

  'summary.title': 'cnil-audit scan — {file}',
  'summary.titlePurge': 'cnil-audit purge — {file}',
  'summary.input': 'Entrée : {rows} lignes, {columns} colonnes, {encoding}, séparateur {delimiter}',
  'summary.rows': 'Lignes : {rowsIn} lues, {kept} gardées, {dropped} retirées ({withFindings} avec constats)',
  'summary.findingsTitle': 'Constats par règle :',
  'summary.noFindings': 'Aucun constat.',
  'summary.scrubbed': 'Colonnes retirées du fichier nettoyé : {columns}',
  'summary.channelsNotChecked': 'L’usage multicanal n’a pas été vérifié : ni --for ni colonne de canal.',
  'summary.channels': 'Vérifié pour un usage par : {channels}',
  'summary.wroteClean': 'Fichier nettoyé : {path}',
  'summary.wroteReport': 'Rapport : {path}',
  'summary.wroteRejects': 'Lignes retirées : {path} (contient des données personnelles : protégez-le ou supprimez-le)',
  'summary.dryRun': 'Essai à blanc : aucun fichier nettoyé écrit.',
  'summary.truncated': 'Certaines règles ont plus de {limit} constats : le rapport liste les premiers et les compte tous.',
  'summary.nextStepErrors': 'Étape suivante : utilisez le fichier nettoyé, pas l’original, et lisez le rapport (cnil-audit explain <règle> explique pourquoi).',
  'summary.nextStepClean': 'Étape suivante : le fichier peut être utilisé pour les canaux vérifiés.',
  'summary.mapping': 'Colonnes associées : {mapping}',
  'summary.unmapped': 'Colonnes non associées (conservées telles quelles) : {columns}',
  'summary.failOn': 'Code de sortie {code} : {count} constat(s) de niveau « {level} » ou plus.',
  'cli.rejectsWarning': 'attention : --rejects écrit les lignes retirées, qui contiennent des données personnelles ; protégez ce fichier ou supprimez-le.',
  'cli.interrupted': 'interrompu ; aucun fichier partiel n’a été laissé',
  'cli.progress': '{rows} lignes ({rate} lignes/s)',
  'cli.progressPercent': '{percent} % — {rows} lignes ({rate} lignes/s)',

  'md.asOf': 'Date de référence',
  'md.generatedAt': 'Généré le',
  'md.byRule': 'Constats par règle',
  'md.count': 'nombre',
  'md.findings': 'Constats',
  'md.line': 'ligne',
  'md.severity': 'gravité',

  'severity.error': 'erreur',
  'severity.warning': 'avertissement',
  'severity.info': 'info',
  'action.drop-row': 'ligne retirée',
  'action.scrub-field': 'champ effacé',
  'action.flag': 'signalée',

  'rule.malformed-row.title': 'Ligne mal formée',
  'rule.malformed-row.description': 'La ligne n’a pas autant de champs que l’en-tête.',
  'rule.malformed-row.fieldCount': 'la ligne a {count} champs, l’en-tête en a {expected}',
  'rule.invalid-date.title': 'Date illisible',
  'rule.invalid-date.description': 'Un champ de date ne peut pas être lu comme une date ; elle est traitée comme inconnue.',
  'rule.invalid-date.unparseable': 'la date du champ {field} est illisible ; traitée comme inconnue',

  // --- source, consent and channel rules ---
  // --- end source, consent and channel rules ---

  // --- data-content and retention rules ---
  // --- end data-content and retention rules ---

  // --- reports (md, html, csv) and init ---
  // --- end reports and init ---

  // --- purge ---
  // --- end purge ---
};
