import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT, cli, files, tempDir } from './helpers/cli.js';
import { hashIdentity, normalizeEmail, normalizePhone } from '../src/purge.js';

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
    const outputs = ['nationbuilder-people.purged.csv', 'nationbuilder-people.purge-log-2026-12-31.csv', 'nationbuilder-people.purge-report-2026-12-31.json'];
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
    expect(r.stdout).toMatch(/regular_contact\s+3 years\s+default: NS 34/);
    expect(r.stdout).toMatch(/voter\s+0 days\s+default: CNIL/);
    const salt = /Salt: ([0-9a-f]{32})/.exec(r.stdout)?.[1];
    expect(salt).toBeDefined();
    expect(r.stdout.split(salt!).length - 1).toBe(2); // the salt line and the "--salt <salt>" hint
    expect(readFileSync(join(dir, outputs[1]), 'utf8')).not.toContain(salt);
    expect(readFileSync(join(dir, outputs[2]), 'utf8')).not.toContain(salt);
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

  it('the same --salt gives the same hashes next month', () => {
    const dir = tempDir('mailchimp-audience.csv');
    const run = (log: string, salt: string) => cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '--salt', salt, '--log', log, '-o', 'p.csv', '-r', 'r.json'], { cwd: dir });
    const a = run('a.csv', SALT);
    const b = run('b.json', SALT.toUpperCase());
    const c = run('c.csv', 'ff'.repeat(16));
    for (const x of [a, b, c]) expect([0, 1]).toContain(x.code);
    expect(a.stdout).toMatch(/Salt: the one given with --salt \(fingerprint [0-9a-f]{12}\)/);
    expect(a.stdout).not.toContain(SALT);
    const hashes = (rows: Record<string, string>[]) => rows.map((x) => x.id_hash);
    const la = readLog(join(dir, 'a.csv'));
    expect(hashes(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')))).toEqual(hashes(la));
    const lc = readLog(join(dir, 'c.csv'));
    expect(lc.map((x) => x.line)).toEqual(la.map((x) => x.line));
    expect(hashes(lc).filter((h, i) => h === la[i].id_hash)).toEqual([]);
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
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--rejects', 'r.csv'], { cwd: dir }), /--rejects cannot be used with purge/);
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', 'action-network.csv', '--log', 'l.csv'], { cwd: dir }), /several inputs, --log/);
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--as-of', 'soon'], { cwd: dir }), /--as-of: "soon" is not a date/);
    writeFileSync(join(dir, 'not-a-list.csv'), 'email\njean@exemple.fr\n');
    expectOneLineError(cli(['purge', 'nationbuilder-people.csv', '--suppress', 'not-a-list.csv'], { cwd: dir }), /not-a-list\.csv:1: not a cnil-audit suppression list/);
    expectOneLineError(cli(['scan', 'nationbuilder-people.csv', '--suppress', 'missing.csv'], { cwd: dir }), /missing\.csv: cannot read the file/);
    expect(files(dir)).toEqual(['action-network.csv', 'nationbuilder-people.csv', 'not-a-list.csv']);
  });

  it('--format json: the report on stdout, the generated salt once on stderr', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--format', 'json'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout);
    expect(report.purge.byReason['retention-expired']).toBeGreaterThan(0);
    expect(report.purge.log).toMatch(/nationbuilder-people\.purge-log-2026-11-23\.csv$/);
    expect(r.stderr).toMatch(/^cnil-audit: purge log salt, printed once .*: [0-9a-f]{32}\n$/);
    // With the salt given, nothing to print.
    const again = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--format', 'json', '--salt', SALT], { cwd: dir });
    expect(again.stderr).toBe('');
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
    writeFileSync(join(dir, 'other.csv'), 'kind,hash,salt,added_on\n');
    const both = cli(['scan', 'later.csv', '--as-of', '2026-11-23', '-c', 'conf/cnil.json', '--suppress', 'other.csv', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(JSON.parse(both.stdout).summary.byRule['objection-ignored']).toBe(objectors);
    expectOneLineError(cli(['scan', 'later.csv', '-c', 'conf/cnil.json', '--suppress', 'none.csv', '--dry-run'], { cwd: dir }), /none\.csv: cannot read the file/);

    // No output may be written over a list the run reads, in either language.
    const listText = readFileSync(list, 'utf8');
    expectOneLineError(cli(['scan', 'later.csv', '-c', 'conf/cnil.json', '-o', 'conf/lists/opposition.csv'], { cwd: dir }), /opposition\.csv: the cleaned file and the suppression list would be the same file/);
    expectOneLineError(cli(['scan', 'later.csv', '--suppress', 'other.csv', '-r', 'other.csv', '--lang', 'fr'], { cwd: dir }), /other\.csv: le rapport et la liste d’opposition seraient le même fichier/);
    expectOneLineError(cli(['purge', 'later.csv', '--suppress', 'other.csv', '-o', 'other.csv'], { cwd: dir }), /other\.csv: the purged file and the suppression list would be the same file/);
    expect(readFileSync(list, 'utf8')).toBe(listText);
    expect(readFileSync(join(dir, 'other.csv'), 'utf8')).toBe('kind,hash,salt,added_on\n');

    // A mistyped folder is an error, not an empty list that would let every objector through.
    writeFileSync(join(dir, 'conf', 'typo.json'), JSON.stringify({ suppressionList: 'listes/opposition.csv' }));
    expectOneLineError(cli(['scan', 'later.csv', '-c', 'conf/typo.json', '--dry-run'], { cwd: dir }), /listes\/opposition\.csv: cannot read the file: no such file or folder \(ENOENT\)/);
  });

  it('reads stdin and writes its outputs in the current folder', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['purge', '-', '--as-of', '2026-11-23', '--format', 'none', '--salt', SALT], { cwd: dir, input: readFileSync(join(dir, 'nationbuilder-people.csv')) });
    expect([0, 1]).toContain(r.code);
    expect(files(dir)).toEqual(['nationbuilder-people.csv', 'stdin.purge-log-2026-11-23.csv', 'stdin.purge-report-2026-11-23.json', 'stdin.purged.csv']);
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

  it('the README’s commands recompute the hash a purge logs', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- purge:start -->'), readme.indexOf('<!-- purge:end -->'));
    const commands = section.split('\n').filter((l) => /^(printf|node -e) /.test(l));
    expect(commands).toHaveLength(2);
    for (const command of commands) {
      const r = spawnSync('sh', ['-c', command], { env: { ...process.env, SALT }, encoding: 'utf8' });
      expect(r.stdout.split(/\s/)[0], command).toBe(hashIdentity(SALT, 'jean.dupont@exemple.fr'));
    }
  });
});
