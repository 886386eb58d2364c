/**
 * stdout failing (issue #16 item 6): `| head` (EPIPE) or `> /dev/full` (ENOSPC) is exit 2 with one line
 * on stderr, and nothing is committed: the outputs become visible only once stdout is flushed.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-stdout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function contacts(rows: number): string {
  const parts = ['email;nom;source;date de collecte\n'];
  for (let i = 0; i < rows; i++) parts.push(`c${i}@example.org;Dupont;${i % 3 ? 'Adhésion' : 'achat de fichier'};05/03/2024\n`);
  return parts.join('');
}

function folder(rows: number, name = 'in.csv'): string {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, name), contacts(rows));
  return dir;
}

async function spawnCli(dir: string, args: string[], stdout: 'pipe' | number, closeEarly = false) {
  const child = spawn(process.execPath, [BIN, ...args, '--lang', 'en', '--as-of', '2026-11-23'], {
    cwd: dir,
    stdio: ['ignore', stdout, 'pipe'],
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  if (closeEarly) {
    // `| head -c 100`: the reader takes the first bytes and goes.
    await once(child.stdout!, 'data');
    child.stdout!.destroy();
  }
  const [code] = await exited;
  return { code, stderr };
}

describe('stdout failures', () => {
  it('--format json | head: exit 2, one line, no cleaned file and no report', async () => {
    const dir = folder(60_000);
    const r = await spawnCli(dir, ['scan', 'in.csv', '--format', 'json'], 'pipe', true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cnil-audit: cannot write standard output: the reader has gone \(EPIPE\)\n$/);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });

  for (const [name, args] of [
    ['scan --format json', ['scan', 'in.csv', '--format', 'json']],
    ['scan (text summary)', ['scan', 'in.csv']],
    ['purge (the salt is printed there)', ['purge', 'in.csv']],
  ] as const) {
    it(`${name} > /dev/full: exit 2, one line, nothing committed`, async () => {
      const dir = folder(20);
      const fd = openSync('/dev/full', 'w');
      try {
        const r = await spawnCli(dir, [...args], fd);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^cnil-audit: cannot write standard output: no space left on the disk \(ENOSPC\)\n$/);
        expect(readdirSync(dir)).toEqual(['in.csv']);
      } finally {
        closeSync(fd);
      }
    });
  }
});

// Several inputs (issue #16 audit N13): each input's outputs used to be committed once its own part of
// stdout was out, before the combined report (json, md) or the next input's summary; a stdout failing
// after that left them in place with exit 2. Now every output of the run waits for the end.
describe('stdout failures with several inputs: nothing committed', () => {
  const twoInputs = (rows: number) => {
    const dir = folder(rows, 'a.csv');
    writeFileSync(join(dir, 'b.csv'), contacts(rows));
    return dir;
  };
  for (const [name, args] of [
    ['--format json', ['--format', 'json']],
    ['--format md', ['--format', 'md']],
    ['--format json -r all.md (a combined report)', ['--format', 'json', '-r', 'all.md']],
    ['the text summaries', []],
  ] as const) {
    it(`scan a.csv b.csv ${name} | head: exit 2, no output of either input`, async () => {
      const dir = twoInputs(30_000);
      const r = await spawnCli(dir, ['scan', 'a.csv', 'b.csv', ...args], 'pipe', true);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/(^|\n)cnil-audit: cannot write standard output: the reader has gone \(EPIPE\)\n$/);
      expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
    });
    it(`scan a.csv b.csv ${name} > /dev/full: exit 2, no output of either input`, async () => {
      const dir = twoInputs(20);
      const fd = openSync('/dev/full', 'w');
      try {
        const r = await spawnCli(dir, ['scan', 'a.csv', 'b.csv', ...args], fd);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/cannot write standard output: no space left on the disk \(ENOSPC\)\n$/);
        expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
      } finally {
        closeSync(fd);
      }
    });
  }

  it('purge a.csv b.csv extending one list: the second extends what the first wrote, all committed together', async () => {
    const dir = mkdtempSync(join(root, 'list-'));
    const head = 'email;nom;source;date de collecte;opposition\n';
    writeFileSync(join(dir, 'a.csv'), head + 'a1@example.org;Dupont;Adhésion;05/03/2024;oui\na2@example.org;Durand;Adhésion;05/03/2024;non\n');
    writeFileSync(join(dir, 'b.csv'), head + 'b1@example.org;Martin;Adhésion;05/03/2024;oui\n');
    const r = await spawnCli(dir, ['purge', 'a.csv', 'b.csv', '--suppression-list', 'list.csv', '--format', 'json'], 'pipe');
    expect(r.code, r.stderr).toBe(0);
    const list = readFileSync(join(dir, 'list.csv'), 'utf8').trim().split('\n');
    expect(list.filter((l) => l.startsWith('email,'))).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => f.includes('cnil-audit-tmp') || f.endsWith('.lock'))).toEqual([]);
  });
});
