/**
 * Rights requests (issue #13): find, access, erase and --requests on every bundled fixture (UTF-8 and
 * Windows-1252). Every output, log and terminal line is searched for other people's identifiers; erase
 * must leave every other row byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { cli, tempDir } from './helpers/cli.js';
import { normalizeEmail, normalizePhone } from '../src/purge.js';

interface Person {
  /** The option that names the person, and its value. */
  args: string[];
  /** Physical line of their record in the file. */
  line: number;
  /** Their own identity values (may legitimately appear in their access extract). */
  own: Set<string>;
}

interface Fixture {
  name: string;
  /** Columns holding e-mails, phones, names and addresses. */
  columns: string[];
  /** Which record (0-based) to ask about, and how. */
  pick: (row: Record<string, string>) => string[];
  /** Values of the person's record that together identify its first physical line. */
  needles: (row: Record<string, string>) => string[];
  index: number;
}

const FIXTURES: Fixture[] = [
  { name: 'mailchimp-audience.csv', columns: ['Email Address', 'First Name', 'Last Name', 'Address', 'Phone Number'], index: 6, pick: (r) => ['--email', r['Email Address'].toUpperCase()], needles: (r) => [`"${r['Email Address']}"`] },
  { name: 'nationbuilder-people.csv', columns: ['email', 'first_name', 'last_name', 'phone_number', 'mobile_number', 'primary_address1'], index: 4, pick: (r) => ['--id', r.nationbuilder_id], needles: (r) => [`${r.nationbuilder_id},`] },
  { name: 'action-network.csv', columns: ['email', 'first_name', 'last_name', 'can2_phone', 'can2_user_address'], index: 9, pick: (r) => ['--phone', r.can2_phone.replace('+33', '0')], needles: (r) => [r.can2_phone] },
  { name: 'fichier-militants-excel.csv', columns: ['Courriel', 'Prénom', 'Nom', 'Téléphone', 'Adresse'], index: 1, pick: (r) => ['--email', r.Courriel], needles: (r) => [r.Courriel] },
  { name: 'liste-electorale-extrait.csv', columns: ['Nom de naissance', 'Nom d\'usage', 'Prénoms', 'Adresse', 'Date de naissance'], index: 3, pick: (r) => ['--name', `${r['Nom de naissance']}|${r['Prénoms']}|${r['Date de naissance']}`], needles: (r) => [`${r['Nom de naissance']};`, r['Date de naissance']] },
];

function decode(bytes: Buffer, name: string): string {
  return name.includes('excel') ? iconv.decode(bytes, 'windows-1252') : bytes.toString('utf8');
}

/** Records as objects. */
function records(text: string): { row: Record<string, string> }[] {
  const delimiter = text.split('\n')[0].includes(';') ? ';' : ',';
  return (parse(text, { bom: true, delimiter, columns: true, relax_column_count: true }) as Record<string, string>[]).map((row) => ({ row }));
}

/** Everyone's identity values and their normalised forms, each with the record it belongs to. */
function identities(recs: { row: Record<string, string> }[], columns: string[]): { value: string; owner: number }[] {
  const out: { value: string; owner: number }[] = [];
  recs.forEach(({ row }, owner) => {
    for (const c of columns) {
      const v = row[c]?.trim();
      if (!v || v.length < 4) continue;
      for (const x of [v, normalizeEmail(v), normalizePhone(v)]) if (x && x.length >= 4 && !/^\d{1,5}$/.test(x)) out.push({ value: x, owner });
    }
  });
  return out;
}

function person(f: Fixture): Person & { others: string[]; all: string[] } {
  const text = decode(readFileSync(join('fixtures', f.name)), f.name);
  const recs = records(text);
  const ids = identities(recs, f.columns);
  const own = new Set(ids.filter((x) => x.owner === f.index).map((x) => x.value));
  // A value someone else shares with the person (a common first name) is not "someone else's" data.
  const others = [...new Set(ids.filter((x) => x.owner !== f.index && !own.has(x.value)).map((x) => x.value))];
  const needles = f.needles(recs[f.index].row);
  const line = text.split('\n').findIndex((l) => needles.every((n) => l.includes(n))) + 1;
  expect(line).toBeGreaterThan(1);
  return { args: f.pick(recs[f.index].row), line, own, others, all: [...new Set(ids.map((x) => x.value))] };
}

function allText(dir: string, skip: string[]): string {
  let out = '';
  for (const f of readdirSync(dir)) if (!skip.includes(f) && statSync(join(dir, f)).isFile()) out += `\n${f}:\n` + decode(readFileSync(join(dir, f)), f);
  return out;
}

