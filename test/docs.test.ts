import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRulesSection, renderRulesMarkdown, replaceRulesSection, RULES_END, RULES_START } from '../src/cli/rules-command.js';
import { rules } from '../src/rules/index.js';
import { t } from '../src/i18n/index.js';
import { ROOT } from './helpers/cli.js';

describe('README rules table', () => {
  it('is up to date with the rule metadata (run `npm run docs`)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readRulesSection(readme)).toBe(renderRulesMarkdown('en'));
  });

  it('has one row per rule, with its severity, action and linked sources', () => {
    const lines = renderRulesMarkdown('en').trim().split('\n');
    expect(lines).toHaveLength(rules.length + 2);
    for (const [i, r] of rules.entries()) {
      const row = lines[i + 2];
      // Severity and action in words (issue 14: not "error | drop-row").
      expect(row.startsWith(`| \`${r.id}\` | ${t('en', `severity.${r.severity}`)} | ${t('en', `action.${r.action}`)} |`), row).toBe(true);
      for (const ref of r.references) expect(row).toContain(`](${ref.url})`);
    }
  });

  it('replaces only the text between the markers', () => {
    const before = `# x\n\n${RULES_START}\nold\n${RULES_END}\n\nafter\n`;
    expect(replaceRulesSection(before, '| t |\n')).toBe(`# x\n\n${RULES_START}\n| t |\n${RULES_END}\n\nafter\n`);
    expect(readRulesSection(replaceRulesSection(before, '| t |\n'))).toBe('| t |\n');
    expect(() => replaceRulesSection('# no markers\n', 'x')).toThrow(/markers/);
  });
});

describe('README quick start', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const commands = block.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));

  it('has two commands: set-up and sample run, then the tests', () => {
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^npm ci && node bin\/cnil-audit\.js scan fixtures\//);
    expect(commands[1]).toBe('npm test');
  });

  it('writes outside fixtures/, into a git-ignored folder (so the tests that follow find fixtures/ clean)', () => {
    const outDir = /--out-dir (\S+)/.exec(commands[0])?.[1];
    expect(outDir).toBeDefined();
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain(`${outDir}/`);
  });

  it('is what .ci/run runs, exactly as written and in order', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8').split('\n');
    const at = commands.map((c) => ci.indexOf(c));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });
});
