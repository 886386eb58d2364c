/**
 * Every contact column of a kind (issue #16 item 5): a social row's scrubbing empties "Email perso"
 * as well as "email", and the suppression list hashes, and matches, every e-mail and phone column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { contactColumns, contactKindOf, valueKindOf } from '../src/contact-columns.js';

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

describe('contact columns by name and by values (issue 12)', () => {
  it('names: Outlook FR, HubSpot, Brevo, and columns about the data rather than the data', () => {
    expect(['Adresse de messagerie', 'Adresse de messagerie 2', 'WhatsApp Phone Number', 'Private e-mail address', 'Work email', 'LANDLINE_NUMBER', 'Téléphone mobile'].map(contactKindOf)).toEqual([
      'email', 'email', 'phone', 'email', 'email', 'phone', 'phone',
    ]);
    expect(['Email blacklisted', 'Email hard bounce reason', 'EMAIL_TYPE', 'Adresse IP', 'OK pour SMS', 'Désabonné SMS', 'Tél. ok'].map(contactKindOf)).toEqual([
      undefined, undefined, undefined, undefined, undefined, undefined, undefined,
    ]);
  });

  it('values: e-mails and phone numbers, not IPs, coordinates, dates or ids', () => {
    expect(valueKindOf(['nina.noel@example.org', ''])).toBe('email');
    expect(valueKindOf(['Gérard Lemaire (gerard.lemaire@exemple.fr)'])).toBe('email');
    expect(valueKindOf(['06 00 00 95 01', '+33 6 00 00 52 09', '33600001401', '0600000001'])).toBe('phone');
    for (const v of ['192.0.2.77', '45.7640000', '2026-03-14 09:12', '14-03-2025 09:12', '62000000001', '910600001', '69100', 'Lyon', 'oui']) expect(valueKindOf([v]), v).toBeUndefined();
    expect(valueKindOf(['a@example.org', 'x', 'y'])).toBeUndefined();
    expect(valueKindOf(['', ' '])).toBeUndefined();
  });

  it('a profile lists more columns; known and profiling columns are not contact data by their name', () => {
    const header = ['email', 'point_person_name_or_email', 'WHATSAPP', 'Adresse IP'];
    expect(contactColumns(header, { email: 0 }, { extra: { phone: [2] }, exclude: new Set([1]) })).toEqual({ email: [0], phone: [2], address: [] });
  });

  it('a social row: a column read by its values is scrubbed too', async () => {
    const dir = mkdtempSync(join(root, 'values-'));
    writeFileSync(join(dir, 'in.csv'), 'email;Perso;nom;réseau;source;date de collecte;dernier contact\na@example.org;secret.perso@exemple.fr;Dupont;Facebook;Abonné à la page;2026-10-01;2026-10-01\n');
    await cli(dir, ['scan', 'in.csv', '--for', 'social', '--format', 'none', '-o', 'out.csv']);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).not.toContain('secret.perso');
  });
});
