/**
 * Fixture corpus, markdownlint style: every row of test/corpus/*.csv names the rule ids it must get in
 * its `_expect` column (space-separated; empty = no finding). Options for a file, when any, are in
 * `<name>.options.json` beside it (`for`, `asOf`, `electionDate`, `config`). Keep `_expect` the last
 * column (a malformed row's expectation is then its last cell), LF line endings, no blank lines.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { scanFile } from '../src/scan.js';
import { sniffDialect } from '../src/read/dialect.js';
import type { Channel } from '../src/types.js';

const DIR = join(import.meta.dirname, 'corpus');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort() : [];

describe('fixture corpus (expected rule ids written in each row)', () => {
  it('has fixtures', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file, async () => {
      const path = join(DIR, file);
      const optionsPath = path.replace(/\.csv$/, '.options.json');
      const o = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {};
      const { report } = await scanFile({
        input: path,
        dryRun: true,
        noReport: true,
        for: o.for as Channel[] | undefined,
        asOf: o.asOf ?? '2026-11-23',
        electionDate: o.electionDate,
        config: o.config,
        lang: 'en',
      });
      expect(report.truncated).toBe(false);
      // Expected: from the _expect column, by the physical line where each row starts.
      const text = readFileSync(path, 'utf8');
      const records = parse(text, { info: true, bom: true, relax_column_count: true, delimiter: sniffDialect(text, true).delimiter }) as unknown as { record: string[]; info: { lines: number } }[];
      const header = records[0].record;
      const col = header.indexOf('_expect');
      expect(col, '_expect column').toBeGreaterThanOrEqual(0);
      const expected = new Map<number, string>();
      let prevEnd = records[0].info.lines;
      for (const { record, info } of records.slice(1)) {
        const start = prevEnd + 1;
        prevEnd = info.lines;
        // A malformed row's fields are shifted: its expectations are then its last cell.
        const cell = record.length !== header.length && col === header.length - 1 ? record[record.length - 1] : record[col];
        expected.set(start, (cell ?? '').split(/\s+/).filter(Boolean).sort().join(' '));
      }
      const actual = new Map<number, Set<string>>();
      for (const line of expected.keys()) actual.set(line, new Set());
      for (const f of report.findings) (actual.get(f.line) ?? actual.set(f.line, new Set()).get(f.line)!).add(f.rule);
      const got = Object.fromEntries([...actual].map(([line, s]) => [line, [...s].sort().join(' ')]));
      expect(got).toEqual(Object.fromEntries(expected));
    });
  }
});
