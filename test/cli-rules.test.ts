import { t } from '../src/i18n/index.js';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './helpers/cli.js';
import { rules } from '../src/rules/index.js';

describe('cnil-audit rules', () => {
  it('lists every rule with severity, action and sources (text)', () => {
    const r = cli(['rules', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Severity and action in words, for people ("error", "row dropped"; French: "erreur", "ligne retirée").
    for (const rule of rules) expect(r.stdout).toMatch(new RegExp(`^${rule.id}\\s+${t('en', `severity.${rule.severity}`)}\\s+${t('en', `action.${rule.action}`)}\\s+\\S`, 'm'));
    expect(r.stdout).toContain('Retention period exceeded');
    expect(r.stdout).toContain('sources: GDPR');
  });

  it('--format json is machine-readable', () => {
    const r = cli(['rules', '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; severity: string; action: string; references: { url: string }[] }[];
    expect(list.map((x) => x.id)).toEqual(rules.map((x) => x.id));
    expect(list.find((x) => x.id === 'political-opinion')).toMatchObject({ severity: 'error', action: 'scrub-field' });
    expect(list.every((x) => x.references.length > 0)).toBe(true);
  });

  it('--format md prints the README table; French by locale', () => {
    const r = cli(['rules', '--format', 'md'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| id \| gravité \| action \| description \| sources \|/);
    expect(r.stdout).toContain('Durée de conservation dépassée');
  });

  it('an unknown format is exit 2', () => {
    const r = cli(['rules', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('cnil-audit explain', () => {
  it('explains a rule: what, why, sources with URLs, fix, configuration', () => {
    const r = cli(['explain', 'political-opinion', '--lang', 'en']);
    expect(r.code).toBe(0);
    for (const h of ['What it checks', 'Why', 'Sources', 'How to fix', 'How to configure']) expect(r.stdout).toMatch(new RegExp(`^${h}$`, 'm'));
    expect(r.stdout).toContain('https://www.cnil.fr/fr/les-fichiers-de-communication-politique');
    expect(r.stdout).toContain('"rules": {"political-opinion": "off"}');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('"profiling": {"allow": ["Column name"]}');
  });

  it('retention rules show the durations and say the 3-year default is an interpretation', () => {
    const r = cli(['explain', 'retention-expired', '--lang', 'en']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/regular contact: 3 years after [^-]* — default 3 years: an interpretation/);
    expect(text).toMatch(/occasional contact: 2 months after [^-]* — default 2 months: from the texts/);
    expect(text).toMatch(/voter: 0 days after the election date/);
    expect(r.stdout).toMatch(/^Interpretation$/m);
    expect(text).toMatch(/3 years without contact from the person/);
  });

  it('shows durations set by a config file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ retention: { regular_contact: '5y' } }));
    const r = cli(['explain', 'retention-unknown', '--lang', 'en', '-c', 'c.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/regular contact: 5 years after [^-]* — set by config \(default 3 years\)/);
  });

  it('French, and json', () => {
    const fr = cli(['explain', 'minor', '--lang', 'fr']);
    expect(fr.stdout).toMatch(/^Pourquoi$/m);
    expect(fr.stdout).toContain('Interprétation');
    const json = JSON.parse(cli(['explain', 'minor', '--format', 'json', '--lang', 'en']).stdout);
    expect(json).toMatchObject({ id: 'minor', severity: 'warning', action: 'flag' });
    expect(json.why).toMatch(/Article 45/);
  });

  it('malformed-row says it cannot be turned off, and has no pattern settings', () => {
    const out = cli(['explain', 'malformed-row', '--lang', 'en']).stdout;
    expect(out).toContain('cannot be turned off');
    expect(out).not.toContain('"profiling"');
  });

  it('an unknown rule is exit 2 with one line listing the known ids', () => {
    const r = cli(['explain', 'no-such-rule', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cnil-audit: unknown rule "no-such-rule"; known rules: /);
    for (const rule of rules) expect(lines[0]).toContain(rule.id);
  });
});
