/**
 * The standalone executable (issue #7): `dist-bin/cnil-audit`, built by `npm run build:binary`, runs
 * with no Node install and no node_modules around it. It is copied alone into a temp folder and run
 * with an empty PATH; its results must be those of the npm package's CLI.
 *
 * CI builds it before the tests. Elsewhere this file builds it (about ten seconds) when it is missing
 * or older than the sources, so that it never tests a stale binary.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { VERSION } from '../src/version.js';
import { LOG_THREAD_MIN_BYTES } from '../src/purge-log-thread.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(repo, 'dist-bin', 'cnil-audit');
const root = mkdtempSync(join(tmpdir(), 'cnil-audit-binary-'));
const exe = join(root, 'cnil-audit');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const inputs = Math.max(
    newestSource(join(repo, 'src')),
    ...['package.json', 'sea-config.json', 'scripts/build-binary.mjs'].map((f) => statSync(join(repo, f)).mtimeMs),
  );
  if (!existsSync(built) || statSync(built).mtimeMs < inputs) {
    execFileSync(process.execPath, [join(repo, 'scripts', 'build-binary.mjs')], { cwd: repo, stdio: 'ignore' });
  }
  copyFileSync(built, exe);
  execFileSync('chmod', ['755', exe]);
}, 120_000);

/** Runs the executable from `dir` with no Node, no npm and no node_modules to fall back on. */
function bin(dir: string, args: string[]) {
  const r = spawnSync(exe, args, { cwd: dir, encoding: 'utf8', env: { PATH: '/nonexistent', HOME: dir, LANG: 'C' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The npm package's CLI, in-process, on the same file: what the binary must match. */
async function reference(dir: string, args: string[]) {
  let stdout = '';
  const code = await run(args, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: () => true }, env: {}, cwd: dir });
  return { code, stdout };
}

function workdir(...fixtures: string[]): string {
  const dir = mkdtempSync(join(root, 'work-'));
  for (const f of fixtures) copyFileSync(join(repo, 'fixtures', f), join(dir, f));
  return dir;
}

describe('standalone executable', () => {
  it('runs where no node_modules can be found', () => {
    for (let d = root; d !== dirname(d); d = dirname(d)) expect(existsSync(join(d, 'node_modules')), d).toBe(false);
    expect(spawnSync('node', ['--version'], { env: { PATH: '/nonexistent' } }).error).toBeDefined();
  });

  it('prints its version', () => {
    expect(bin(root, ['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  for (const fixture of ['nationbuilder-people.csv', 'fichier-militants-excel.csv']) {
    it(`scans ${fixture} exactly as the npm package does`, async () => {
      const dir = workdir(fixture);
      const args = ['scan', fixture, '--format', 'json', '--as-of', '2026-11-23', '--lang', 'en', '-o', 'bin.csv', '-r', 'bin.json', '-r', 'bin.html', '-r', 'bin.md'];
      const got = bin(dir, args);
      expect(got.code, got.stderr).toBe(1);
      const ref = await reference(dir, [...args.slice(0, 8), '-o', 'ref.csv', '-r', 'ref.json']);
      expect(ref.code).toBe(1);
      const a = JSON.parse(got.stdout);
      const b = JSON.parse(ref.stdout);
      expect(a.input).toEqual(b.input);
      expect(a.summary).toEqual(b.summary);
      expect(a.findings).toEqual(b.findings);
      expect({ ...a.output, path: null }).toEqual({ ...b.output, path: null });
      expect(readFileSync(join(dir, 'bin.csv')).equals(readFileSync(join(dir, 'ref.csv')))).toBe(true);
      expect(readFileSync(join(dir, 'bin.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
      expect(statSync(join(dir, 'bin.md')).size).toBeGreaterThan(0);
    });
  }

  it('reads and writes workbooks (issue #15)', async () => {
    const dir = workdir('campagne-excel.xlsx');
    const args = ['scan', 'campagne-excel.xlsx', '--format', 'json', '--as-of', '2026-11-23', '--lang', 'en', '-o', 'bin.xlsx', '-r', 'bin.json'];
    const got = bin(dir, args);
    expect(got.code, got.stderr).toBe(1);
    const ref = await reference(dir, [...args.slice(0, 8), '-o', 'ref.xlsx', '-r', 'ref.json']);
    expect(JSON.parse(got.stdout).input).toEqual(JSON.parse(ref.stdout).input);
    const again = bin(dir, ['scan', 'bin.xlsx', '--format', 'json', '--as-of', '2026-11-23', '--dry-run']);
    expect(JSON.parse(again.stdout).input.rows).toBe(JSON.parse(ref.stdout).output.rows);
  });

  it('purges a large file with its log written on the worker thread, as the npm package does inline', async () => {
    const dir = mkdtempSync(join(root, 'work-'));
    // Over LOG_THREAD_MIN_BYTES: the executable starts the log's worker from its bundled source.
    const { generateFile } = (await import('../bench/generate.mjs')) as typeof import('../bench/generate.mjs');
    const { bytes } = generateFile(join(dir, 'big.csv'), { rows: 50_000, seed: 7 });
    expect(bytes).toBeGreaterThan(LOG_THREAD_MIN_BYTES);
    const args = (tag: string) => ['purge', 'big.csv', '--as-of', '2026-06-30', '--lang', 'en', '--key-file', 'k.key', '-o', `${tag}.csv`, '--log', `${tag}-log.csv`, '-r', `${tag}.json`, '--quiet'];
    const got = bin(dir, args('bin'));
    expect(got.code, got.stderr).toBe(0);
    const ref = await reference(dir, args('ref'));
    expect(ref.code).toBe(0);
    // purged_at is the time of each run; everything else is the same, hash for hash.
    const log = (tag: string) => readFileSync(join(dir, `${tag}-log.csv`), 'utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
    expect(log('bin').split('\n').length).toBeGreaterThan(10_000);
    expect(log('bin')).toBe(log('ref'));
    expect(readFileSync(join(dir, 'bin.csv')).equals(readFileSync(join(dir, 'ref.csv')))).toBe(true);
  }, 120_000);

  it('lists and explains the rules', () => {
    const rules = bin(root, ['rules', '--lang', 'en']);
    expect(rules.code, rules.stderr).toBe(0);
    expect(rules.stdout).toContain('malformed-row');
    expect(bin(root, ['explain', 'retention-expired', '--lang', 'fr']).code).toBe(0);
  });

  it('writes a starter config with `init`, pointing at the published schema', () => {
    const dir = workdir('mailchimp-audience.csv');
    const r = bin(dir, ['init', 'mailchimp-audience.csv', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'cnil-audit.config.json'), 'utf8'));
    expect(config.$schema).toBe(`https://unpkg.com/cnil-audit@${VERSION}/schema/config.schema.json`);
    expect(config.mapping.email).toBe('Email Address');
  });

  it('reports bad input in one line with exit 2', () => {
    const r = bin(root, ['scan', 'absent.csv', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cnil-audit: [^\n]*absent\.csv: cannot read the file: no such file or folder \(ENOENT\)\n$/);
  });

  it.skipIf(spawnSync('script', ['--version']).error !== undefined)('shows its progress spinner on a terminal', () => {
    const dir = workdir('action-network.csv');
    // `script` gives the run a pseudo-terminal, sized so that the spinner draws.
    const r = spawnSync('script', ['-qec', `stty cols 100 rows 30; '${exe}' scan action-network.csv --as-of 2026-11-23 --lang en`, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C', TERM: 'xterm' },
      timeout: 60_000,
    });
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toContain('\u001b[?25l');
    expect(r.stdout).toContain('Cleaned file:');
  });
});
