/**
 * HTML report (SPEC §7, issue #5): one self-contained file a DPO opens offline. Inline CSS, script and
 * SVG charts; no network, no external font. A Content-Security-Policy allows only this file's own
 * style and script (by hash), so even a value that slipped past escaping could not run or load
 * anything. Every value from the input is escaped and formula-like values are neutralised (SPEC §9).
 * The findings table is plain HTML (readable and printable without script); the script only filters
 * and sorts it.
 */
import { htmlPurge, purgeFacts } from './purge-section.js';
import { createHash } from 'node:crypto';
import type { Category, Lang, Severity, Source } from '../types.js';
import { CATEGORIES, LANGS, SOURCES } from '../types.js';
import { t } from '../i18n/index.js';
import { channelWord, fieldWord } from '../i18n/words.js';
import { referenceLabel } from '../i18n/references.js';
import { AGE_BUCKETS, type AnyReport, type ReportFinding } from './model.js';
import { findingMessage } from './wording.js';
import {
  CONTACT_RETENTION_CATEGORIES,
  READABLE_FINDINGS_PER_RULE,
  actionLabel,
  durationLabel,
  durationMonths,
  fieldLabel,
  labelled,
  neutraliseFormula,
  nextSteps,
  noticeText,
  readableFindings,
  remainingView,
  ruleSummaries,
  severityLabel,
  verdict,
  type RuleSummary,
} from './shared.js';

