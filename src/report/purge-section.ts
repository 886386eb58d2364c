/**
 * The purge part of the Markdown and HTML reports (issue #13): a purge report opens with the purge —
 * as-of date, input SHA-256, rows in/kept/purged, by reason and by category, the retention applied per
 * category with its source (marked when it is the tool's interpretation), the files written — and
 * says what the purged file is, before describing what remains in it. One model, two renderings.
 */
import type { Lang } from '../types.js';
import { render, t } from '../i18n/index.js';
import { categoryWord, durationWords, sourceWord } from '../i18n/words.js';
import type { AnyReport, PurgeSection, RetentionApplied } from './model.js';

export interface PurgeFacts {
  verdict: string;
  /** Whether something remains that a purge rule could not settle (the verdict's colour). */
  level: 'ok' | 'warning' | 'error';
  facts: [string, string][];
  byReason: [string, string, number][];
  byCategory: [string, number][];
  retention: [string, string, string][];
  files: [string, string][];
  notes: string[];
  remainingTitle: string;
}

/** Where a category's retention comes from, in words (the report holds the message id and params). */
export function retentionBasisText(lang: Lang, r: RetentionApplied): string {
  return render(lang, { id: r.messageId, params: r.params });
}

/** A retention row's category in words: `occasional_contact/web_form` (config retentionBySource) names its source too. */
export function retentionCategoryWord(lang: Lang, key: string): string {
  const slash = key.indexOf('/');
  return slash === -1 ? categoryWord(lang, key) : `${categoryWord(lang, key.slice(0, slash))} (${sourceWord(lang, key.slice(slash + 1))})`;
}

/** A purge-log rule's title: a rule of the catalogue, or the erasure on request (not a rule: nothing detects it). */
export function ruleTitle(lang: Lang, rule: string): string {
  return rule === 'erasure-request' ? t(lang, 'rights.erasureTitle') : t(lang, `rule.${rule}.title`);
}

export function purgeFacts(report: AnyReport & { purge: PurgeSection }, lang: Lang): PurgeFacts {
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  const p = report.purge;
  const purged = Object.values(p.byReason).reduce((a, b) => a + b, 0);
  const rem = report.summary.remainingBySeverity;
  const dry = report.options.dryRun;
  const facts: [string, string][] = [
    [L('md.asOf'), report.asOf],
    [L('md.generatedAt'), report.generatedAt],
    ['SHA-256', report.input.sha256],
    [L('report.rowsIn'), String(report.input.rows)],
    [L('report.rowsKept'), String(report.output.rows)],
    [L(dry ? 'report.purge.wouldPurge' : 'report.purge.purged'), String(purged)],
    [L('report.electionDate'), report.options.electionDate ?? L('report.purge.noElectionDate')],
  ];
  const files: [string, string][] = [];
  if (report.output.path) files.push([L('report.purge.purgedFile'), report.output.path]);
  if (p.log) files.push([L('report.purgeLog'), p.log]);
  if (p.suppressionList) files.push([L('report.purge.suppressionList', { added: p.suppressionList.added }), p.suppressionList.path]);
  if (p.keyFingerprint) files.push([L('report.purge.key'), p.keyFingerprint]);
  const notes = [L('report.purge.notScrubbed')];
  if (p.unidentified) notes.push(L('purge.unidentified', { count: p.unidentified }));
  if (dry) notes.unshift(L('purge.dryRunTitle'));
  return {
    verdict: L(dry ? 'report.purge.verdictDry' : 'report.purge.verdict', { purged, kept: report.output.rows, errors: rem.error, warnings: rem.warning }),
    level: dry ? 'warning' : 'ok',
    facts,
    byReason: Object.entries(p.byReason).sort((a, b) => b[1] - a[1]).map(([rule, n]) => [rule, ruleTitle(lang, rule), n]),
    // Categories and durations in words, for people (the JSON keeps the codes).
    byCategory: Object.entries(p.byCategory).sort((a, b) => b[1] - a[1]).map(([category, n]) => [categoryWord(lang, category), n]),
    retention: Object.entries(p.retention).map(([category, r]) => [retentionCategoryWord(lang, category), durationWords(lang, r.duration), retentionBasisText(lang, r)]),
    files,
    notes,
    remainingTitle: L('report.purge.remaining'),
  };
}

