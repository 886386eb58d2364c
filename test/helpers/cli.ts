/** Spawns the real CLI (bin/cnil-audit.js → dist/) — the build must be current (`npm test` builds first). */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/cnil-audit.js');
export const FIXTURES = join(ROOT, 'fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(LANG|LC_ALL|LC_MESSAGES|LANGUAGE|NO_COLOR|FORCE_COLOR)$/.test(k)) env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    env: { ...env, LANG: 'C', ...(opts.env ?? {}) },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp folder, optionally with copies of fixtures. */
export function tempDir(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnil-audit-test-'));
  for (const f of fixtures) cpSync(join(FIXTURES, f), join(dir, f));
  return dir;
}

export function files(dir: string): string[] {
  return readdirSync(dir).sort();
}
