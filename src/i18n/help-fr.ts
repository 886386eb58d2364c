/**
 * `--help` en français : la description de chaque commande, argument et option, par « commande|option »
 * (« | » seul : le programme ; « *| » : les options communes à scan et purge). Le texte anglais reste
 * dans src/cli/main.ts ; test/i18n-cli.test.ts vérifie qu'aucune option n'est oubliée.
 */
export const helpFr: Record<string, string> = {
  '|': 'Audite les fichiers de contacts des campagnes politiques françaises au regard des règles de la CNIL ; écrit un fichier nettoyé et un rapport.',
  '|--version': 'affiche le numéro de version',
  '|--help': 'affiche l’aide de la commande',
  '*|--help': 'affiche l’aide de la commande',
  'help|': 'affiche l’aide d’une commande',

  '*|<file>': 'fichiers CSV (.csv, .csv.gz) ; « - » lit l’entrée standard',
  '*|--out-dir': 'dossier des fichiers écrits (plusieurs fichiers en entrée)',
  '*|--format': 'ce qui va sur la sortie standard : « text » (résumé), « json », « md », « github » (annotations GitHub Actions) ou « none » (rien)',
  '*|--for': 'canal prévu pour le fichier nettoyé : email, sms, automated_call, phone, post, social, door (répétable)',
  '*|--as-of': 'date de référence des durées de conservation (par défaut : aujourd’hui)',
  '*|--election-date': 'date de l’élection, ou de fin de l’opération que sert le fichier',
  '*|--config': 'fichier de configuration (par défaut : ./cnil-audit.config.json s’il existe)',
  '*|--map': 'associe une colonne à un champ, à la place de la détection (répétable)',
  '*|--encoding': 'force l’encodage du fichier lu (utf-8, utf-16le, utf-16be, windows-1252)',
  '*|--delimiter': 'force le séparateur (, ; tab |)',
  '*|--output-encoding': 'encodage du fichier écrit (par défaut : celui de l’entrée ; utf-8-bom pour Excel)',
  '*|--output-delimiter': 'séparateur du fichier écrit (par défaut : celui de l’entrée ; « ; » pour Excel en français)',
  '*|--fail-on': 'code de sortie 1 dès qu’un constat atteint ce niveau (« error », « warning » ou « never »)',
  '*|--max-warnings': 'code de sortie 1 au-delà de n avertissements',
  '*|--lang': 'langue des messages et des rapports (par défaut : fr si la langue du système est le français)',
  '*|--rejects': 'écrit aussi les lignes retirées (contient des données personnelles)',
  '*|--show-values': 'montre les valeurs masquées (j***@exemple.fr) dans les constats',
  '*|--quiet': 'n’affiche que les erreurs',
  '*|--no-color': 'sans couleurs (aussi NO_COLOR)',

  'scan|': 'audite des fichiers de contacts ; écrit un fichier nettoyé et un rapport',
  'scan|--out': 'fichier nettoyé (par défaut : <nom>.clean.csv à côté de l’entrée ; « - » pour la sortie standard)',
  'scan|--report': 'fichier de rapport, format selon l’extension : .json .md .html .csv .sarif (répétable ; plusieurs entrées : un seul rapport .json, .md, .html ou .sarif)',
  'scan|--dry-run': 'calcule tout, n’écrit aucun fichier',
  'scan|--suppress': 'retire les lignes dont l’e-mail ou le téléphone figure sur cette liste d’opposition (écrite par purge --suppression-list ; par défaut : suppressionList de la configuration)',

  'purge|': 'purge de conservation pour un DPO : retire les lignes dont la durée de conservation est dépassée, opposées, aspirées, de source interdite ou mal formées ; écrit un journal de purge sans donnée personnelle',
  'purge|--out': 'fichier purgé (par défaut : <nom>.purged.csv à côté de l’entrée ; « - » pour la sortie standard)',
  'purge|--report': 'fichier de rapport, format selon l’extension (par défaut : <nom>.purge-report-<date>.json ; répétable)',
  'purge|--dry-run': 'liste ce qui serait purgé ; ne supprime et n’écrit rien',
  'purge|--log': 'journal de purge, CSV ou .json (par défaut : <nom>.purge-log-<date>.csv à côté de l’entrée)',
  'purge|--salt': 'sel des empreintes du journal, tel qu’affiché par une purge précédente (par défaut : un nouveau sel aléatoire)',
  'purge|--suppression-list': 'ajoute l’empreinte de l’e-mail ou du téléphone des personnes opposées à cette liste (créée si absente ; par défaut : suppressionList de la configuration)',
  'purge|--suppress': 'purge aussi les lignes dont l’e-mail ou le téléphone figure sur cette liste d’opposition',

  'rules|': 'liste les règles avec leur gravité, leur action et leurs sources juridiques',
  'rules|--format': 'format de sortie : « text », « json » ou « md »',
  'rules|--lang': 'langue (par défaut : fr si la langue du système est le français)',
  'explain|': 'explique une règle : ce qu’elle vérifie, pourquoi, ses sources, comment corriger et la configurer',
  'explain|<rule-id>': 'identifiant de la règle, tel que le liste « cnil-audit rules »',
  'explain|--format': 'format de sortie : « text », « json » ou « md »',
  'explain|--lang': 'langue (par défaut : fr si la langue du système est le français)',
  'explain|--config': 'fichier de configuration dont montrer les durées de conservation',
  'init|': 'écrit cnil-audit.config.json : l’association des colonnes détectée sur un échantillon, les durées de conservation et niveaux des règles par défaut, à relire et versionner',
  'init|<sample>': 'un export CSV dont l’en-tête donne l’association des colonnes (« - » lit l’entrée standard)',
  'init|--out': 'fichier de configuration à écrire',
  'init|--force': 'remplace un fichier de configuration existant',
  'init|--encoding': 'force l’encodage de l’échantillon (utf-8, utf-16le, utf-16be, windows-1252)',
  'init|--delimiter': 'force le séparateur de l’échantillon (, ; tab |)',
  'init|--lang': 'langue des messages (par défaut : fr si la langue du système est le français)',
};

/** Titres et mentions de l'aide de commander. */
export const helpTitlesFr: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options globales :',
};
