/**
 * The language check of test/i18n-all.test.ts: a word list of the other language, and the codes a
 * person must never read (category, source, field and config-key codes, duration codes like "3y"),
 * run over text with only what is not language removed — URLs, paths, rule ids, the input's own column
 * names and values, quoted literal values of one token (« 3y » is what the user types in a config).
 * Snake_case and camelCase words are NOT removed: `regular_contact` in a French sentence fails.
 */
import { CATEGORIES, CHANNELS, FIELDS, SOURCES } from '../../src/types.js';
import { rules } from '../../src/rules/index.js';
import { decisions } from '../../src/law/index.js';
import { mdCell } from '../../src/report/md.js';

export const ENGLISH_WORDS = [
  'the', 'and', 'with', 'without', 'expected', 'missing', 'required', 'unknown', 'files?', 'rows?', 'kept', 'dropped',
  'errors?', 'warnings?', 'found', 'cleaned', 'report', 'channels?', 'years?', 'months?', 'weeks?', 'days?', 'allowed',
  'choices', 'display', 'output', 'default', 'would', 'should', 'cannot', 'after', 'before', 'until', 'over', 'used',
  'for', 'none', 'between', 'category', 'commands?', 'help', 'is', 'are', 'not', 'of', 'from', 'this', 'that', 'which',
  'when', 'where', 'there', 'has', 'have', 'been', 'was', 'line', 'column', 'field', 'value', 'name', 'number', 'key',
  'kind', 'order', 'size', 'address', 'finished', 'opening', 'quote', 'unexpected', 'end', 'invalid', 'regular',
  'rule', 'turned', 'off', 'member', 'membership', 'donation', 'referral', 'purchased', 'forbidden',
  'voters?', 'occasional', 'scraped', 'rental', 'third', 'party', 'drop', 'scrub', 'flag', 'comma',
  'semicolon', 'pipe', 'property', 'root', 'in', 'to', 'by', 'or', 'at', 'it', 'be', 'as',
  'if', 'no', 'yes', 'all', 'any', 'each', 'per', 'only', 'also', 'more', 'than', 'less', 'set', 'sheet',
  'enc', 'hex', 'fmt', 'dir', 'level', 'sample', 'retention', 'election', 'round', 'stdin',
  'stdout', 'true', 'false', 'fix', 'provide',
];

export const FRENCH_WORDS = [
  'le', 'la', 'les', 'des', 'une', 'un', 'du', 'au', 'aux', 'et', 'ou', 'est', 'sont', 'fichiers?', 'lignes?',
  'erreurs?', 'avertissements?', 'règles?', 'conservée?s?', 'données', 'canal', 'canaux', 'aucune?', 'avec', 'sans',
  'jusqu', 'après', 'pour', 'dans', 'sur', 'utilisation', 'commandes?', 'conservation', 'consentement',
  'préalable', 'responsabilité', 'exactitude', 'licéité', 'loyauté', 'finalités', 'catégories?', 'particulières?',
  'mineurs', 'membres', 'anciens', 'réguliers', 'profilage', 'retrait', 'collecte',
  'indirecte', 'spécifique', 'ciblage', 'jamais', 'publicité', 'politique',
  'collectées', 'auprès', 'personne', 'transparence', 'explicite', 'février', 'janvier', 'mars', 'avril',
  'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'mise', 'jour',
  'référence', 'ans', 'mois', 'jours', 'semaines', 'par', 'analogie', 'devrait', 'être', 'raccourci', 'voir',
  'selon', 'loi', 'délibération', 'recommandation', 'fichier', 'réseaux', 'sociaux',
  'électeurs', 'droits', 'effacement', 'de', 'que', 'qui', 'en', 'ne', 'pas', 'très',
];

const re = (words: readonly string[]) => new RegExp(`(?<![\\p{L}\\p{N}_'’-])(${words.join('|')})(?![\\p{L}\\p{N}_-])`, 'iu');
const ENGLISH = re(ENGLISH_WORDS);
const FRENCH = re(FRENCH_WORDS);

