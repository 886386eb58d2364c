/**
 * stdout failing (issue #16 item 6): `| head` (EPIPE) or `> /dev/full` (ENOSPC) is exit 2 with one line
 * on stderr, and nothing is committed: the outputs become visible only once stdout is flushed.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-stdout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(rows: number): string {
  const dir = mkdtempSync(join(root, 'case-'));
  const parts = ['email;nom;source;date de collecte\n'];
  for (let i = 0; i < rows; i++) parts.push(`c${i}@example.org;Dupont;${i % 3 ? 'Adhésion' : 'achat de fichier'};05/03/2024\n`);
  writeFileSync(join(dir, 'in.csv'), parts.join(''));
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
