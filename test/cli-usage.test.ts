/**
 * Usage details of the real binary (issue 14, second audit): no command is a usage error (help on
 * stderr, exit 2); TERM=dumb gets no escape code even on a terminal; `--sheet` with a CSV input is a
 * usage error (exit 2, one line, nothing written); `--help` of every command, in both languages, wraps
 * without breaking a French space and names each choice once.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, cli, files, tempDir } from './helpers/cli.js';

const COMMANDS = ['scan', 'purge', 'verify', 'find', 'access', 'erase', 'rules', 'explain', 'init'];

describe('cnil-audit with no argument', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`prints the help on stderr and exits 2 (${lang})`, () => {
      const r = cli([], { env: { LANG: lang === 'fr' ? 'fr_FR.UTF-8' : 'C' } });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(lang === 'fr' ? /^Utilisation : cnil-audit \[options\] \[commande\]/ : /^Usage: cnil-audit \[options\] \[command\]/);
      expect(r.stderr).toContain('scan');
    });
  }
});

describe('TERM=dumb', () => {
  const hasScript = spawnSync('script', ['--version']).error === undefined;
  /** Runs the CLI on a pseudo-terminal (util-linux `script`), stdout and stderr together. */
  const onTerminal = (term: string, dir: string) =>
    spawnSync('script', ['-qec', `stty cols 100 rows 30; '${process.execPath}' '${BIN}' scan action-network.csv --as-of 2026-11-23 --lang fr --dry-run`, '/dev/null'], {
      cwd: dir,
      env: { PATH: process.env.PATH!, HOME: dir, LANG: 'C', TERM: term },
      encoding: 'utf8',
      timeout: 60000,
    });

  it.skipIf(!hasScript)('gets no colour, spinner or escape code on a terminal (a real terminal type does)', () => {
    const dir = tempDir('action-network.csv');
    const dumb = onTerminal('dumb', dir);
    expect(dumb.status).toBe(1);
    expect(dumb.stdout).toContain('Code de sortie 1');
    expect(dumb.stdout).not.toMatch(/\x1b/);
    // The control: the same run on an xterm is coloured.
    const xterm = onTerminal('xterm', dir);
    expect(xterm.status).toBe(1);
    expect(xterm.stdout).toMatch(/\x1b\[/);
  });
});

describe('--sheet with a CSV input', () => {
  for (const [args, lang] of [
    [['scan', 'nationbuilder-people.csv', '--sheet', 'Feuil1'], 'en'],
    [['scan', 'campagne-excel.xlsx', 'nationbuilder-people.csv', '--sheet', '1', '--out-dir', 'out'], 'fr'],
    [['purge', 'nationbuilder-people.csv', '--sheet', '2', '--as-of', '2026-11-23'], 'fr'],
    [['init', 'nationbuilder-people.csv', '--sheet', 'Feuil1'], 'en'],
    [['find', 'nationbuilder-people.csv', '--email', 'x@example.org', '--sheet', 'Feuil1'], 'en'],
  ] as [string[], string][]) {
    it(`is a usage error before anything is read or written: ${args.join(' ')} (${lang})`, () => {
      const dir = tempDir('nationbuilder-people.csv', 'campagne-excel.xlsx');
      const r = cli([...args, '--lang', lang], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(lang === 'fr' ? 'nationbuilder-people.csv n’est pas un classeur' : 'nationbuilder-people.csv is not a workbook');
      expect(files(dir)).toEqual(['campagne-excel.xlsx', 'nationbuilder-people.csv']);
    });
  }

  it('is still read from a workbook', () => {
    const dir = tempDir('campagne-excel.xlsx');
    const r = cli(['scan', 'campagne-excel.xlsx', '--sheet', '1', '--dry-run', '--as-of', '2026-11-23', '--lang', 'en'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
  });
});

describe('--help of every command', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`wraps without breaking a French space and names each choice once (${lang})`, () => {
      for (const c of ['', ...COMMANDS]) {
        const r = cli([...(c ? [c] : []), '--help', '--lang', lang]);
        expect(r.code, c).toBe(0);
        const text = r.stdout;
        // No line ends with an opening quote, none starts with a closing quote or a colon.
        expect(text, c).not.toMatch(/«\n|\n\s*[»:;]/);
        expect(text, c).not.toMatch(/\w\((s|e|es|aux)\)/);
        // Each option's choices are listed once (commander's "(choices: …)"), not also in the description.
        for (const block of text.split(/\n(?= {2}-)/)) {
          const flat = block.replace(/\s+/g, ' ');
          const choices = /\((?:choices|choix) ?: ([^)]*?)(?:, (?:default|par défaut) ?:[^)]*)?\)/.exec(flat)?.[1];
          if (!choices) continue;
          const first = /"([^"]+)"|« ([^»]+) »/.exec(choices)!;
          const value = first[1] ?? first[2];
          const before = flat.slice(0, flat.indexOf(choices));
          expect(before, `${c}: "${value}" named twice in ${flat}`).not.toMatch(new RegExp(`["«] ?${value} ?["»]`));
        }
      }
    });
  }
});