describe('rights requests on every fixture', () => {
  for (const f of FIXTURES) {
    it(`${f.name}: find, access and erase the person, and nobody else's data in any output`, () => {
      const p = person(f);
      expect(p.others.length).toBeGreaterThan(20);
      const dir = tempDir(f.name);
      const original = readFileSync(join(dir, f.name));

      // find: the file and line, nothing of the rows.
      const found = cli(['find', f.name, ...p.args, '--lang', 'en'], { cwd: dir });
      expect(found.code, found.stderr).toBe(0);
      expect(found.stdout).toContain(`${f.name}: line ${p.line} (`);
      for (const v of p.all) expect(found.stdout + found.stderr, v).not.toContain(v);

      // access: the person's row, with what the tool makes of it, and no one else's values.
      const access = cli(['access', f.name, ...p.args, '-o', 'extract.json', '--lang', 'fr'], { cwd: dir });
      expect(access.code, access.stderr).toBe(0);
      expect(statSync(join(dir, 'extract.json')).mode & 0o777).toBe(0o600);
      const extract = JSON.parse(readFileSync(join(dir, 'extract.json'), 'utf8'));
      expect(extract.records).toHaveLength(1);
      expect(extract.records[0].line).toBe(p.line);
      expect(extract.records[0].category).toBeTruthy();
      expect(extract.records[0].retention).toMatch(/catégorie/);
      expect(Array.isArray(extract.records[0].findings)).toBe(true);
      cli(['access', f.name, ...p.args, '-o', 'extract.csv'], { cwd: dir });
      const extracts = readFileSync(join(dir, 'extract.json'), 'utf8') + readFileSync(join(dir, 'extract.csv'), 'utf8');
      for (const v of p.others) expect(extracts + access.stdout, v).not.toContain(v);
      expect([...p.own].some((v) => extracts.includes(v))).toBe(true);

      // erase: every other row byte for byte; the log, the list and the terminal hold no value of anyone.
      const erase = cli(['erase', f.name, ...p.args, '--lang', 'en'], { cwd: dir });
      expect(erase.code, erase.stderr).toBe(0);
      expect(readFileSync(join(dir, f.name)).equals(original)).toBe(true);
      const stem = f.name.replace(/\.csv$/, '');
      const erased = readFileSync(join(dir, `${stem}.erased.csv`));
      const lines = (b: Buffer) => b.toString('latin1').split(/(?<=\n)/);
      const before = lines(original);
      const after = lines(erased);
      const k = before.length - after.length;
      expect(k).toBeGreaterThanOrEqual(1);
      expect(after).toEqual([...before.slice(0, p.line - 1), ...before.slice(p.line - 1 + k)]);
      const key = readFileSync(join(dir, 'cnil-audit.key'), 'utf8').trim();
      const written = allText(dir, [f.name, `${stem}.erased.csv`, 'extract.json', 'extract.csv']) + erase.stdout + erase.stderr;
      expect(written).toContain('erasure-request');
      for (const v of p.all) expect(written, v).not.toContain(v);
      expect(written.replace(/cnil-audit\.key:\n[0-9a-f]{64}/, '')).not.toContain(key);

      // The erasure is proven like a purge, and the person is not found any more.
      const log = readdirSync(dir).find((x) => x.includes('erasure-log'))!;
      const verify = cli(['verify', '--log', log, ...p.args], { cwd: dir });
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/by erasure-request \(Erasure on request\)/);
      expect(cli(['find', `${stem}.erased.csv`, ...p.args], { cwd: dir }).code).toBe(1);
    });
  }
});

describe('erase', () => {
  it('adds the person to the suppression list, so a later import of them is caught (art. 21)', () => {
    const dir = tempDir('action-network.csv');
    const p = person(FIXTURES[2]);
    expect(cli(['erase', 'action-network.csv', ...p.args, '--suppression-list', 'opp.csv', '-q'], { cwd: dir }).code).toBe(0);
    const scan = cli(['scan', 'action-network.csv', '--suppress', 'opp.csv', '--format', 'json', '--dry-run', '--as-of', '2026-11-23'], { cwd: dir });
    const report = JSON.parse(scan.stdout);
    expect(report.findings.filter((x: { rule: string; line: number }) => x.rule === 'objection-ignored' && x.line === p.line)).toHaveLength(1);
  });

  it('--dry-run writes nothing; --in-place replaces the input only when asked', () => {
    const dir = tempDir('mailchimp-audience.csv');
    const p = person(FIXTURES[0]);
    const original = readFileSync(join(dir, 'mailchimp-audience.csv'));
    const dry = cli(['erase', 'mailchimp-audience.csv', ...p.args, '--dry-run', '--lang', 'en'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/1 row\(s\) would be erased/);
    expect(readdirSync(dir)).toEqual(['mailchimp-audience.csv']);
    const inPlace = cli(['erase', 'mailchimp-audience.csv', ...p.args, '--in-place', '-q'], { cwd: dir });
    expect(inPlace.code).toBe(0);
    const now = readFileSync(join(dir, 'mailchimp-audience.csv'));
    expect(now.length).toBeLessThan(original.length);
    expect(readdirSync(dir).filter((x) => x.includes('cnil-audit-erase'))).toEqual([]);
    expect(cli(['find', 'mailchimp-audience.csv', ...p.args], { cwd: dir }).code).toBe(1);
  });

  it('--requests: a batch, one summary per request; lines for another command are skipped', () => {
    const dir = tempDir('nationbuilder-people.csv', 'action-network.csv');
    const nb = person(FIXTURES[1]);
    const an = person(FIXTURES[2]);
    writeFileSync(join(dir, 'requests.csv'), `kind,identifier\nid,${nb.args[1]}\nerase,${an.args[1]}\naccess,personne@exemple.fr\n`);
    const r = cli(['erase', 'nationbuilder-people.csv', 'action-network.csv', '--requests', 'requests.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Request of line 2 \(identifier\): 1 row\(s\) erased in all/);
    expect(r.stdout).toMatch(/Request of line 3 \(phone\): 1 row\(s\) erased in all/);
    expect(r.stdout).toMatch(/1 request\(s\) of another kind skipped/);
    for (const v of [...nb.all, ...an.all]) expect(r.stdout, v).not.toContain(v);
    const bad = cli(['erase', 'action-network.csv', '--requests', 'nationbuilder-people.csv'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
