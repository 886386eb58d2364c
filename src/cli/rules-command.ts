/**
 * `cnil-audit rules` (the catalogue with its legal sources) and `cnil-audit explain <rule-id>` (SPEC §1).
 * Everything is rendered from the rule metadata and the message catalogue, so the README table
 * (`npm run docs`, scripts/docs.mjs) and the terminal always say the same thing.
 */
import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { EXIT, reportError, defaultLang } from './shared.js';
import { AuditError } from '../errors.js';
import { hasMessage, render, t } from '../i18n/index.js';
import { rules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { DEFAULT_RETENTION } from '../engine.js';
import { RETENTION_BASIS } from '../law/retention.js';
import { decisionById } from '../law/index.js';
import type { Lang, Reference } from '../types.js';
import { mdCell, mdLink } from '../report/md.js';
import { referenceLabel } from '../i18n/references.js';

export type CatalogueFormat = 'text' | 'json' | 'md';

export interface RuleEntry {
  id: string;
  severity: Rule['severity'];
  action: Rule['action'];
  mandatory: boolean;
  title: string;
  description: string;
  references: readonly Reference[];
}

export function ruleEntry(rule: Rule, lang: Lang): RuleEntry {
  return {
    id: rule.id,
    severity: rule.severity,
    action: rule.action,
    mandatory: rule.mandatory ?? false,
    title: t(lang, `rule.${rule.id}.title`),
    description: t(lang, `rule.${rule.id}.description`),
    references: rule.references.map((ref) => ({ label: referenceLabel(lang, ref), url: ref.url })),
  };
}

/** Greedy word wrap: the first line prefixed with `indent`, the next ones with `hang` (list items). */
function wrap(text: string, indent: string, hang = indent, width = 100): string {
  const lines: string[] = [];
  let line = '';
  const prefix = () => (lines.length ? hang : indent);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix().length + line.length + 1 + word.length > width) {
      lines.push(prefix() + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(prefix() + line);
  return lines.join('\n');
}

/** The catalogue as a Markdown table; the README's rules table is exactly this (lang en). */
export function renderRulesMarkdown(lang: Lang, list: readonly Rule[] = rules): string {
  const head = ['colId', 'colSeverity', 'colAction', 'colDescription', 'colSources'].map((k) => t(lang, `rules.${k}`));
  const rows = list.map((r) => {
    const e = ruleEntry(r, lang);
    const sources = e.references.map((ref) => mdLink(ref.label, ref.url)).join('<br>');
    // Severity and action in words, as everywhere people read (the JSON catalogue keeps the codes).
    return `| \`${e.id}\` | ${t(lang, `severity.${e.severity}`)} | ${t(lang, `action.${e.action}`)} | ${mdCell(e.title)} | ${sources || '—'} |`;
  });
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows].join('\n') + '\n';
}

export function renderRulesText(lang: Lang, list: readonly Rule[] = rules): string {
  const entries = list.map((r) => ruleEntry(r, lang));
  const head = { id: t(lang, 'rules.colId'), severity: t(lang, 'rules.colSeverity'), action: t(lang, 'rules.colAction'), title: t(lang, 'rules.colDescription') };
  const w = {
    id: Math.max(head.id.length, ...entries.map((e) => e.id.length)),
    // For people, in words ("erreur", "ligne retirée"); the JSON and Markdown catalogues keep the codes.
    severity: Math.max(head.severity.length, ...entries.map((e) => t(lang, `severity.${e.severity}`).length)),
    action: Math.max(head.action.length, ...entries.map((e) => t(lang, `action.${e.action}`).length)),
  };
  const row = (id: string, severity: string, action: string, title: string) =>
    `${id.padEnd(w.id)}  ${severity.padEnd(w.severity)}  ${action.padEnd(w.action)}  ${title}`.trimEnd();
  const out = [row(head.id, head.severity, head.action, head.title)];
  for (const e of entries) {
    out.push(row(e.id, t(lang, `severity.${e.severity}`), t(lang, `action.${e.action}`), e.title));
    if (e.references.length) out.push(wrap(t(lang, 'report.labelValue', { label: t(lang, 'rules.colSources'), value: e.references.map((r) => r.label).join(' ; ') }), ' '.repeat(w.id + 2)));
  }
  out.push('', t(lang, 'rules.footer'));
  return out.join('\n') + '\n';
}

export function renderRules(format: CatalogueFormat, lang: Lang, list: readonly Rule[] = rules): string {
  if (format === 'json') return JSON.stringify(list.map((r) => ruleEntry(r, lang)), null, 2) + '\n';
  if (format === 'md') return renderRulesMarkdown(lang, list);
  return renderRulesText(lang, list);
}

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** Replaces the text between the README's rule markers; throws when they are missing or out of order. */
export function replaceRulesSection(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md: markers ${RULES_START} … ${RULES_END} not found`);
  return `${readme.slice(0, start + RULES_START.length)}\n${table}${readme.slice(end)}`;
}

/** The table currently between the README's markers, or undefined. */
export function readRulesSection(readme: string): string | undefined {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return readme.slice(start + RULES_START.length, end).replace(/^\r?\n/, '');
}

const RETENTION_RULES = new Set(['retention-expired', 'retention-unknown']);
/** Rules acting on columns recognised by header pattern (src/patterns.ts), tunable by `profiling`. */
const COLUMN_RULES = new Set(['political-opinion', 'sensitive-data', 'profiling']);
const RETENTION_CATEGORIES = ['member', 'regular_contact', 'occasional_contact', 'prospect', 'voter'] as const;

export interface RetentionLine {
  category: string;
  duration?: string;
  default?: string;
  interpretation: boolean;
  text: string;
}

function retentionLines(lang: Lang, configured: Readonly<Record<string, string>>): RetentionLine[] {
  return RETENTION_CATEGORIES.map((category) => {
    const words = (id: string, params: Record<string, string> = {}) => render(lang, { id, params: { category, ...params } });
    if (category === 'member') return { category, interpretation: false, text: words('explain.retention.member') };
    const def = DEFAULT_RETENTION[category];
    const duration = configured[category] ?? def;
    const interpretation = RETENTION_BASIS[category]?.interpretation ?? false;
    const note = duration !== def
      ? words('explain.retention.configured', { default: def })
      : words(interpretation ? 'explain.retention.interpretation' : 'explain.retention.fromText', { default: def });
    // NS 34: for data collected online the two months "devrait être raccourci" (law/retention.ts).
    const online = category === 'occasional_contact' ? `. ${t(lang, 'explain.retention.online')}` : '';
    return { category, duration, default: def, interpretation, text: `${words(`explain.retention.${category}`, { duration })} — ${note}${online}` };
  });
}

export interface Explanation extends RuleEntry {
  why: string;
  fix: string;
  interpretation?: string;
  /** The interpretations (src/law/ decisions without a text settling them) the rule rests on. */
  interpretations?: { id: string; text: string }[];
  configure: string;
  retention?: RetentionLine[];
}

export function explainRule(rule: Rule, lang: Lang, retention: Readonly<Record<string, string>> = {}): Explanation {
  const key = `rule.${rule.id}.interpretation`;
  const e: Explanation = {
    ...ruleEntry(rule, lang),
    why: t(lang, `rule.${rule.id}.why`),
    fix: t(lang, `rule.${rule.id}.fix`),
    configure: [
      t(lang, rule.mandatory ? 'explain.configureMandatory' : 'explain.configureRule', { id: rule.id }),
      ...(COLUMN_RULES.has(rule.id) ? [t(lang, 'explain.configurePatterns')] : []),
    ].join(' '),
  };
  if (hasMessage(key, lang)) e.interpretation = t(lang, key);
  const interpretations = (rule.decisions ?? []).filter((id) => decisionById(id)?.interpretation).map((id) => ({ id, text: t(lang, `law.${id}`) }));
  if (interpretations.length) e.interpretations = interpretations;
  if (RETENTION_RULES.has(rule.id)) e.retention = retentionLines(lang, retention);
  return e;
}

export function renderExplain(e: Explanation, format: CatalogueFormat, lang: Lang): string {
  if (format === 'json') return JSON.stringify(e, null, 2) + '\n';
  const severity = t(lang, 'explain.severity', {
    severity: e.severity,
    severityText: t(lang, `severity.${e.severity}`),
    action: e.action,
    actionText: t(lang, `action.${e.action}`),
  });
  const sections: [string, string][] = [
    [t(lang, 'explain.what'), e.description],
    [t(lang, 'explain.why'), e.why],
  ];
  if (format === 'md') {
    const out = [`## \`${e.id}\` — ${e.title}`, '', severity, ''];
    for (const [h, body] of sections) out.push(`### ${h}`, '', body, '');
    out.push(`### ${t(lang, 'explain.sources')}`, '', ...e.references.map((r) => `- ${mdLink(r.label, r.url)}`), '');
    out.push(`### ${t(lang, 'explain.fix')}`, '', e.fix, '');
    if (e.retention) out.push(`### ${t(lang, 'explain.retention').replace(/\s*:$/, '')}`, '', ...e.retention.map((r) => `- ${r.text}`), '');
    if (e.interpretation) out.push(`### ${t(lang, 'explain.interpretation')}`, '', e.interpretation, '');
    if (e.interpretations) out.push(t(lang, 'explain.interpretations'), '', ...e.interpretations.map((i) => `- \`${i.id}\`: ${i.text}`), '');
    out.push(`### ${t(lang, 'explain.configure')}`, '', e.configure, '');
    return out.join('\n');
  }
  const out = [`${e.id} — ${e.title}`, severity, ''];
  for (const [h, body] of sections) out.push(h, wrap(body, '  '), '');
  out.push(t(lang, 'explain.sources'));
  for (const r of e.references) out.push(wrap(`- ${r.label}`, '  ', '    '), `    ${r.url}`);
  out.push('', t(lang, 'explain.fix'), wrap(e.fix, '  '), '');
  if (e.retention) {
    out.push(t(lang, 'explain.retention'));
    for (const r of e.retention) out.push(wrap(`- ${r.text}`, '  ', '    '));
    out.push('');
  }
  if (e.interpretation) out.push(t(lang, 'explain.interpretation'), wrap(e.interpretation, '  '), '');
  if (e.interpretations) {
    out.push(t(lang, 'explain.interpretations'));
    for (const i of e.interpretations) out.push(wrap(`- ${i.text} [${i.id}]`, '  ', '    '));
    out.push('');
  }
  out.push(t(lang, 'explain.configure'), wrap(e.configure, '  '));
  return out.join('\n') + '\n';
}