import { escapeControls } from '../controls.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and double-quoted attributes. Control characters from the input (ESC,
 * BEL, C1, a bare CR, U+2028) are shown escaped (`\u001b`) like in the other reports (issue #16): a
 * page saved as text or copied into a terminal must not carry them. LF and tab are HTML whitespace.
 */
export function esc(s: string | number): string {
  return escapeControls(String(s), '\n\t').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A value from the input: neutralised (a spreadsheet paste must not run it), then escaped. */
function val(s: string): string {
  return esc(neutraliseFormula(s));
}

/** "Label: value" where the value is already HTML. */
function labelledHtml(lang: Lang, label: string, html: string): string {
  // A private-use character marks the place: esc leaves it (a control would be escaped).
  return esc(labelled(lang, label, '\uE000')).replace('\uE000', html);
}

/** Anchor id of a rule's explanation. */
function ruleAnchor(id: string): string {
  return `rule-${id.replace(/[^a-z0-9-]/gi, '_')}`;
}

function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return `${esc(label)} (${esc(url)})`;
  return `<a href="${esc(url)}" rel="noopener noreferrer" target="_blank">${esc(label)}</a>`;
}

/** The findings table's columns, in order (`data-k` of each cell). */
const FINDING_COLUMNS = ['line', 'id', 'rule', 'severity', 'action', 'field', 'message', 'value'] as const;

/**
 * On a phone each finding is a card, each cell under its column's name: the names come from the style
 * (`html[lang=…] td[data-k=…]::before`), one set per language, so the style stays one constant (its
 * hash is in the Content-Security-Policy) and no row carries its labels.
 */
const CARD_LABELS = LANGS.flatMap((lang) =>
  FINDING_COLUMNS.map((k) => {
    const label = t(lang, `report.col.${k}`);
    return `html[lang=${lang}] table.findings td[data-k=${k}]::before{content:${JSON.stringify(label.charAt(0).toUpperCase() + label.slice(1))}}`;
  }),
).join('');

const STYLE = `
:root{--err:#b42318;--err-bg:#fef3f2;--warn:#b54708;--warn-bg:#fffaeb;--info:#175cd3;--info-bg:#eff8ff;--ok:#067647;--ok-bg:#ecfdf3;--ink:#101828;--muted:#475467;--line:#d0d5dd;--bar:#3e6fb0;--bg:#fff;--panel:#f9fafb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.25rem;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:0 0 4px}
a{color:var(--info)}code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.sub{color:var(--muted);margin:0 0 12px;overflow-wrap:anywhere}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:12px 0;font-size:.92rem}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
.verdict{border-radius:8px;padding:12px 16px;margin:16px 0;font-weight:600;border:1px solid}
.verdict.error{background:var(--err-bg);border-color:var(--err);color:var(--err)}.verdict.warning{background:var(--warn-bg);border-color:var(--warn);color:var(--warn)}.verdict.ok{background:var(--ok-bg);border-color:var(--ok);color:var(--ok)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:16px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px}.card .n{font-size:1.7rem;font-weight:700;line-height:1.2}.card .l{color:var(--muted);font-size:.85rem}
.card.error .n{color:var(--err)}.card.warning .n{color:var(--warn)}.card.ok .n{color:var(--ok)}
.rules{display:grid;gap:10px}.rule{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:6px;padding:10px 14px;background:var(--panel)}
.rule.error{border-left-color:var(--err)}.rule.warning{border-left-color:var(--warn)}.rule p{margin:4px 0}.rule .links{font-size:.9rem}
.pill{display:inline-block;border-radius:999px;padding:0 8px;font-size:.8rem;font-weight:600;white-space:nowrap}
.pill.error{background:var(--err-bg);color:var(--err)}.pill.warning{background:var(--warn-bg);color:var(--warn)}.pill.info{background:var(--info-bg);color:var(--info)}
.count{font-weight:700}.muted{color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(460px,100%),1fr));gap:20px}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px;background:var(--bg)}figcaption{font-weight:600;margin-bottom:6px}figure .note{font-size:.85rem;color:var(--muted);margin:6px 0 0}
figure.wide{grid-column:1/-1}
svg{display:block;width:100%;height:auto}svg.hbar{max-width:620px}svg.hbar.wide{max-width:960px}svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--ink)}
svg .bar{fill:var(--bar)}svg .bar.error{fill:var(--err)}svg .bar.warning{fill:var(--warn)}svg .bar.info{fill:var(--info)}svg .bar.old{fill:var(--err)}
svg .axis{stroke:var(--line)}svg .limit{stroke:var(--ink);stroke-dasharray:4 3;stroke-width:1.5}svg .val{fill:var(--muted)}svg a text{fill:var(--info);text-decoration:underline}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:end;margin:0 0 10px}.controls label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
.controls select,.controls input{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:4px;min-width:180px}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}td.num,th.num{text-align:right}
th{background:var(--panel);position:sticky;top:0}th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:var(--ink)}th button::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \\2191"}th[aria-sort=descending] button::after{content:" \\2193"}
td.msg{min-width:220px}td.mono{min-width:11em}th{white-space:nowrap}td[data-k=rule],td[data-k=severity]{white-space:nowrap}.cap{display:inline-block}.cap::first-letter,th button::first-letter{text-transform:uppercase}
ol.steps li{margin:4px 0}
.explain{border-top:1px solid var(--line);padding:12px 0}.explain:target{background:var(--info-bg)}
footer{margin-top:40px;color:var(--muted);font-size:.85rem}
svg.narrow{display:none;max-width:440px}figure .scroll{overflow-x:auto}
h1,h2,h3,figcaption,.rule p{overflow-wrap:anywhere}
@media (max-width:600px){main{padding:16px 12px 40px}svg.hbar{display:none}svg.narrow{display:block}svg.histogram{min-width:800px}.controls label{flex:1 1 100%}.controls select,.controls input{min-width:0;width:100%}dl.meta{grid-template-columns:minmax(0,max-content) minmax(0,1fr)}
.tablewrap.cards-narrow{overflow-x:visible}table.findings,table.findings tbody{display:block}table.findings thead{display:none}
table.findings tr{display:block;border:1px solid var(--line);border-radius:8px;padding:6px 10px;margin:0 0 10px;background:var(--panel)}table.findings tr[hidden]{display:none}
table.findings td{display:grid;grid-template-columns:6.5em minmax(0,1fr);gap:8px;padding:2px 0;border:0;text-align:left;min-width:0;white-space:normal;overflow-wrap:anywhere}table.findings td:empty{display:none}table.findings td>*{justify-self:start}
table.findings td::before{color:var(--muted);font:.85rem system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
${CARD_LABELS}}
@media print{.controls,.noprint{display:none!important}th{position:static}figure{break-inside:avoid}.rule{break-inside:avoid}}
`;

/** Filtering and sorting of the findings table; reads data-* attributes, never writes HTML. */
const SCRIPT = `
(function(){
  var table=document.getElementById('findings-table');
  if(!table)return;
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  var rule=document.getElementById('filter-rule'),sev=document.getElementById('filter-severity'),q=document.getElementById('filter-text');
  var shown=document.getElementById('shown-count'),controls=document.getElementById('controls');
  var text=new Map();
  function textOf(r){var s=text.get(r);if(s===undefined){s=r.textContent.toLowerCase();text.set(r,s);}return s;}
  function apply(){
    var rv=rule.value,sv=sev.value,qv=q.value.trim().toLowerCase(),n=0;
    for(var i=0;i<rows.length;i++){var r=rows[i];
      var ok=(!rv||r.getAttribute('data-rule')===rv)&&(!sv||r.getAttribute('data-severity')===sv)&&(!qv||textOf(r).indexOf(qv)>=0);
      r.hidden=!ok;if(ok)n++;}
    shown.textContent=String(n);
  }
  var SEV={error:0,warning:1,info:2};
  function key(r,k){
    if(k==='line')return Number(r.getAttribute('data-line'));
    if(k==='severity')return SEV[r.getAttribute('data-severity')];
    var c=r.querySelector('[data-k="'+k+'"]');return c?c.textContent.toLowerCase():'';
  }
  var heads=table.tHead.querySelectorAll('th[data-sort]');
  Array.prototype.forEach.call(heads,function(th){
    var b=th.querySelector('button');
    b.addEventListener('click',function(){
      var k=th.getAttribute('data-sort'),dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir>0?'ascending':'descending');
      var keyed=rows.map(function(r,i){return {r:r,k:key(r,k),l:Number(r.getAttribute('data-line')),i:i};});
      keyed.sort(function(a,b){return (a.k<b.k?-1:a.k>b.k?1:(a.l-b.l)||(a.i-b.i))*dir;});
      rows=keyed.map(function(x){return x.r;});
      var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});body.appendChild(f);
    });
  });
  rule.addEventListener('change',apply);sev.addEventListener('change',apply);q.addEventListener('input',apply);
  Array.prototype.forEach.call(document.querySelectorAll('a[data-show-rule]'),function(a){
    a.addEventListener('click',function(){rule.value=a.getAttribute('data-show-rule');sev.value='';q.value='';apply();});
  });
  controls.hidden=false;
  apply();
})();
`;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

/** The policy of a report: nothing but its own inline style and script, by hash. */
export function contentSecurityPolicy(style: string, script: string): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256(style)}'`,
    `script-src 'sha256-${sha256(script)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
const CSP = contentSecurityPolicy(STYLE, SCRIPT);

interface Bar {
  label: string;
  value: number;
  cls?: string;
  href?: string;
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** A horizontal bar chart as inline SVG. Labels are escaped; long ones are cut, whole in the tooltip. */
export function hbarChart(bars: readonly Bar[], ariaLabel: string, lang: Lang, wide = false): string {
  const W = wide ? 900 : 560, labelW = wide ? 400 : 230, valueW = 50, rowH = 24, barH = 16;
  const chars = wide ? 60 : 30;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = W - labelW - valueW;
  const H = bars.length * rowH + 6;
  const out: string[] = [`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(ariaLabel)}" class="chart hbar${wide ? ' wide' : ''}">`];
  bars.forEach((b, i) => {
    const y = 3 + i * rowH;
    const w = b.value > 0 ? Math.max(2, (b.value / max) * plotW) : 0;
    const label = `<text x="${labelW - 8}" y="${y + barH - 4}" text-anchor="end">${esc(truncate(b.label, chars))}</text>`;
    out.push(`<g class="row"><title>${esc(labelled(lang, b.label, b.value))}</title>`);
    out.push(b.href ? `<a href="${esc(b.href)}">${label}</a>` : label);
    out.push(`<rect class="bar${b.cls ? ' ' + esc(b.cls) : ''}" x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="2"></rect>`);
    out.push(`<text class="val" x="${(labelW + w + 6).toFixed(1)}" y="${y + barH - 4}">${b.value}</text></g>`);
  });
  out.push('</svg>');
  return out.join('') + narrowBarChart(bars, ariaLabel, lang);
}

