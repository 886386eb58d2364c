/**
 * The message catalogue: every sentence the tool shows lives here (publint style: rules and errors
 * return ids and parameters, wording is chosen at render time in the requested language).
 */
import type { Lang, MessageRef } from '../types.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { cliEn } from './cli-en.js';
import { cliFr } from './cli-fr.js';
import { wordParams } from './words.js';

export type Catalogue = Record<string, string>;

const catalogues: Record<Lang, Catalogue> = { en: { ...en, ...cliEn }, fr: { ...fr, ...cliFr } };

export function hasMessage(id: string, lang: Lang): boolean {
  return Object.prototype.hasOwnProperty.call(catalogues[lang], id);
}

export function messageIds(lang: Lang): string[] {
  return Object.keys(catalogues[lang]);
}

/**
 * Templates split once into literal text and placeholder names ([text, name, text, …]): findings and
 * purge-log reasons are rendered per row, and a regular-expression replace each time cost several %.
 */
const compiled = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+(?::[^{}|]*\|[^{}]*)?)\}/)));
  return parts;
}

/**
 * How many a parameter counts: a number, a numeric string, or else the items of a list (`3, 5, 8`,
 * `« a », « b »`); undefined when the parameter is absent.
 */
function countOf(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const n = Number(value.replace(/[\s\u00a0\u202f]/g, ''));
  return value.trim() !== '' && Number.isFinite(n) ? n : value.split(', ').length;
}

/**
 * `{name:one|other}`: the word for the count in `name`, by the language's rule — French puts 0 and 1 in
 * the singular ("0 constat", "1 ligne", "2 lignes"), English only 1. With no such parameter, `other`.
 */
function plural(lang: Lang, spec: string, params: Record<string, string | number>): string {
  const colon = spec.indexOf(':');
  const bar = spec.indexOf('|', colon);
  const n = countOf(Object.prototype.hasOwnProperty.call(params, spec.slice(0, colon)) ? params[spec.slice(0, colon)] : undefined);
  const one = n !== undefined && (lang === 'fr' ? Math.abs(n) < 2 : n === 1);
  return one ? spec.slice(colon + 1, bar) : spec.slice(bar + 1);
}

/**
 * Renders `{name}` placeholders, and `{name:one|other}` plurals. An unknown id renders as the id itself,
 * so a gap is visible, not fatal.
 */
export function t(lang: Lang, id: string, params: Record<string, string | number> = {}): string {
  const parts = partsOf(catalogues[lang][id] ?? catalogues.en[id] ?? id);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i];
    if (key.includes(':')) out += plural(lang, key, params) + parts[i + 1];
    else out += (Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : `{${key}}`) + parts[i + 1];
  }
  return out;
}

/** A message with its code params (channel, category, duration) in words (src/i18n/words.ts). */
export function render(lang: Lang, m: MessageRef): string {
  return t(lang, m.id, wordParams(lang, m.params));
}

/** Usage errors listing the values allowed: the parameter holding them ("a, b, c"). */
const LISTED_PARAM: Record<string, string> = { forChannel: 'channels', failOn: 'levels', lang: 'langs' };

/**
 * An error's sentence (`error.<code>`). Its parameters are put in the language too: a system code
 * (`ENOENT`) becomes words with the code kept in brackets, and an output's name ("the cleaned file")
 * its translation, so a French user does not read "impossible d'écrire the cleaned file : ENOENT".
 */
