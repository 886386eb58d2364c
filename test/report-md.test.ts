import { describe, expect, it } from 'vitest';
import { mdCell, mdChunks, mdLink } from '../src/report/md.js';
import { renderReport } from '../src/report/index.js';
import { ruleSummaries } from '../src/report/shared.js';
import { sampleReport, XSS_COLUMN, XSS_ID } from './helpers/sample-report.js';
import type { Lang } from '../src/types.js';

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;
const md = (lang: Lang = 'en', r = sampleReport()) => [...mdChunks(r, lang)].join('');

/** Cells of a Markdown table row: split on pipes that are not escaped. */
function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
}

describe('Markdown report', () => {
  it('starts with the title and the verdict', () => {
    const text = md();
    expect(text.startsWith('# cnil-audit scan — ')).toBe(true);
    expect(text).toContain('> 4 error(s) and 2 warning(s)');
    expect(text).toContain('- SHA-256: `' + 'a'.repeat(64) + '`');
  });

  it('has one section per rule found, errors first, each with its legal sources as links', () => {
    const text = md();
    const headings = [...text.matchAll(/^### .*\(`([a-z-]+)`\)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['retention-expired', 'profiling', 'invalid-date', 'retention-unknown']);
    const section = text.slice(text.indexOf('(`retention-expired`)'), text.indexOf('(`profiling`)'));
    expect(section).toContain('Sources:');
    expect(section).toContain('- [RGPD art. 5.1.e](https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679)');
    expect(section).toContain('3 finding(s)');
  });

  it('lists every finding in a table whose rows all have six cells', () => {
    const r = sampleReport();
    const lines = md('en', r).split('\n');
    const head = lines.findIndex((l) => l.startsWith('| line | id |'));
    const rows = lines.slice(head + 2, head + 2 + r.findings.length);
    expect(rows).toHaveLength(r.findings.length);
    for (const row of rows) expect(cells(row)).toHaveLength(6);
    expect(lines[head + 2 + r.findings.length]).toBe('');
  });

  it('escapes values from the input: no raw HTML, no broken table, no line break', () => {
    const text = md();
    expect(text).not.toContain(XSS_ID);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).toContain('&lt;img src=x onerror="window.\\_\\_pwned=1"&gt;');
    expect(text).toContain('none of collected\\_at \\| no date at all holds');
    expect(XSS_COLUMN).toContain('<script>');
  });

  it('ends with what to do next: the cleaned file, each rule fix, and keeping the report', () => {
    const text = md();
    const next = text.slice(text.indexOf('## What to do next'));
    expect(next).toContain('1. Use the cleaned file, not the original: /data/contacts.clean.csv');
    expect(next).toMatch(/Retention period exceeded \(retention-expired\): /);
    expect(next).toContain('accountability file (RGPD art. 5.2)');
  });

  it('says when the channels were not checked, and when nothing was found', () => {
    const r = sampleReport({
      findings: [],
      summary: { ...sampleReport().summary, byRule: {}, bySeverity: { error: 0, warning: 0, info: 0 }, rowsWithFindings: 0, channelsChecked: false },
      output: { ...sampleReport().output, droppedRows: 0, rows: 20, scrubbedColumns: [] },
    });
    const text = md('en', r);
    expect(text).toContain('No findings.');
    expect(text).toContain('> No finding');
    expect(text).toContain('Cross-channel use was not checked');
    expect(text).toContain('Audit the file again naming the channels it will be used on');
    expect(text).not.toContain('## Findings\n');
    expect(text).not.toContain('Use the cleaned file');
  });

  it('writes French with French punctuation', () => {
    const text = md('fr');
    expect(text).toContain('- Date de référence : 2026-11-23');
    expect(text).toContain('Sources :');
    expect(text).toContain('## Que faire maintenant');
    expect(text).toContain('| ligne | identifiant | règle | gravité | action | message |');
  });

  it('is what renderReport("md") returns', async () => {
    expect([...(await renderReport('md', sampleReport(), 'en'))].join('')).toBe(md());
  });

  it('lists at most 1000 findings per rule and says how many the report holds', () => {
    const r = sampleReport({ truncated: true });
    const f = r.findings[0];
    r.findings = Array.from({ length: 1500 }, (_, i) => ({ ...f, line: i + 2 }));
    r.summary.byRule = { [f.rule]: 12000 };
    const text = md('en', r);
    expect(count(text, /^\| \d+ \| 1001 \|/gm)).toBe(1000);
    expect(text).toContain('This report lists 1000 of the 12000 findings, at most 1000 per rule');
    expect(md('en')).not.toContain('This report lists');
  });
});

describe('mdCell and mdLink', () => {
  it('neutralise Markdown and HTML', () => {
    expect(mdCell('a|b')).toBe('a\\|b');
    expect(mdCell('x\r\ny')).toBe('x y');
    expect(mdCell('<b>*bold*</b> [l](u) `c` #h')).toBe('&lt;b&gt;\\*bold\\*&lt;/b&gt; \\[l\\](u) \\`c\\` \\#h');
  });

  it('link only http(s) URLs, with parentheses and spaces encoded', () => {
    expect(mdLink('CNIL', 'https://www.cnil.fr/a (b)')).toBe('[CNIL](https://www.cnil.fr/a%20%28b%29)');
    expect(mdLink('bad', 'javascript:alert(1)')).toBe('bad (javascript:alert(1))');
  });
});

describe('ruleSummaries', () => {
  it('orders errors before warnings, then by count, with the severity as applied', () => {
    const r = sampleReport();
    r.rules.profiling = { ...r.rules.profiling, severity: 'info' };
    expect(ruleSummaries(r, 'en').map((s) => `${s.id}:${s.severity}`)).toEqual([
      'retention-expired:error',
      'invalid-date:warning',
      'retention-unknown:warning',
      'profiling:info',
    ]);
  });
});
