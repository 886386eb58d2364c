import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FindingSpool, firstOfEachRule } from '../src/report/findings.js';
import { findingJsonParts, jsonChunks } from '../src/report/json.js';
import { liveTempFiles } from '../src/write/atomic.js';
import { scanFile } from '../src/scan.js';
import type { ReportFinding } from '../src/report/model.js';
import { findingMessage } from '../src/report/wording.js';
import { cli, tempDir, FIXTURES } from './helpers/cli.js';

const FIXTURE_FILES = ['mailchimp-audience.csv', 'nationbuilder-people.csv', 'action-network.csv', 'fichier-militants-excel.csv', 'liste-electorale-extrait.csv'];

function finding(i: number, extra: Partial<ReportFinding> = {}): ReportFinding {
  const rule = i % 2 ? 'retention-expired' : 'profiling';
  return { rule, severity: 'error', line: i + 2, action: 'drop-row', messageId: rule === 'profiling' ? 'recorded' : 'expired', params: { column: `message ${i}` }, ...extra };
}

describe('FindingSpool', () => {
  it('gives back what it was given, in order, as often as asked, whatever the characters', () => {
    const dir = tempDir();
    const spool = new FindingSpool(dir);
    // Multi-byte characters, tabs, line breaks and quotes in every string field; enough findings that
    // the file is read in several blocks, so characters straddle block boundaries.
    const odd = 'é€😀\t"quoted"\nline\r\\ ';
    const all: ReportFinding[] = [];
    for (let i = 0; i < 3000; i++) {
      const f = finding(i, i % 3 ? { id: `${odd}${i}`, field: 'Opinion\t', value: `j***@${odd}` } : { params: { column: `${odd.repeat(i % 7)} ${i}`, n: i } });
      all.push(f);
      spool.push(f);
    }
    expect(spool.length).toBe(3000);
    expect([...spool]).toEqual(all);
    expect([...spool]).toEqual(all);
    // The JSON texts are JSON.stringify of the findings, keys in schema order, the message worded.
    expect([...spool.jsonTexts('en')]).toEqual(all.map((f) => JSON.stringify({ rule: f.rule, severity: f.severity, line: f.line, id: f.id, field: f.field, action: f.action, messageId: f.messageId, params: f.params, message: findingMessage('en', f), value: f.value })));
    spool.dispose();
  });

  it('leaves nothing in the temp folder, even while open, and cannot be read after dispose', () => {
    const dir = tempDir();
    const spool = new FindingSpool(dir);
    spool.push(finding(1));
    // Unlinked at creation: only the process's descriptor reaches the data.
    expect(readdirSync(dir)).toEqual([]);
    expect(liveTempFiles()).not.toContain(spool.path);
    expect([...spool]).toEqual([finding(1)]);
    spool.dispose();
    expect(() => [...spool]).toThrow(/findings spool.*dispose/);
    expect(() => [...spool.jsonTexts('en')]).toThrow(/dispose/);
    spool.dispose();
  });

  it('a pass under way when the spool is disposed stops with an error, not with another file', () => {
    const spool = new FindingSpool(tempDir());
    for (let i = 0; i < 2000; i++) spool.push(finding(i, { params: { column: 'x'.repeat(100) } }));
    const it = spool[Symbol.iterator]();
    expect(it.next().done).toBe(false);
    spool.dispose();
    expect(() => {
      for (let r = it.next(); !r.done; r = it.next());
    }).toThrow(/dispose/);
  });

  it('a character cut by a read block boundary comes back whole', () => {
    const spool = new FindingSpool(tempDir());
    // The file is read in 64 KiB blocks: place a 3-byte "€" on bytes 65535–65537.
    const lineBytes = (f: ReportFinding) => {
      const [head, tail] = findingJsonParts(f);
      return Buffer.byteLength(head + '\t' + tail + '\n');
    };
    const second = finding(1, { params: { column: '€€ after the boundary' } });
    const [head2] = findingJsonParts(second);
    const before = Buffer.byteLength(head2) - Buffer.byteLength('€€ after the boundary"}');
    const first = finding(0, { params: { column: '' } });
    const firstBytes = 65535 - before;
    first.params = { column: 'x'.repeat(firstBytes - lineBytes(first)) };
    expect(lineBytes(first) + before).toBe(65535);
    spool.push(first);
    spool.push(second);
    expect([...spool]).toEqual([first, second]);
    spool.dispose();
  });

  it('an empty spool is an empty list', () => {
    const spool = new FindingSpool(tempDir());
    expect(spool.length).toBe(0);
    expect([...spool]).toEqual([]);
    spool.dispose();
  });

  it('firstOfEachRule stops at the first finding of each rule asked for', () => {
    const list = [finding(0), finding(1), finding(2, { severity: 'warning' }), finding(3)];
    const first = firstOfEachRule(list, ['profiling', 'retention-expired']);
    expect(first.get('profiling')).toBe(list[0]);
    expect(first.get('retention-expired')).toBe(list[1]);
    expect(firstOfEachRule(list, ['minor']).size).toBe(0);
  });
});

