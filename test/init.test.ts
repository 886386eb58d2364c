import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, files, tempDir, ROOT } from './helpers/cli.js';
import { assertValidConfig } from './helpers/report-schema.js';
import { schemaReference, initialConfig } from '../src/cli/init-command.js';
import { validateConfig } from '../src/config.js';
import { DEFAULT_RETENTION } from '../src/engine.js';
import { rules } from '../src/rules/index.js';
import { VERSION } from '../src/version.js';

const CONFIG = 'cnil-audit.config.json';
const read = (dir: string, name = CONFIG) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('cnil-audit init <sample>', () => {
  it('writes the detected mapping, default retention and every rule at its default level', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['init', 'nationbuilder-people.csv'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const config = read(dir);
    expect(Object.keys(config)).toEqual(['$schema', 'mapping', 'retention', 'rules', 'profile']);
    // The sample is a NationBuilder people export: init writes the profile it recognised (issue 12).
    expect(config.profile).toBe('nationbuilder');
    expect(config.mapping).toMatchObject({
      id: 'nationbuilder_id',
      email: 'email',
      phone: 'phone_number',
      consent_email: 'email_opt_in',
      objection: 'do_not_contact',
      last_contact_at: 'last_contacted_at',
      membership_end: 'membership_expires_at',
    });
    expect(config.retention).toEqual(DEFAULT_RETENTION);
    expect(config.rules).toEqual(Object.fromEntries(rules.map((x) => [x.id, x.severity])));
    expect(config.$schema).toBe(`https://unpkg.com/cnil-audit@${VERSION}/schema/config.schema.json`);
    validateConfig(config);
    assertValidConfig(config);
    // A config is shared and committed: readable by the team, unlike the outputs holding data.
    expect(statSync(join(dir, CONFIG)).mode & 0o777).toBe(0o644 & ~process.umask());
  });

  it('lists the mapping, the unmapped columns and the profiling columns for review', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['init', 'nationbuilder-people.csv'], { cwd: dir });
    expect(r.stdout).toContain(`Wrote ${join(dir, CONFIG)}`);
    expect(r.stdout).toMatch(/^ {2}last contact date +← last_contacted_at$/m);
    expect(r.stdout).toMatch(/^Columns not mapped, passed through unchanged \(\d+\): .*\btag_list\b/m);
    expect(r.stdout).toMatch(/^Columns recognised as political opinion, profiling or sensitive data \(\d+\): .*\binferred_support_level\b/m);
    expect(r.stdout).toMatch(/Review it/);
  });

  it('writes a config that scan then uses', () => {
    const dir = tempDir('mailchimp-audience.csv');
    expect(cli(['init', 'mailchimp-audience.csv'], { cwd: dir }).code).toBe(0);
    const config = read(dir);
    config.rules['unknown-source'] = 'off';
    writeFileSync(join(dir, CONFIG), JSON.stringify(config));
    const r = cli(['scan', 'mailchimp-audience.csv', '--dry-run', '--format', 'json', '--as-of', '2026-11-23'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout);
    expect(report.input.mapping).toEqual(config.mapping);
    expect(report.summary.byRule['unknown-source']).toBeUndefined();
  });

  it('speaks French with --lang fr', () => {
    const dir = tempDir('fichier-militants-excel.csv');
    const r = cli(['init', 'fichier-militants-excel.csv', '--lang', 'fr'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('écrit');
    expect(r.stdout).toContain('Colonnes associées');
  });

  it('reads the sample from stdin with "-"', () => {
    const dir = tempDir();
    const r = cli(['init', '-'], { cwd: dir, input: 'Courriel;Prénom;Origine;Dernier contact\nx@exemple.fr;Ana;marché;2026-01-01\n' });
    expect(r.code).toBe(0);
    expect(read(dir).mapping).toEqual({ first_name: 'Prénom', email: 'Courriel', source: 'Origine', last_contact_at: 'Dernier contact' });
  });

  it('warns when no contact column is recognised', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'odd.csv'), 'a,b\n1,2\n');
    const r = cli(['init', 'odd.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: no contact column/);
    expect(read(dir).mapping).toEqual({});
  });
});

describe('cnil-audit init without a sample', () => {
  it('writes an empty mapping with the defaults', () => {
    const dir = tempDir();
    const r = cli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No sample given/);
    const config = read(dir);
    expect(config.mapping).toEqual({});
    expect(config.retention).toEqual(DEFAULT_RETENTION);
    assertValidConfig(config);
  });

  it('writes where -o says', () => {
    const dir = tempDir();
    expect(cli(['init', '-o', 'conf/audit.json'], { cwd: dir }).code).toBe(2); // folder missing: one-line error
    expect(cli(['init', '-o', 'audit.json'], { cwd: dir }).code).toBe(0);
    expect(files(dir)).toEqual(['audit.json']);
  });
});

describe('cnil-audit init never overwrites by accident', () => {
  it('refuses an existing config without --force, and leaves it untouched', () => {
    const dir = tempDir('nationbuilder-people.csv');
    writeFileSync(join(dir, CONFIG), '{"lang":"fr"}\n');
    const r = cli(['init', 'nationbuilder-people.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/already exists; pass --force/);
    expect(readFileSync(join(dir, CONFIG), 'utf8')).toBe('{"lang":"fr"}\n');
  });

  it('replaces it with --force', () => {
    const dir = tempDir('nationbuilder-people.csv');
    writeFileSync(join(dir, CONFIG), '{"lang":"fr"}\n');
    expect(cli(['init', 'nationbuilder-people.csv', '--force'], { cwd: dir }).code).toBe(0);
    expect(read(dir).mapping.id).toBe('nationbuilder_id');
    expect(files(dir)).toEqual([CONFIG, 'nationbuilder-people.csv']); // no temp file left
  });

  it('refuses to write the config onto the sample', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const before = readFileSync(join(dir, 'nationbuilder-people.csv'));
    const r = cli(['init', 'nationbuilder-people.csv', '-o', 'nationbuilder-people.csv', '--force'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'nationbuilder-people.csv')).equals(before)).toBe(true);
  });

  it('writes nothing when the sample cannot be read', () => {
    const dir = tempDir();
    const r = cli(['init', 'missing.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cnil-audit: .*missing\.csv: /);
    expect(existsSync(join(dir, CONFIG))).toBe(false);
    writeFileSync(join(dir, 'dup.csv'), 'email,email\nx,y\n');
    expect(cli(['init', 'dup.csv'], { cwd: dir }).code).toBe(2);
    expect(existsSync(join(dir, CONFIG))).toBe(false);
  });
});

describe('$schema in the written config', () => {
  it('points to the package schema by relative path when the config sits above it', () => {
    expect(schemaReference(join(ROOT, CONFIG))).toBe('./schema/config.schema.json');
    expect(initialConfig(join(ROOT, CONFIG)).$schema).toBe('./schema/config.schema.json');
  });

  it('points to the published schema of this version otherwise', () => {
    expect(schemaReference('/elsewhere/cnil-audit.config.json')).toBe(`https://unpkg.com/cnil-audit@${VERSION}/schema/config.schema.json`);
  });
});
