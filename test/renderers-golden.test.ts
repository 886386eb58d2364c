/**
 * Before/after of every renderer (issue 14, Done when: "every renderer's output is unchanged in content,
 * apart from the intended wording fixes"): the terminal summary, the Markdown report, the HTML report's
 * text, the CSV findings and the JSON report of a few bundled fixtures, in English and in French, are
 * compared with the outputs committed under test/golden/. A change of wording shows up as a diff of those
 * files in the commit that makes it.
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/renderers-golden.test.ts   rewrite test/golden/ from this build
 *
 * The CLI runs in-process with a fixed clock (test/helpers/outputs.ts); what changes from run to run or
 * release to release is masked: the temp folder (`<dir>`), the tool's version (`<version>`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir, htmlText, removeDir, runIn } from './helpers/outputs.js';
import { ROOT } from './helpers/cli.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Three small fixtures (a few rows each, so the goldens stay small) with many rules between them: a
 * French Excel export checked for SMS, a Brevo export for e-mail, an electoral-roll extract for post.
 */
const CASES: { file: string; args: string[] }[] = [
  { file: 'exports/fichier-contacts-excel-fr.csv', args: ['--for', 'sms,email'] },
  { file: 'exports/brevo-contacts-export.csv', args: ['--for', 'email'] },
  { file: 'exports/liste-electorale-extraction-reu.csv', args: ['--for', 'post', '--election-date', '2026-03-22'] },
];

/** The outputs of one case: file name in test/golden/<lang>/<case>/ → text. */
type Outputs = Record<string, string>;

function stem(file: string): string {
  return file.replace(/\.csv$/, '').replace(/\//g, '_');
}

let dir: string;
const outputs: Record<string, Outputs> = {};

beforeAll(async () => {
  dir = fixtureDir();
  const clean = (s: string) => s.replace(/^\uFEFF/, '').split(dir).join('<dir>').split(`cnil-audit ${VERSION}`).join('cnil-audit <version>').replace(/"version": "[^"]*"/g, '"version": "<version>"');
  for (const lang of ['en', 'fr'] as const) {
    for (const { file, args } of CASES) {
      const out = `out/${lang}/${stem(file)}`;
      mkdirSync(join(dir, out), { recursive: true });
      const reports = ['md', 'html', 'csv', 'json'].map((ext) => `${out}/report.${ext}`);
      const r = await runIn(dir, ['scan', file, '--as-of', '2026-11-23', ...args, '--lang', lang, '--out-dir', out, ...reports.flatMap((p) => ['-r', p])]);
      expect(r.code, `${file} ${lang}: ${r.stderr}`).toBe(1);
      const read = (ext: string) => readFileSync(join(dir, out, `report.${ext}`), 'utf8');
      outputs[`${lang}/${stem(file)}`] = {
        'summary.txt': clean(r.stdout + (r.stderr ? `--- stderr\n${r.stderr}` : '')),
        'report.md': clean(read('md')),
        'report.html.txt': clean(htmlText(read('html'))) + '\n',
        'findings.csv': clean(read('csv')),
        'report.json': clean(read('json')),
      };
    }
  }
}, 120000);

afterAll(() => {
  if (dir) removeDir(dir);
});

describe('renderers before/after (test/golden/)', () => {
  for (const lang of ['en', 'fr'] as const) {
    for (const { file } of CASES) {
      const key = `${lang}/${stem(file)}`;
      it(`${file} in ${lang === 'en' ? 'English' : 'French'}: summary, Markdown, HTML text, CSV and JSON as committed`, () => {
        const folder = join(GOLDEN, key);
        if (UPDATE) {
          mkdirSync(folder, { recursive: true });
          for (const [name, text] of Object.entries(outputs[key])) writeFileSync(join(folder, name), text);
        }
        expect(existsSync(folder), `${folder} is missing: run UPDATE_GOLDEN=1 npx vitest run test/renderers-golden.test.ts`).toBe(true);
        expect(readdirSync(folder).sort()).toEqual(Object.keys(outputs[key]).sort());
        for (const [name, text] of Object.entries(outputs[key])) {
          expect(text, `test/golden/${key}/${name} differs (an intended change? UPDATE_GOLDEN=1 rewrites it; review the diff)`).toBe(readFileSync(join(folder, name), 'utf8'));
        }
      });
    }
  }

  it('the goldens hold no personal value of the fixtures (names, e-mails, phones)', () => {
    const all = Object.values(outputs).flatMap((o) => Object.values(o)).join('\n');
    expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(all).not.toMatch(/\b0[1-9](?:[ .]?\d{2}){4}\b/);
  });
});
