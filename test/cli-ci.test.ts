/**
 * Reports for CI and for several inputs (issue 14): the verdict object of `--format json`, one grand
 * total and one exit line, combined reports, GitHub annotations, SARIF 2.1.0 validated against the
 * OASIS schema (vendored in test/sarif/), --max-warnings, and the smaller output options.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import AjvDraft04Module from 'ajv-draft-04';
import { cli, files, tempDir, ROOT } from './helpers/cli.js';
import { assertValidReport } from './helpers/report-schema.js';
import { gzipSync } from 'node:zlib';
import { SARIF_MAX_RESULTS, SARIF_PER_RULE, sarifQuotas } from '../src/report/sarif.js';

const AS_OF = ['--as-of', '2026-11-23'];
const TWO = ['nationbuilder-people.csv', 'mailchimp-audience.csv'];

/** Values of the identity columns of a fixture (names, emails, phones, addresses): never in a CI output. */
function personalValues(dir: string, name: string): string[] {
  const rows = parse(readFileSync(join(dir, name)), { bom: true, columns: true, relax_column_count: true }) as Record<string, string>[];
  const out = new Set<string>();
  for (const row of rows) {
    for (const [col, v] of Object.entries(row)) {
      if (/name|nom|email|mail|phone|mobile|t[ée]l|address|adresse/i.test(col) && v && v.trim().length >= 4) out.add(v.trim());
    }
  }
  return [...out];
}

