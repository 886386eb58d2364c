/**
 * The run over several inputs as a library caller has it (issue #16, src/run.ts): one plan for the
 * whole run, checked before anything is read or written; nothing committed until the caller says so;
 * the results and the verdict as data. No process is spawned.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRun, runAll, type AuditError, type RunAllOptions } from '../src/index.js';
import { thrown } from './helpers/errors.js';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A lawful row and one from a forbidden source (an error finding, its row dropped). */
const LAWFUL = 'email,source,optin email,date de collecte\na@example.org,formulaire,oui,2026-01-10\n';
const FORBIDDEN = 'email,source,optin email,date de collecte\nb@example.org,fichier acheté,oui,2026-01-10\n';
const OPTIONS: RunAllOptions = { asOf: '2026-11-23', for: ['email'], lang: 'en' };

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'run-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('planRun: the whole run planned before anything is read or written', () => {
  it('refuses an output over another input of the run (scan y.csv y.clean.csv)', () => {
    const dir = folder({ 'y.csv': LAWFUL, 'y.clean.csv': LAWFUL });
    const e = thrown(() => planRun(['y.csv', 'y.clean.csv'], { ...OPTIONS, cwd: dir }));
    expect(e.code).toBe('E_OUTPUT_OVER_INPUT');
    expect(e.file).toBe(join(dir, 'y.clean.csv'));
    expect(e.params).toMatchObject({ of: join(dir, 'y.csv'), input: join(dir, 'y.clean.csv') });
    expect(readdirSync(dir).sort()).toEqual(['y.clean.csv', 'y.csv']);
    expect(readFileSync(join(dir, 'y.clean.csv'), 'utf8')).toBe(LAWFUL);
  });

  it('refuses two inputs of one name into one outDir (their outputs would share a path)', () => {
    const dir = folder({ 'a/x.csv': LAWFUL, 'b/x.csv': FORBIDDEN });
    const e = thrown(() => planRun(['a/x.csv', 'b/x.csv'], { ...OPTIONS, cwd: dir, outDir: 'out' }));
    expect(e.code).toBe('E_OUTPUT_CLASH');
    expect(e.file).toBe(join(dir, 'out', 'x.clean.csv'));
    expect(e.params).toMatchObject({ of: join(dir, 'b/x.csv'), otherOf: join(dir, 'a/x.csv') });
    // Not even the output folder: a plan writes nothing.
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('says a usage problem first, and gives every input its options, normalised once', () => {
    const dir = folder({ 'a.csv': LAWFUL, 'b.csv': FORBIDDEN });
    expect(thrown(() => planRun(['a.csv', 'b.csv'], { ...OPTIONS, cwd: dir, out: 'c.csv' })).params.usage).toBe('severalOutputs');
    expect(thrown(() => planRun(['-', '-'], { ...OPTIONS, cwd: dir })).params.usage).toBe('stdinOnce');
    expect(thrown(() => planRun(['a.csv'], { ...OPTIONS, cwd: dir, maxWarnings: 'x' })).params.usage).toBe('maxWarnings');
    expect(thrown(() => planRun(['a.csv'], { ...OPTIONS, cwd: dir, asOf: '2026-13-01' })).code).toBe('E_USAGE');
    // A file the run reads besides its inputs is no output's path, a combined report's included.
    const list = join(dir, 'list.csv');
    expect(thrown(() => planRun(['a.csv', 'b.csv'], { ...OPTIONS, cwd: dir, reports: ['list.csv'], readOnly: [{ path: list, what: 'the suppression list' }] })).code).toBe('E_OUTPUT_SAME_FILE');
    const plan = planRun(['a.csv', 'b.csv'], { ...OPTIONS, cwd: dir, reports: ['all.json'] });
    expect(plan.several).toBe(true);
    expect(plan.scans.map((s) => s.options.input)).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')]);
    expect(plan.scans[0].options.options).toBe(plan.scans[1].options.options);
    // The combined report holds both: no report beside each input.
    expect(plan.combined).toEqual([join(dir, 'all.json')]);
    expect(plan.outputs.map((o) => o.path)).toEqual([join(dir, 'a.clean.csv'), join(dir, 'b.clean.csv'), join(dir, 'all.json')]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });
});

describe('runAll: every input read, nothing committed until the caller says so', () => {
  it('commits only once beforeCommit resolves, at the end of the run; results and verdict as data', async () => {
    const dir = folder({ 'a.csv': LAWFUL, 'b.csv': FORBIDDEN });
    const plan = planRun(['a.csv', 'b.csv'], { ...OPTIONS, cwd: dir, reports: ['all.json'] });
    const seen: string[][] = [];
    const done: string[] = [];
    const outcome = await runAll(plan, {
      onFileDone: (result) => {
        done.push(result.report.input.path);
      },
      beforeCommit: async () => {
        seen.push(readdirSync(dir).filter((f) => !f.startsWith('.')).sort());
      },
    });
    // Asked after each input and once at the end: nothing of the run was in place any of those times.
    expect(seen).toEqual([['a.csv', 'b.csv'], ['a.csv', 'b.csv'], ['a.csv', 'b.csv']]);
    expect(done).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')]);
    expect(readdirSync(dir).sort()).toEqual(['a.clean.csv', 'a.csv', 'all.json', 'b.clean.csv', 'b.csv']);
    expect(outcome.stopped).toBeUndefined();
    expect(outcome.commitFailed).toBe(false);
    expect(outcome.unreadable).toEqual([]);
    expect(outcome.results.map((r) => r.report.input.rows)).toEqual([1, 1]);
    expect(outcome.results.map((r) => r.report.output.droppedRows)).toEqual([0, 1]);
    // The forbidden source is an error: findings at or above failOn, exit code 1.
    expect(outcome.verdict).toMatchObject({ exitCode: 1, failOn: 'error' });
    expect(outcome.verdict.atOrAbove).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'b.clean.csv'), 'utf8')).toBe('email,source,optin email,date de collecte\n');
    const set = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8'));
    expect(set.files.map((f: { input: { path: string } }) => f.input.path)).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')]);
    expect(set.verdict.exitCode).toBe(1);
  });

  it('with deferCommit, leaves everything in temp files until commit(); abort() removes them', async () => {
    const dir = folder({ 'a.csv': LAWFUL, 'b.csv': FORBIDDEN });
    const outcome = await runAll(planRun(['a.csv', 'b.csv'], { ...OPTIONS, cwd: dir }), {}, { deferCommit: true });
    expect(readdirSync(dir).filter((f) => !f.startsWith('.')).sort()).toEqual(['a.csv', 'b.csv']);
    expect(outcome.verdict.exitCode).toBe(1);
    expect(await outcome.commit()).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a.clean.csv', 'a.csv', 'a.report.json', 'b.clean.csv', 'b.csv', 'b.report.json']);

    const other = folder({ 'c.csv': LAWFUL });
    const aborted = await runAll(planRun(['c.csv'], { ...OPTIONS, cwd: other }), {}, { deferCommit: true });
    aborted.abort();
    expect(readdirSync(other)).toEqual(['c.csv']);
  });

  it('a rejected beforeCommit commits nothing of any input and throws', async () => {
    const dir = folder({ 'a.csv': LAWFUL, 'b.csv': FORBIDDEN });
    const plan = planRun(['a.csv', 'b.csv'], { ...OPTIONS, cwd: dir });
    let calls = 0;
    const gone = new Error('stdout gone');
    await expect(runAll(plan, { beforeCommit: async () => { if (++calls === 3) throw gone; } })).rejects.toBe(gone);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('an input that cannot be read is in unreadable; the run goes on, its verdict exit code 2', async () => {
    const dir = folder({ 'a.csv': LAWFUL });
    const errors: unknown[] = [];
    const outcome = await runAll(planRun(['missing.csv', 'a.csv'], { ...OPTIONS, cwd: dir }), { onError: (e) => errors.push(e) });
    expect(errors.map((e) => (e as AuditError).code)).toEqual(['E_INPUT_UNREADABLE']);
    expect(outcome.unreadable).toEqual([expect.objectContaining({ path: join(dir, 'missing.csv'), code: 'E_INPUT_UNREADABLE' })]);
    expect(outcome.reports.map((r) => r.input.path)).toEqual([join(dir, 'a.csv')]);
    expect(outcome.verdict.exitCode).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['a.clean.csv', 'a.csv', 'a.report.json']);
  });
});
