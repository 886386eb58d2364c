import type { Catalogue } from './index.js';

/**
 * Messages ajoutés avec le schéma de rapport v2 et la CLI en une seule langue (issue 14). Mêmes clés
 * que `cli-en.ts`.
 */
export const cliFr: Catalogue = {
  'words.channel.email': 'e-mail',
  'words.channel.sms': 'SMS',
  'words.channel.automated_call': 'automate d’appel',
  'words.channel.phone': 'téléphone',
  'words.channel.post': 'courrier',
  'words.channel.social': 'réseaux sociaux',
  'words.channel.door': 'porte-à-porte',
  'words.channel.ads': 'publicité politique',

  'verdict.title': 'cnil-audit scan — {files} fichiers',
  'verdict.titlePurge': 'cnil-audit purge — {files} fichiers',
  'verdict.total': 'Total : {files} fichier(s), {rows} lignes lues, {kept} gardées, {dropped} retirées ; {errors} erreur(s), {warnings} avertissement(s), {infos} remarque(s).',
  'verdict.pass': 'Code de sortie 0 : aucun constat de niveau « {level} » ou plus.',
  'verdict.passNever': 'Code de sortie 0 : --fail-on never.',
  'verdict.maxWarnings': 'Code de sortie 1 : {count} avertissement(s), plus que --max-warnings {max}.',
  'verdict.unreadable': 'Code de sortie 2 : {count} fichier(s) n’ont pas pu être lus.',
  'github.more': '{count} constat(s) de plus pour {rule} ({title}), non annotés ici ; le rapport les liste',
  'usage.combinedFormat': '--report {path} : avec plusieurs fichiers, un seul rapport les réunit en .json, .md, .html ou .sarif seulement ; utilisez --out-dir pour un rapport .{ext} par fichier',
  'usage.maxWarnings': '--max-warnings : « {value} » n’est pas un nombre entier (0 ou plus)',
  'usage.outputDelimiter': '--output-delimiter : « {value} » n’est pas un seul caractère (ni tab, comma, semicolon, pipe)',
  'config.several': 'configuration invalide, {count} problèmes : {list}',
  'config.issue': '{path} : {detail}',
  'config.separator': ' ; ',
  'config.duration': 'attendu : une durée comme « 3y », « 36m », « 2m », « 90d » ou « 2w » (y : ans, m : mois, w : semaines, d : jours)',
  'config.date': 'attendu : une date comme « 2026-03-22 » ou « 22/03/2026 »',
  'config.retentionMaximum': 'plus long que les deux mois que la NS 34 autorise au plus pour les contacts occasionnels et les prospects (« délai maximal de deux mois ») : retentionBySource ne peut que les raccourcir ; indiquez 2m ou moins (par ex. « 1m », « 30d »)',
  'config.unknownKeys': 'clé(s) inconnue(s) : {keys}',
  'config.oneOf': 'attendu : une valeur parmi {values}',
  'config.type': 'attendu : {expected}',
  'config.type.string': 'un texte',
  'config.type.number': 'un nombre',
  'config.type.boolean': 'true ou false',
  'config.type.object': 'un objet { … }',
  'config.type.array': 'une liste [ … ]',
  'config.tooSmall': 'trop petit (au moins {minimum})',
  'config.invalidKey': 'clé inconnue',
  'config.invalid': 'valeur invalide',
  'config.other': '{detail}',
  'explain.didYouMean': 'règle inconnue « {id} » ; vouliez-vous dire {suggestion} ? (cnil-audit rules les liste toutes)',
};