/** Markdown: `cell` escapes a value for a table cell. */
export function* mdPurge(f: PurgeFacts, lang: Lang, cell: (s: string) => string): Generator<string> {
  const L = (id: string) => t(lang, id);
  yield `> ${cell(f.verdict)}\n\n## ${L('report.purge')}\n\n| | |\n|---|---|\n`;
  for (const [k, v] of f.facts) yield `| ${cell(k)} | ${k === 'SHA-256' ? `\`${v}\`` : cell(v)} |\n`;
  if (f.byReason.length) {
    yield `\n### ${L('report.purge.byReason')}\n\n| ${L('report.col.rule')} | | |\n|---|---|---:|\n`;
    for (const [rule, title, n] of f.byReason) yield `| \`${rule}\` | ${cell(title)} | ${n} |\n`;
  }
  if (f.byCategory.length) {
    yield `\n### ${L('report.purge.byCategory')}\n\n| | |\n|---|---:|\n`;
    for (const [category, n] of f.byCategory) yield `| ${cell(category)} | ${n} |\n`;
  }
  yield `\n### ${L('report.purge.retention')}\n\n| | | |\n|---|---|---|\n`;
  for (const [category, duration, source] of f.retention) yield `| ${cell(category)} | ${cell(duration)} | ${cell(source)} |\n`;
  if (f.files.length) {
    yield `\n### ${L('report.purge.files')}\n\n`;
    for (const [k, v] of f.files) yield `- ${cell(k)}: \`${v.replace(/`/g, "'")}\`\n`;
  }
  yield '\n';
  for (const n of f.notes) yield `${cell(n)}\n\n`;
  yield `# ${cell(f.remainingTitle)}\n\n`;
}

/** HTML: `esc` escapes text. */
export function htmlPurge(f: PurgeFacts, lang: Lang, esc: (s: string | number) => string): string {
  const L = (id: string) => esc(t(lang, id));
  const out: string[] = [`<p class="verdict ${f.level}" id="purge-verdict">${esc(f.verdict)}</p><section id="purge"><h2>${L('report.purge')}</h2><dl class="meta">`];
  for (const [k, v] of f.facts) out.push(`<dt>${esc(k)}</dt><dd${k === 'SHA-256' ? ' class="mono"' : ''}>${esc(v)}</dd>`);
  out.push('</dl>');
  if (f.byReason.length) {
    out.push(`<h3>${L('report.purge.byReason')}</h3><table id="purge-reasons"><tbody>`);
    for (const [rule, title, n] of f.byReason) out.push(`<tr><td><code>${esc(rule)}</code></td><td>${esc(title)}</td><td class="num">${n}</td></tr>`);
    out.push('</tbody></table>');
  }
  if (f.byCategory.length) {
    out.push(`<h3>${L('report.purge.byCategory')}</h3><table id="purge-categories"><tbody>`);
    for (const [category, n] of f.byCategory) out.push(`<tr><td>${esc(category)}</td><td class="num">${n}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push(`<h3>${L('report.purge.retention')}</h3><table id="purge-retention"><tbody>`);
  for (const [category, duration, source] of f.retention) out.push(`<tr><td>${esc(category)}</td><td>${esc(duration)}</td><td>${esc(source)}</td></tr>`);
  out.push('</tbody></table>');
  if (f.files.length) {
    out.push(`<h3>${L('report.purge.files')}</h3><dl class="meta">`);
    for (const [k, v] of f.files) out.push(`<dt>${esc(k)}</dt><dd class="mono">${esc(v)}</dd>`);
    out.push('</dl>');
  }
  for (const n of f.notes) out.push(`<p class="note">${esc(n)}</p>`);
  out.push(`</section><h2 id="remaining">${esc(f.remainingTitle)}</h2>`);
  return out.join('');
}
