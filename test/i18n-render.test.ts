import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { errorText, hasMessage, messageIds, t } from '../src/i18n/index.js';

describe('message rendering', () => {
  it('fills placeholders, keeps unknown ones visible, and renders an unknown id as itself', () => {
    expect(t('en', 'error.E_HEADER_DUPLICATE', { column: 'nom', first: 2, second: 3 })).toBe(
      'duplicate column name "nom" (columns 2 and 3); rename one or map it with --map',
    );
    expect(t('en', 'error.E_HEADER_DUPLICATE', { column: 'nom' })).toContain('(columns {first} and {second})');
    expect(t('fr', 'no.such.message')).toBe('no.such.message');
    expect(t('en', 'summary.noFindings')).toBe('No findings.');
    // A value that looks like a placeholder is not expanded again.
    expect(t('en', 'error.E_USAGE', { detail: '{detail}' })).toBe('{detail}');
  });
});

describe('plurals ({count:one|other})', () => {
  it('French: 0 and 1 singular, 2 and more plural; English: 1 singular', () => {
    expect(t('fr', 'report.findingsCount', { count: 0 })).toBe('0 constat');
    expect(t('fr', 'report.findingsCount', { count: 1 })).toBe('1 constat');
    expect(t('fr', 'report.findingsCount', { count: 2 })).toBe('2 constats');
    expect(t('fr', 'summary.failOn', { code: 1, count: 1, level: 'erreur' })).toBe('Code de sortie 1 : 1 constat de niveau « erreur » ou plus.');
    expect(t('fr', 'report.purge.verdict', { purged: 1, kept: 3, errors: 0, warnings: 2 })).toBe(
      'Purge faite : 1 ligne purgée, 3 conservées. Restent dans le fichier purgé, hors du champ de la purge : 0 erreur, 2 avertissements.',
    );
    expect(t('fr', 'verdict.unreadable', { count: 1 })).toBe('Code de sortie 2 : 1 fichier n’a pas pu être lu.');
    // A list counts its items: one line, two lines.
    expect(t('fr', 'rights.eraseDry', { file: 'a.csv', rows: 1, lines: '4' })).toMatch(/^a\.csv : 1 ligne serait effacée \(ligne 4\)/);
    expect(t('fr', 'rights.eraseDry', { file: 'a.csv', rows: 2, lines: '4, 9' })).toMatch(/^a\.csv : 2 lignes seraient effacées \(lignes 4, 9\)/);
    expect(t('fr', 'summary.input', { rows: '12 345', columns: 1, encoding: 'utf-8', delimiter: ';' })).toBe('Entrée : 12 345 lignes, 1 colonne, utf-8, séparateur ;');
  });

  it('no French message writes a plural as "(s)"', () => {
    const bad = messageIds('fr').filter((id) => /\w\((s|e|es|aux)\)/.test(t('fr', id)));
    expect(bad).toEqual([]);
  });
});

describe('error sentences', () => {
  it('put system codes and output names in the language, keeping the code', () => {
    expect(errorText('fr', 'E_OUTPUT_UNWRITABLE', { what: 'the cleaned file', detail: 'ENOENT' })).toBe(
      'impossible d’écrire le fichier nettoyé : fichier ou dossier introuvable (ENOENT)',
    );
    expect(errorText('en', 'E_OUTPUT_UNWRITABLE', { what: 'the purge log', detail: 'ENOSPC' })).toBe(
      'cannot write the purge log: no space left on the disk (ENOSPC)',
    );
    expect(errorText('fr', 'E_INPUT_UNREADABLE', { detail: 'EACCES' })).toBe('impossible de lire le fichier : permission refusée (EACCES)');
  });

  it('leave what they do not know as it is', () => {
    expect(errorText('fr', 'E_OUTPUT_UNWRITABLE', { what: 'something new', detail: 'EWHATEVER' })).toBe('impossible d’écrire something new : EWHATEVER');
    expect(errorText('en', 'E_USAGE', { detail: 'ENOENT is a word here' })).toBe('ENOENT is a word here');
  });

  it('name every output the code can name', () => {
    const names = new Set(sourceMatches(/what: '([^']+)'|'(the [a-z ()]+|standard output)'/g, (p) => !p.includes('i18n')).map((m) => m[1] ?? m[2]));
    expect(names.size).toBeGreaterThan(5);
    for (const n of names) expect(hasMessage(`output.${n}`, 'fr') && hasMessage(`output.${n}`, 'en'), n).toBe(true);
  });
});

describe('usage errors', () => {
  it('are worded by the catalogue, in the user\'s language', () => {
    expect(errorText('en', 'E_USAGE', { usage: 'date', option: '--as-of', value: 'hier' })).toBe('--as-of: "hier" is not a date (use 2026-12-31 or 31/12/2026)');
    expect(errorText('fr', 'E_USAGE', { usage: 'date', option: '--as-of', value: 'hier' })).toBe('--as-of : « hier » n’est pas une date (écrivez 2026-12-31 ou 31/12/2026)');
  });

  it('every usageError id used in the sources has both wordings', () => {
    const ids = new Set(sourceMatches(/usageError\('([A-Za-z]+)'/g).map((m) => m[1]));
    expect(ids.size).toBeGreaterThan(8);
    for (const id of ids) expect(hasMessage(`usage.${id}`, 'fr') && hasMessage(`usage.${id}`, 'en'), id).toBe(true);
  });
});

/** Every match of `pattern` in the TypeScript sources under src/ (optionally only the files `keep` accepts). */
function sourceMatches(pattern: RegExp, keep: (path: string) => boolean = () => true): RegExpMatchArray[] {
  const out: RegExpMatchArray[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && keep(p)) out.push(...readFileSync(p, 'utf8').matchAll(pattern));
    }
  };
  walk(join(import.meta.dirname, '..', 'src'));
  return out;
}
