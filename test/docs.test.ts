import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRulesSection, renderRulesMarkdown, replaceRulesSection, RULES_END, RULES_START } from '../src/cli/rules-command.js';
import { rules } from '../src/rules/index.js';
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
      expect(row.startsWith(`| \`${r.id}\` | ${r.severity} | ${r.action} |`)).toBe(true);
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