export function errorText(lang: Lang, code: string, params: Record<string, string | number> = {}): string {
  // Every problem of a config file at once, each with its path (src/config.ts validateConfig).
  if (code === 'E_CONFIG' && typeof params.issues === 'string') return configIssuesText(lang, params.issues, params.input);
  // Values the user types, listed: quoted the language's way (« email », « sms »).
  const listed = code === 'E_USAGE' ? LISTED_PARAM[String(params.usage)] : undefined;
  if (listed && typeof params[listed] === 'string') return t(lang, `usage.${params.usage}`, { ...params, [listed]: quotedList(lang, String(params[listed]).split(', ')) });
  if (code === 'E_MAP_UNKNOWN_FIELD' && typeof params.fields === 'string') return t(lang, 'error.E_MAP_UNKNOWN_FIELD', { ...params, fields: quotedList(lang, params.fields.split(', ')) });
  // csv-parse's code in words; one the catalogue does not know is shown as the code alone outside English.
  if (code === 'E_CSV_SYNTAX' && typeof params.code === 'string') {
    const id = `csv.${params.code}`;
    const detail = hasMessage(id, lang) ? t(lang, id) : lang === 'en' ? String(params.detail ?? params.code) : params.code;
    return t(lang, 'error.E_CSV_SYNTAX', { detail });
  }
  if (code === 'E_MAP_UNKNOWN_COLUMN' && typeof params.missing === 'string') {
    const missing = JSON.parse(params.missing) as [string, string][];
    if (missing.length > 1) return t(lang, 'error.E_MAP_UNKNOWN_COLUMNS', { list: quotedList(lang, missing.map(([f, c]) => `${f}=${c}`)) });
  }
  // A usage error worded by the catalogue (usageError in src/errors.ts).
  if (code === 'E_USAGE' && typeof params.usage === 'string' && hasMessage(`usage.${params.usage}`, 'en')) return t(lang, `usage.${params.usage}`, params);
  const p = { ...params };
  for (const k of ['what', 'other']) {
    const v = p[k];
    if (typeof v === 'string' && hasMessage(`output.${v}`, 'en')) p[k] = t(lang, `output.${v}`);
  }
  if (typeof p.kind === 'string' && hasMessage(`filekind.${p.kind}`, 'en')) p.kind = t(lang, `filekind.${p.kind}`);
  if (typeof p.detail === 'string' && /^E[A-Z0-9]+$/.test(p.detail) && hasMessage(`errno.${p.detail}`, 'en')) {
    p.detail = `${t(lang, `errno.${p.detail}`)} (${p.detail})`;
  }
  return t(lang, `error.${code}`, p);
}

/** Literals the user types, each quoted the language's way, joined by ", ". */
function quotedList(lang: Lang, values: readonly string[]): string {
  return values.map((value) => t(lang, 'words.quote', { value })).join(', ');
}

/**
 * The config problems of an E_CONFIG error, in `lang`, all in one line: each with its path in the
 * file (quoted; none for the file as a whole). `input`: the input whose reading found the problem.
 */
function configIssuesText(lang: Lang, json: string, input?: string | number): string {
  const issues = JSON.parse(json) as { path: string; id: string; params: Record<string, string | number> }[];
  const texts = issues.map((i) => {
    const p: Record<string, string | number> = { ...i.params };
    if (i.id === 'type' && hasMessage(`config.type.${p.expected}`, lang)) p.expected = t(lang, `config.type.${p.expected}`);
    if (i.id === 'oneOf' && typeof p.values === 'string') p.values = quotedList(lang, p.values.split('\u0000'));
    if (i.id === 'unknownKeys' && typeof p.keys === 'string') p.keys = quotedList(lang, p.keys.split('\u0000'));
    const id = i.id === 'mapColumn' && input ? 'mapColumnIn' : i.id;
    const detail = i.id === 'other' && lang !== 'en' ? t(lang, 'config.invalid') : t(lang, `config.${id}`, { ...p, input: input ?? '' });
    return i.path ? t(lang, 'config.issue', { path: t(lang, 'words.quote', { value: i.path }), detail }) : detail;
  });
  if (texts.length === 1) return t(lang, 'config.one', { issue: texts[0] });
  return t(lang, 'config.several', { count: texts.length, list: texts.join(t(lang, 'config.separator')) });
}

/**
 * The default language: French when the locale is French (SPEC §1). Reads the environment it is given
 * rather than `process.env`, so the core stays pure.
 */
export function detectLang(env: Record<string, string | undefined>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return /^fr([_.-]|$)/i.test(locale) ? 'fr' : 'en';
}