describe('several inputs, one verdict', () => {
  it('--format json prints one object: totals, verdict and each report, and it validates', () => {
    const dir = tempDir(...TWO);
    const r = cli(['scan', ...TWO, ...AS_OF, '--format', 'json', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(1);
    const set = JSON.parse(r.stdout);
    expect(Object.keys(set)).toEqual(['schemaVersion', 'summary', 'verdict', 'files']);
    expect(set.schemaVersion).toBe(2);
    expect(set.files).toHaveLength(2);
    for (const f of set.files) assertValidReport(f);
    const rows = set.files.reduce((n: number, f: { input: { rows: number } }) => n + f.input.rows, 0);
    expect(set.summary).toMatchObject({ files: 2, rows });
    expect(set.summary.kept + set.summary.dropped).toBe(rows);
    expect(set.verdict).toMatchObject({ exitCode: 1, failOn: 'error', unreadable: [] });
    expect(set.verdict.atOrAbove).toBe(set.summary.bySeverity.error);
    // A report on stdout is the report: no report file is left beside the inputs.
    expect(files(dir)).toEqual([...TWO].sort());
  });

  it('the text summary ends with one grand total and one exit line', () => {
    const dir = tempDir(...TWO);
    const r = cli(['scan', ...TWO, ...AS_OF, '--dry-run', '--lang', 'fr'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(r.stdout.match(/Code de sortie/g)).toHaveLength(1);
    expect(lines.at(-2)).toMatch(/^Total : 2 fichiers, \d+ lignes lues/);
    expect(lines.at(-1)).toMatch(/^Code de sortie 1 : \d+ constats de niveau « erreur » ou plus\.$/);
  });

  it('-r with several inputs writes one combined report (JSON, Markdown, HTML, SARIF, CSV)', () => {
    const dir = tempDir(...TWO);
    const r = cli(['scan', ...TWO, ...AS_OF, '--dry-run', '-r', 'all.md', '-r', 'all.json', '-r', 'all.sarif', '-r', 'all.html', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    const md = readFileSync(join(dir, 'all.md'), 'utf8');
    expect(md.match(/^# /gm)).toHaveLength(1);
    expect(md.match(/^## cnil-audit scan — /gm)).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8')).files).toHaveLength(2);
    expect(statSync(join(dir, 'all.md')).mode & 0o777).toBe(0o600);
    const html = readFileSync(join(dir, 'all.html'), 'utf8');
    expect(html.match(/<section class="file" id="f\d">/g)).toHaveLength(2);
    expect(html.match(/id="f1-findings-table"/g)).toHaveLength(1);
    expect(html.match(/id="f2-findings-table"/g)).toHaveLength(1);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    // CSV too, with a file column (it was refused with a message asking for --out-dir even when given).
    const c = cli(['scan', ...TWO, ...AS_OF, '-r', 'all.csv', '--out-dir', 'o', '--quiet', '--lang', 'fr'], { cwd: dir });
    expect(c.code).toBe(1);
    const rows = parse(readFileSync(join(dir, 'all.csv'), 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0].slice(0, 3)).toEqual(['fichier', 'ligne', 'identifiant']);
    expect(new Set(rows.slice(1).map((x) => x[0]))).toEqual(new Set(TWO.map((f) => join(dir, f))));
    const json = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8'));
    expect(rows.length - 1).toBe(json.files.reduce((a: number, f: { findings: unknown[] }) => a + f.findings.length, 0));
    // Only the cleaned files in --out-dir: the combined report is the report.
    expect(files(join(dir, 'o'))).toEqual(['mailchimp-audience.clean.csv', 'nationbuilder-people.clean.csv']);
  });

  it('with --format json|md on stdout and --out-dir, writes no default report per input (the report is on stdout)', () => {
    const dir = tempDir(...TWO);
    for (const format of ['json', 'md']) {
      const r = cli(['scan', ...TWO, ...AS_OF, '--format', format, '--out-dir', `o-${format}`], { cwd: dir });
      expect(r.code).toBe(1);
      expect(files(join(dir, `o-${format}`)), format).toEqual(['mailchimp-audience.clean.csv', 'nationbuilder-people.clean.csv']);
    }
  });
});

describe('--format github', () => {
  it('prints one annotation a finding with file and line, and no personal value', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const json = JSON.parse(cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '--format', 'json', '--dry-run'], { cwd: dir }).stdout);
    const r = cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '--format', 'github', '--dry-run', '--show-values'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const re = /^::(error|warning|notice) file=nationbuilder-people\.csv,line=(\d+),title=([a-z-]+)::(.+)$/;
    for (const l of lines) expect(l).toMatch(re);
    const got = lines.map((l) => l.match(re)!).map((m) => `${m[1]}:${m[2]}:${m[3]}`);
    const want = (json.findings as { severity: string; line: number; rule: string }[]).map((f) => `${f.severity === 'info' ? 'notice' : f.severity}:${f.line}:${f.rule}`);
    expect(got).toEqual(want);
    for (const v of personalValues(dir, 'nationbuilder-people.csv')) expect(r.stdout, v).not.toContain(v);
    expect(r.stdout).not.toContain('***');
    expect(files(dir)).toEqual(['nationbuilder-people.csv']);
  });
});

describe('SARIF', () => {
  // A CommonJS module: its class is module.exports and, for TypeScript, its `default`.
  const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/sarif/sarif-schema-2.1.0.json'), 'utf8')));

  it('-r report.sarif validates against the SARIF 2.1.0 schema, with rules, help URIs and line locations', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '-r', 'r.sarif', '-r', 'r.json', '--quiet', '--show-values'], { cwd: dir });
    expect(r.code).toBe(1);
    const text = readFileSync(join(dir, 'r.sarif'), 'utf8');
    const sarif = JSON.parse(text);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    // The schema does check: a wrong level or a line 0 fails it.
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ...sarif.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ...sarif.runs[0].results[0], locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] })).toBe(false);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id).sort()).toEqual(Object.keys(report.rules).sort());
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toBe(report.rules[rule.id].references[0].url);
    expect(run.results.map((x: { ruleId: string; locations: { physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }[] }) => [x.ruleId, x.locations[0].physicalLocation.region.startLine]))
      .toEqual(report.findings.map((f: { rule: string; line: number }) => [f.rule, f.line]));
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`file://${join(dir, 'nationbuilder-people.csv')}`);
    // Under the limits: every finding, nothing said left out.
    expect(run.invocations).toBeUndefined();
    expect(run.properties).toMatchObject({ resultsLeftOut: 0, results: report.findings.length });
    for (const v of personalValues(dir, 'nationbuilder-people.csv')) expect(text, v).not.toContain(v);
  });

  it('caps a run under GitHub\'s limits: at most 1,000 results a rule and 5,000 in all, the most severe first, and says how many were left out', async () => {
    const dir = tempDir();
    const { generateFile } = await import('../bench/generate.mjs');
    generateFile(join(dir, 'big.csv'), { rows: 8000, seed: 42 });
    const r = cli(['scan', 'big.csv', ...AS_OF, '--for', 'email', '-r', 'r.sarif', '-r', 'r.json', '--quiet', '--lang', 'fr', '--out-dir', 'o'], { cwd: dir });
    expect(r.code).toBe(1);
    const text = readFileSync(join(dir, 'r.sarif'), 'utf8');
    const sarif = JSON.parse(text);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const run = sarif.runs[0];
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const findings = Object.values(report.summary.byRule as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(findings).toBeGreaterThan(SARIF_MAX_RESULTS);
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    const perRule = new Map<string, number>();
    for (const x of run.results as { ruleId: string; level: string }[]) perRule.set(x.ruleId, (perRule.get(x.ruleId) ?? 0) + 1);
    for (const n of perRule.values()) expect(n).toBeLessThanOrEqual(SARIF_PER_RULE);
    // The most severe first: with this many errors, no warning gets in.
    expect(new Set(run.results.map((x: { level: string }) => x.level))).toEqual(new Set(['error']));
    expect(run.properties).toMatchObject({ findings, results: SARIF_MAX_RESULTS, resultsLeftOut: findings - SARIF_MAX_RESULTS, maxResults: SARIF_MAX_RESULTS, maxResultsPerRule: SARIF_PER_RULE });
    expect(Object.values(run.properties.leftOutByRule as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(findings - SARIF_MAX_RESULTS);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain(`${findings - SARIF_MAX_RESULTS} constats sur ${findings} ne sont pas dans ce SARIF`);
    // Well under the 10 MB (gzipped) an upload may be.
    expect(gzipSync(text).length).toBeLessThan(1_000_000);
  });

  it('gives the quota to the most severe rules first, each up to the per-rule cap, until the total is spent', () => {
    const counts = new Map([['a', { count: 3, severity: 'warning' as const }], ['b', { count: 2000, severity: 'error' as const }], ['c', { count: 10, severity: 'info' as const }]]);
    expect([...sarifQuotas(counts)]).toEqual([['b', 1000], ['a', 3], ['c', 10]]);
    expect([...sarifQuotas(counts, 1002, 1000)]).toEqual([['b', 1000], ['a', 2], ['c', 0]]);
  });

  it('several inputs: one run, one artifact each, and it validates', () => {
    const dir = tempDir(...TWO);
    cli(['scan', ...TWO, ...AS_OF, '--dry-run', '-r', 'all.sarif', '--quiet'], { cwd: dir });
    const sarif = JSON.parse(readFileSync(join(dir, 'all.sarif'), 'utf8'));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].artifacts).toHaveLength(2);
    const indexes = new Set(sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { index: number } } }[] }) => x.locations[0].physicalLocation.artifactLocation.index));
    expect([...indexes].sort()).toEqual([0, 1]);
  });
});

