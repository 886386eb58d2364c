/**
 * The npm package (issue #7): `npm pack` ships what runs — the launcher, the compiled code, the
 * schemas, the docs — and no tests, fixtures, sources, scripts or generated data; and the packed
 * tarball works through `npx cnil-audit` in a folder of its own. Its dependencies are copied from this
 * checkout's node_modules (only what `dependencies` declares, transitively), so the test needs no
 * registry and fails if the package relies on a dev dependency.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const root = mkdtempSync(join(tmpdir(), 'cnil-audit-pack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Packed {
  filename: string;
  unpackedSize: number;
  files: { path: string }[];
}
let packed: Packed;
let paths: string[];

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'cli', 'bin.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  // --ignore-scripts: `prepare` would rebuild dist/, which the test run has just built.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', root], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  packed = JSON.parse(out)[0];
  paths = packed.files.map((f) => f.path).sort();
}, 60_000);

/** The package's runtime dependencies and theirs, as installed here (hoisted or nested). */
function runtimeClosure(): string[] {
  const seen = new Set<string>();
  const queue = Object.keys(pkg.dependencies ?? {});
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    const dir = join(repo, 'node_modules', name);
    // Not hoisted: nested inside the package that needs it, and copied with it.
    if (!existsSync(dir)) continue;
    seen.add(name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    queue.push(...Object.keys(meta.dependencies ?? {}), ...Object.keys(meta.optionalDependencies ?? {}));
  }
  return [...seen];
}

describe('npm pack', () => {
  it('ships the launcher, the compiled code, the schemas and the docs', () => {
    for (const p of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/cnil-audit.js', 'dist/cli/bin.js', 'dist/index.js', 'dist/index.d.ts', 'schema/config.schema.json', 'schema/report.schema.json', 'schema/report-set.schema.json']) {
      expect(paths).toContain(p);
    }
  });

  it('ships nothing else: no tests, fixtures, sources, scripts, binaries or data', () => {
    const allowed = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin\/cnil-audit\.js|schema\/[a-z-]+\.schema\.json|dist\/.+\.(js|d\.ts))$/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
    expect(paths.filter((p) => /\.(csv|gz|tgz|blob|map)$|(^|\/)(test|fixtures|scratch|bench)\//.test(p))).toEqual([]);
    expect(packed.unpackedSize).toBeLessThan(3 * 1024 * 1024);
  });

  it('ships no stale build output: every dist/ file comes from a source file', () => {
    const stale = paths
      .filter((p) => p.startsWith('dist/'))
      .filter((p) => !existsSync(join(repo, 'src', p.slice('dist/'.length).replace(/\.d\.ts$|\.js$/, '.ts'))));
    expect(stale, 'rebuild dist/ from a clean folder').toEqual([]);
  });

  it('runs with `npx cnil-audit` from the tarball, in a folder of its own', () => {
    const dir = join(root, 'project');
    const modules = join(dir, 'node_modules');
    mkdirSync(join(modules, '.bin'), { recursive: true });
    execFileSync('tar', ['xzf', join(root, packed.filename), '-C', dir]);
    renameSync(join(dir, 'package'), join(modules, 'cnil-audit'));
    for (const name of runtimeClosure()) cpSync(join(repo, 'node_modules', name), join(modules, name), { recursive: true });
    symlinkSync('../cnil-audit/bin/cnil-audit.js', join(modules, '.bin', 'cnil-audit'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'campagne', version: '1.0.0', private: true, dependencies: { 'cnil-audit': VERSION } }));
    cpSync(join(repo, 'fixtures', 'nationbuilder-people.csv'), join(dir, 'contacts.csv'));

    const npx = (args: string[]) => {
      try {
        return { code: 0, stdout: execFileSync('npx', ['--offline', '--no', '--', 'cnil-audit', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { code: err.status, stdout: err.stdout, stderr: err.stderr };
      }
    };
    expect(npx(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n` });
    const scan = npx(['scan', 'contacts.csv', '--format', 'json', '--as-of', '2026-11-23', '--lang', 'en']);
    expect(scan.code, scan.stderr).toBe(1);
    const report = JSON.parse(scan.stdout);
    expect(report.tool).toEqual({ name: 'cnil-audit', version: VERSION });
    expect(report.input.rows).toBe(34);
    // The report went to stdout: no report file beside the input.
    expect(readdirSync(dir).sort()).toEqual(['contacts.clean.csv', 'contacts.csv', 'node_modules', 'package.json']);
  }, 60_000);
});
