import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ageHistogram, esc, htmlChunks } from '../src/report/html.js';
import { renderReport } from '../src/report/index.js';
import { AGE_BUCKETS, monthsBetween, ReportCollector } from '../src/report/model.js';
import { FORMULA_ID, sampleReport, XSS_COLUMN, XSS_ID } from './helpers/sample-report.js';
import type { Report } from '../src/report/model.js';
import type { Lang } from '../src/types.js';
import type { RowResult } from '../src/engine.js';

const html = (lang: Lang = 'en', r: Report = sampleReport()) => [...htmlChunks(r, lang)].join('');
const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;

describe('HTML report: self-contained and locked down', () => {
  const text = html();

  it('loads nothing from anywhere: no external script, style, font, image or frame', () => {
    expect(text).not.toMatch(/<(link|iframe|object|embed|img|base)\b/i);
    expect(text).not.toMatch(/<[^>]*\ssrc=/i);
    expect(text).not.toMatch(/@import|url\(/i);
    // The only absolute URLs are the legal references, as links a reader may follow.
    for (const m of text.matchAll(/href="([^"#][^"]*)"/g)) expect(m[1]).toMatch(/^https:\/\//);
    for (const m of text.matchAll(/<a href="https:[^>]*>/g)) expect(m[0]).toContain('rel="noopener noreferrer"');
  });

  it('allows only its own style and script, by hash, in a Content-Security-Policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(text)?.[1].replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    const style = /<style>([\s\S]*?)<\/style>/.exec(text)![1];
    const script = /<script>([\s\S]*?)<\/script>/.exec(text)![1];
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).not.toContain('unsafe');
    expect(count(text, /<script\b/g)).toBe(1);
    expect(count(text, /<style\b/g)).toBe(1);
    // Event handlers and inline styles would be blocked by that policy: there are none.
    expect(text).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(text).not.toMatch(/<[^>]*\sstyle=/i);
  });

  it('escapes every value from the input', () => {
    expect(text).not.toContain(XSS_ID);
    expect(text).not.toContain(XSS_COLUMN);
    expect(text).not.toContain('<b>contacts');
    expect(text).toContain(esc(XSS_ID));
    expect(text).toContain(esc(XSS_COLUMN));
  });

  it('neutralises formula-like values, as a spreadsheet paste would run them', () => {
    expect(text).toContain(`>${esc("'" + FORMULA_ID)}</td>`);
    expect(text).toContain(`>${esc("'@SUM(1+1)")}</td>`);
    expect(text).toContain(`<code>${esc("'+tag")}</code>`);
  });

  it('is in the requested language', () => {
    expect(text).toContain('<html lang="en">');
    const fr = html('fr');
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('Ce qui ne va pas, et pourquoi');
    expect(fr).toContain('Lignes retirées');
  });
});

describe('HTML report: content', () => {
  const r = sampleReport();
  const text = html('en', r);

  it('has the header: file, dates, sha256', () => {
    expect(text).toContain('/data/&lt;b&gt;contacts&lt;/b&gt;.csv');
    expect(text).toContain('2026-11-23 10:00:00 UTC');
    expect(text).toContain(`<dd class="mono">${'a'.repeat(64)}</dd>`);
  });

  it('has summary cards for rows and severities', () => {
    const cards = [...text.matchAll(/<div class="card[^"]*"><div class="n">(\d+)<\/div><div class="l">([^<]+)<\/div>/g)].map((m) => `${m[2]}=${m[1]}`);
    expect(cards).toEqual(['Rows read=20', 'Rows kept=17', 'Rows dropped=3', 'Rows with findings=5', 'Errors=4', 'Warnings=2']);
  });

  it('has one card per rule found, linked to its explanation and to its findings', () => {
    for (const id of Object.keys(r.summary.byRule)) {
      expect(text).toContain(`data-show-rule="${id}"`);
      expect(text).toContain(`<section class="explain" id="rule-${id}">`);
    }
    // Every rule link in the page points to an explanation that exists.
    for (const m of text.matchAll(/href="#(rule-[^"]+)"/g)) expect(text).toContain(`id="${m[1]}"`);
  });

  it('draws the charts as inline SVG: findings by rule, rows by source and by category, ages', () => {
    expect(count(text, /<svg [^>]*class="chart hbar/g)).toBe(3);
    expect(count(text, /<svg [^>]*class="chart histogram"/g)).toBe(1);
    // Each bar chart is drawn twice: side by side, and stacked for a phone (CSS shows one).
    const [byRule, byRuleNarrow] = /<figure id="chart-rules"[\s\S]*?<\/figure>/.exec(text)![0].split('class="chart narrow"');
    expect(count(byRule, /<rect class="bar/g)).toBe(4);
    expect(count(byRuleNarrow, /<rect class="bar/g)).toBe(4);
    const bySource = /<figure id="chart-sources"[\s\S]*?<\/figure>/.exec(text)![0].split('class="chart narrow"')[0];
    expect(count(bySource, /<rect class="bar/g)).toBe(Object.values(r.summary.bySource).filter((n) => n > 0).length);
    expect(bySource).toContain('class="bar error"'); // scraped
  });

  it('marks the retention limits that run from the last contact on the ages histogram', () => {
    const svg = ageHistogram(r, 'en');
    expect(count(svg, /<rect class="bar/g)).toBe(AGE_BUCKETS);
    expect(count(svg, /class="limit"/g)).toBe(2); // 2 months (occasional, prospect) and 3 years (regular)
    expect(svg).toContain('2 months — occasional contact, prospect');
    expect(svg).toContain('3 years — regular contact');
    // Bars at 36 months and beyond are past every contact retention: red.
    expect(count(svg, /<rect class="bar old"/g)).toBe(AGE_BUCKETS - 36);
    expect(svg).toContain('4 row(s) without a last contact date.');
    expect(svg).toContain('1 row(s) with a last contact after the reference date.');
  });

  it('explains a missing or empty histogram instead of drawing an empty chart', () => {
    const missing = sampleReport();
    delete missing.summary.lastContactAges;
    expect(ageHistogram(missing, 'en')).toContain('not collected');
    const undated = sampleReport();
    undated.summary.lastContactAges = { months: new Array(AGE_BUCKETS).fill(0), future: 0, unknown: 20 };
    expect(ageHistogram(undated, 'en')).toContain('No row has a last contact date');
    expect(ageHistogram(undated, 'en')).not.toContain('<svg');
  });

  it('has the findings table with one row per finding, and filters for every rule and severity', () => {
    expect(count(text, /<tr data-rule=/g)).toBe(r.findings.length);
    const ruleOptions = [...text.matchAll(/<select id="filter-rule">([\s\S]*?)<\/select>/g)][0][1];
    expect([...ruleOptions.matchAll(/value="([^"]*)"/g)].map((m) => m[1]).sort()).toEqual(['', ...Object.keys(r.summary.byRule)].sort());
    const sevOptions = /<select id="filter-severity">([\s\S]*?)<\/select>/.exec(text)![1];
    expect([...sevOptions.matchAll(/value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', 'error', 'warning']);
    // Controls are revealed by the script: without it, the full table still reads.
    expect(text).toContain('<div class="controls" id="controls" hidden>');
  });

  it('adds a value column only when values were shown', () => {
    expect(text).toContain('data-sort="value"');
    const noValues = sampleReport();
    noValues.findings = noValues.findings.map(({ value: _v, ...f }) => f);
    expect(html('en', noValues)).not.toContain('data-sort="value"');
  });

  it('is what renderReport("html") returns', async () => {
    expect([...(await renderReport('html', r, 'en'))].join('')).toBe(text);
  });

  it('lists at most 1000 findings per rule, and says so', () => {
    const big = sampleReport();
    big.findings = [...Array.from({ length: 1200 }, (_, i) => ({ ...r.findings[0], line: i + 2 })), r.findings[3]];
    big.summary.byRule = { [r.findings[0].rule]: 1200, [r.findings[3].rule]: 1 };
    const page = html('en', big);
    expect(count(page, /<tr data-rule=/g)).toBe(1001);
    expect(count(page, /<tr data-rule="retention-unknown"/g)).toBe(1);
    expect(page).toContain('This report lists 1001 of the 1201 findings, at most 1000 per rule');
    expect(text).not.toContain('id="unlisted"');
  });

  it('renders a report with no finding', () => {
    const clean = sampleReport({ findings: [], summary: { ...r.summary, byRule: {}, bySeverity: { error: 0, warning: 0, info: 0 }, rowsWithFindings: 0 } });
    const page = html('en', clean);
    expect(page).toContain('class="verdict ok"');
    expect(page).not.toContain('<table id="findings-table"');
  });
});

describe('last_contact_at ages collected while streaming', () => {
  const row = (lastContactAt?: number): RowResult & { lastContactAt?: number } => ({
    line: 2, dropped: false, output: [], findings: [], source: 'web_form', category: 'regular_contact', lastContactAt,
  });
  const day = (iso: string) => Date.parse(iso) / 86400000;

  it('counts whole calendar months, like retention durations', () => {
    expect(monthsBetween(day('2026-09-23'), day('2026-11-23'))).toBe(2);
    expect(monthsBetween(day('2026-09-24'), day('2026-11-23'))).toBe(1);
    expect(monthsBetween(day('2023-11-23'), day('2026-11-23'))).toBe(36);
  });

  it('buckets rows by month, with older, future and undated rows counted apart', () => {
    const c = new ReportCollector('en', 10, day('2026-11-23'));
    c.add(row(day('2026-11-01')));
    c.add(row(day('2026-09-23')));
    c.add(row(day('2010-01-01')));
    c.add(row(day('2027-01-01')));
    c.add(row());
    const h = c.lastContactAges()!;
    expect(h.months).toHaveLength(AGE_BUCKETS);
    expect(h.months[0]).toBe(1);
    expect(h.months[2]).toBe(1);
    expect(h.months[AGE_BUCKETS - 1]).toBe(1);
    expect(h.future).toBe(1);
    expect(h.unknown).toBe(1);
    expect(h.months.reduce((a, b) => a + b, 0) + h.future + h.unknown).toBe(c.rowsIn);
  });

  it('is not collected without a reference date', () => {
    const c = new ReportCollector('en');
    c.add(row(1));
    expect(c.lastContactAges()).toBeUndefined();
  });
});

describe('HTML report: how the file was read (issue 12)', () => {
  it('names the export profile, the columns nothing read and the file-level notices, escaped', () => {
    const r = sampleReport();
    r.input.profile = 'brevo';
    r.input.profileOrigin = 'header';
    r.input.notUnderstood = ['Adresse mail perso', '<b>Tél.</b>\u001b[2J'];
    r.input.notices = [{ id: 'dateOrderAmbiguous', params: { column: 'Né le' }, message: 'Column "Né le": <i>day or month</i> first?' }];
    const text = html('en', r);
    expect(text).toContain('Export profile: brevo');
    expect(text).toContain('Adresse mail perso');
    expect(text).toContain('&lt;b&gt;Tél.&lt;/b&gt;\\u001b[2J');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('⚠ Column &quot;Né le&quot;: &lt;i&gt;day or month&lt;/i&gt; first?');
    expect(html('en')).not.toContain('class="not-understood"');
  });
});
