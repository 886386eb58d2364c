import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../src/rules/column-not-understood.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { cli } from '../helpers/cli.js';

const E = 'a@example.org';

// Issue 12 (acceptance audit): an unread look-alike column was only a notice, so --fail-on warning,
// --max-warnings and the reports' verdict ignored it.
ruleTester(rule, {
  valid: [
    { name: 'every column read', row: { email: E, source: 'formulaire', 'Mail pro': 'b@example.org', Désinscrit: '' } },
    { name: 'an unread column that looks like nothing', row: { email: E, Remarque: 'rappeler' } },
    { name: 'a date look-alike stays a notice', row: { email: E, 'Date relance': '01/02/2026' } },
    { name: 'a column about an e-mail, not one (EMAIL_TYPE)', row: { email: E, EMAIL_TYPE: 'html' } },
    { name: 'a bad-address column (NPAI) is no objection look-alike', row: { email: E, NPAI: 'oui' } },
    { name: 'turned off in the config', row: { email: E, 'Statut email': 'ok' }, config: { rules: { 'column-not-understood': 'off' } } },
  ],
  invalid: [
    { name: 'a contact look-alike nothing reads ("Statut email")', row: { email: E, 'Statut email': 'ok' }, errors: [{ message: 'contact', field: 'Statut email' }], dropped: false },
    { name: 'a second consent column for one channel', row: { email: E, 'Consentement email': 'oui', 'Opt-in email': 'non' }, errors: [{ message: 'consent', field: 'Opt-in email' }] },
    { name: 'an objection look-alike about something else (motif)', row: { email: E, 'Motif de désinscription': 'trop de mails' }, errors: [{ message: 'objection', field: 'Motif de désinscription' }] },
    { name: 'e-mails in a column whose name says nothing ("Perso")', row: { email: '', Perso: 'nina.noel@example.org' }, errors: [{ message: 'emailByValues', field: 'Perso' }] },
    { name: 'phone numbers in "Coordonnées 2"', row: { email: E, 'Coordonnées 2': '06 00 00 95 01' }, errors: [{ message: 'phoneByValues', field: 'Coordonnées 2' }] },
  ],
});

describe('column-not-understood counts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnil-cnu-'));
  const input = join(dir, 'c.csv');
  writeFileSync(input, 'Nom;Prénom;Email;Perso;Consentement email;Opposition;Source\nNOEL;Nina;nina@example.org;nina.noel@example.org;oui;;Formulaire site web\n');
  const base = ['scan', input, '--as-of', '2026-11-23', '--lang', 'en', '--dry-run', '--for', 'email'];

  it('--fail-on warning and --max-warnings 0 exit 1, the default exit 0; --strict exit 2', () => {
    expect(cli([...base, '--format', 'none']).code).toBe(0);
    expect(cli([...base, '--format', 'none', '--fail-on', 'warning']).code).toBe(1);
    expect(cli([...base, '--format', 'none', '--max-warnings', '0']).code).toBe(1);
    expect(cli([...base, '--format', 'none', '--strict']).code).toBe(2);
  });

  it('the Markdown report no longer says the file can be used', () => {
    const md = cli([...base, '--format', 'md']).stdout;
    expect(md).toContain('column-not-understood');
    expect(md).not.toContain('No finding');
    expect(md).not.toContain('The file can be used for the channels checked');
  });
});
