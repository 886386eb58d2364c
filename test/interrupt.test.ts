/**
 * Interruption (SPEC §1 exit 130, §9): SIGINT or SIGTERM during a scan or a purge leaves nothing
 * behind — no cleaned file, no report, no log, no temp file — and exits 130 with one line. The real CLI
 * runs on a large generated file and is signalled once its cleaned file is being written (seen through
 * a watch on its folder, not a timer).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFile } from '../src/scan.js';
import { isAuditError } from '../src/errors.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(repo, 'bin', 'cnil-audit.js');
const root = mkdtempSync(join(tmpdir(), 'cnil-audit-interrupt-'));
const big = join(root, 'big.csv');

beforeAll(() => {
  if (!existsSync(join(repo, 'dist', 'cli', 'bin.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  // ≈20 MB, seconds of work: long enough to be caught mid-way, rows that every rule looks at.
  const parts = ['email;nom;prénom;source;date de collecte;consentement email;dernier contact\n'];
  for (let i = 0; i < 300_000; i++) {
    parts.push(`c${i}@example.org;Dupont;Zoé;${i % 3 ? 'Adhésion' : 'achat de fichier'};05/03/2024;oui;12/10/${i % 2 ? 2020 : 2026}\n`);
  }
  writeFileSync(big, parts.join(''));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  files: string[];
  stdout: string;
  dir: string;
}

/**
 * Runs the CLI on a copy of the big file (`in.csv`, plus copies of `fixtures`) and sends `signals`
 * once 256 KiB of output are on disk.
 */
async function interrupt(args: string[], signals: NodeJS.Signals[], fixtures: string[] = []): Promise<Stopped> {
  const dir = mkdtempSync(join(root, 'run-'));
  copyFileSync(big, join(dir, 'in.csv'));
  for (const f of fixtures) copyFileSync(join(repo, 'fixtures', f), join(dir, f));
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await new Promise<void>((ready, fail) => {
    const watcher = watch(dir);
    const check = () => {
      for (const f of readdirSync(dir)) {
        if (!f.includes('cnil-audit-tmp')) continue;
        try {
          if (statSync(join(dir, f)).size > 256 * 1024) {
            watcher.close();
            ready();
            return;
          }
        } catch { /* renamed or removed meanwhile */ }
      }
    };
    watcher.on('change', check);
    void exited.then(() => {
      watcher.close();
      fail(new Error(`the run ended before it could be interrupted: ${stderr}`));
    });
    check();
  });
  for (const s of signals) child.kill(s);
  const [code, signal] = await exited;
  return { code, signal, stderr, stdout, files: readdirSync(dir).sort(), dir };
}

const INTERRUPTED = 'cnil-audit: interrupted; no output was left behind\n';

