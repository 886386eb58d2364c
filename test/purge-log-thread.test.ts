/**
 * The purge log written on a worker thread (src/purge-log-thread.ts) is the log written inline, byte for
 * byte: the same rows, hashes, reasons and order, CSV and JSON, on every bundled export. Run from dist/
 * (the worker is a compiled file beside the module; from the TypeScript sources a purge stays inline).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p: string) => join(repo, 'dist', p);
if (!existsSync(dist('purge-log-worker.js'))) throw new Error('dist/ is missing: run `npm run build` first');
const { scanFile } = (await import(dist('scan.js'))) as typeof import('../src/scan.js');
const { PurgeRun, retentionApplied } = (await import(dist('purge.js'))) as typeof import('../src/purge.js');
const { loadKey } = (await import(dist('keys.js'))) as typeof import('../src/keys.js');
const { logThreadAvailable, startLogThread } = (await import(dist('purge-log-thread.js'))) as typeof import('../src/purge-log-thread.js');
const { isAuditError } = (await import(dist('errors.js'))) as typeof import('../src/errors.js');

const FIXTURES = join(repo, 'fixtures');
const tmp = () => mkdtempSync(join(tmpdir(), 'cnil-audit-logthread-'));
const keyDir = tmp();
writeFileSync(join(keyDir, 'k.key'), '0123456789abcdef'.repeat(4) + '\n', { mode: 0o600 });
const KEY = loadKey(join(keyDir, 'k.key'), false);
const NOW = Date.parse('2026-11-23T10:00:00Z');

const inputs = [
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.csv')).map((f) => join(FIXTURES, f)),
  ...readdirSync(join(FIXTURES, 'exports')).filter((f) => f.endsWith('.csv')).map((f) => join(FIXTURES, 'exports', f)),
];

async function purge(input: string, logThread: 'worker' | 'inline', ext: 'csv' | 'json', dir = tmp()) {
  const log = join(dir, `log.${ext}`);
  const run = new PurgeRun({ lang: 'fr', key: KEY, purgedAt: new Date(NOW).toISOString(), dryRun: false, log, retention: retentionApplied(undefined), logThread });
  const result = await scanFile({
    input,
    mode: 'purge',
    asOf: '2030-01-01',
    electionDate: '2027-03-21',
    out: join(dir, 'purged.csv'),
    reports: [join(dir, 'report.json')],
    sidecars: run.sidecars(),
    purge: () => run.section(),
    now: () => NOW,
    lang: 'fr',
  });
  return { sha256: result.report.input.sha256, log: readFileSync(log, 'utf8'), purged: readFileSync(join(dir, 'purged.csv')), section: { ...result.report.purge, log: undefined }, files: readdirSync(dir).sort() };
}

describe('purge log on a worker thread', () => {
  it('is available in the compiled build', () => {
    expect(logThreadAvailable()).toBe(true);
  });

  for (const ext of ['csv', 'json'] as const) {
    it(`writes the same ${ext} log as the inline writer on every bundled export`, async () => {
      let rows = 0;
      for (const input of inputs) {
        const a = await purge(input, 'inline', ext);
        const b = await purge(input, 'worker', ext);
        expect(b.log, input).toBe(a.log);
        expect(b.purged.equals(a.purged), input).toBe(true);
        expect(b.section, input).toEqual(a.section);
        // The thread also hashes the input for the report (src/input-hash.ts): the same digest.
        expect(b.sha256, input).toBe(createHash('sha256').update(readFileSync(input)).digest('hex'));
        expect(b.sha256, input).toBe(a.sha256);
        expect(b.files, input).toEqual(['log.' + ext, 'purged.csv', 'report.json']);
        rows += Object.values(a.section.byReason ?? {}).reduce((x, y) => x + y, 0);
      }
      // The comparison means something only if rows were purged.
      expect(rows).toBeGreaterThan(50);
    });
  }

  for (const ext of ['csv', 'json'] as const) {
    it(`extends an existing ${ext} log as the inline writer does (a second purge the same day)`, async () => {
      const input = join(FIXTURES, 'nationbuilder-people.csv');
      const [a, b] = [tmp(), tmp()];
      await purge(input, 'inline', ext, a);
      const inline = await purge(input, 'inline', ext, a);
      await purge(input, 'worker', ext, b);
      const worker = await purge(input, 'worker', ext, b);
      expect(worker.log).toBe(inline.log);
      // Both runs' rows are there: the proof of the first is kept.
      if (ext === 'json') expect(JSON.parse(worker.log).length).toBe(2 * JSON.parse((await purge(input, 'inline', ext)).log).length);
    });
  }

  it("hashes a larger input on the thread, in many messages, to the file's own SHA-256", async () => {
    const dir = tmp();
    const input = join(dir, 'big.csv');
    const rows = Array.from({ length: 12000 }, (_, i) => `${i},c${i}@example.org,+3361234${String(i).padStart(4, '0')},Hélène,Newsletter,2019-0${1 + (i % 9)}-1${i % 10}`);
    writeFileSync(input, 'id,email,telephone,prenom,source,date de collecte\n' + rows.join('\n') + '\n');
    expect(readFileSync(input).length).toBeGreaterThan(4 * 128 * 1024);
    const b = await purge(input, 'worker', 'csv');
    expect(b.sha256).toBe(createHash('sha256').update(readFileSync(input)).digest('hex'));
    expect(Object.values(b.section.byReason ?? {}).reduce((x, y) => x + y, 0)).toBeGreaterThan(1000);
  });

  it('a log the thread cannot write is exit-2 material naming the log, never a hang', async () => {
    const dir = tmp();
    const thread = startLogThread({ path: join(dir, 'missing', 'x.tmp'), target: join(dir, 'log.csv'), what: 'the purge log', json: false, purgedAt: '', key: KEY });
    thread.push([2, { emails: ['a@example.org'], phones: [] }, 'voter', 'retention-expired', 'r', 'ref']);
    const e = await thread.finish().then(() => undefined, (err: unknown) => err);
    expect(isAuditError(e) && e.code).toBe('E_OUTPUT_UNWRITABLE');
    expect(isAuditError(e) && e.file).toBe(join(dir, 'log.csv'));
  });

  it('an aborted thread stops without writing on', async () => {
    const dir = tmp();
    const path = join(dir, 'x.tmp');
    writeFileSync(path, '');
    const thread = startLogThread({ path, target: join(dir, 'log.csv'), what: 'the purge log', json: false, purgedAt: '', key: KEY });
    thread.abort();
    await thread.finish();
    expect(readFileSync(path, 'utf8').split('\n').length).toBeLessThanOrEqual(2);
  });
});
