import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './helpers/cli.js';
import { legacyHash } from '../src/purge.js';

const SALT = '00112233445566778899aabbccddeeff';

describe('cnil-audit verify', () => {
  it('finds a purged person by any identifier in a CSV or JSON log, by name in a file without e-mail or phone; exit 1 when absent', () => {
    const dir = tempDir('action-network.csv', 'liste-electorale-extrait.csv');
    expect(cli(['purge', 'action-network.csv', '--as-of', '2030-01-01', '--log', 'a.json', '-q'], { cwd: dir }).code).toBe(0);
    expect(cli(['purge', 'liste-electorale-extrait.csv', '--as-of', '2027-03-22', '--election-date', '2027-03-21', '--log', 'b.csv', '-q'], { cwd: dir }).code).toBe(0);
    const row = readFileSync(join(dir, 'action-network.csv'), 'utf8').split('\n')[1].split(',');
    const [uuid, , , email, , phone] = row;
    for (const args of [['--id', uuid], ['--email', email.toUpperCase()], ['--phone', phone.replace('+33', '0')]]) {
      const r = cli(['verify', '--log', 'b.csv', '--log', 'a.json', ...args], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Found: purged on .*line 2 of the file/);
      expect(r.stdout).not.toContain(email);
    }
    const voter = readFileSync(join(dir, 'liste-electorale-extrait.csv'), 'utf8').split('\n')[1].split(';');
    const byName = cli(['verify', '--log', 'b.csv', '--name', `${voter[0]}|${voter[2]}|${voter[4]}`, '--format', 'json'], { cwd: dir });
    expect(byName.code, byName.stdout + byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout).matches[0].rule).toBe('retention-expired');
    const absent = cli(['verify', '--log', 'a.json', '--email', 'personne@exemple.fr', '--lang', 'fr'], { cwd: dir });
    expect(absent.code).toBe(1);
    expect(absent.stdout).toMatch(/^Absent de 1 journal/);
  });

  it('refuses another key, a missing key, and a file that is not a log (exit 2, one line); reads an earlier version’s salted log with --salt', () => {
    const dir = tempDir('nationbuilder-people.csv');
    expect(cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--log', 'log.csv', '-q'], { cwd: dir }).code).toBe(0);
    const one = (r: { code: number | null; stderr: string }, re: RegExp) => {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    };
    writeFileSync(join(dir, 'other.key'), 'ab'.repeat(32) + '\n');
    one(cli(['verify', '--log', 'log.csv', '--key-file', 'other.key', '--id', '1003'], { cwd: dir }), /log\.csv: made with another key/);
    one(cli(['verify', '--log', 'log.csv', '--key-file', 'none.key', '--id', '1003'], { cwd: dir }), /none\.key: no key file here/);
    one(cli(['verify', '--log', 'nationbuilder-people.csv', '--id', '1003'], { cwd: dir }), /nationbuilder-people\.csv:1: not a cnil-audit purge log/);
    one(cli(['verify', '--log', 'log.csv', '--id', '1003', '--email', 'a@b.fr'], { cwd: dir }), /give exactly one of/);
    // A log written by an earlier version: one salted id_hash per row.
    writeFileSync(join(dir, 'old.csv'), `\uFEFFline,id_hash,category,rule,reason,legal_reference,purged_at\n4,${legacyHash(SALT, '1003')},regular_contact,retention-expired,x,y,2025-01-31T00:00:00.000Z\n`);
    one(cli(['verify', '--log', 'old.csv', '--id', '1003'], { cwd: dir }), /old\.csv was written by an earlier version .* --salt/);
    const old = cli(['verify', '--log', 'old.csv', '--id', '1003', '--salt', SALT], { cwd: dir });
    expect(old.code).toBe(0);
    expect(old.stdout).toMatch(/Found: purged on 2025-01-31/);
  });
});