describe('interruption', () => {
  it('SIGINT during a scan: exit 130, no output, no temp file', async () => {
    const r = await interrupt(['scan', 'in.csv', '--lang', 'en', '--format', 'none', '--as-of', '2026-11-23', '-r', 'r.json', '-r', 'r.html', '--rejects', 'rejects.csv'], ['SIGINT']);
    expect(r).toEqual({ code: 130, signal: null, stderr: expect.stringMatching(new RegExp(`${INTERRUPTED}$`)), stdout: '', files: ['in.csv'], dir: expect.any(String) });
  });

  it('SIGTERM during a scan: exit 130, no output, no temp file', async () => {
    const r = await interrupt(['scan', 'in.csv', '--lang', 'en', '--format', 'none', '--as-of', '2026-11-23'], ['SIGTERM']);
    expect(r).toEqual({ code: 130, signal: null, stderr: expect.stringMatching(new RegExp(`${INTERRUPTED}$`)), stdout: '', files: ['in.csv'], dir: expect.any(String) });
  });

  it('SIGINT during a purge: exit 130, no purged file, no log, no temp file', async () => {
    const r = await interrupt(['purge', 'in.csv', '--lang', 'en', '--format', 'none', '--as-of', '2026-11-23'], ['SIGINT']);
    expect(r).toEqual({ code: 130, signal: null, stderr: expect.stringMatching(new RegExp(`${INTERRUPTED}$`)), stdout: '', files: ['in.csv'], dir: expect.any(String) });
  });

  it('SIGHUP (the terminal closed) during a scan: exit 130, no output, no temp file (issue #16)', async () => {
    const r = await interrupt(['scan', 'in.csv', '--lang', 'en', '--format', 'none', '--as-of', '2026-11-23', '--rejects', 'rejects.csv'], ['SIGHUP']);
    expect(r).toEqual({ code: 130, signal: null, stderr: expect.stringMatching(new RegExp(`${INTERRUPTED}$`)), stdout: '', files: ['in.csv'], dir: expect.any(String) });
  });

  it('SIGKILL leaves temp files; the next run in the folder removes them and says so (issue #16)', async () => {
    const r = await interrupt(['scan', 'in.csv', '--lang', 'en', '--format', 'none', '--as-of', '2026-11-23'], ['SIGKILL']);
    expect(r.signal).toBe('SIGKILL');
    const dir = dirname(r.dir);
    expect(r.files.some((f) => f.includes('cnil-audit-tmp'))).toBe(true);
    // The next run, on a small file in the same folder.
    writeFileSync(join(r.dir, 'small.csv'), 'email;nom\na@example.org;Dupont\n');
    const next = spawnSync(process.execPath, [BIN, 'scan', 'small.csv', '--lang', 'en', '--format', 'none', '--as-of', '2026-11-23'], { cwd: r.dir, encoding: 'utf8' });
    expect(next.stderr).toMatch(/removed \d+ temp file\(s\) left in .* by an earlier run that was killed/);
    expect(readdirSync(r.dir).filter((f) => f.includes('cnil-audit-tmp'))).toEqual([]);
    expect(dir).toBe(root);
  });

  it('a second signal stops at once, still leaving nothing behind', async () => {
    const r = await interrupt(['scan', 'in.csv', '--lang', 'en', '--format', 'none', '--as-of', '2026-11-23'], ['SIGINT', 'SIGINT']);
    expect(r.code).toBe(130);
    expect(r.files).toEqual(['in.csv']);
  });

  it('--format json with several inputs: stdout is one valid object holding the reports finished before the interruption', async () => {
    const r = await interrupt(['scan', 'nationbuilder-people.csv', 'in.csv', '--lang', 'en', '--format', 'json', '--as-of', '2026-11-23'], ['SIGINT'], ['nationbuilder-people.csv']);
    expect(r.code).toBe(130);
    const set = JSON.parse(r.stdout) as { files: { input: { path: string } }[]; verdict: { exitCode: number } };
    expect(set.files.map((x) => x.input.path.split(/[\\/]/).pop())).toEqual(['nationbuilder-people.csv']);
    expect(set.verdict.exitCode).toBe(130);
    expect(r.stderr).toMatch(new RegExp(`${INTERRUPTED}$`));
  });

  it('stdout closed by its reader (`-o - | head`): exit 2 with one line, no output, no temp file (issue #16)', async () => {
    const dir = mkdtempSync(join(root, 'epipe-'));
    copyFileSync(big, join(dir, 'in.csv'));
    const child = spawn(process.execPath, [BIN, 'scan', 'in.csv', '-o', '-', '-r', 'r.json', '--rejects', 'rejects.csv', '--as-of', '2026-11-23', '--quiet'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await once(child.stdout, 'data');
    child.stdout.destroy();
    const [code] = await exited;
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toMatch(/^cnil-audit: .*standard output.*EPIPE\)\n$/);
    expect(code).toBe(2);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });

  it('an interruption before the header arrives on stdin stops the scan', async () => {
    const dir = mkdtempSync(join(root, 'stdin-'));
    const stdin = new PassThrough();
    const controller = new AbortController();
    const run = scanFile({ input: '-', stdin, outDir: dir, out: join(dir, 'clean.csv'), signal: controller.signal, asOf: '2026-11-23' });
    // Part of a header, and then nothing: the reader waits for more.
    stdin.write('email;n');
    await new Promise((r) => setImmediate(r));
    controller.abort();
    const err = await run.then(() => undefined, (e: unknown) => e);
    expect(isAuditError(err) && err.code).toBe('E_INTERRUPTED');
    expect(readdirSync(dir)).toEqual([]);
  });
});
