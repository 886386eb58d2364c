/**
 * One language at a time (issue 14): with French chosen, every line the tool prints or writes is
 * French — messages, words for codes, `--help` of every command, commander's usage errors, config
 * errors — and English output has no French. Each check runs a word list over the output, with what is
 * not language removed first: placeholders, URLs, option names, quoted values, codes and identifiers.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageIds, render, t } from '../src/i18n/index.js';
import { helpFr } from '../src/i18n/help-fr.js';
import { buildProgram } from '../src/cli/main.js';
import type { Command } from 'commander';
import { cli, tempDir } from './helpers/cli.js';

const ENGLISH = /\b(the|and|with|without|expected|missing|required|unknown|files?|rows?|kept|dropped|errors?|warnings?|found|cleaned|report|channels?|years?|months?|days?|allowed|choices|display|output|default|would|should|cannot|after|before|until|over|used|for|none|between|category|commands?|help)\b/i;
const FRENCH = /\b(le|la|les|des|une|fichiers?|lignes?|erreurs?|avertissements?|règles?|conservé|données|canal|aucun|avec|sans|jusqu|après|pour|dans|utilisation|commandes?)\b/i;

/** Text with what is not language removed: placeholders, URLs, options, quoted values, identifiers, paths. */
function words(s: string): string {
  return s
    .replace(/\{\w+\}/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|[\s(])-{1,2}[\w-]+/g, ' ')
    .replace(/\bhelp \[/g, ' [')
    .replace(/«[^»]*»|"[^"]*"|“[^”]*”|`[^`]*`|<[^>]*>|\[[^\]]*\]/g, ' ')
    .replace(/\/[\w./-]+/g, ' ')
    .replace(/\b[A-Za-z]+[_.-][\w.-]+\b/g, ' ');
}

function expectOnly(lang: 'fr' | 'en', text: string, what: string) {
  for (const line of text.split('\n')) {
    const m = words(line).match(lang === 'fr' ? ENGLISH : FRENCH);
    expect(m, `${what}: "${m?.[0]}" in: ${line}`).toBeNull();
  }
}

describe('the message catalogue', () => {
  it('has every message in both languages, and each is free of the other language', () => {
    expect(messageIds('fr').sort()).toEqual(messageIds('en').sort());
    for (const id of messageIds('fr')) expectOnly('fr', t('fr', id), id);
    for (const id of messageIds('en')) expectOnly('en', t('en', id), id);
  });

  it('words channel, category and duration codes in the message params', () => {
    const m = (lang: 'fr' | 'en', id: string, params: Record<string, string>) => render(lang, { id, params });
    expect(m('fr', 'rule.cross-channel.otherChannel', { channel: 'phone', basis: 'post, door' })).toBe('utilisé pour téléphone, alors que la ligne n’a de base que pour : courrier, porte-à-porte');
    expect(m('fr', 'rule.retention-expired.expired', { category: 'regular_contact', duration: '3y', field: 'Dernier contact', date: '2020-01-01', deadline: '2023-01-01' }))
      .toBe('durée de conservation dépassée (catégorie contact régulier) : conservé 3 ans après Dernier contact (2020-01-01), soit jusqu’au 2023-01-01');
    expect(m('en', 'rule.missing-consent.noConsent', { channel: 'automated_call' })).toBe('used on automated calls with no consent for any channel');
  });
});

/** Every command of the program, with its name as help-fr keys it ('' for the program). */
function commands(): [string, Command][] {
  const program = buildProgram({ stdout: process.stdout, stderr: process.stderr, env: {}, cwd: '/' } as never, () => {});
  return [['', program], ...program.commands.map((c) => [c.name(), c] as [string, Command])];
}

describe('--help', () => {
  it('every command, argument and option has its French text', () => {
    for (const [name, cmd] of commands()) {
      const key = (item: string) => helpFr[`${name}|${item}`] ?? (['scan', 'purge'].includes(name) ? helpFr[`*|${item}`] : undefined);
      expect(key(''), `${name}: description`).toBeDefined();
      for (const a of cmd.registeredArguments) expect(key(`<${a.name()}>`), `${name} <${a.name()}>`).toBeDefined();
      for (const o of cmd.options) expect(key(o.long ?? ''), `${name} ${o.long}`).toBeDefined();
    }
  });

  for (const lang of ['fr', 'en'] as const) {
    it(`of every command is all ${lang === 'fr' ? 'French' : 'English'} with --lang ${lang}`, () => {
      for (const [name] of commands()) {
        const r = cli([...(name ? [name] : []), '--help', '--lang', lang]);
        expect(r.code).toBe(0);
        expectOnly(lang, r.stdout, `${name || 'cnil-audit'} --help`);
      }
    });
  }

  it('purge --help shows only what purge accepts', () => {
    const r = cli(['purge', '--help']);
    expect(r.stdout).not.toContain('--rejects');
    expect(cli(['scan', '--help']).stdout).toContain('--rejects');
  });
});

describe('usage errors', () => {
  it('commander\'s own errors are French with --lang fr (or a French locale)', () => {
    const cases: [string[], RegExp][] = [
      [['scan'], /argument obligatoire manquant : « fichier »/],
      [['scan', 'x.csv', '--format', 'xml'], /« xml » n’est pas permis \(choix : « text », « json », « md », « github », « none »\)/],
      [['scna'], /commande inconnue « scna » \(vouliez-vous dire scan \?\)/],
      [['scan', 'x.csv', '--fro', 'email'], /option inconnue « --fro » \(vouliez-vous dire --for \?\)/],
      [['explain', 'a', 'b'], /trop d’arguments pour « explain »/],
    ];
    for (const [args, re] of cases) {
      const r = cli(args, { env: { LANG: 'fr_FR.UTF-8' } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(re);
      expectOnly('fr', r.stderr, args.join(' '));
    }
    expect(cli(['scan', '--lang', 'en']).stderr).toMatch(/missing required argument 'file'/);
  });

  it('explain suggests the closest rule id', () => {
    const r = cli(['explain', 'retention-expred', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('vouliez-vous dire retention-expired ?');
    expect(cli(['explain', 'zzzz']).stderr).toMatch(/known rules: malformed-row/);
  });
});

describe('config errors', () => {
  it('are all reported at once, each with its path, in the language', () => {
    const dir = tempDir('nationbuilder-people.csv');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ retention: { regular_contact: '3 ans' }, lang: 'de', extra: 1, electionDate: 'hier' }));
    const fr = cli(['scan', 'nationbuilder-people.csv', '-c', 'bad.json', '--lang', 'fr'], { cwd: dir });
    expect(fr.code).toBe(2);
    expect(fr.stderr.trimEnd().split('\n')).toHaveLength(1);
    for (const path of ['« retention.regular_contact » :', '« electionDate » :', '« lang » :', ' ; clé inconnue : « extra »']) expect(fr.stderr).toContain(path);
    expect(fr.stderr).toContain('configuration invalide, 4 problèmes');
    expectOnly('fr', fr.stderr.replace(/^cnil-audit: \S+:/, ''), 'config errors');
    const en = cli(['scan', 'nationbuilder-people.csv', '-c', 'bad.json', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toContain('invalid configuration, 4 problems: "retention.regular_contact": expected a duration like "3y"');
  });
});

describe('config errors, all at once (issue 14)', () => {
  it('an unknown rule, a mandatory rule turned off, a bad pattern and the schema\'s problems, in one line naming the config file', () => {
    const dir = tempDir('nationbuilder-people.csv');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ rules: { nope: 'off', 'malformed-row': 'off' }, profiling: { add: ['(unclosed'] }, lang: 'de' }));
    for (const lang of ['fr', 'en'] as const) {
      const r = cli(['scan', 'nationbuilder-people.csv', '-c', 'c.json', '--lang', lang, '--dry-run'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^cnil-audit: ${join(dir, 'c.json').replace(/[.]/g, '\\.')}: `));
      expect(r.stderr).not.toContain('nationbuilder-people.csv');
      for (const path of ['rules.nope', 'rules.malformed-row', 'profiling.add.0', 'lang']) expect(r.stderr).toContain(path);
      expect(r.stderr).toContain(lang === 'fr' ? 'configuration invalide, 4 problèmes' : 'invalid configuration, 4 problems');
    }
  });

  it('a mapped column the input lacks names the config file and the input, every such column at once', () => {
    const dir = tempDir('nationbuilder-people.csv');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ mapping: { email: 'Courriel absent', phone: 'Tél absent' } }));
    const r = cli(['scan', 'nationbuilder-people.csv', '-c', 'c.json', '--lang', 'fr', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cnil-audit: ${join(dir, 'c.json')}: configuration invalide, 2 problèmes : « mapping.email » : pas de colonne « Courriel absent » dans l’en-tête de ${join(dir, 'nationbuilder-people.csv')}`);
    expect(r.stderr).toContain('« mapping.phone » : pas de colonne « Tél absent »');
    // The same through --map is a usage of the command line: the input is named.
    const m = cli(['scan', 'nationbuilder-people.csv', '--map', 'email=Courriel absent', '--map', 'phone=Tél absent', '--lang', 'en', '--dry-run'], { cwd: dir });
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('nationbuilder-people.csv: mappings with no such column in the header: "email=Courriel absent", "phone=Tél absent"');
  });

  it('a JSON syntax error says where, in the language', () => {
    const dir = tempDir('nationbuilder-people.csv');
    writeFileSync(join(dir, 'c.json'), '{\n  "retention": {\n    "voter": \n');
    const r = cli(['scan', 'nationbuilder-people.csv', '-c', 'c.json', '--lang', 'fr', '--dry-run'], { cwd: dir });
    expect(r.stderr).toMatch(/c\.json: configuration invalide : ce n’est pas du JSON valable \(ligne 4, colonne 1\)/);
  });
});

describe('a scan in French', () => {
  it('prints a summary with no English in it', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['scan', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--for', 'sms', '--lang', 'fr', '--dry-run', '--max-warnings', '0'], { cwd: dir });
    expect(r.code).toBe(1);
    expectOnly('fr', r.stdout.replaceAll(dir, ''), 'summary');
  });
});
