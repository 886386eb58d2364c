/**
 * README's library example runs as written (issue 14): each ```js block of the "Library API" section
 * is extracted and run with node against the built package, in a folder holding a `contacts.csv`
 * and a `newsletter.csv`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT, tempDir } from './helpers/cli.js';

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('README', () => {
  const blocks = [...section(readFileSync(join(ROOT, 'README.md'), 'utf8'), 'Library API').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('has a library example', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  for (const [i, code] of blocks.entries()) {
    it(`library example ${i + 1} runs as written`, () => {
      const dir = tempDir();
      cpSync(join(FIXTURES, 'nationbuilder-people.csv'), join(dir, 'contacts.csv'));
      // A second file, for the example that audits several.
      cpSync(join(FIXTURES, 'mailchimp-audience.csv'), join(dir, 'newsletter.csv'));
      // The package's name resolves to this checkout's build, as it would once installed.
      const script = code.replace(/from 'cnil-audit'/g, `from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)}`);
      writeFileSync(join(dir, 'example.mjs'), script);
      const r = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }
});