export interface CatalogueOptions {
  format?: string;
  lang?: string;
  config?: string;
}

function langOf(opts: CatalogueOptions, io: CliIO): Lang {
  return (opts.lang as Lang | undefined) ?? defaultLang(io);
}

export async function runRules(opts: CatalogueOptions, io: CliIO): Promise<number> {
  const lang = langOf(opts, io);
  io.stdout.write(renderRules((opts.format ?? 'text') as CatalogueFormat, lang));
  return EXIT.OK;
}

export async function runExplain(id: string, opts: CatalogueOptions, io: CliIO): Promise<number> {
  const lang = langOf(opts, io);
  try {
    const rule = rules.find((r) => r.id === id);
    if (!rule) {
      const { closest } = await import('./suggest.js');
      const near = closest(id, rules.map((r) => r.id));
      if (near) throw new AuditError('E_USAGE', { detail: t(lang, 'explain.didYouMean', { id, suggestion: near }) });
      throw new AuditError('E_USAGE', { detail: t(lang, 'explain.unknownRule', { id, known: rules.map((r) => r.id).join(', ') }) });
    }
    let retention: Record<string, string> = {};
    if (opts.config) {
      const { loadConfig } = await import('../config.js');
      retention = loadConfig(resolve(io.cwd, opts.config)).retention ?? {};
    }
    io.stdout.write(renderExplain(explainRule(rule, lang, retention), (opts.format ?? 'text') as CatalogueFormat, lang));
    return EXIT.OK;
  } catch (e) {
    return reportError(io, lang, e);
  }
}