describe('spooled and in-memory findings give the same reports', () => {
  for (const name of FIXTURE_FILES) {
    it(name, async () => {
      const dir = tempDir(name);
      const input = join(dir, name);
      const run = async (spoolFindings: boolean) => {
        const out = join(dir, spoolFindings ? 'spool' : 'memory');
        mkdirSync(out);
        const reports = ['r.json', 'r.md', 'r.html', 'r.csv'].map((r) => join(out, r));
        const result = await scanFile({ input, out: join(out, 'clean.csv'), reports, for: ['email', 'sms'], asOf: '2026-11-23', showValues: true, now: () => 0, spoolFindings });
        const texts = reports.map((r) => readFileSync(r, 'utf8').replaceAll(out, '<out>'));
        const json = [...jsonChunks(result.report)].join('').replaceAll(out, '<out>');
        const findings = [...result.report.findings];
        result.dispose();
        return { texts, json, findings };
      };
      const memory = await run(false);
      const spooled = await run(true);
      expect(spooled.findings.length).toBeGreaterThan(0);
      expect(spooled.findings).toEqual(memory.findings);
      expect(spooled.texts).toEqual(memory.texts);
      expect(spooled.json).toBe(memory.json);
      // Report order: line, then rule.
      const keys = memory.findings.map((f) => [f.line, f.rule] as const);
      const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      expect(keys).toEqual(sorted);
    });
  }
});

describe('scanFile({ spoolFindings })', () => {
  const input = join(FIXTURES, 'nationbuilder-people.csv');
  it('spools: the findings are not an array, and are readable until dispose', async () => {
    const result = await scanFile({ input, dryRun: true, asOf: '2026-11-23', spoolFindings: true });
    expect(Array.isArray(result.report.findings)).toBe(false);
    expect([...result.report.findings].length).toBe(result.report.findings.length);
    expect(result.report.findings.length).toBeGreaterThan(0);
    result.dispose();
    expect(() => [...result.report.findings]).toThrow(/dispose/);
  });

  it('without a usable temp folder, keeps the findings in memory instead of failing', async () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(tempDir(), 'missing');
    try {
      const result = await scanFile({ input, dryRun: true, asOf: '2026-11-23', spoolFindings: true });
      expect(Array.isArray(result.report.findings)).toBe(true);
      expect(result.report.findings.length).toBeGreaterThan(0);
      result.dispose();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});

describe('the CLI spools findings and leaves no temp file', () => {
  it('scan, purge and a failed run leave TMPDIR as they found it', () => {
    const dir = tempDir('nationbuilder-people.csv', 'mailchimp-audience.csv');
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const env = { TMPDIR: tmp };
    expect(cli(['scan', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--quiet'], { cwd: dir, env }).code).toBe(1);
    // A purge that succeeded exits 0 (issue #13), whatever findings of other rules remain.
    expect(cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '--quiet'], { cwd: dir, env }).code).toBe(0);
    expect(cli(['scan', 'nationbuilder-people.csv', '-r', join(dir, 'no-such-folder', 'r.json'), '--quiet'], { cwd: dir, env }).code).toBe(2);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('--format json: one input, one report; several, one object whose files are the reports of the inputs that could be read', () => {
    const dir = tempDir('nationbuilder-people.csv', 'mailchimp-audience.csv');
    const one = cli(['scan', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(one.code).toBe(1);
    const report = JSON.parse(one.stdout);
    expect(report.findings.length).toBe(Object.values(report.summary.byRule as Record<string, number>).reduce((a, b) => a + b, 0));

    const two = cli(['scan', 'nationbuilder-people.csv', 'missing.csv', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(two.code).toBe(2);
    const set = JSON.parse(two.stdout) as { files: { input: { path: string } }[]; verdict: { exitCode: number; unreadable: { path: string }[] } };
    expect(set.files.map((r) => r.input.path)).toEqual([join(dir, 'nationbuilder-people.csv'), join(dir, 'mailchimp-audience.csv')]);
    expect(set.verdict.exitCode).toBe(2);
    expect(set.verdict.unreadable.map((u) => u.path)).toEqual([join(dir, 'missing.csv')]);
    expect(two.stderr).toMatch(/missing\.csv/);

    const none = cli(['scan', 'missing.csv', 'missing-too.csv', '--format', 'json'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout).files).toEqual([]);
  });
});
