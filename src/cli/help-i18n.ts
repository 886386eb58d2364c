/**
 * The command line in French (issue 14): `--help` of every command, commander's own titles and
 * mentions, and commander's usage errors ("missing required argument", "Allowed choices are…"). The
 * English texts stay where the options are declared (src/cli/main.ts); French ones are in
 * src/i18n/help-fr.ts. Loaded only when the language is French, so English start-up pays nothing.
 */
import { Help, type Command } from 'commander';
import { helpFr, helpTitlesFr } from '../i18n/help-fr.js';

const COMMON = new Set(['scan', 'purge']);

/** Stands for a space that must not break while commander wraps the help (a character of width 1). */
const GLUE = '\ue000';

/** The French text for an item of a command: its own, else the one shared by scan and purge. */
function text(cmd: string, item: string): string | undefined {
  return helpFr[`${cmd}|${item}`] ?? (COMMON.has(cmd) || item === '--help' ? helpFr[`*|${item}`] : undefined);
}

/** Commander's "(choices: …, default: …)" in French. */
function extras(s: string): string {
  return s.replace(/\((choices|default|preset|env): /g, (_m, k: string) => `(${{ choices: 'choix', default: 'par défaut', preset: 'préréglage', env: 'env' }[k]} : `)
    .replace(/, (choices|default|preset|env): /g, (_m, k: string) => `, ${{ choices: 'choix', default: 'par défaut', preset: 'préréglage', env: 'env' }[k]} : `);
}

/** Commander's "(choices: "fr", "en")" and "(default: "x")" quote values in English quotes: French ones here. */
function quotesFr(s: string): string {
  return s.replace(/\((choix|par défaut) : ([^)]*)\)/g, (_m, k: string, v: string) => `(${k} : ${v.replace(/"([^"]*)"/g, '« $1 »')})`);
}

/** Placeholder names in option and argument terms, in French (syntax stays: <…>, […], "..."). */
const PLACEHOLDERS: Record<string, string> = {
  file: 'fichier', dir: 'dossier', channel: 'canal', 'field=column': 'champ=colonne', level: 'niveau',
  lang: 'langue', fmt: 'format', 'rule-id': 'id-de-règle', sample: 'échantillon', command: 'commande', options: 'options',
  'name|N': 'nom|N', name: 'nom', kind: 'type', order: 'ordre', size: 'taille', address: 'adresse', number: 'numéro', key: 'clé',
  hex: 'hexa', enc: 'encodage', date: 'date', n: 'n', id: 'id', c: 'c',
};

function placeholders(s: string): string {
  return s.replace(/([<[])([\w=|-]+)(\.\.\.)?([>\]])/g, (m, open: string, name: string, dots: string | undefined, close: string) =>
    PLACEHOLDERS[name] ? `${open}${PLACEHOLDERS[name]}${dots ?? ''}${close}` : m);
}

/** Puts a program's help in French: descriptions, titles, the help option and command. */
export function localiseHelp(program: Command): void {
  const walk = (cmd: Command, name: string) => {
    const d = text(name, '');
    if (d) cmd.description(d);
    cmd.helpOption('-h, --help', text(name, '--help') ?? helpFr['*|--help']);
    for (const a of cmd.registeredArguments) {
      const t = text(name, `<${a.name()}>`);
      if (t) a.description = t;
    }
    for (const o of cmd.options) {
      const t = text(name, o.long ?? o.short ?? '');
      if (t) o.description = t;
    }
    cmd.configureHelp({
      styleTitle: (s: string) => helpTitlesFr[s] ?? s,
      optionTerm: (o) => placeholders(Help.prototype.optionTerm.call(cmd.createHelp(), o)),
      argumentTerm: (a) => PLACEHOLDERS[a.name()] ?? a.name(),
      commandUsage: (c) => placeholders(Help.prototype.commandUsage.call(cmd.createHelp(), c)),
      subcommandTerm: (c) => placeholders(Help.prototype.subcommandTerm.call(cmd.createHelp(), c)),
      optionDescription: (o) => quotesFr(extras(Help.prototype.optionDescription.call(cmd.createHelp(), o))),
      argumentDescription: (a) => extras(Help.prototype.argumentDescription.call(cmd.createHelp(), a)),
      // French spaces that must not end a line: after « and before » : ; ? ! (no "«\ntext »", no "\n: fr").
      boxWrap: (s: string, width: number) => Help.prototype.boxWrap.call(cmd.createHelp(), s.replace(/(?<=«) | (?=[»:;?!])/g, GLUE), width).replaceAll(GLUE, ' '),
    });
    for (const sub of cmd.commands) walk(sub, sub.name());
  };
  walk(program, '');
  program.helpCommand('help [commande]', helpFr['help|']);
}

/** A past participle agreeing with a count, the French way (0 and 1 singular). */
function count(n: string, word: string): string {
  return Number(n) < 2 ? word : `${word}s`;
}

/** Commander's error messages (command.js, option.js, suggestSimilar.js), in French. */
const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^missing required argument '(.*)'$/, (a) => `argument obligatoire manquant : « ${PLACEHOLDERS[a] ?? a} »`],
  [/^option '(.*)' argument missing$/, (o) => `option « ${placeholders(o)} » : valeur manquante`],
  [/^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s, (o, v, c) => `option « ${placeholders(o)} » : « ${v} » n’est pas permis (choix : ${c.split(', ').map((x) => `« ${x} »`).join(', ')})`],
  [/^option '(.*)' argument '(.*)' is invalid\.(.*)$/s, (o, v) => `option « ${placeholders(o)} » : « ${v} » n’est pas valable`],
  [/^required option '(.*)' not specified$/, (o) => `option obligatoire « ${placeholders(o)} » absente`],
  [/^unknown option '(.*)'$/, (o) => `option inconnue « ${o} »`],
  [/^unknown command '(.*)'$/, (c) => `commande inconnue « ${c} »`],
  [/^too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\.$/, (c, e, g) => `trop d’arguments pour « ${c} » : ${e} ${count(e, 'attendu')}, ${g} ${count(g, 'donné')}`],
  [/^too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, (e, g) => `trop d’arguments : ${e} ${count(e, 'attendu')}, ${g} ${count(g, 'donné')}`],
  [/^(.*) cannot be used with (.*)$/, (a, b) => `${a} ne peut pas être utilisé avec ${b}`],
];

/** A commander error message (without its "error: " prefix) in French; unknown ones as they are. */
export function commanderErrorFr(message: string): string {
  const [first, ...rest] = message.split('\n');
  let out = first;
  for (const [re, fr] of ERRORS) {
    const m = re.exec(first);
    if (m) {
      out = fr(...m.slice(1));
      break;
    }
  }
  for (const line of rest) {
    const one = /^\(Did you mean (.*)\?\)$/.exec(line.trim());
    const many = /^\(Did you mean one of (.*)\?\)$/.exec(line.trim());
    if (many) out += ` (vouliez-vous dire l’une de : ${many[1]} ?)`;
    else if (one) out += ` (vouliez-vous dire ${one[1]} ?)`;
    else if (line.trim()) out += `\n${line}`;
  }
  return out;
}