/**
 * The same bars for a phone (CSS shows it below 600 px instead of the side-by-side chart): each label
 * on its own line above its bar, in a 360-unit-wide drawing, so text stays near its 12 px at 390 px.
 */
function narrowBarChart(bars: readonly Bar[], ariaLabel: string, lang: Lang): string {
  const W = 360, valueW = 56, rowH = 36, barH = 12;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = W - valueW;
  const out: string[] = [`<svg viewBox="0 0 ${W} ${bars.length * rowH + 4}" role="img" aria-label="${esc(ariaLabel)}" class="chart narrow">`];
  bars.forEach((b, i) => {
    const y = 2 + i * rowH;
    const w = b.value > 0 ? Math.max(2, (b.value / max) * plotW) : 0;
    // x = 2: a capital's overhang (the "T" of "Tracking") stays inside the drawing.
    const label = `<text x="2" y="${y + 12}">${esc(truncate(b.label, 52))}</text>`;
    out.push(`<g class="row"><title>${esc(labelled(lang, b.label, b.value))}</title>`);
    out.push(b.href ? `<a href="${esc(b.href)}">${label}</a>` : label);
    out.push(`<rect class="bar${b.cls ? ' ' + esc(b.cls) : ''}" x="0" y="${y + 17}" width="${w.toFixed(1)}" height="${barH}" rx="2"></rect>`);
    out.push(`<text class="val" x="${(w + 6).toFixed(1)}" y="${y + 27}">${b.value}</text></g>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Risk colour of a source (SPEC §5: forbidden, scraped → error rules; bought, rented, unknown → warnings). */
const SOURCE_CLASS: Partial<Record<Source, string>> = {
  forbidden: 'error',
  social_scraped: 'error',
  purchased: 'warning',
  file_rental: 'warning',
  third_party: 'warning',
  unknown: 'warning',
};

/**
 * The `last_contact_at` histogram: rows per month of age at `asOf`, with the retention limits that run
 * from the last contact drawn as dashed lines. Bars past the longest of them are red.
 */
export function ageHistogram(report: AnyReport, lang: Lang): string {
  const ages = report.summary.lastContactAges;
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  if (!ages) return `<p class="note">${esc(L('report.chart.agesMissing'))}</p>`;
  const dated = ages.months.reduce((a, b) => a + b, 0);
  const notes: string[] = [];
  if (ages.unknown) notes.push(L('report.chart.agesUnknown', { count: ages.unknown }));
  if (ages.future) notes.push(L('report.chart.agesFuture', { count: ages.future }));
  if (dated === 0) return `<p class="note">${esc(L('report.chart.agesNone'))}</p>` + notes.map((n) => `<p class="note">${esc(n)}</p>`).join('');

  // Retention limits that run from the last contact, grouped by duration.
  const limits = new Map<string, { months: number; categories: string[] }>();
  for (const c of CONTACT_RETENTION_CATEGORIES) {
    const d = report.options.retention?.[c];
    const m = d !== undefined ? durationMonths(d) : undefined;
    if (d === undefined || m === undefined) continue;
    const e = limits.get(d) ?? { months: m, categories: [] };
    e.categories.push(L(`report.category.${c}`));
    limits.set(d, e);
  }
  const sorted = [...limits.entries()].sort((a, b) => a[1].months - b[1].months);
  const oldFrom = sorted.length ? Math.ceil(sorted[sorted.length - 1][1].months) : Infinity;

  const W = 960, left = 46, right = 12, top = 14 + 16 * Math.max(1, sorted.length), bottom = 34, plotH = 170;
  const H = top + plotH + bottom;
  const n = AGE_BUCKETS;
  const bw = (W - left - right) / n;
  const max = Math.max(1, ...ages.months);
  const out: string[] = [`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(L('report.chart.ages', { asOf: report.asOf }))}" class="chart histogram">`];
  out.push(`<line class="axis" x1="${left}" y1="${top + plotH}" x2="${W - right}" y2="${top + plotH}"></line>`);
  out.push(`<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}"></line>`);
  out.push(`<text x="${left - 6}" y="${top + 4}" text-anchor="end">${max}</text><text x="${left - 6}" y="${top + plotH}" text-anchor="end">0</text>`);
  ages.months.forEach((count, i) => {
    const h = count ? Math.max(1, (count / max) * plotH) : 0;
    const x = left + i * bw;
    const label = i === n - 1 ? L('report.chart.agesOlder', { months: n - 1 }) : L('report.chart.agesBucket', { months: i });
    out.push(`<rect class="bar${i >= oldFrom ? ' old' : ''}" x="${(x + 0.5).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(labelled(lang, label, count))}</title></rect>`);
    if (i % 6 === 0 || i === n - 1) {
      out.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${top + plotH + 14}" text-anchor="middle">${i === n - 1 ? `${i}+` : i}</text>`);
    }
  });
  out.push(`<text x="${(left + (W - left - right) / 2).toFixed(1)}" y="${H - 4}" text-anchor="middle" class="val">${esc(L('report.chart.agesAxis'))}</text>`);
  sorted.forEach(([duration, { months, categories }], k) => {
    const x = left + Math.min(months, n) * bw;
    const ly = 12 + 16 * k;
    const anchor = x > W * 0.7 ? 'end' : 'start';
    out.push(`<g class="marker"><line class="limit" x1="${x.toFixed(1)}" y1="${ly + 3}" x2="${x.toFixed(1)}" y2="${top + plotH}"></line>`);
    out.push(`<text x="${(x + (anchor === 'end' ? -4 : 4)).toFixed(1)}" y="${ly}" text-anchor="${anchor}">${esc(`${durationLabel(lang, duration)} — ${categories.join(', ')}`)}</text></g>`);
  });
  out.push('</svg>');
  if (sorted.length) notes.unshift(L('report.chart.agesLegend'));
  return out.join('') + notes.map((note) => `<p class="note">${esc(note)}</p>`).join('');
}

function card(n: number, label: string, cls = ''): string {
  return `<div class="card${cls ? ' ' + cls : ''}"><div class="n">${n}</div><div class="l">${esc(label)}</div></div>`;
}

function ruleCard(r: RuleSummary, lang: Lang): string {
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  return (
    `<article class="rule ${r.severity}"><h3><span class="pill ${r.severity}">${esc(severityLabel(lang, r.severity))}</span> ${esc(r.title)} ` +
    `<span class="muted">· <span class="count">${esc(L('report.findingsCount', { count: r.count }))}</span> · ${esc(actionLabel(lang, r.action))}</span></h3>` +
    (r.description ? `<p>${esc(r.description)}</p>` : '') +
    `<p class="links"><a href="#findings" data-show-rule="${esc(r.id)}">${esc(L('report.showFindings'))}</a> · <a href="#${ruleAnchor(r.id)}">${esc(L('report.whyAndSources'))}</a> · <code>${esc(r.id)}</code></p></article>`
  );
}

function explanation(r: RuleSummary, lang: Lang): string {
  const L = (id: string) => t(lang, id);
  const parts = [
    `<section class="explain" id="${ruleAnchor(r.id)}"><h3>${esc(r.title)} <code>${esc(r.id)}</code></h3>`,
    `<p><span class="pill ${r.severity}">${esc(severityLabel(lang, r.severity))}</span> ${esc(actionLabel(lang, r.action))}</p>`,
  ];
  if (r.description) parts.push(`<p>${esc(r.description)}</p>`);
  if (r.why) parts.push(`<p><strong>${esc(L('report.why'))}</strong> ${esc(r.why)}</p>`);
  if (r.fix) parts.push(`<p><strong>${esc(L('report.fix'))}</strong> ${esc(r.fix)}</p>`);
  if (r.interpretation) parts.push(`<p><strong>${esc(L('report.interpretation'))}</strong> ${esc(r.interpretation)}</p>`);
  if (r.references.length) {
    parts.push(`<p><strong>${esc(L('report.sources'))}</strong></p><ul>`);
    for (const ref of r.references) parts.push(`<li>${link(ref.url, referenceLabel(lang, ref))}</li>`);
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts.join('');
}

function findingRow(f: ReportFinding, lang: Lang, withValues: boolean, field: string): string {
  return (
    `<tr data-rule="${esc(f.rule)}" data-severity="${f.severity}" data-line="${f.line}">` +
    `<td class="num" data-k="line">${f.line}</td>` +
    `<td class="mono" data-k="id">${val(f.id ?? '')}</td>` +
    `<td data-k="rule"><a href="#${ruleAnchor(f.rule)}">${esc(f.rule)}</a></td>` +
    `<td data-k="severity"><span class="pill ${f.severity}">${esc(severityLabel(lang, f.severity))}</span></td>` +
    `<td data-k="action">${esc(actionLabel(lang, f.action))}</td>` +
    `<td class="mono" data-k="field">${val(field)}</td>` +
    `<td class="msg" data-k="message">${val(findingMessage(lang, f))}</td>` +
    (withValues ? `<td class="mono" data-k="value">${val(f.value ?? '')}</td>` : '') +
    '</tr>'
  );
}

export function* htmlChunks(whole: AnyReport, lang: Lang): Generator<string> {
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  // A purge report describes, after the purge, only what remains in the purged file.
  const report = whole.purge ? remainingView(whole) : whole;
  const s = report.summary;
  const rules = ruleSummaries(report, lang);
  const file = report.input.path === '-' ? '<stdin>' : report.input.path;
  const base = file.split(/[\\/]/).pop() || file;
  const title = L(report.command === 'purge' ? 'report.titlePurge' : 'report.title', { file: base });
  const { error, warning, info } = s.bySeverity;

  yield `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8">`;
  yield `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`;
  yield `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">`;
  yield `<meta name="generator" content="${esc(`${report.tool.name} ${report.tool.version}`)}">`;
  yield `<title>${val(title)}</title><style>${STYLE}</style></head><body><main>\n`;

  // Header: what was audited, when, against which reference date.
  yield `<header><h1>${val(title)}</h1><p class="sub mono">${val(file)}</p><dl class="meta">`;
  yield `<dt>${esc(L('md.generatedAt'))}</dt><dd>${esc(report.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC'))}</dd>`;
  yield `<dt>${esc(L('md.asOf'))}</dt><dd>${esc(report.asOf)}</dd>`;
  yield `<dt>SHA-256</dt><dd class="mono">${esc(report.input.sha256)}</dd>`;
  yield `<dt>${esc(L('report.channelsChecked'))}</dt><dd>${esc(s.channelsChecked ? (report.options.for.length ? report.options.for.map((ch) => channelWord(lang, ch)).join(', ') : L('report.channelColumn')) : L('report.channelsNotChecked'))}</dd>`;
  if (report.options.electionDate) yield `<dt>${esc(L('report.electionDate'))}</dt><dd>${esc(report.options.electionDate)}</dd>`;
  if (report.options.dryRun) yield `<dt></dt><dd>${esc(L('report.dryRun'))}</dd>`;
  yield `</dl></header>\n`;

  // A purge report opens with the purge, then describes what remains (issue #13).
  if (report.purge) yield htmlPurge(purgeFacts({ ...report, purge: report.purge }, lang), lang, esc);
  else yield `<p class="verdict ${error ? 'error' : warning ? 'warning' : 'ok'}" id="verdict">${esc(verdict(report, lang))}</p>`;
  yield `<section class="cards" id="summary" aria-label="${esc(L('report.summary'))}">`;
  yield card(report.input.rows, L('report.rowsIn'));
  yield card(report.output.rows, L('report.rowsKept'), 'ok');
  yield card(report.output.droppedRows, L('report.rowsDropped'), report.output.droppedRows ? 'error' : '');
  yield card(s.rowsWithFindings, L(report.purge ? 'report.purge.rowsWithFindings' : 'report.rowsWithFindings'));
  yield card(error, L('report.errors'), error ? 'error' : '');
  yield card(warning, L('report.warnings'), warning ? 'warning' : '');
  if (info) yield card(info, L('report.infos'));
  yield `</section>\n`;
  if (report.output.scrubbedColumns.length) {
    yield `<p>${labelledHtml(lang, L('report.scrubbedColumns'), report.output.scrubbedColumns.map((c) => `<code>${val(c)}</code>`).join(', '))}</p>`;
  }
  if (report.purge) yield `<p class="note" id="remaining-note">${esc(L('report.purge.remainingNote'))}</p>`;

  // What is wrong, and why: one card per rule, errors first.
  yield `<h2 id="problems">${esc(L('report.whatIsWrong'))}</h2>`;
  if (rules.length === 0) yield `<p>${esc(L('summary.noFindings'))}</p>`;
  else yield `<div class="rules">${rules.map((r) => ruleCard(r, lang)).join('')}</div>`;

  yield `<h2 id="next">${esc(L('report.nextSteps'))}</h2><ol class="steps">`;
  for (const step of nextSteps(report, lang, rules)) yield `<li>${esc(step)}</li>`;
  yield `</ol>\n`;

  // Charts.
  yield `<h2 id="charts">${esc(L('report.charts'))}</h2><div class="charts">`;
  yield `<figure id="chart-rules" class="wide"><figcaption>${esc(L('md.byRule'))}</figcaption>`;
  yield rules.length
    ? hbarChart(rules.map((r) => ({ label: r.title, value: r.count, cls: r.severity, href: `#${ruleAnchor(r.id)}` })), L('md.byRule'), lang, true)
    : `<p class="note">${esc(L('summary.noFindings'))}</p>`;
  yield `</figure>`;
  const sources = SOURCES.filter((k) => s.bySource[k] > 0).sort((a, b) => s.bySource[b] - s.bySource[a]);
  // Sources, categories and ages are counted over the input's rows (a purge's included: said so).
  const ofInput = report.purge ? ` ${L('report.purge.ofInput')}` : '';
  yield `<figure id="chart-sources"><figcaption>${esc(L('report.chart.bySource') + ofInput)}</figcaption>`;
  yield sources.length
    ? hbarChart(sources.map((k) => ({ label: L(`report.source.${k}`), value: s.bySource[k], cls: SOURCE_CLASS[k] })), L('report.chart.bySource'), lang)
    : `<p class="note">${esc(L('report.chart.noRows'))}</p>`;
  yield `</figure>`;
  const categories = CATEGORIES.filter((k) => s.byCategory[k] > 0).sort((a, b) => s.byCategory[b] - s.byCategory[a]);
  yield `<figure id="chart-categories"><figcaption>${esc(L('report.chart.byCategory') + ofInput)}</figcaption>`;
  yield categories.length
    ? hbarChart(categories.map((k: Category) => ({ label: L(`report.category.${k}`), value: s.byCategory[k], cls: k === 'unknown' ? 'warning' : undefined })), L('report.chart.byCategory'), lang)
    : `<p class="note">${esc(L('report.chart.noRows'))}</p>`;
  yield `</figure>`;
  yield `<figure id="chart-ages" class="wide"><figcaption>${esc(L('report.chart.ages', { asOf: report.asOf }) + ofInput)}</figcaption><div class="scroll">${ageHistogram(report, lang)}</div></figure>`;
  yield `</div>\n`;

  // The findings table: plain HTML; the script adds filtering and sorting.
  yield `<h2 id="findings">${esc(L('md.findings'))}</h2>`;
  const { listed, unlisted } = readableFindings(report);
  if (listed.length === 0) yield `<p>${esc(L('summary.noFindings'))}</p>`;
  else {
    const withValues = listed.some((f) => f.value !== undefined);
    const severities = (['error', 'warning', 'info'] as Severity[]).filter((v) => s.bySeverity[v] > 0);
    if (unlisted) yield `<p class="note" id="unlisted">${esc(L('report.unlisted', { listed: listed.length, total: listed.length + unlisted, limit: READABLE_FINDINGS_PER_RULE }))}</p>`;
    yield `<div class="controls" id="controls" hidden>`;
    yield `<label><span class="cap">${esc(L('report.col.rule'))}</span><select id="filter-rule"><option value="">${esc(L('report.all'))}</option>`;
    for (const r of rules) yield `<option value="${esc(r.id)}">${esc(`${r.title} (${r.id})`)}</option>`;
    yield `</select></label><label><span class="cap">${esc(L('report.col.severity'))}</span><select id="filter-severity"><option value="">${esc(L('report.all'))}</option>`;
    for (const v of severities) yield `<option value="${v}">${esc(severityLabel(lang, v))}</option>`;
    yield `</select></label><label>${esc(L('report.search'))}<input id="filter-text" type="search" autocomplete="off"></label>`;
    yield `<span class="muted">${esc(L('report.shown')).replace('{shown}', '<span id="shown-count"></span>').replace('{total}', String(listed.length))}</span></div>`;
    yield `<div class="tablewrap cards-narrow"><table id="findings-table" class="findings"><thead><tr>`;
    const cols: [string, string][] = [['line', 'num'], ['id', ''], ['rule', ''], ['severity', ''], ['action', ''], ['field', ''], ['message', '']];
    if (withValues) cols.push(['value', '']);
    for (const [k, cls] of cols) yield `<th data-sort="${k}"${cls ? ` class="${cls}"` : ''}><button type="button">${esc(L(`report.col.${k}`))}</button></th>`;
    yield `</tr></thead><tbody>\n`;
    const BATCH = 500;
    for (let i = 0; i < listed.length; i += BATCH) {
      yield listed.slice(i, i + BATCH).map((f) => findingRow(f, lang, withValues, fieldLabel(lang, report, f.field))).join('\n') + '\n';
    }
    yield `</tbody></table></div>`;
  }

  if (rules.length) {
    yield `<h2 id="rules">${esc(L('report.explanations'))}</h2>`;
    for (const r of rules) yield explanation(r, lang);
  }

  // The input and how it was read: what a later audit needs to reproduce the run.
  yield `<h2 id="input">${esc(L('report.inputSection'))}</h2><dl class="meta">`;
  yield `<dt>${esc(L('report.file'))}</dt><dd class="mono">${val(file)}</dd>`;
  // A workbook: its sheet and header row and the rows read, not a CSV dialect (issue #15).
  const wb = report.input.workbook;
  if (wb) {
    yield `<dt>${esc(L('report.sheet'))}</dt><dd>${val(escapeControls(wb.sheet))}</dd>`;
    yield `<dt>${esc(L('report.headerRow'))}</dt><dd>${wb.headerRow}${wb.subHeaderRow ? `–${wb.subHeaderRow}` : ''}</dd>`;
    yield `<dt>${esc(L('report.rowsIn'))}</dt><dd>${report.input.rows}</dd>`;
  } else {
    yield `<dt>${esc(L('report.encoding'))}</dt><dd>${esc(report.input.encoding + (report.input.bom ? ' (BOM)' : ''))}</dd>`;
    yield `<dt>${esc(L('report.delimiter'))}</dt><dd><code>${esc(report.input.delimiter === '\t' ? 'tab' : report.input.delimiter)}</code></dd>`;
  }
  yield `<dt>${esc(L('report.columns'))}</dt><dd>${report.input.columns}</dd>`;
  // How the file was read (issue 12): the export profile, the columns nothing read, file-level notices —
  // the same lines as the terminal summary and the Markdown report.
  if (report.input.profile) yield `<dt></dt><dd>${esc(L('report.profile', { profile: report.input.profile, how: L(`summary.profileOrigin.${report.input.profileOrigin ?? 'header'}`) }))}</dd>`;
  const notUnderstood = report.input.notUnderstood ?? [];
  if (notUnderstood.length) yield `<dt></dt><dd class="not-understood">${val(escapeControls(L('summary.notUnderstood', { count: notUnderstood.length, total: report.input.columns, columns: notUnderstood.join(', ') })))}</dd>`;
  for (const n of report.input.notices ?? []) yield `<dt></dt><dd class="notice">⚠ ${val(escapeControls(noticeText(lang, n)))}</dd>`;
  yield `<dt>${esc(L('report.cleanedFile'))}</dt><dd class="mono">${report.output.path ? val(report.output.path) : esc(L('report.dryRun'))}</dd>`;
  if (report.options.retention) {
    const ret = Object.entries(report.options.retention).map(([c, d]) => labelled(lang, L(`report.category.${c}`), durationLabel(lang, d)));
    yield `<dt>${esc(L('report.retention'))}</dt><dd>${esc(ret.join(' · '))}</dd>`;
  }
  yield `<dt>${esc(L('report.tool'))}</dt><dd>${esc(`${report.tool.name} ${report.tool.version}`)}</dd></dl>`;
  const mapping = Object.entries(report.input.mapping);
  if (mapping.length) {
    yield `<details><summary>${esc(L('report.mapping'))} (${mapping.length})</summary><table><thead><tr><th>${esc(L('report.field'))}</th><th>${esc(L('report.column'))}</th></tr></thead><tbody>`;
    for (const [field, column] of mapping) yield `<tr><td>${esc(fieldWord(lang, field))}</td><td class="mono">${val(column)}</td></tr>`;
    yield `</tbody></table></details>`;
  }
  if (report.input.unmapped.length) {
    yield `<p>${labelledHtml(lang, L('report.unmapped'), report.input.unmapped.map((c) => `<code>${val(c)}</code>`).join(', '))}</p>`;
  }
  yield `<footer>${esc(L('report.footer', { tool: `${report.tool.name} ${report.tool.version}` }))}</footer>`;
  yield `</main><script>${SCRIPT}</script></body></html>\n`;
}

/** The report's style and script, for the combined report of several inputs (src/report/combined-html.ts). */
export { STYLE as HTML_STYLE, SCRIPT as HTML_SCRIPT };
