/**
 * action.yml (issue 14): the audit step's commands run locally as GitHub would run them — inputs put
 * in, `bash -eo pipefail` (GitHub's default for `shell: bash`), GITHUB_ACTION_PATH at this checkout.
 * The install step runs too, in a copy of the action's files, offline (npm's cache, filled by the
 * `npm ci` that set up this checkout: the tests use no network), and the audit step then runs the CLI it built.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * A step's `env:` and `run: |` block. As on GitHub, `${{ inputs.x }}` in `env:` becomes the input's
 * value as it is (several lines included); the run script itself must hold no expression.
 */
function step(id: string, inputs: Record<string, string>): { env: Record<string, string>; run: string } {
  const start = ACTION.indexOf(`      id: ${id}\n`);
  expect(start, `step ${id}`).toBeGreaterThan(0);
  const rest = ACTION.slice(start);
  const end = rest.indexOf('\n    - name:');
  const text = end === -1 ? rest : rest.slice(0, end);
  const env: Record<string, string> = {};
  const envBlock = /\n {6}env:\n((?: {8}.*\n)+)/.exec(text);
  for (const line of envBlock?.[1].split('\n') ?? []) {
    const m = /^ {8}(\w+): ?(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, k: string) => inputs[k] ?? '');
  }
  const run = /\n {6}run: \|\n((?: {8}.*\n?|\n)+)/.exec(text)![1].replace(/^ {8}/gm, '');
  return { env, run };
}

function runAudit(inputs: Record<string, string>, cwd: string, actionPath = ROOT) {
  const { env, run } = step('audit', { ...defaults(), ...inputs });
  const runnerTemp = join(cwd, '..', `${cwd.split('/').pop()}-runner`);
  mkdirSync(runnerTemp, { recursive: true });
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LANG: 'C', GITHUB_ACTION_PATH: actionPath, RUNNER_TEMP: runnerTemp, ...env },
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
    const r = runAudit({ paths: 'nationbuilder-people.csv\nmailchimp-audience.csv\n', for: 'email,sms', args: '--as-of 2026-11-23' }, dir);
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

  it('puts no ${{ }} expression in a run script: inputs reach the scripts through env only', () => {
    for (const m of ACTION.matchAll(/\n {6}run: \|\n((?: {8}.*\n?|\n)+)/g)) expect(m[1]).not.toContain('${{');
  });

  it('reads paths one per line: spaces in a name, blank lines, a glob, a name starting with a dash', () => {
    const dir = tempDir('nationbuilder-people.csv', 'mailchimp-audience.csv', 'action-network.csv');
    mkdirSync(join(dir, 'exports'));
    renameSync(join(dir, 'nationbuilder-people.csv'), join(dir, 'fichier adhérents 2026.csv'));
    renameSync(join(dir, 'mailchimp-audience.csv'), join(dir, 'exports', 'mailchimp audience.csv'));
    renameSync(join(dir, 'action-network.csv'), join(dir, '-an.csv'));
    const r = runAudit({ paths: '  fichier adhérents 2026.csv  \r\n\n exports/*.csv\n-an.csv', 'fail-on': 'never', args: '--as-of 2026-11-23' }, dir);
    expect(r.stderr).not.toMatch(/not found|introuvable|unknown option/i);
    expect(r.status, r.stderr).toBe(0);
    const files = new Set([...r.stdout.matchAll(/file=([^,]+),/g)].map((m) => m[1]));
    expect([...files].sort()).toEqual(['-an.csv', 'exports/mailchimp audience.csv', 'fichier adhérents 2026.csv']);
  });

  it('passes args as words, quotes grouping them, and never runs what they hold', () => {
    const dir = tempDir('nationbuilder-people.csv');
    writeFileSync(join(dir, 'my config.json'), JSON.stringify({ rules: { 'unknown-source': 'off' } }));
    const quoted = runAudit({ paths: 'nationbuilder-people.csv', args: '--as-of 2026-11-23\n-c "my config.json"', 'fail-on': 'never' }, dir);
    expect(quoted.status, quoted.stderr).toBe(0);
    expect(quoted.stdout).toContain('title=');
    expect(quoted.stdout).not.toContain('title=unknown-source');
    // Shell syntax in an input is data: nothing is run, the CLI refuses the stray words (exit 2).
    for (const args of ['--as-of 2026-11-23 $(touch pwned1) `touch pwned2`; touch pwned3 && touch pwned4 | touch pwned5', '--as-of "$(touch pwned6)"']) {
      const r = runAudit({ paths: 'nationbuilder-people.csv\n$(touch pwned7)', args }, dir);
      expect(r.status, r.stderr).toBe(2);
      expect(files(dir).filter((f) => f.startsWith('pwned'))).toEqual([]);
    }
    // An unmatched quote fails the step before the CLI runs.
    const bad = runAudit({ paths: 'nationbuilder-people.csv', args: '-c "my config.json' }, dir);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
  });

  it('runs the install step (npm ci in the action\'s folder, offline from npm\'s cache), then audits with the CLI it built', () => {
    const action = mkdtempSync(join(tmpdir(), 'cnil-audit-action-'));
    try {
      for (const f of ['action.yml', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src']) cpSync(join(ROOT, f), join(action, f), { recursive: true });
      const { run } = step('install', defaults());
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
      const install = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
        cwd: tmpdir(),
        env: { ...env, GITHUB_ACTION_PATH: action, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
        encoding: 'utf8',
        timeout: 240000,
      });
      expect(install.status, install.stderr.slice(-2000)).toBe(0);
      expect(existsSync(join(action, 'dist', 'cli', 'bin.js'))).toBe(true);
      const dir = tempDir('nationbuilder-people.csv');
      const r = runAudit({ paths: 'nationbuilder-people.csv', args: '--as-of 2026-11-23' }, dir, action);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^::error file=nationbuilder-people\.csv,line=\d+,title=[a-z-]+::/m);
    } finally {
      rmSync(action, { recursive: true, force: true });
    }
  }, 300000);
});
