/**
 * One HTML report for several inputs (`-r all.html` with several files): the totals and the verdict,
 * a table of the files, then each file's report as a section, built from the single-file report
 * (src/report/html.ts) with its ids prefixed and its headings a level down. Self-contained like it: one
 * style, one script (the single report's, run once per section), a Content-Security-Policy by hash.
 */
import type { Lang } from '../types.js';
import { t } from '../i18n/index.js';
import type { AnyReport } from './model.js';
import { totalLine, totalsOf, verdictLine, type Verdict } from './combined.js';
import { HTML_SCRIPT, HTML_STYLE, contentSecurityPolicy, esc, htmlChunks } from './html.js';

/** The single report's script, run on each section: its element ids get the section's prefix. */
const SCRIPT =
  'Array.prototype.forEach.call(document.querySelectorAll("section.file"),function(R){var P=R.id+"-";' +
  HTML_SCRIPT.replace(/document\.getElementById\('([\w-]+)'\)/g, "document.getElementById(P+'$1')").replace(/document\.querySelectorAll\(/g, 'R.querySelectorAll(') +
  '});';
const STYLE = HTML_STYLE + 'section.file{border-top:3px solid var(--line);margin-top:40px}table.files td,table.files th{white-space:nowrap}\n';

const CSP = contentSecurityPolicy(STYLE, SCRIPT);

/** The inside of a single report's <main>, ids prefixed and headings one level down. */
function section(report: AnyReport, lang: Lang, prefix: string): string {
  const html = [...htmlChunks(report, lang)].join('');
  const inner = html.slice(html.indexOf('<main>') + '<main>'.length, html.lastIndexOf('</main>'));
  return inner
    .replace(/ id="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/ href="#([^"]+)"/g, ` href="#${prefix}-$1"`)
    .replace(/<(\/?)h([1-5])\b/g, (_m, close: string, n: string) => `<${close}h${Number(n) + 1}`)
    .replace(/<footer>[\s\S]*?<\/footer>/, '');
}

export function* combinedHtmlChunks(reports: readonly AnyReport[], verdict: Verdict, lang: Lang): Generator<string> {
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  const totals = totalsOf(reports);
  const command = reports[0]?.command ?? 'scan';
  const title = L(command === 'purge' ? 'verdict.titlePurge' : 'verdict.title', { files: totals.files });
  const tool = reports[0]?.tool ?? { name: 'cnil-audit', version: '' };
  yield `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8">`;
  yield `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`;
  yield `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">`;
  yield `<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>\n`;
  yield `<header><h1>${esc(title)}</h1></header>`;
  yield `<p class="verdict ${verdict.exitCode ? 'error' : 'ok'}" id="verdict">${esc(verdictLine(verdict, lang))}</p>`;
  yield `<p>${esc(totalLine(totals, lang))}</p>`;
  yield `<div class="tablewrap"><table class="files"><thead><tr><th>${esc(L('report.file'))}</th><th class="num">${esc(L('report.rowsIn'))}</th><th class="num">${esc(L('report.rowsKept'))}</th><th class="num">${esc(L('report.rowsDropped'))}</th><th class="num">${esc(L('report.errors'))}</th><th class="num">${esc(L('report.warnings'))}</th></tr></thead><tbody>`;
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    const name = r.input.path === '-' ? '<stdin>' : r.input.path.split(/[\\/]/).pop() || r.input.path;
    yield `<tr><td><a href="#f${i + 1}">${esc(name)}</a></td><td class="num">${r.input.rows}</td><td class="num">${r.output.rows}</td><td class="num">${r.output.droppedRows}</td><td class="num">${r.summary.bySeverity.error}</td><td class="num">${r.summary.bySeverity.warning}</td></tr>`;
  }
  yield `</tbody></table></div>`;
  if (verdict.unreadable.length) yield `<ul>${verdict.unreadable.map((u) => `<li class="mono">${esc(`${u.path}: ${u.message}`)}</li>`).join('')}</ul>`;
  for (let i = 0; i < reports.length; i++) yield `\n<section class="file" id="f${i + 1}">${section(reports[i], lang, `f${i + 1}`)}</section>`;
  yield `<footer>${esc(L('report.footer', { tool: `${tool.name} ${tool.version}` }))}</footer>`;
  yield `</main><script>${SCRIPT}</script></body></html>\n`;
}
