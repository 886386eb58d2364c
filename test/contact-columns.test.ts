/**
 * Every contact column of a kind (issue #16 item 5): a social row's scrubbing empties "Email perso"
 * as well as "email", and the suppression list hashes, and matches, every e-mail and phone column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { contactColumns, contactKindOf } from '../src/contact-columns.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-contact-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(dir: string, args: string[]) {
  let stdout = '';
  const code = await run([...args, '--as-of', '2026-11-23', '--lang', 'en'], {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: () => true },
    env: {},
    cwd: dir,
  });
  return { code, stdout };
}

describe('contact columns', () => {
  it('are found by a word of their name, not by words about them', () => {
    expect(['Email perso', 'E-mail pro', 'Tél. bureau', 'Portable 2', 'Adresse 2'].map(contactKindOf)).toEqual(['email', 'email', 'phone', 'phone', 'address']);
    expect(['Email consent', 'Date email', 'Statut e-mail', 'Nom'].map(contactKindOf)).toEqual([undefined, undefined, undefined, undefined]);
    expect(contactColumns(['email', 'nom', 'Email perso'], { email: 0 })).toEqual({ email: [0, 2], phone: [], address: [] });
  });

  it('a social row: every e-mail and phone column is emptied in the cleaned file', async () => {
    const dir = mkdtempSync(join(root, 'social-'));
    writeFileSync(join(dir, 'in.csv'), 'email;Email perso;Tél bureau;nom;réseau;source;date de collecte;dernier contact\na@example.org;secret.perso@exemple.fr;01 23 45 67 89;Dupont;Facebook;Abonné à la page;2026-10-01;2026-10-01\n');
    await cli(dir, ['scan', 'in.csv', '--for', 'social', '--format', 'none', '-o', 'out.csv']);
    const out = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(out).not.toContain('secret.perso');
    expect(out).not.toContain('01 23 45 67 89');
    expect(out.split('\n')[1]).toBe(';;;Dupont;Facebook;Abonné à la page;2026-10-01;2026-10-01');
  });

  it('the suppression list hashes every e-mail column, and a later scan matches any of them', async () => {
    const dir = mkdtempSync(join(root, 'list-'));
    writeFileSync(join(dir, 'in.csv'), 'email;Email perso;nom;source;date de collecte;opposition\na@example.org;perso@exemple.fr;Dupont;Adhésion;05/03/2024;oui\n');
    await cli(dir, ['purge', 'in.csv', '--format', 'none', '--suppression-list', 'list.csv']);
    const list = readFileSync(join(dir, 'list.csv'), 'utf8').trim().split('\n');
    expect(list.filter((r) => r.startsWith('email,'))).toHaveLength(2);
    // A later import where the person's personal address is the main one.
    writeFileSync(join(dir, 'next.csv'), 'email;nom;source;date de collecte\nperso@exemple.fr;Dupont;Adhésion;05/03/2024\n');
    const r = await cli(dir, ['scan', 'next.csv', '--suppress', 'list.csv', '--format', 'json', '-o', 'next.clean.csv']);
    const report = JSON.parse(r.stdout) as { output: { rows: number } };
    expect(report.output.rows).toBe(0);
    // And one where it sits in a second column.
    writeFileSync(join(dir, 'other.csv'), 'email;Mail perso;nom;source;date de collecte\nnew@example.org;perso@exemple.fr;Dupont;Adhésion;05/03/2024\n');
    const r2 = await cli(dir, ['scan', 'other.csv', '--suppress', 'list.csv', '--format', 'json', '-o', 'other.clean.csv']);
    expect((JSON.parse(r2.stdout) as { output: { rows: number } }).output.rows).toBe(0);
  });
});
