/**
 * The benchmark's data (bench/generate.mjs) must keep exercising the tool: columns it maps, every
 * source kind, the rules. No timing here (SPEC §8 figures come from `npm run bench`, not from tests).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { HEADER, generateFile, generateRows } from '../bench/generate.mjs';
import { resolveMapping } from '../src/mapping.js';
import { AuditEngine } from '../src/engine.js';
import { ReportCollector } from '../src/report/model.js';
import { parseDate } from '../src/read/values.js';
import { SOURCES } from '../src/types.js';

const take = (rows: number, seed: number) => [...generateRows(rows, seed)];
const dir = mkdtempSync(join(tmpdir(), 'cnil-audit-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(take(300, 7)).toEqual(take(300, 7));
    expect(take(300, 7)).not.toEqual(take(300, 8));
  });

  it('writes columns the tool maps, plus opinion, profiling and free-text columns it does not', () => {
    const { named, unmapped } = resolveMapping([...HEADER]);
    expect(Object.keys(named).sort()).toEqual(
      [
        'id', 'first_name', 'last_name', 'email', 'phone', 'address', 'postal_code', 'city', 'birth_date', 'source', 'network',
        'collected_at', 'consent_email', 'consent_sms', 'consent_date', 'objection', 'last_contact_at', 'membership_end',
        'first_message_at', 'first_message_reply', 'channel', 'enrichment_source',
      ].sort(),
    );
    expect(unmapped).toEqual(['orientation politique', 'score de propension', 'commentaire']);
  });

  it('represents every source kind and most rules', () => {
    const asOf = parseDate('2026-06-30') as number;
    const engine = new AuditEngine([...HEADER], { asOf, electionDate: parseDate('2026-03-22') as number });
    const collector = new ReportCollector('en', 10, asOf);
    take(5000, 42).forEach((cells, i) => collector.add(engine.processRow(cells, i + 2)));
    for (const s of SOURCES) expect(collector.bySource[s], s).toBeGreaterThan(0);
    expect(engine.plan.detected.map((d) => [d.name, d.kind])).toEqual([
      ['orientation politique', 'political_opinion'],
      ['score de propension', 'profiling'],
    ]);
    for (const rule of ['political-opinion', 'profiling', 'objection-ignored', 'invalid-date', 'retention-expired', 'forbidden-source', 'social-scraping']) {
      expect(collector.byRule[rule], rule).toBeGreaterThan(0);
    }
    expect(Object.keys(collector.byRule).length).toBeGreaterThanOrEqual(12);
    expect(collector.kept).toBeGreaterThan(0);
    expect(collector.dropped).toBeGreaterThan(0);
  });

  it('writes a CSV of about 200 bytes a row that csv-parse reads back, with quoting, accents and quoted newlines', () => {
    const file = join(dir, 'contacts.csv');
    const { bytes } = generateFile(file, { rows: 20000, seed: 42 });
    const text = readFileSync(file, 'utf8');
    expect(Buffer.byteLength(text)).toBe(bytes);
    expect(bytes / 20000).toBeGreaterThan(150);
    expect(bytes / 20000).toBeLessThan(250);
    const rows = parse(text) as string[][];
    expect(rows).toHaveLength(20001);
    expect(rows.every((r) => r.length === HEADER.length)).toBe(true);
    const cells = rows.slice(1).flat();
    expect(cells.some((c) => c.includes(','))).toBe(true);
    expect(cells.some((c) => c.includes('"'))).toBe(true);
    expect(cells.some((c) => c.includes('\n'))).toBe(true);
    expect(cells.some((c) => /[éèêàçëïô]/.test(c))).toBe(true);
  });
});
