/**
 * The run plan (issue #16 items 1, 2): every output of every input is planned before anything is read
 * or written. An output over another input of the run, two outputs on one path, and an existing target
 * that is not a regular file are refused with exit 2 and one line naming both; the inputs stay intact.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { checkPlan, outputsOf } from '../src/plan.js';
import { isAuditError } from '../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-plan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const INPUT = 'email;nom;source;date de collecte\na@example.org;Dupont;Adhésion;05/03/2024\n';
const OTHER = 'email;nom;source;date de collecte\nb@example.org;Durand;Adhésion;05/03/2024\n';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function cli(dir: string, args: string[]) {
  let stderr = '';
  const code = await run([...args, '--format', 'none', '--as-of', '2026-11-23', '--lang', 'en'], {
    stdout: { write: () => true },
    stderr: { write: (s: string) => ((stderr += s), true) },
    env: {},
    cwd: dir,
  });
  return { code, stderr };
}

describe('an output over another input of the run (item 1)', () => {
  it('scan y.csv y.clean.csv: refused, both inputs intact, nothing written', async () => {
    const dir = folder({ 'y.csv': INPUT, 'y.clean.csv': OTHER });
    const r = await cli(dir, ['scan', 'y.csv', 'y.clean.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cnil-audit: .*y\.clean\.csv: refusing to write the cleaned file of .*y\.csv onto .*y\.clean\.csv, another input of this run/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(readFileSync(join(dir, 'y.clean.csv'), 'utf8')).toBe(OTHER);
    expect(readdirSync(dir).sort()).toEqual(['y.clean.csv', 'y.csv']);
  });

  it('purge q.csv q.purged.csv: refused, the second input intact', async () => {
    const dir = folder({ 'q.csv': INPUT, 'q.purged.csv': OTHER });
    const r = await cli(dir, ['purge', 'q.csv', 'q.purged.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the purged file of .*q\.csv onto .*q\.purged\.csv/);
    expect(readFileSync(join(dir, 'q.purged.csv'), 'utf8')).toBe(OTHER);
    expect(readdirSync(dir).sort()).toEqual(['q.csv', 'q.purged.csv']);
  });

  it('scan a/x.csv b/x.csv --out-dir out: two outputs on one path, refused before anything is written', async () => {
    const dir = folder({ 'a/x.csv': INPUT, 'b/x.csv': OTHER });
    const r = await cli(dir, ['scan', 'a/x.csv', 'b/x.csv', '--out-dir', 'out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/x\.clean\.csv: the cleaned file of .*b\/x\.csv and the cleaned file of .*a\/x\.csv would be the same file/);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
  });

  it('an output over the config file is refused', async () => {
    const dir = folder({ 'in.csv': INPUT, 'cnil-audit.config.json': '{}' });
    const r = await cli(dir, ['scan', 'in.csv', '-r', 'cnil-audit.config.json']);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'cnil-audit.config.json'), 'utf8')).toBe('{}');
  });

  it('one list extended by the purges of several inputs is allowed (each extends the last)', () => {
    const outputs = ['a.csv', 'b.csv'].flatMap((input) =>
      outputsOf({ input: join(root, input), sidecars: [{ path: join(root, 'list.csv'), what: 'the suppression list', extends: true }] }).list);
    expect(() => checkPlan({ inputs: [], outputs })).not.toThrow();
  });
});

describe('special files at an output path (item 2)', () => {
  it('-o /dev/full is refused, not renamed over', async () => {
    const dir = folder({ 'in.csv': INPUT });
    const r = await cli(dir, ['scan', 'in.csv', '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cnil-audit: \/dev\/full: refusing to replace a character device with the cleaned file/);
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });

  it('a named pipe at the report path stays a named pipe', async () => {
    const dir = folder({ 'in.csv': INPUT });
    execFileSync('mkfifo', [join(dir, 'null')]);
    const r = await cli(dir, ['scan', 'in.csv', '-r', 'null.json', '-o', 'null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to replace a named pipe/);
    expect(lstatSync(join(dir, 'null')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'null']);
  });

  it('the library refuses it too', () => {
    let err: unknown;
    try {
      checkPlan({ inputs: [], outputs: [{ path: '/dev/null', what: 'the report' }] });
    } catch (e) {
      err = e;
    }
    expect(isAuditError(err) && err.code).toBe('E_OUTPUT_SPECIAL');
  });
});
