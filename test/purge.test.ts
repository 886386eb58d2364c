import { describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { scanFile, type ScanResult } from '../src/scan.js';
import type { ReportFinding } from '../src/report/model.js';
import { isAuditError } from '../src/errors.js';
import { IDENTITY_FIELDS, type Field, type Finding } from '../src/types.js';
import {
  PURGE_LOG_COLUMNS,
  PurgeRun,
  SuppressionList,
  identitiesOf,
  legacyHash,
  legalReference,
  normalizeIdentity,
  normalizeEmail,
  normalizePhone,
  parseSalt,
  primaryFinding,
  retentionApplied,
  type PurgeRunOptions,
} from '../src/purge.js';
import { FIXTURES } from './helpers/cli.js';
import { keyFingerprint, loadKey, type HashKey } from '../src/keys.js';

const SALT = '00112233445566778899aabbccddeeff';
const KEY_HEX = '0123456789abcdef'.repeat(4);

/** A key file holding `hex`, read back as the CLI reads it. */
function testKey(hex = KEY_HEX): HashKey {
  const dir = mkdtempSync(join(tmpdir(), 'cnil-audit-key-'));
  writeFileSync(join(dir, 'k.key'), hex + '\n', { mode: 0o600 });
  return loadKey(join(dir, 'k.key'), false);
}
const KEY = testKey();
const hmac = (value: string, hex = KEY_HEX) => createHmac('sha256', Buffer.from(hex, 'hex')).update(value).digest('hex');
const FIXTURE_FILES = ['mailchimp-audience.csv', 'nationbuilder-people.csv', 'action-network.csv', 'fichier-militants-excel.csv', 'liste-electorale-extrait.csv'];
const ELECTION = '2027-03-21';
const NOW = Date.parse('2026-11-23T10:00:00Z');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cnil-audit-purge-'));
}

interface Purged {
  result: ScanResult<ReportFinding[]>;
  run: PurgeRun;
  dir: string;
  log: string;
  out: string;
}

/** Runs scanFile in purge mode with the purge sidecars, as the CLI does, into a fresh folder. */
async function purge(input: string, asOf: string, o: Partial<PurgeRunOptions> & { isSuppressed?: (get: (f: Field) => string | undefined) => boolean; electionDate?: string } = {}): Promise<Purged> {
  const dir = tmp();
  const log = o.log ?? join(dir, 'purge-log.csv');
  const out = join(dir, 'purged.csv');
  const run = new PurgeRun({
    lang: 'en',
    key: KEY,
    purgedAt: new Date(NOW).toISOString(),
    dryRun: false,
    retention: retentionApplied(undefined),
    ...o,
    log,
  });
  const result = await scanFile({
    input,
    mode: 'purge',
    asOf,
    electionDate: o.electionDate ?? ELECTION,
    out,
    reports: [join(dir, 'report.json')],
    dryRun: o.dryRun,
    sidecars: run.sidecars(),
    purge: () => run.section(),
    isSuppressed: o.isSuppressed,
    now: () => NOW,
  });
  return { result, run, dir, log, out };
}

