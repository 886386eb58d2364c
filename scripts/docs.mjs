#!/usr/bin/env node
/**
 * Writes the README's rules table (between <!-- rules:start --> and <!-- rules:end -->) from the rule
 * metadata of the built package (run `npm run build` first; `npm run docs` does both).
 *   node scripts/docs.mjs          rewrite the table in README.md
 *   node scripts/docs.mjs --check  exit 1 when the table is stale (test/docs.test.ts checks it too)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesMarkdown, replaceRulesSection } from '../dist/cli/rules-command.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const current = readFileSync(readmePath, 'utf8');
const next = replaceRulesSection(current, renderRulesMarkdown('en'));
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md: the rules table is out of date: run npm run docs and commit it');
    process.exitCode = 1;
  }
} else if (next !== current) {
  writeFileSync(readmePath, next);
  console.error('README.md: rules table updated');
}
