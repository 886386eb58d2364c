import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { holds, identityValues, readRows } from './helpers/identities.js';
import { parse } from 'csv-parse/sync';
import { BIN, FIXTURES, ROOT, cli, files, tempDir } from './helpers/cli.js';
import { normalizeEmail, normalizePhone } from '../src/purge.js';

const SALT = '00112233445566778899aabbccddeeff';
const STACK = /\n\s+at .+:\d+:\d+/;

/**
 * Writes `later.csv`: the Mailchimp fixture of `dir` as a later export that lost its unsubscribe
 * columns (UNSUB_TIME and the next one). Returns how many people had unsubscribed.
 */
function writeLaterExport(dir: string): number {
  const rows = parse(readFileSync(join(dir, 'mailchimp-audience.csv')), { bom: true }) as string[][];
  const unsub = rows[0].indexOf('UNSUB_TIME');
  const later = rows.map((r, i) => r.map((v, j) => (i > 0 && (j === unsub || j === unsub + 1) ? '' : v)));
  writeFileSync(join(dir, 'later.csv'), later.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n');
  return rows.slice(1).filter((r) => r[unsub]).length;
}

function expectOneLineError(r: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(STACK);
}

function readLog(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** Every email, phone and name of a fixture (UTF-8 ones), to look for in what the tool prints. */
function identities(dir: string, name: string, columns: string[]): string[] {
  const rows = parse(readFileSync(join(dir, name)), { bom: true, columns: true }) as Record<string, string>[];
  const out = new Set<string>();
  for (const r of rows) {
    for (const c of columns) {
      const v = r[c]?.trim();
      if (!v || v.length < 3) continue;
      out.add(v);
      for (const n of [normalizeEmail(v), normalizePhone(v)]) if (n && n.length >= 6) out.add(n);
    }
  }
  return [...out];
}

describe('cnil-audit purge', () => {
  it('writes the purged file, a dated log and report beside the input; prints a summary to file', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const before = readFileSync(join(dir, 'nationbuilder-people.csv'));
    const r = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-12-31'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).toBe('');
    const outputs = ['nationbuilder-people.purged.csv', 'nationbuilder-people.purge-log-2026-12-31.csv', 'nationbuilder-people.purge-report-2026-12-31.json', 'cnil-audit.key'];
    expect(files(dir)).toEqual(['nationbuilder-people.csv', ...outputs].sort());
    expect(readFileSync(join(dir, 'nationbuilder-people.csv')).equals(before)).toBe(true);
    for (const o of outputs) expect(statSync(join(dir, o)).mode & 0o777).toBe(0o600);

    const report = JSON.parse(readFileSync(join(dir, outputs[2]), 'utf8'));
    expect(report.command).toBe('purge');
    expect(report.asOf).toBe('2026-12-31');
    const log = readLog(join(dir, outputs[1]));
    expect(log.length).toBe(report.output.droppedRows);
    expect(log.length).toBeGreaterThan(0);
    // The summary a DPO files: as-of date, input hash, counts by reason and category, retention and its sources, the salt.
    expect(r.stdout).toContain('Purge as of 2026-12-31');
    expect(r.stdout).toContain(report.input.sha256);
    expect(r.stdout).toMatch(new RegExp(`Rows: 34 in, ${report.output.rows} kept, ${log.length} purged`));
    expect(r.stdout).toMatch(/Purged by reason[^\n]*\n\s+retention-expired\s+\d+/);
    expect(r.stdout).toMatch(/Purged by category/);
    expect(r.stdout).toMatch(/regular contact\s+3 years\s+default: NS 34/);
    expect(r.stdout).toMatch(/voter\s+0 days\s+default: CNIL/);
    // The key file: created 0600, named with its fingerprint, never shown or copied anywhere.
    const key = readFileSync(join(dir, 'cnil-audit.key'), 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const fingerprint = /Key of the hashes: .*cnil-audit\.key \(fingerprint ([0-9a-f]{16})\)/.exec(r.stdout)?.[1];
    expect(fingerprint).toBeDefined();
    expect(r.stdout).toMatch(/key file was created by this run/);
    expect(report.purge.keyFingerprint).toBe(fingerprint);
    for (const text of [r.stdout, ...outputs.slice(0, 3).map((o) => readFileSync(join(dir, o), 'utf8'))]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(0, 16));
    }
    // A finished purge exits 0 although findings of other rules remain (a monthly `set -e` job goes on).
    expect(r.code).toBe(0);
    expect(report.summary.remainingBySeverity.error).toBeGreaterThan(0);
  });

  it('prints no name, email, phone or address, and logs none', () => {
    const dir = tempDir('action-network.csv');
    const r = cli(['purge', 'action-network.csv', '--as-of', '2030-01-01', '--log', 'log.csv', '--suppression-list', 'supp.csv'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    const values = identities(dir, 'action-network.csv', ['first_name', 'last_name', 'email', 'can2_phone', 'can2_user_address']);
    expect(values.length).toBeGreaterThan(50);
    const log = readFileSync(join(dir, 'log.csv'), 'utf8');
    const supp = readFileSync(join(dir, 'supp.csv'), 'utf8');
    for (const v of values) {
      expect(r.stdout, v).not.toContain(v);
      expect(r.stderr, v).not.toContain(v);
      expect(log, v).not.toContain(v);
      expect(supp, v).not.toContain(v);
    }
    const key = readFileSync(join(dir, 'cnil-audit.key'), 'utf8').trim();
    for (const text of [r.stdout, r.stderr, log, supp]) expect(text).not.toContain(key);
  });

  describe('no purge output but the purged file holds anyone\'s e-mail, phone, name, address or id: every report format, --format json, the log, the list (issue #13 audit)', () => {
    const all = [
      ...readdirSync(FIXTURES).filter((f) => /\.(csv|xlsx)$/.test(f)),
      ...readdirSync(join(FIXTURES, 'exports')).filter((f) => f.endsWith('.csv')).map((f) => `exports/${f}`),
    ];
    for (const rel of all) {
      it(rel, async () => {
        const name = basename(rel);
        const dir = tempDir();
        cpSync(join(FIXTURES, rel), join(dir, name));
        const { header, rows } = await readRows(join(dir, name));
        // Identity values by the test's own reading of the header, and every row's id.
        const idCol = header.findIndex((h) => /^(id|identifiant|uuid|nationbuilder_id|record id|contact id|leid)$/i.test(h));
        const values = [...new Set([
          ...identityValues(header, rows).map((v) => v.value),
          ...(idCol >= 0 ? rows.map((r) => r.cells[idCol]?.trim()).filter((v) => v && v.length >= 6) : []),
        ])];
        expect(values.length, name).toBeGreaterThan(10);
        const r = cli(['purge', name, '--as-of', '2026-11-23', '--election-date', '2026-03-22', '--log', 'log.csv', '--suppression-list', 'list.csv',
          '-r', 'r.json', '-r', 'r.md', '-r', 'r.html', '-r', 'r.csv', '-r', 'r.sarif', '--format', 'json', '--lang', 'fr'], { cwd: dir });
        expect([0, 1], `${name}: ${r.stderr}`).toContain(r.code);
        const outputs = ['log.csv', 'list.csv', 'r.json', 'r.md', 'r.html', 'r.csv', 'r.sarif'].map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
        for (const [f, text] of [...outputs, ['stdout', r.stdout] as const, ['stderr', r.stderr] as const]) {
          for (const v of values) expect(holds(text, v), `${name} ${f}: ${v}`).toBe(false);
        }
      });
    }
  });

  it('warns when the key file sits in the folder of the log or the list it protects, not when it is kept apart (issue #13 audit)', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const beside = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--lang', 'en'], { cwd: dir });
    expect(beside.code).toBe(0);
    expect(beside.stdout).toMatch(/The key file .*cnil-audit\.key is in the same folder as the log or the list it protects/);
    mkdirSync(join(dir, 'keys'));
    const apart = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--key-file', 'keys/k.key', '-o', 'o.csv', '--log', 'o-log.csv', '-r', 'o.json', '--lang', 'en'], { cwd: dir });
    expect(apart.code).toBe(0);
    expect(apart.stdout).not.toMatch(/same folder as the log/);
  });

  it('--dry-run lists what would go and writes nothing', () => {
    const dir = tempDir('mailchimp-audience.csv');
    const r = cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '--dry-run', '--suppression-list', 'supp.csv'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    expect(files(dir)).toEqual(['mailchimp-audience.csv']);
    expect(r.stdout).toMatch(/Dry run: nothing deleted, nothing written/);
    expect(r.stdout).toMatch(/would be purged/);
    expect(r.stdout).toMatch(/\n\s+retention-expired: lines \d/);
    expect(r.stdout).toMatch(/\n\s+objection-ignored: lines \d/);
    expect(r.stdout).toMatch(/Suppression list: .*supp\.csv — \d+ entries would be added/);
    expect(r.stdout).not.toMatch(/Salt:/);
  });

  it('the same key file gives the same hashes next month; another key, other hashes; --salt is ignored with a warning', () => {
    const dir = tempDir('mailchimp-audience.csv');
    mkdirSync(join(dir, 'keys'));
    const run = (log: string, ...more: string[]) => cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '--log', log, '-o', 'p.csv', '-r', 'r.json', ...more], { cwd: dir });
    const a = run('a.csv', '--key-file', 'keys/k1');
    const b = run('b.json', '--key-file', 'keys/k1', '--salt', SALT);
    const c = run('c.csv', '--key-file', 'keys/k2');
    for (const x of [a, b, c]) expect(x.code).toBe(0);
    expect(statSync(join(dir, 'keys/k1')).mode & 0o777).toBe(0o600);
    expect(a.stdout).toMatch(/key file was created/);
    expect(b.stdout).not.toMatch(/key file was created/);
    expect(b.stderr).toMatch(/^cnil-audit: --salt is no longer used/);
    expect(b.stdout + b.stderr).not.toContain(SALT);
    const hashes = (rows: Record<string, string>[]) => rows.map((x) => x.email_hash);
    const la = readLog(join(dir, 'a.csv'));
    expect(hashes(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')))).toEqual(hashes(la));
    const lc = readLog(join(dir, 'c.csv'));
    expect(lc.map((x) => x.line)).toEqual(la.map((x) => x.line));
    expect(hashes(lc).filter((h, i) => h === la[i].email_hash)).toEqual([]);
    // The config names the key (relative to it); a key file that is not one is an error.
    writeFileSync(join(dir, 'keys', 'cnil.json'), JSON.stringify({ keyFile: 'k1' }));
    run('d.csv', '-c', 'keys/cnil.json');
    expect(hashes(readLog(join(dir, 'd.csv')))).toEqual(hashes(la));
    writeFileSync(join(dir, 'bad.key'), 'not a key\n');
    expectOneLineError(run('e.csv', '--key-file', 'bad.key'), /bad\.key:1: not a cnil-audit key file/);
  });

  it('exit codes for a scheduled job: 0 when the purge succeeded; 1 when a purge rule\'s finding remains, or any with --fail-on-remaining', () => {
    const dir = tempDir('mailchimp-audience.csv', 'liste-electorale-extrait.csv');
    const ok = cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-q'], { cwd: dir });
    expect(ok.code).toBe(0);
    const strict = cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-q', '--fail-on-remaining', '-o', 'x.csv', '--log', 'x-log.csv', '-r', 'x.json'], { cwd: dir });
    expect(strict.code).toBe(1);
    const never = cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-q', '--fail-on-remaining', '--fail-on', 'never', '-o', 'y.csv', '--log', 'y-log.csv', '-r', 'y.json'], { cwd: dir });
    expect(never.code).toBe(0);
    // Voters without an election date: the purge cannot decide their retention (README's exit-1 case):
    // a warning, so exit 1 with --fail-on warning and 0 without; with the election date, decided, 0.
    const voters = cli(['purge', 'liste-electorale-extrait.csv', '--as-of', '2026-11-23', '--fail-on', 'warning', '--lang', 'en'], { cwd: dir });
    const report = JSON.parse(readFileSync(join(dir, 'liste-electorale-extrait.purge-report-2026-11-23.json'), 'utf8'));
    expect(report.findings.filter((f: { rule: string }) => f.rule === 'retention-unknown').length).toBeGreaterThan(0);
    expect(voters.code, voters.stdout).toBe(1);
    expect(voters.stdout).toMatch(/Left in the purged file by the purge rules: 0 error\(s\), \d+ warning\(s\)/);
    const lenient = cli(['purge', 'liste-electorale-extrait.csv', '--as-of', '2026-11-23', '-q', '-o', 'v.csv', '--log', 'v-log.csv', '-r', 'v.json'], { cwd: dir });
    expect(lenient.code).toBe(0);
    const decided = cli(['purge', 'liste-electorale-extrait.csv', '--as-of', '2026-11-23', '--election-date', '2026-03-22', '--fail-on', 'warning', '-q', '-o', 'w.csv', '--log', 'w-log.csv', '-r', 'w.json'], { cwd: dir });
    expect(decided.code).toBe(0);
  });

  it('refuses to write onto its input (exit 2, nothing written)', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const before = readFileSync(join(dir, 'nationbuilder-people.csv'));
    for (const args of [['-o', 'nationbuilder-people.csv'], ['--log', 'nationbuilder-people.csv'], ['--suppression-list', 'nationbuilder-people.csv'], ['-r', 'nationbuilder-people.csv']]) {
      const r = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', ...args], { cwd: dir });
      expectOneLineError(r, /refusing to write .* onto the input file/);
      expect(files(dir)).toEqual(['nationbuilder-people.csv']);
      expect(readFileSync(join(dir, 'nationbuilder-people.csv')).equals(before)).toBe(true);
    }
  });

  it('usage errors are exit 2 with one line', () => {
    const dir = tempDir('nationbuilder-people.csv', 'action-network.csv');
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--salt', 'xyz'], { cwd: dir }), /--salt: expected at least 32 hexadecimal/);
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--key-file', 'nationbuilder-people.csv'], { cwd: dir }), /refusing to write the key file onto the input file/);
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--rejects', 'r.csv'], { cwd: dir }), /--rejects cannot be used with purge/);
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', 'action-network.csv', '--log', 'l.csv'], { cwd: dir }), /several inputs, --log/);
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--as-of', 'soon'], { cwd: dir }), /--as-of: "soon" is not a date/);
    writeFileSync(join(dir, 'not-a-list.csv'), 'email\njean@exemple.fr\n');
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--suppress', 'not-a-list.csv'], { cwd: dir }), /not-a-list\.csv:1: not a cnil-audit suppression list/);
    expectOneLineError(cli(['scan', 'nationbuilder-people.csv', '--suppress', 'missing.csv'], { cwd: dir }), /missing\.csv: cannot read the file/);
    expect(files(dir)).toEqual(['action-network.csv', 'nationbuilder-people.csv', 'not-a-list.csv']);
  });

  it('--format json: the report on stdout, nothing on stderr, the key\'s fingerprint in the report and never the key', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.purge.byReason['retention-expired']).toBeGreaterThan(0);
    expect(report.purge.log).toMatch(/nationbuilder-people\.purge-log-2026-11-23\.csv$/);
    expect(report.purge.keyFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain(readFileSync(join(dir, 'cnil-audit.key'), 'utf8').trim());
  });

  it('suppression list round trip: purge lists who objected, scan --suppress catches them in a later import', () => {
    const dir = tempDir('mailchimp-audience.csv');
    const p = cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '--suppression-list', 'supp.csv'], { cwd: dir });
    expect([0, 1]).toContain(p.code);
    expect(p.stdout).toMatch(/Suppression list: .*supp\.csv \((\d+) added, \1 in all/);
    const added = Number(/\((\d+) added/.exec(p.stdout)![1]);
    expect(added).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'supp.csv'), 'utf8').trim().split('\n')).toHaveLength(added + 1);

    // A later export: the same people, their unsubscribe dates lost on the way.
    const objectors = writeLaterExport(dir);

    const plain = cli(['scan', 'later.csv', '--as-of', '2026-11-23', '--format', 'json', '-o', 'a.csv', '-r', 'a.json'], { cwd: dir });
    expect(JSON.parse(plain.stdout).summary.byRule['objection-ignored']).toBeUndefined();
    const s = cli(['scan', 'later.csv', '--as-of', '2026-11-23', '-o', 'b.csv', '-r', 'b.json', '--suppress', 'supp.csv'], { cwd: dir });
    expect([0, 1]).toContain(s.code);
    expect(s.stdout).toContain(`Suppression list: ${objectors} row(s) matched`);
    const report = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(report.summary.byRule['objection-ignored']).toBe(objectors);

    // Next month, purging the later export with the same list: the objectors go, the list does not grow.
    const again = cli(['purge', 'later.csv', '--as-of', '2026-12-31', '--suppression-list', 'supp.csv'], { cwd: dir });
    expect(again.stdout).toMatch(new RegExp(`Suppression list: ${objectors} row\\(s\\) matched`));
    expect(again.stdout).toMatch(new RegExp(`\\(0 added, ${added} in all`));
  });

  it('the config can keep the suppression list: purge extends it, scan checks against it (paths relative to the config)', () => {
    const dir = tempDir('mailchimp-audience.csv');
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'cnil.json'), JSON.stringify({ suppressionList: 'lists/opposition.csv' }));
    mkdirSync(join(dir, 'conf', 'lists'));
    const list = join(dir, 'conf', 'lists', 'opposition.csv');

    // Before any purge the list does not exist: a scan with that config is not an error, and says so.
    const before = cli(['scan', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-c', 'conf/cnil.json', '--dry-run'], { cwd: dir });
    expect([0, 1]).toContain(before.code);
    expect(before.stdout).toContain(`Suppression list: ${list} does not exist yet`);
    expect(before.stdout).toContain('Suppression list: 0 row(s) matched');

    const p = cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-c', 'conf/cnil.json'], { cwd: dir });
    expect([0, 1]).toContain(p.code);
    const added = Number(/Suppression list: .*opposition\.csv \((\d+) added/.exec(p.stdout)![1]);
    expect(added).toBeGreaterThan(0);
    expect(readFileSync(list, 'utf8').trim().split('\n')).toHaveLength(added + 1);

    // A later export that lost the unsubscribe columns: only the list can catch the people who objected.
    const objectors = writeLaterExport(dir);
    const plain = cli(['scan', 'later.csv', '--as-of', '2026-11-23', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(JSON.parse(plain.stdout).summary.byRule['objection-ignored']).toBeUndefined();
    const s = cli(['scan', 'later.csv', '--as-of', '2026-11-23', '-c', 'conf/cnil.json', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(JSON.parse(s.stdout).summary.byRule['objection-ignored']).toBe(objectors);

    // --suppress adds another list: both are checked; it must exist.
    writeFileSync(join(dir, 'other.csv'), 'kind,hash,key_fingerprint,added_on,legacy_salt\n');
    const both = cli(['scan', 'later.csv', '--as-of', '2026-11-23', '-c', 'conf/cnil.json', '--suppress', 'other.csv', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(JSON.parse(both.stdout).summary.byRule['objection-ignored']).toBe(objectors);
    expectOneLineError(cli(['scan', 'later.csv', '-c', 'conf/cnil.json', '--suppress', 'none.csv', '--dry-run'], { cwd: dir }), /none\.csv: cannot read the file/);

    // No output may be written over a list the run reads, in either language.
    const listText = readFileSync(list, 'utf8');
    expectOneLineError(cli(['scan', 'later.csv', '-c', 'conf/cnil.json', '-o', 'conf/lists/opposition.csv'], { cwd: dir }), /opposition\.csv: the cleaned file and the suppression list would be the same file/);
    expectOneLineError(cli(['scan', 'later.csv', '--suppress', 'other.csv', '-r', 'other.csv', '--lang', 'fr'], { cwd: dir }), /other\.csv: le rapport et la liste d’opposition seraient le même fichier/);
    expectOneLineError(cli(['purge', 'later.csv', '--suppress', 'other.csv', '-o', 'other.csv'], { cwd: dir }), /other\.csv: the purged file and the suppression list would be the same file/);
    expect(readFileSync(list, 'utf8')).toBe(listText);
    expect(readFileSync(join(dir, 'other.csv'), 'utf8')).toBe('kind,hash,key_fingerprint,added_on,legacy_salt\n');

    // A mistyped folder is an error, not an empty list that would let every objector through.
    writeFileSync(join(dir, 'conf', 'typo.json'), JSON.stringify({ suppressionList: 'listes/opposition.csv' }));
    expectOneLineError(cli(['scan', 'later.csv', '-c', 'conf/typo.json', '--dry-run'], { cwd: dir }), /listes\/opposition\.csv: cannot read the file: no such file or folder \(ENOENT\)/);
  });

  it('reads stdin and writes its outputs in the current folder', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['purge', '-', '--as-of', '2026-11-23', '--format', 'none'], { cwd: dir, input: readFileSync(join(dir, 'nationbuilder-people.csv')) });
    expect([0, 1]).toContain(r.code);
    expect(files(dir)).toEqual(['cnil-audit.key', 'nationbuilder-people.csv', 'stdin.purge-log-2026-11-23.csv', 'stdin.purge-report-2026-11-23.json', 'stdin.purged.csv']);
  });

  it('speaks French with --lang fr', () => {
    const dir = tempDir('liste-electorale-extrait.csv');
    const r = cli(['purge', 'liste-electorale-extrait.csv', '--as-of', '2030-01-01', '--election-date', '2027-03-21', '--dry-run', '--lang', 'fr'], { cwd: dir });
    expect(r.stdout).toContain('Purge à la date du 2030-01-01');
    expect(r.stdout).toContain('Essai à blanc : rien supprimé, rien écrit.');
    // Said once, in the purge's own words (not also scan's "no cleaned file written").
    expect(r.stdout).not.toContain('fichier nettoyé');
    expect(r.stdout).toMatch(/retention-expired: lignes 2–31/);
  });

  it('"What remains" counts and lists only the kept rows; the retention table has member and retentionBySource (issue #13 audit)', () => {
    const dir = tempDir('mailchimp-audience.csv');
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ retentionBySource: { web_form: { occasional_contact: '1m' } } }));
    const r = cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-c', 'cfg.json', '-r', 'p.md', '-r', 'p.html', '-r', 'p.json', '--lang', 'en', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'));
    const purgedLines = new Set(report.findings.filter((f: { action: string }) => f.action === 'drop-row').map((f: { line: number }) => f.line));
    expect(purgedLines.size).toBe(report.output.droppedRows);
    const md = readFileSync(join(dir, 'p.md'), 'utf8');
    const remaining = md.slice(md.indexOf('# What remains in the purged file'));
    const rem = report.summary.remainingBySeverity;
    expect(remaining).toContain(`| Errors | ${rem.error} |`);
    expect(remaining).toContain(`| Warnings | ${rem.warning} |`);
    expect(remaining).toMatch(/only the rows kept in the purged file/);
    const listed = [...remaining.matchAll(/^\| (\d+) \| /gm)].map((m) => Number(m[1]));
    expect(listed.length).toBeGreaterThan(0);
    for (const line of listed) expect(purgedLines.has(line), `line ${line}`).toBe(false);
    expect(remaining).not.toMatch(/row dropped/);
    const html = readFileSync(join(dir, 'p.html'), 'utf8');
    const after = html.slice(html.indexOf('id="remaining"'));
    expect(after).toMatch(/data-line="\d+"/);
    for (const line of purgedLines) expect(after).not.toContain(`data-line="${line}"`);
    // The retention a DPO files: member, and the shorter period the config set for web forms.
    expect(md).toMatch(/\| member \| {2}\| kept while the membership lasts/);
    expect(md).toMatch(/\| occasional contact \(web form\) \| 1 month \| set in the config for the rows whose source is web form \|/);
    expect(html).toContain('occasional contact (web form)');
  });

  it('the Markdown and HTML reports open with the purge, then describe what remains; never the key', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '-r', 'p.md', '-r', 'p.html', '-r', 'p.json', '--suppression-list', 's.csv', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'));
    const key = readFileSync(join(dir, 'cnil-audit.key'), 'utf8').trim();
    const md = readFileSync(join(dir, 'p.md'), 'utf8');
    const html = readFileSync(join(dir, 'p.html'), 'utf8');
    const purged = report.output.droppedRows;
    // Markdown: the purge verdict, the purge section, then what remains.
    const lines = md.split('\n').filter(Boolean);
    expect(lines[1]).toBe(`> Purge done: ${purged} row(s) purged, ${report.output.rows} kept. Left in the purged file, not acted on by the purge: ${report.summary.remainingBySeverity.error} error(s), ${report.summary.remainingBySeverity.warning} warning(s).`);
    expect(lines[2]).toBe('## Purge');
    expect(md).not.toMatch(/use the cleaned file/);
    const remaining = md.indexOf('# What remains in the purged file');
    for (const part of [report.input.sha256, `| Rows purged | ${purged} |`, '| `retention-expired` | Retention period exceeded |', '— an interpretation |', 'Purge log: `', 'Suppression list (', 'does not scrub profiling', report.purge.keyFingerprint]) {
      const i = md.indexOf(part);
      expect(i, part).toBeGreaterThan(0);
      expect(i, part).toBeLessThan(remaining);
    }
    // HTML: the same, in the same order.
    const at = (s: string) => html.indexOf(s);
    expect(at('id="purge-verdict"')).toBeGreaterThan(0);
    expect(at('id="purge-verdict"')).toBeLessThan(at('id="summary"'));
    expect(at('id="purge-retention"')).toBeLessThan(at('id="remaining"'));
    expect(at('id="remaining"')).toBeLessThan(at('id="problems"'));
    expect(html).not.toContain('id="verdict"');
    expect(html).toContain(report.input.sha256);
    for (const text of [md, html]) expect(text).not.toContain(key);
    // In French too.
    cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '-r', 'f.md', '-o', 'f.csv', '--log', 'f-log.csv', '--lang', 'fr', '-q'], { cwd: dir });
    const fr = readFileSync(join(dir, 'f.md'), 'utf8');
    expect(fr).toMatch(/^> Purge faite : \d+ lignes? purgées?/m);
    expect(fr).toContain('# Ce qui reste dans le fichier purgé');
  });

  it('README’s proof procedure, run exactly as written, finds the person by e-mail, by phone and by id', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- proof:start -->'), readme.indexOf('<!-- proof:end -->'));
    const script = block.split('\n').filter((l) => !l.startsWith('```') && !l.startsWith('<!--')).join('\n');
    expect(script).toMatch(/--email/);
    expect(script).toMatch(/--phone/);
    expect(script).toMatch(/--id/);
    // contacts.csv is the French Excel export (Windows-1252); `cnil-audit` on the PATH is this build.
    const dir = tempDir();
    cpSync(join(FIXTURES, 'fichier-militants-excel.csv'), join(dir, 'contacts.csv'));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(BIN, join(dir, 'bin', 'cnil-audit'));
    const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, LANG: 'C' };
    let found = 0;
    for (const line of script.split('\n').filter(Boolean)) {
      const r = spawnSync('sh', ['-c', line], { cwd: dir, env, encoding: 'utf8' });
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
      if (/verify/.test(line)) {
        expect(r.stdout).toMatch(/^Found: purged on .* by retention-expired .*line 3 /);
        found++;
      }
      if (/openssl/.test(line)) {
        expect(r.stdout).toMatch(/^3,[0-9a-f]{64},/);
        found++;
      }
    }
    expect(found).toBe(4);
    // Someone who was not purged is not found (exit 1).
    const absent = spawnSync('sh', ['-c', 'cnil-audit verify --log purge-log.csv --email personne@exemple.fr'], { cwd: dir, env, encoding: 'utf8' });
    expect(absent.status).toBe(1);
    expect(absent.stdout).toMatch(/^Not found in 1 log/);
  });
});
