/**
 * No personal data in reports (issue #16 item 4): a malformed row's shifted cells never become a
 * finding's `id`, and `--show-values` masks by the field's kind.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { isCarriedId, maskEmail, maskPhone, maskText, maskValue } from '../src/mask.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-pd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function scan(input: string, extra: string[] = []) {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, 'in.csv'), input);
  let stdout = '';
  const code = await run(['scan', 'in.csv', '--as-of', '2026-11-23', '--lang', 'en', '--format', 'json', '-r', 'r.json', '-r', 'r.csv', '-r', 'r.md', '-r', 'r.html', ...extra], {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: () => true },
    env: {},
    cwd: dir,
  });
  const reports = ['r.json', 'r.csv', 'r.md', 'r.html'].map((f) => readFileSync(join(dir, f), 'utf8'));
  return { code, stdout, reports };
}

describe('a malformed row', () => {
  it('never reports its shifted first cell as its id', async () => {
    // The id column is first; the row lost its id cell, so the e-mail sits where the id should be.
    const input = 'id;email;nom;source;date de collecte\n1;a@example.org;Dupont;Adhésion;05/03/2024\nsecret.victim@exemple.fr;Victim;Adhésion;05/03/2024\n';
    const r = await scan(input);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; id?: string }[] };
    const malformed = report.findings.filter((f) => f.rule === 'malformed-row');
    expect(malformed).toHaveLength(1);
    expect(malformed[0].id).toBeUndefined();
    for (const text of [r.stdout, ...r.reports]) expect(text).not.toContain('secret.victim');
  });

  it('with --show-values still shows nothing of it', async () => {
    const input = 'id;email;nom;source;date de collecte\nsecret.victim@exemple.fr;Victim;Adhésion;05/03/2024\n';
    const r = await scan(input, ['--show-values']);
    for (const text of [r.stdout, ...r.reports]) expect(text).not.toMatch(/secret\.victim|Victim/);
  });
});

describe('--show-values masks by the field kind', () => {
  it('an e-mail mask only for one valid address', () => {
    expect(maskEmail('jean.dupont@exemple.fr')).toBe('j***@exemple.fr');
    expect(maskValue('email', 'voile @ Marie Secretcurie 06 99 88 77 66')).toBe('v***[40]');
    expect(maskValue('Notes', 'voile @ Marie Secretcurie 06 99 88 77 66')).not.toMatch(/Marie|Secretcurie|99/);
    expect(maskValue('email', 'a@b.fr, c@d.fr')).toBe('a***[14]');
  });

  it('a phone mask only for a phone', () => {
    expect(maskPhone('+33 6 12 34 56 78')).toBe('06 ** ** ** 78');
    expect(maskValue('phone', 'appeler Marie au 06 12 34 56 78')).toBe('a***[31]');
  });

  it('free text: first character and length only, never a control character', () => {
    expect(maskText('Marie Secretcurie')).toBe('M***[17]');
    expect(maskText('\u001b[2JAll rows OK')).toBe('****[15]');
  });
});

describe('an id carried into findings (issue #16 audit N11)', () => {
  const carried = ['1', '1001', '123456', '12345678', 'NB-12345', 'c42', '3f2a8c1e-6b7d-4e21-9a0f-1c2d3e4f5a6b', 'crm_00017', 'A1B2C3'];
  const notCarried = [
    '06 99 88 77 66', '0699887766', '06.99.88.77.66', '+33 6 99 88 77 66', '+33699887766', '0033699887766', '612345678', '33612345678', '+44 20 7946 0958',
    'Jean Secretdupont', 'Dupont', 'Jean-Pierre', '12 rue des Lilas', 'jean@exemple.fr', '1980-03-05', '05/03/1980', 'x'.repeat(60) + '12345', '',
  ];
  for (const v of carried) it(`carries ${JSON.stringify(v)}`, () => expect(isCarriedId(v)).toBe(true));
  for (const v of notCarried) it(`does not carry ${JSON.stringify(v)}`, () => expect(isCarriedId(v)).toBe(false));

  it('an id column of phones and names is in no report; the line stays', async () => {
    const r = await scan('id,email,source,date de collecte\n06 99 88 77 66,a@x.fr,achat de fichier,2025-01-01\nJean Secretdupont,b@x.fr,achat de fichier,2025-01-01\nNB-7,c@x.fr,achat de fichier,2025-01-01\n');
    for (const text of [r.stdout, ...r.reports]) {
      expect(text).not.toContain('99 88 77');
      expect(text).not.toContain('Secretdupont');
    }
    // Every row has findings (a bought list): by line, the id each carries.
    const findings = JSON.parse(r.reports[0]).findings as { id?: string; line: number }[];
    expect([...new Set(findings.map((f) => `${f.line}:${f.id ?? '-'}`))]).toEqual(['2:-', '3:-', '4:NB-7']);
  });
});
