/**
 * action.yml (issue 14): the audit step's commands run locally as GitHub would run them — inputs put
 * in, `bash -eo pipefail` (GitHub's default for `shell: bash`), GITHUB_ACTION_PATH at this checkout.
 * The install step (`npm ci` in the action's folder) is not run here: the tests already run on a build.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, files, tempDir } from './helpers/cli.js';

const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');

/** The default of each input, read from action.yml. */
function defaults(): Record<string, string> {
  const out: Record<string, string> = {};
  const block = ACTION.slice(ACTION.indexOf('\ninputs:'), ACTION.indexOf('\noutputs:'));
  for (const m of block.matchAll(/^ {2}([\w-]+):\n((?: {4}.*\n)+)/gm)) {
    const d = /^ {4}default: (.*)$/m.exec(m[2]);
    out[m[1]] = d ? d[1].replace(/^'(.*)'$/, '$1') : '';
  }
  return out;
}

/** A step's `env:` and `run: |` block, with `${{ inputs.x }}` put in. */
function step(id: string, inputs: Record<string, string>): { env: Record<string, string>; run: string } {
  const start = ACTION.indexOf(`      id: ${id}\n`);
  expect(start, `step ${id}`).toBeGreaterThan(0);
  const rest = ACTION.slice(start);
  const end = rest.indexOf('\n    - name:');
  const text = (end === -1 ? rest : rest.slice(0, end)).replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, k: string) => inputs[k] ?? '');
  const env: Record<string, string> = {};
  const envBlock = /\n {6}env:\n((?: {8}.*\n)+)/.exec(text);
  for (const line of envBlock?.[1].split('\n') ?? []) {
    const m = /^ {8}(\w+): ?(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  const run = /\n {6}run: \|\n((?: {8}.*\n?|\n)+)/.exec(text)![1].replace(/^ {8}/gm, '');
  return { env, run };
}

function runAudit(inputs: Record<string, string>, cwd: string) {
  const { env, run } = step('audit', { ...defaults(), ...inputs });
  const runnerTemp = join(cwd, '..', `${cwd.split('/').pop()}-runner`);
  mkdirSync(runnerTemp, { recursive: true });
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LANG: 'C', GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: runnerTemp, ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
}

describe('action.yml', () => {
  it('declares a composite action whose install step builds the CLI it runs', () => {
    expect(ACTION).toMatch(/^runs:\n {2}using: composite$/m);
    expect(step('install', defaults()).run).toContain('npm ci');
    expect(defaults()).toMatchObject({ 'fail-on': 'error', lang: 'en', sarif: 'cnil-audit.sarif', for: '' });
  });

  it('annotates each finding, writes the SARIF report, fails on errors, and leaves the inputs alone', () => {
    const dir = tempDir('nationbuilder-people.csv', 'mailchimp-audience.csv');
    const r = runAudit({ paths: 'nationbuilder-people.csv mailchimp-audience.csv', for: 'email,sms', args: '--as-of 2026-11-23' }, dir);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=(nationbuilder-people|mailchimp-audience)\.csv,(line=\d+,)?title=[a-z-]+::/);
    const sarif = JSON.parse(readFileSync(join(dir, 'cnil-audit.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].artifacts).toHaveLength(2);
    expect(r.stderr).toMatch(/Exit 1: \d+ finding\(s\) at or above "error"\./);
    // Only the SARIF report is added beside the inputs; the cleaned files went to the runner's temp folder.
    expect(files(dir)).toEqual(['cnil-audit.sarif', 'mailchimp-audience.csv', 'nationbuilder-people.csv']);
  });

  it('passes with fail-on never and a high enough max-warnings, in French', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = runAudit({ paths: 'nationbuilder-people.csv', 'fail-on': 'never', 'max-warnings': '1000', lang: 'fr', sarif: 'out.sarif' }, dir);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);
    expect(r.stdout).toMatch(/^::error file=nationbuilder-people\.csv,line=\d+,title=[a-z-]+::.*(é|è|à)/m);
  });
});