/** Codes that must be worded for people, in both languages (word-like ones too for French). */
const CODES = [...new Set([...CATEGORIES, ...SOURCES, ...FIELDS, ...CHANNELS].filter((c) => /_/.test(c)))];
const CAMEL_KEYS = ['electionDate', 'secondRoundDate', 'retentionBySource', 'suppressionList', 'keyFile', 'secondRound'];
const CODE = new RegExp(`(?<![\\p{L}\\p{N}_-])(${CODES.join('|')})(?![\\p{L}\\p{N}_-])|(?<![\\p{L}\\p{N}_.-])\\d+[dwmy](?![\\p{L}\\p{N}_-])|\\b(drop-row|scrub-field)\\b`, 'u');
/**
 * Option names and config keys shown to people in a report (not in the terminal or `--help`, where
 * they are what the user types).
 */
const OPTION = new RegExp(`(?<![\\w-])--[a-z][\\w-]*|(?<![\\w.-])(${CAMEL_KEYS.join('|')}|retention\\.\\w+)(?![\\w-])`);

/** Rule ids and the law layer's decision ids: codes a reader looks up (`explain`), shown as such. */
const IDS = [...rules.map((r) => r.id), ...decisions().map((d) => d.id), 'erasure-request']
  .sort((a, b) => b.length - a.length)
  .map((id) => id.replace(/\./g, '\\.'));

const patterns = new Map<readonly string[], RegExp>();
/** The input's own strings as they appear in text (and escaped in Markdown), whole words only. */
function literalPattern(literals: readonly string[]): RegExp {
  let re = patterns.get(literals);
  if (!re) {
    const forms = [...new Set(literals.filter((l) => l.length > 1).flatMap((l) => [l, mdCell(l)]))].sort((a, b) => b.length - a.length);
    const esc = forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(esc.length ? `(?<![\\p{L}\\p{N}_])(${esc.join('|')})(?![\\p{L}\\p{N}_])` : '(?!)', 'gu');
    patterns.set(literals, re);
  }
  return re;
}

/** Text with what is not language removed (see the file comment). `literals`: the input's own strings. */
export function words(text: string, literals: readonly string[]): string {
  return text
    .replace(new RegExp(`(?<![\\w-])(${IDS.join('|')})(?![\\w-])`, 'g'), ' ')
    .replace(literalPattern(literals), ' ')
    .replace(/https?:\/\/\S+|file:\/\/\S+|<dir>\S*/g, ' ')
    .replace(/(^|[\s(«"“`])[\w.-]*\/[\w./@-]+/g, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/[\w.-]+\.(csv|json|key|md|html|sarif|xlsx|xlsm|xls|xlsb|ods|gz|txt)(?![\w-])/g, ' ')
    // Config snippets to type ({"web_form": {"occasional_contact": "1m"}}).
    .replace(/\{"[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, ' ')
    // One-token literals in quotes, an option's maybe: what the user types (« 3y », « xml », "tab", « --profile none »).
    .replace(/«\s?(--?[\w-]+\s)?[^\s»]+\s?»|"(--?[\w-]+\s)?[^\s"]+"|`[^\s`]+`|'[^\s']+'/g, ' ');
}

export interface Problem {
  output: string;
  line: string;
  match: string;
}

/**
 * The lines of `text` in the wrong language. `lang` is the language chosen; `people`: a report for
 * people (no option names); English output may cite a French document's title “in curly quotes”.
 */
export function wrongLanguage(lang: 'fr' | 'en', text: string, opts: { literals: readonly string[]; people: boolean; name: string }): Problem[] {
  const out: Problem[] = [];
  // A French title cited in English output, “in curly quotes”, may be wrapped over lines.
  let cited = lang === 'en' ? text.replace(/“[^”]*”/g, (m) => m.replace(/[^\n]/g, ' ')) : text;
  // A quoted literal wrapped after its opening guillemet; commander's help command, named "help".
  cited = cited.replace(/«\s*\n\s*/g, '« ').replace(/^(\s*)help \[/gm, '$1[');
  for (const line of cited.split('\n')) {
    let w = words(line, opts.literals);
    const option = opts.people ? w.match(OPTION) : null;
    // Option names are what a terminal user types (a report for people words them instead).
    w = w.replace(/(?<![\w-])--?[a-zA-Z][\w-]*(=\S*)?/g, ' ');
    const m = option ?? w.match(lang === 'fr' ? ENGLISH : FRENCH) ?? w.match(CODE);
    if (m) out.push({ output: opts.name, line: line.slice(0, 300), match: m[0] });
  }
  return out;
}