function readLog(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** The input's rows as objects, decoded like the reader does (the Excel fixture is Windows-1252). */
function inputRows(name: string): { header: string[]; rows: string[][] } {
  const bytes = readFileSync(join(FIXTURES, name));
  const text = name.includes('excel') ? iconv.decode(bytes, 'windows-1252') : bytes.toString('utf8');
  const all = parse(text, { bom: true, delimiter: text.split('\n')[0].includes(';') ? ';' : ',', relax_column_count: true }) as string[][];
  return { header: all[0], rows: all.slice(1) };
}

describe('normalisation before hashing', () => {
  it('emails: trimmed and lower-cased', () => {
    expect(normalizeEmail('  Jean.Dupont@Exemple.FR ')).toBe('jean.dupont@exemple.fr');
    expect(normalizeEmail('   ')).toBeUndefined();
    expect(normalizeEmail(undefined)).toBeUndefined();
  });

  it('phones: the ways exports write one French number all give the same E.164 form', () => {
    for (const v of ['06 00 00 11 01', '0600001101', '+33 6 00 00 11 01', '+33600001101', '0033 6 00 00 11 01', '+33 (0)6 00 00 11 01', '600001101', '33600001101', '06.00.00.11.01']) {
      expect(normalizePhone(v), v).toBe('+33600001101');
    }
  });

  it('phones: overseas numbers get their own country code whichever way they are written', () => {
    expect(normalizePhone('0692 12 34 56')).toBe('+262692123456');
    expect(normalizePhone('+262 692 12 34 56')).toBe('+262692123456');
    expect(normalizePhone('+33 6 90 12 34 56')).toBe('+590690123456');
    expect(normalizePhone('0596 12 34 56')).toBe('+596596123456');
  });

  it('phones: foreign numbers keep their digits; empty or digit-less values are absent', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('123')).toBe('123');
    expect(normalizePhone('n/a')).toBeUndefined();
    expect(normalizePhone('')).toBeUndefined();
  });
});