describe('-o - with a report on stdout', () => {
  it('is a usage error (exit 2, one line, in the language, nothing on stdout): stdout holds the cleaned file or a report, not both', () => {
    const dir = tempDir('nationbuilder-people.csv');
    for (const format of ['json', 'md', 'github']) {
      for (const [lang, words] of [['en', 'choose one'], ['fr', 'choisissez']] as const) {
        const r = cli(['scan', 'nationbuilder-people.csv', '-o', '-', '--format', format, '--lang', lang], { cwd: dir });
        expect(r.code, `${format} ${lang}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(`--format ${format}`);
        expect(r.stderr).toContain(words);
      }
    }
    expect(files(dir)).toEqual(['nationbuilder-people.csv']);
    // The cleaned file alone on stdout is fine; its summary goes to stderr.
    const ok = cli(['scan', 'nationbuilder-people.csv', '-o', '-', '--format', 'text', ...AS_OF], { cwd: dir });
    expect(ok.stdout.split('\n')[0]).toContain('nationbuilder_id');
  });
});

describe('--max-warnings', () => {
  it('exits 1 above N warnings, 0 at or below, and says why', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const json = JSON.parse(cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '--format', 'json', '--dry-run'], { cwd: dir }).stdout);
    const warnings = json.summary.bySeverity.warning as number;
    expect(warnings).toBeGreaterThan(0);
    const base = ['scan', 'nationbuilder-people.csv', ...AS_OF, '--dry-run', '--fail-on', 'never'];
    expect(cli([...base, '--max-warnings', String(warnings)], { cwd: dir }).code).toBe(0);
    const over = cli([...base, '--max-warnings', String(warnings - 1)], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stdout).toContain(`Exit 1: ${warnings} warning(s), more than --max-warnings ${warnings - 1}.`);
    const bad = cli([...base, '--max-warnings', 'lots'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-warnings/);
  });
});

describe('outputs', () => {
  it('--format json|md|github with no -r writes no report beside the input; with -r, only that one', () => {
    const dir = tempDir('nationbuilder-people.csv');
    for (const format of ['json', 'md', 'github']) {
      cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '--format', format, '-o', 'clean.csv'], { cwd: dir });
      expect(files(dir), format).toEqual(['clean.csv', 'nationbuilder-people.csv']);
    }
    cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '--format', 'json', '-o', 'clean.csv', '-r', 'r.md'], { cwd: dir });
    expect(files(dir)).toEqual(['clean.csv', 'nationbuilder-people.csv', 'r.md']);
  });

  it('--output-encoding utf-8-bom and --output-delimiter re-emit a UTF-8 "," export for French Excel', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '-o', 'excel.csv', '--output-encoding', 'utf-8-bom', '--output-delimiter', ';', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = readFileSync(join(dir, 'excel.csv'));
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = out.subarray(3).toString('utf8').split(/\r?\n/)[0];
    expect(header.split(';')[0]).toBe('nationbuilder_id');
    expect(header).not.toContain(',');
    const bad = cli(['scan', 'nationbuilder-people.csv', '--output-delimiter', 'two', '--dry-run'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--output-delimiter');
  });

  it('--output-encoding never fills a character it lacks with "?": exit 2 naming the line, the column and the character, nothing written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), 'id,email,Prénom,Date de collecte\n1,a@exemple.fr,Zoé,2026-01-01\n2,b@exemple.fr,Zoë 🌹 李,2026-01-01\n');
    for (const [enc, line, column, char] of [['windows-1252', 3, 'Prénom', '🌹'], ['latin1', 3, 'Prénom', '🌹'], ['ascii', 1, 'Prénom', 'é']] as const) {
      const r = cli(['scan', 'in.csv', ...AS_OF, '-o', 'out.csv', '--output-encoding', enc, '--lang', 'en'], { cwd: dir });
      expect(r.code, enc).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`in.csv:${line}: column "${column}": ${enc} has no "${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); nothing was written`);
      expect(files(dir), enc).toEqual(['in.csv']);
    }
    const fr = cli(['scan', 'in.csv', ...AS_OF, '-o', 'out.csv', '--output-encoding', 'windows-1252', '--lang', 'fr'], { cwd: dir });
    expect(fr.stderr).toContain('colonne « Prénom » : windows-1252 n’a pas de « 🌹 » (U+1F339) ; rien n’a été écrit');
    // What the encoding holds is written, in it.
    writeFileSync(join(dir, 'ok.csv'), 'id,email,Prénom,Date de collecte\n1,a@exemple.fr,Zoé Œil,2026-01-01\n');
    expect(cli(['scan', 'ok.csv', ...AS_OF, '-o', 'ok.out.csv', '--output-encoding', 'windows-1252', '--quiet', '--fail-on', 'never'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'ok.out.csv')).includes(Buffer.from([0x8c]))).toBe(true);
  });

  it('--output-encoding utf-16le, utf-16be and utf-16 write the byte order mark Excel and readers need', () => {
    const dir = tempDir('nationbuilder-people.csv');
    for (const [enc, bom] of [['utf-16le', [0xff, 0xfe]], ['utf-16', [0xff, 0xfe]], ['utf-16be', [0xfe, 0xff]]] as const) {
      const r = cli(['scan', 'nationbuilder-people.csv', ...AS_OF, '-o', `${enc}.csv`, '--output-encoding', enc, '--quiet'], { cwd: dir });
      expect(r.code, r.stderr).toBe(1);
      const out = readFileSync(join(dir, `${enc}.csv`));
      expect([...out.subarray(0, 2)], enc).toEqual(bom);
      // And it reads back: the BOM tells the encoding.
      expect(cli(['scan', `${enc}.csv`, ...AS_OF, '--dry-run', '--format', 'json', '--quiet'], { cwd: dir }).stdout).toContain(`"encoding": "${enc === 'utf-16be' ? 'utf-16be' : 'utf-16le'}"`);
    }
  });
});