describe('keyed hashes', () => {
  it('are HMAC-SHA-256 of the normalised value under the key file\'s key, as README has OpenSSL recompute them', () => {
    expect(KEY.hash('jean.dupont@exemple.fr')).toBe(hmac('jean.dupont@exemple.fr'));
    expect(KEY.hash('chapuis|léon|2008-12-02')).toBe(hmac('chapuis|léon|2008-12-02'));
    // Longer than the scratch buffer, and after it grew.
    expect(KEY.hash('é'.repeat(300))).toBe(hmac('é'.repeat(300)));
    expect(KEY.hash('a@b.fr')).toBe(hmac('a@b.fr'));
    expect(testKey('ff'.repeat(32)).hash('+33600001101')).not.toBe(KEY.hash('+33600001101'));
    expect(KEY.fingerprint).toBe(keyFingerprint(Buffer.from(KEY_HEX, 'hex')));
    expect(KEY.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(KEY.fingerprint).not.toBe(KEY_HEX.slice(0, 16));
  });

  it('legacy salted hashes (earlier versions) are still computed to read old logs and lists', () => {
    // Known vectors, computed with: printf '%s' "<salt>:<value>" | sha256sum
    expect(legacyHash(SALT, 'jean.dupont@exemple.fr')).toBe('8eb56f5165c1e80791cbecd33e0ab7e48ef9c8150172ca0651c719dd7b8fb638');
    expect(legacyHash(SALT, '+33600001101')).toBe('dfd42a2eb198664429b3492486a3fab4427960e089cae3aa0b98799de1511e1e');
  });

  it('--salt (for old logs) takes at least 32 hex characters, in either case', () => {
    expect(parseSalt(SALT.toUpperCase())).toBe(SALT);
    expect(parseSalt(` ${SALT}ab `)).toBe(SALT + 'ab');
    for (const bad of ['', 'abc', SALT.slice(1), SALT.slice(2) + 'zz', SALT + 'a']) {
      expect(() => parseSalt(bad), bad).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    }
  });

  it('a row has one identity per identifier: id, email, phone; name and birth date only without email or phone', () => {
    const row = (o: Partial<Record<Field, string>>) => (f: Field) => o[f];
    expect(identitiesOf(row({ id: ' 1001 ', email: 'A@b.fr', phone: '06 00 00 11 01', last_name: 'X' }))).toEqual({ id: '1001', email: 'a@b.fr', phone: '+33600001101' });
    expect(identitiesOf(row({ phone: '06 00 00 11 01' }))).toEqual({ phone: '+33600001101' });
    expect(identitiesOf(row({ last_name: 'CHAPUIS', first_name: 'Léon', birth_date: '02/12/2008' }))).toEqual({ name: 'chapuis|leon|2008-12-02' });
    expect(identitiesOf(row({ first_name: 'Jean  Louis', birth_date: '1947-02-03' }))).toEqual({ name: '|jean louis|1947-02-03' });
    expect(identitiesOf(row({ city: 'Lyon', postal_code: '69008' }))).toEqual({});
  });

  it('the name fold is frozen (src/text.ts, foldIdentity): the hashes already on a list must keep matching', () => {
    const row = (o: Partial<Record<Field, string>>) => (f: Field) => o[f];
    // œ stays œ, every combining mark goes, punctuation stays: as the first purge logs wrote them.
    expect(identitiesOf(row({ last_name: 'Lœuvre-Ñúñez', first_name: 'Zoë  A.', birth_date: '1980-01-02' }))).toEqual({ name: 'lœuvre-nunez|zoe a.|1980-01-02' });
  });

  it('an identifier given on the command line is normalised as a row\'s', () => {
    expect(normalizeIdentity('email', ' Jean.Dupont@Exemple.FR ')).toBe('jean.dupont@exemple.fr');
    expect(normalizeIdentity('phone', '0033 6 00 00 11 01')).toBe('+33600001101');
    expect(normalizeIdentity('name', 'Chapuis|LÉON|02/12/2008')).toBe('chapuis|leon|2008-12-02');
    expect(normalizeIdentity('id', '  ')).toBeUndefined();
  });
});

describe('reasons', () => {
  const f = (rule: string, action: Finding['action'] = 'drop-row'): Finding => ({ rule, severity: 'error', action, line: 2, message: { id: `rule.${rule}.x` } });

  it('one per purged contact: the most fundamental purge rule wins', () => {
    expect(primaryFinding([f('retention-expired'), f('objection-ignored')])?.rule).toBe('objection-ignored');
    expect(primaryFinding([f('retention-expired'), f('social-scraping'), f('forbidden-source')])?.rule).toBe('forbidden-source');
    // Rules that only flag in a purge never count as its reason.
    expect(primaryFinding([f('political-opinion'), f('retention-expired', 'flag')])).toBeUndefined();
  });

  it('the legal reference is the rule’s first reference, label and URL', () => {
    expect(legalReference('retention-expired')).toMatch(/^RGPD .*art\. 5\.1\.e.* <https:\/\/eur-lex\.europa\.eu\/.+>$/);
    expect(legalReference('no-such-rule')).toBe('');
  });
});

describe('purge over the fixtures', () => {
  for (const name of FIXTURE_FILES) {
    it(`${name}: more rows go as time passes; counts, log and kept rows agree`, async () => {
      const input = join(FIXTURES, name);
      const early = await purge(input, '2026-11-23');
      const late = await purge(input, '2030-01-01');
      const original = readFileSync(input);
      for (const p of [early, late]) {
        const { report } = p.result;
        const log = readLog(p.log);
        expect(Object.keys(log[0] ?? Object.fromEntries(PURGE_LOG_COLUMNS.map((c) => [c, ''])))).toEqual([...PURGE_LOG_COLUMNS]);
        expect(report.input.rows).toBe(report.output.rows + report.output.droppedRows);
        expect(p.run.purged).toBe(report.output.droppedRows);
        expect(log).toHaveLength(report.output.droppedRows);
        const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
        expect(sum(report.purge!.byReason)).toBe(log.length);
        expect(sum(report.purge!.byCategory)).toBe(log.length);
        for (const row of log) {
          expect(row.key_fingerprint).toBe(KEY.fingerprint);
          expect([row.id_hash, row.email_hash, row.phone_hash, row.name_hash].filter(Boolean).length).toBeGreaterThan(0);
          for (const h of [row.id_hash, row.email_hash, row.phone_hash, row.name_hash]) expect(h).toMatch(/^([0-9a-f]{64})?$/);
          expect(['retention-expired', 'objection-ignored', 'social-scraping', 'forbidden-source', 'malformed-row']).toContain(row.rule);
          expect(row.purged_at).toBe('2026-11-23T10:00:00.000Z');
          expect(row.reason).not.toBe('');
        }
        // Each logged line is a dropped row of the report; the purged rows' ids are gone from it.
        const dropped = new Set(report.findings.filter((x) => x.action === 'drop-row').map((x) => x.line));
        for (const row of log) expect(dropped.has(Number(row.line))).toBe(true);
        for (const x of report.findings) if (dropped.has(x.line)) expect(x.id).toBeUndefined();
        // Kept rows are the input's bytes: the header and each kept record appear verbatim.
        const kept = readFileSync(p.out);
        const eol = original.includes('\r\n') ? '\r\n' : '\n';
        for (const chunk of kept.toString('latin1').split(eol)) if (chunk) expect(original.toString('latin1')).toContain(chunk);
      }
      expect(late.run.purged).toBeGreaterThan(early.run.purged);
      expect(late.result.report.output.rows).toBeLessThan(early.result.report.output.rows);
    });
  }

  it('the electoral-list extract goes only once the election is over', async () => {
    const input = join(FIXTURES, 'liste-electorale-extrait.csv');
    expect((await purge(input, '2026-11-23')).run.purged).toBe(0);
    expect((await purge(input, '2027-03-21')).run.purged).toBe(0);
    const after = await purge(input, '2027-03-22');
    expect(after.run.purged).toBe(30);
    expect(after.run.byCategory).toEqual({ voter: 30 });
    // No id, email or phone in that file: the name and birth date identify each row, all distinct.
    expect(new Set(readLog(after.log).map((r) => r.name_hash)).size).toBe(30);
    expect(after.run.unidentified).toBe(0);
  });

  for (const name of FIXTURE_FILES) {
    it(`${name}: the log holds no value of the input's identity columns`, async () => {
      const p = await purge(join(FIXTURES, name), '2030-01-01');
      const mapping = p.result.report.input.mapping;
      const { header, rows } = inputRows(name);
      const text = readFileSync(p.log, 'utf8');
      // Hashes are hex: mask them so a postcode cannot be "found" inside one by chance.
      const prose = text.replace(/[0-9a-f]{64}/g, '#').replaceAll(KEY.fingerprint, '#');
      expect(text).not.toContain(KEY_HEX);
      let checked = 0;
      for (const field of [...IDENTITY_FIELDS, 'id'] as Field[]) {
        const col = mapping[field];
        if (col === undefined) continue;
        const i = header.indexOf(col);
        for (const r of rows) {
          const v = r[i]?.trim();
          if (!v || v.length < 3) continue;
          checked++;
          const variants = [v, normalizeEmail(v), field === 'phone' ? normalizePhone(v) : undefined].filter((x): x is string => !!x && x.length >= 3);
          for (const x of variants) {
            // Numeric ids and postcodes can occur inside dates or line numbers: match those whole.
            const found = /^\d+$/.test(x) ? new RegExp(`(^|\\D)${x}(\\D|$)`).test(prose) : prose.includes(x);
            expect(found, `${field} value found in the log`).toBe(false);
          }
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }

  it('a JSON log (by extension) holds the same rows as the CSV one', async () => {
    const input = join(FIXTURES, 'nationbuilder-people.csv');
    const csv = await purge(input, '2026-11-23');
    const dir = tmp();
    const json = await purge(input, '2026-11-23', { log: join(dir, 'log.json') });
    const rows = JSON.parse(readFileSync(join(dir, 'log.json'), 'utf8')) as Record<string, unknown>[];
    expect(rows.map((r) => ({ ...r, line: String(r.line) }))).toEqual(readLog(csv.log));
    expect(Object.keys(rows[0])).toEqual([...PURGE_LOG_COLUMNS]);
    // An empty purge is still valid JSON.
    const none = await purge(join(FIXTURES, 'liste-electorale-extrait.csv'), '2026-11-23', { log: join(dir, 'empty.json') });
    expect(none.run.purged).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'empty.json'), 'utf8'))).toEqual([]);
  });

  it('a dry run writes only the report asked for and lists the lines that would go', async () => {
    const dir = tmp();
    const input = join(FIXTURES, 'mailchimp-audience.csv');
    const run = new PurgeRun({ lang: 'en', key: KEY, purgedAt: '', dryRun: true, log: join(dir, 'log.csv'), retention: {} });
    const result = await scanFile({ input, mode: 'purge', asOf: '2026-11-23', dryRun: true, out: join(dir, 'out.csv'), reports: [join(dir, 'r.json')], sidecars: run.sidecars(), purge: () => run.section() });
    // Only the report asked for (issue #14: a dry run writes the reports named, nothing else).
    expect(readdirSync(dir)).toEqual(['r.json']);
    expect(result.written).toEqual({ reports: [join(dir, 'r.json')], extra: [] });
    expect(run.purged).toBeGreaterThan(0);
    expect(result.report.purge!.log).toBeUndefined();
    const listed = [...run.lines.values()].flatMap((l) => l.ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k)));
    const full = await purge(input, '2026-11-23');
    expect(listed.sort((a, b) => a - b)).toEqual(readLog(full.log).map((r) => Number(r.line)).sort((a, b) => a - b));
  });

  it('the same key gives the same hashes run after run; another key, other hashes; each identifier proves it', async () => {
    const input = join(FIXTURES, 'action-network.csv');
    const a = readLog((await purge(input, '2030-01-01')).log);
    const b = readLog((await purge(input, '2030-01-01')).log);
    const c = readLog((await purge(input, '2030-01-01', { key: testKey('ee'.repeat(32)) })).log);
    expect(a.map((r) => r.id_hash)).toEqual(b.map((r) => r.id_hash));
    expect(c.map((r) => r.line)).toEqual(a.map((r) => r.line));
    for (let i = 0; i < a.length; i++) expect(c[i].id_hash).not.toBe(a[i].id_hash);
    // A person proves they were purged from what they know: their uuid, e-mail or phone → the logged hash.
    const { header, rows } = inputRows('action-network.csv');
    const col = (name: string) => header.indexOf(name);
    let phones = 0;
    for (const r of a) {
      const row = rows[Number(r.line) - 2];
      expect(hmac(row[col('uuid')])).toBe(r.id_hash);
      expect(hmac(row[col('email')].trim().toLowerCase())).toBe(r.email_hash);
      if (row[col('can2_phone')]) {
        phones++;
        expect(hmac(normalizePhone(row[col('can2_phone')])!)).toBe(r.phone_hash);
      }
    }
    expect(phones).toBeGreaterThan(0);
  });
});

describe('suppression list', () => {
  it('round trip: a purge lists the objectors; a later import of them is caught, however it writes them', async () => {
    const dir = tmp();
    const path = join(dir, 'suppression.csv');
    const input = join(FIXTURES, 'mailchimp-audience.csv');
    const p = await purge(input, '2026-11-23', { suppression: { path, list: SuppressionList.read(path, true, () => KEY), addedOn: '2026-11-23' } });
    const objectors = p.result.report.findings.filter((f) => f.rule === 'objection-ignored').length;
    expect(objectors).toBeGreaterThan(0);
    const list = SuppressionList.read(path, false, () => KEY);
    expect(list.size).toBe(p.run.suppressionAdded);
    expect(list.size).toBeGreaterThan(0);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe('kind,hash,key_fingerprint,added_on,legacy_salt');
    expect(text).not.toMatch(/@/);
    expect(text).not.toContain(KEY_HEX);

    // The same people in a later export that lost the unsubscribe columns, emails upper-cased.
    const { header, rows } = inputRows('mailchimp-audience.csv');
    const unsub = header.indexOf('UNSUB_TIME');
    const unsubbed = rows.filter((r) => r[unsub]);
    expect(unsubbed.length).toBeGreaterThan(0);
    const keep = header.map((_, i) => i).filter((i) => !/^UNSUB_/.test(header[i]));
    const later = join(dir, 'later.csv');
    const esc = (v: string) => `"${v.replace(/"/g, '""')}"`;
    writeFileSync(later, [keep.map((i) => header[i]), ...rows.map((r) => keep.map((i) => (header[i] === 'Email Address' ? r[i].toUpperCase() : r[i])))].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n');
    const scan = (isSuppressed?: (get: (f: Field) => string | undefined) => boolean) =>
      scanFile({ input: later, asOf: '2026-11-23', out: join(dir, 'clean.csv'), noReport: true, isSuppressed });
    expect((await scan()).report.summary.byRule['objection-ignored'] ?? 0).toBe(0);
    const checked = SuppressionList.read(path, false, () => KEY);
    const r = await scan((get) => checked.matches(get));
    expect(r.report.summary.byRule['objection-ignored']).toBe(unsubbed.length);
    expect(checked.matched).toBe(unsubbed.length);
  });

  it('grows run after run without duplicates, keeping its key and older entries', async () => {
    const dir = tmp();
    const path = join(dir, 'suppression.csv');
    const input = join(FIXTURES, 'nationbuilder-people.csv');
    await purge(input, '2026-11-23', { suppression: { path, list: SuppressionList.read(path, true, () => KEY), addedOn: '2026-11-23' } });
    const first = readFileSync(path, 'utf8');
    const size = SuppressionList.read(path, false, () => KEY).size;
    expect(size).toBeGreaterThan(0);
    const again = await purge(input, '2026-12-31', { suppression: { path, list: SuppressionList.read(path, true, () => KEY), addedOn: '2026-12-31' } });
    expect(again.run.suppressionAdded).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(first);
    // A file with objections to every channel (action-network's are one channel's unsubscribes: issue 11).
    await purge(join(FIXTURES, 'fichier-militants-excel.csv'), '2026-12-31', { suppression: { path, list: SuppressionList.read(path, true, () => KEY), addedOn: '2026-12-31' } });
    const grown = readFileSync(path, 'utf8');
    expect(grown.startsWith(first)).toBe(true);
    expect(SuppressionList.read(path, false, () => KEY).size).toBeGreaterThan(size);
    const keys = new Set((parse(grown, { columns: true }) as Record<string, string>[]).map((r) => r.key_fingerprint));
    expect([...keys]).toEqual([KEY.fingerprint]);
  });

  it('a file that is not a suppression list is refused with its line', () => {
    const dir = tmp();
    const cases: [string, number, string][] = [
      ['email,hash\n', 1, 'E_SUPPRESSION_HEADER'],
      [`kind,hash,salt,added_on\nemail,${'a'.repeat(64)},${SALT},2026-11-23\nname,${'a'.repeat(64)},${SALT},2026-11-23\n`, 3, 'E_SUPPRESSION_ROW'],
      [`kind,hash,salt,added_on\nemail,jean@exemple.fr,${SALT},2026-11-23\n`, 2, 'E_SUPPRESSION_ROW'],
    ];
    for (const [text, line, code] of cases) {
      const p = join(dir, 'l.csv');
      writeFileSync(p, text);
      let err: unknown;
      try {
        SuppressionList.read(p);
      } catch (e) {
        err = e;
      }
      expect(isAuditError(err) && err.code === code && err.line === line, text).toBe(true);
    }
    expect(() => SuppressionList.read(join(dir, 'missing.csv'))).toThrow(expect.objectContaining({ code: 'E_INPUT_UNREADABLE' }));
    expect(SuppressionList.read(join(dir, 'missing.csv'), true).size).toBe(0);
  });

  it('reads a salted list of an earlier version, and migrates it to keyed entries when extended: no objection lost', async () => {
    const other = 'ab'.repeat(16);
    const text = `kind,hash,salt,added_on\nemail,${legacyHash(SALT, 'a@exemple.fr')},${SALT},2026-01-01\nphone,${legacyHash(other, '+33600001101')},${other},2026-02-01\n`;
    // Read without a key: its salts are in it.
    const list = new SuppressionList(text);
    expect(list.legacy).toBe(true);
    expect(list.matches((f) => (f === 'email' ? ' A@exemple.fr' : undefined))).toBe(true);
    expect(list.matches((f) => (f === 'phone' ? '06 00 00 11 01' : undefined))).toBe(true);
    expect(list.matches((f) => (f === 'phone' ? '06 00 00 11 02' : f === 'email' ? 'b@exemple.fr' : undefined))).toBe(false);
    // Extended by a purge: rewritten keyed, every old entry still caught.
    const dir = tmp();
    const path = join(dir, 'old.csv');
    writeFileSync(path, text);
    await purge(join(FIXTURES, 'mailchimp-audience.csv'), '2026-11-23', { suppression: { path, list: SuppressionList.read(path, true, () => KEY), addedOn: '2026-11-23' } });
    const migrated = readFileSync(path, 'utf8');
    expect(migrated.split('\n')[0]).toBe('kind,hash,key_fingerprint,added_on,legacy_salt');
    expect(migrated).not.toContain(legacyHash(SALT, 'a@exemple.fr'));
    const again = SuppressionList.read(path, false, () => KEY);
    expect(again.legacy).toBe(false);
    expect(again.matches((f) => (f === 'email' ? 'a@exemple.fr' : undefined))).toBe(true);
    expect(again.matches((f) => (f === 'phone' ? '+33 6 00 00 11 01' : undefined))).toBe(true);
    // …and only with the key: another key is refused, no key cannot check.
    expect(() => SuppressionList.read(path, false, () => testKey('ee'.repeat(32))).has('email', 'a@exemple.fr')).toThrow(expect.objectContaining({ code: 'E_KEY_MISMATCH' }));
    expect(() => SuppressionList.read(path).has('email', 'a@exemple.fr')).toThrow(expect.objectContaining({ code: 'E_KEY_MISSING' }));
  });

  it('without its key, a list or a log cannot be matched against a phone number', async () => {
    const dir = tmp();
    const path = join(dir, 'supp.csv');
    const p = await purge(join(FIXTURES, 'action-network.csv'), '2030-01-01', { suppression: { path, list: SuppressionList.read(path, true, () => KEY), addedOn: '2030-01-01' } });
    const hashes = new Set([...readFileSync(path, 'utf8').matchAll(/[0-9a-f]{64}/g), ...readFileSync(p.log, 'utf8').matchAll(/[0-9a-f]{64}/g)].map((m) => m[0]));
    expect(hashes.size).toBeGreaterThan(10);
    // Everything an attacker without the key could try: plain, salted-with-anything-in-the-files, fingerprint as key.
    const { rows, header } = inputRows('action-network.csv');
    const phones = rows.map((r) => normalizePhone(r[header.indexOf('can2_phone')])).filter((x): x is string => !!x);
    expect(phones.length).toBeGreaterThan(5);
    for (const phone of phones) {
      const tries = [
        createHash('sha256').update(phone).digest('hex'),
        createHash('sha256').update(`${KEY.fingerprint}:${phone}`).digest('hex'),
        createHmac('sha256', KEY.fingerprint).update(phone).digest('hex'),
        hmac(phone, 'ee'.repeat(32)),
      ];
      for (const t of tries) expect(hashes.has(t)).toBe(false);
    }
    // With the key, they can (that is what the key is for, and why it is kept apart).
    expect(phones.some((phone) => hashes.has(hmac(phone)))).toBe(true);
  });
});
