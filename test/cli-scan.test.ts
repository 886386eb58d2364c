import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cli, files, tempDir, FIXTURES } from './helpers/cli.js';
import { VERSION } from '../src/version.js';

const FIXTURE_FILES = ['mailchimp-audience.csv', 'nationbuilder-people.csv', 'action-network.csv', 'fichier-militants-excel.csv', 'liste-electorale-extrait.csv'];
const STACK = /\n\s+at .+:\d+:\d+/;

function expectOneLineError(r: { code: number | null; stderr: string; stdout: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^cnil-audit: /);
  expect(r.stderr).not.toMatch(STACK);
}

describe('cnil-audit basics', () => {
  it('--version prints the version', () => {
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });
  it('--help lists the commands', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan/);
  });
  it('an unknown option is exit 2 with one line', () => {
    const r = cli(['scan', 'x.csv', '--frobnicate']);
    expectOneLineError(r, /unknown option/);
  });
  it('a bad --format value is exit 2', () => {
    expectOneLineError(cli(['scan', 'x.csv', '--format', 'xml']), /format/);
  });
});

describe('scan on every fixture', () => {
  for (const name of FIXTURE_FILES) {
    it(`${name}: cleaned file and JSON report beside the input`, () => {
      const dir = tempDir(name);
      const before = readFileSync(join(dir, name));
      const r = cli(['scan', name, '--as-of', '2026-11-23', '--for', 'email'], { cwd: dir });
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).toBe('');
      const stem = name.replace(/\.csv$/, '');
      expect(files(dir)).toEqual([`${stem}.clean.csv`, name, `${stem}.report.json`].sort());
      expect(readFileSync(join(dir, name)).equals(before)).toBe(true); // input untouched
      for (const out of [`${stem}.clean.csv`, `${stem}.report.json`]) expect(statSync(join(dir, out)).mode & 0o777).toBe(0o600);
      const report = JSON.parse(readFileSync(join(dir, `${stem}.report.json`), 'utf8'));
      expect(report.schemaVersion).toBe(2);
      expect(Object.keys(report)).toEqual(expect.arrayContaining(['tool', 'generatedAt', 'asOf', 'options', 'input', 'output', 'summary', 'rules', 'findings', 'truncated']));
      // Schema v2: references once per rule, in the rules table; findings carry data and the wording.
      for (const f of report.findings) {
        expect(Object.keys(f)).not.toContain('references');
        expect(report.rules[f.rule].references.length).toBeGreaterThan(0);
        expect(typeof f.messageId).toBe('string');
        expect(typeof f.message).toBe('string');
      }
      expect(report.input.rows).toBe(report.output.rows + report.output.droppedRows);
      expect(report.input.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(report.asOf).toBe('2026-11-23');
      expect(report.options.for).toEqual(['email']);
      // Findings carry no personal data: none of the input's emails appears in the report.
      const emails = before.toString('latin1').match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [];
      const text = JSON.stringify(report.findings);
      for (const e of emails) expect(text).not.toContain(e);
      // The cleaned file keeps the input's encoding, BOM, delimiter and line endings.
      const clean = readFileSync(join(dir, `${stem}.clean.csv`));
      expect(clean.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(before.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      expect(clean.includes('\r\n')).toBe(before.includes('\r\n'));
      expect(report.output.rows).toBeGreaterThan(0);
    });
  }

  it('a cleaned file with nothing dropped or scrubbed is byte-identical to the input', () => {
    const dir = tempDir();
    const text = 'Courriel;Nom;Origine\r\na@exemple.fr;Dupré;"adhésion; 2024"\r\n';
    writeFileSync(join(dir, 'in.csv'), text, 'latin1');
    const r = cli(['scan', 'in.csv', '--fail-on', 'never', '--format', 'none'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'in.clean.csv'))).toEqual(readFileSync(join(dir, 'in.csv')));
  });
});

describe('scan options', () => {
  const MALFORMED = 'email,nom,date de collecte\na@example.org,A,2024-01-01\n"b@example.org","B\nsuite",hier\nc@example.org,C\n\nd@example.org,D,2024-01-02\n';

  it('-o, -r (repeatable), --format json: JSON report on stdout; lines of findings are physical lines', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), MALFORMED);
    const r = cli(['scan', 'in.csv', '-o', 'out/clean.csv', '-r', 'r1.json', '-r', 'r2.md', '--format', 'json'], { cwd: dir });
    expectOneLineError(r, /out\/clean\.csv: cannot write the cleaned file: no such file or folder \(ENOENT\)/); // out/ does not exist yet
    expect(files(dir)).toEqual(['in.csv']);
    mkdirSync(join(dir, 'out'));
    const ok = cli(['scan', 'in.csv', '-o', 'out/clean.csv', '-r', 'r1.json', '-r', 'r2.md', '--format', 'json'], { cwd: dir });
    expect(ok.code).toBe(1);
    const report = JSON.parse(ok.stdout);
    expect(report).toEqual(JSON.parse(readFileSync(join(dir, 'r1.json'), 'utf8')));
    expect(readFileSync(join(dir, 'r2.md'), 'utf8')).toMatch(/malformed-row/);
    expect(report.input.rows).toBe(4);
    expect(report.output).toMatchObject({ rows: 3, droppedRows: 1 });
    const byRule = report.findings.map((f: { rule: string; line: number }) => [f.rule, f.line]);
    expect(byRule).toContainEqual(['malformed-row', 5]);
    expect(byRule).toContainEqual(['invalid-date', 3]);
    const cleaned = parse(readFileSync(join(dir, 'out/clean.csv')));
    expect(cleaned.map((row: string[]) => row[0])).toEqual(['email', 'a@example.org', 'b@example.org', 'd@example.org']);
  });

  it('--fail-on decides exit 1; never → 0; warning counts warnings', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'warn.csv'), 'email,date de collecte\na@example.org,hier\n');
    expect(cli(['scan', 'warn.csv', '--dry-run'], { cwd: dir }).code).toBe(0);
    expect(cli(['scan', 'warn.csv', '--dry-run', '--fail-on', 'warning'], { cwd: dir }).code).toBe(1);
    writeFileSync(join(dir, 'err.csv'), 'email,nom\na@example.org\n');
    expect(cli(['scan', 'err.csv', '--dry-run'], { cwd: dir }).code).toBe(1);
    expect(cli(['scan', 'err.csv', '--dry-run', '--fail-on', 'never'], { cwd: dir }).code).toBe(0);
  });

  it('--dry-run writes nothing', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['scan', 'nationbuilder-people.csv', '--dry-run'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    expect(files(dir)).toEqual(['nationbuilder-people.csv']);
    expect(r.stdout).toContain('Dry run: no cleaned file written (only the reports asked for with -r).');
  });

  it('--dry-run with -r writes the reports asked for and nothing else, for one input as for several (SPEC §1: compute everything, write no cleaned file)', () => {
    const dir = tempDir('nationbuilder-people.csv', 'mailchimp-audience.csv');
    const one = cli(['scan', 'nationbuilder-people.csv', '--dry-run', '-r', 'one.html', '-r', 'one.json', '--lang', 'en'], { cwd: dir });
    expect(one.code).toBe(1);
    expect(files(dir)).toEqual(['mailchimp-audience.csv', 'nationbuilder-people.csv', 'one.html', 'one.json']);
    expect(one.stdout).toContain(`Report: ${join(dir, 'one.html')}`);
    // The next step of a dry run is the real run, not "use the cleaned file".
    expect(one.stdout).toContain('Next step: run again without --dry-run');
    expect(JSON.parse(readFileSync(join(dir, 'one.json'), 'utf8')).options.dryRun).toBe(true);
    const several = cli(['scan', 'nationbuilder-people.csv', 'mailchimp-audience.csv', '--dry-run', '-r', 'all.html', '--out-dir', 'o'], { cwd: dir });
    expect(several.code).toBe(1);
    expect(files(dir)).toEqual(['all.html', 'mailchimp-audience.csv', 'nationbuilder-people.csv', 'one.html', 'one.json']);
    // purge: no purged file, log or list, but the report asked for.
    const purge = cli(['purge', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--dry-run', '-r', 'p.md', '--key-file', 'k.key', '--suppression-list', 's.csv'], { cwd: dir });
    expect(purge.code, purge.stderr).toBe(0);
    expect(files(dir)).toEqual(['all.html', 'mailchimp-audience.csv', 'nationbuilder-people.csv', 'one.html', 'one.json', 'p.md']);
  });

  it('--format none prints nothing; -q prints nothing', () => {
    const dir = tempDir('action-network.csv');
    expect(cli(['scan', 'action-network.csv', '--format', 'none'], { cwd: dir }).stdout).toBe('');
    expect(cli(['scan', 'action-network.csv', '-q'], { cwd: dir }).stdout).toBe('');
  });

  it('--format md prints a Markdown report', () => {
    const dir = tempDir('action-network.csv');
    expect(cli(['scan', 'action-network.csv', '--format', 'md', '--dry-run'], { cwd: dir }).stdout).toMatch(/^# /);
  });

  it('reads stdin with "-", writes stdin.* in the current folder; -o - writes the cleaned file to stdout', () => {
    const dir = tempDir();
    const input = 'email;nom\na@example.org;A\n';
    const r = cli(['scan', '-', '--format', 'none'], { cwd: dir, input });
    expect(r.code).toBe(0);
    expect(files(dir)).toEqual(['stdin.clean.csv', 'stdin.report.json']);
    const s = cli(['scan', '-', '-o', '-', '--format', 'none', '-r', 'r.json'], { cwd: dir, input });
    expect(s.code).toBe(0);
    expect(s.stdout).toBe(input);
  });

  it('text summary: French by locale or --lang, no colour when not a TTY', () => {
    const dir = tempDir('fichier-militants-excel.csv');
    const fr = cli(['scan', 'fichier-militants-excel.csv', '--dry-run'], { cwd: dir, env: { LANG: 'fr_FR.UTF-8' } });
    expect(fr.stdout).toMatch(/Lignes : 35 lues/);
    const en = cli(['scan', 'fichier-militants-excel.csv', '--dry-run', '--lang', 'en'], { cwd: dir, env: { LANG: 'fr_FR.UTF-8' } });
    expect(en.stdout).toMatch(/Rows: 35 read/);
    expect(en.stdout).not.toMatch(/\x1b\[/);
    const forced = cli(['scan', 'fichier-militants-excel.csv', '--dry-run', '--lang', 'en'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const noColor = cli(['scan', 'fichier-militants-excel.csv', '--dry-run', '--lang', 'en', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\x1b\[/);
  });

  it('--map overrides detection and the report records the mapping', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), 'Courriel perso,Courriel,Notes\na@example.org,b@example.org,x\n');
    const r = cli(['scan', 'in.csv', '--map', 'email=Courriel perso', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(JSON.parse(r.stdout).input.mapping.email).toBe('Courriel perso');
  });

  it('several inputs with --out-dir', () => {
    const dir = tempDir('action-network.csv', 'liste-electorale-extrait.csv');
    mkdirSync(join(dir, 'out'));
    const r = cli(['scan', 'action-network.csv', 'liste-electorale-extrait.csv', '--out-dir', 'out', '--format', 'none'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    expect(files(join(dir, 'out'))).toEqual(['action-network.clean.csv', 'action-network.report.json', 'liste-electorale-extrait.clean.csv', 'liste-electorale-extrait.report.json']);
    expectOneLineError(cli(['scan', 'action-network.csv', 'liste-electorale-extrait.csv', '-o', 'x.csv'], { cwd: dir }), /--out-dir/);
  });

  it('--out-dir creates its folder (0700), but not on a dry run; a file in its way is a one-line error', () => {
    const dir = tempDir('action-network.csv');
    const r = cli(['scan', 'action-network.csv', '--out-dir', 'out/nested', '--format', 'none'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    expect(statSync(join(dir, 'out/nested')).mode & 0o777).toBe(0o700);
    expect(files(join(dir, 'out/nested'))).toEqual(['action-network.clean.csv', 'action-network.report.json']);
    cli(['scan', 'action-network.csv', '--out-dir', 'dry', '--dry-run', '--format', 'none'], { cwd: dir });
    expect(existsSync(join(dir, 'dry'))).toBe(false);
    writeFileSync(join(dir, 'taken'), 'x');
    expectOneLineError(cli(['scan', 'action-network.csv', '--out-dir', 'taken'], { cwd: dir }), /taken: cannot write the output folder \(--out-dir\): a part of the path is not a folder \(ENOTDIR\)/);
  });

  it('reads a config file from the current folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), 'Perso,Notes\na@example.org,x\n');
    writeFileSync(join(dir, 'cnil-audit.config.json'), JSON.stringify({ mapping: { email: 'Perso' }, lang: 'fr' }));
    const r = cli(['scan', 'in.csv', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Lignes : 1 lues/);
  });
});

describe('bad input: exit 2, one line naming the file (and line), nothing written', () => {
  const cases: [string, string | Buffer | null, string[], RegExp][] = [
    ['missing file', null, [], /missing\.csv: cannot read the file: no such file or folder \(ENOENT\)/],
    ['empty file', '', [], /in\.csv:1: the file is empty/],
    ['blank lines only', '\n\n\r\n', [], /in\.csv:1: the file is empty/],
    ['binary file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]), [], /in\.csv:1: this is not a text file/],
    ['undecodable bytes after UTF-8', Buffer.concat([Buffer.from('email,nom\na@example.org,Hélène\n'), Buffer.from([0x62, 0x2c, 0xff, 0x0a])]), [], /in\.csv:3: undecodable bytes for encoding utf-8/],
    ['duplicate header', 'email,nom,nom\na@example.org,A,B\n', [], /in\.csv:1: duplicate column name "nom" \(columns 2 and 3\)/],
    ['empty header', 'email,,nom\na@example.org,A,B\n', [], /in\.csv:1: column 2 has no name/],
    ['no contact column', 'foo,bar\n1,2\n', [], /in\.csv:1: no recognisable contact column .*foo, bar/],
    ['unclosed quote', 'email,nom\na@example.org,"A\nb@example.org,B\n', [], /in\.csv:\d+: CSV syntax error/],
    ['unknown encoding', 'email\na@example.org\n', ['--encoding', 'klingon'], /unknown encoding "klingon"/],
    ['bad --for', 'email\na@example.org\n', ['--for', 'pigeon'], /--for pigeon: unknown channel/],
    ['bad --as-of', 'email\na@example.org\n', ['--as-of', 'demain'], /--as-of: "demain" is not a date/],
    ['bad --map', 'email\na@example.org\n', ['--map', 'email'], /--map email: expected field=column/],
    ['--map to a missing column', 'email\na@example.org\n', ['--map', 'phone=Portable'], /no column "Portable"/],
    ['output onto the input', 'email\na@example.org\n', ['-o', 'in.csv'], /refusing to write the cleaned file onto the input/],
    ['report onto the input', 'email\na@example.org\n', ['-r', 'in.csv'], /unknown format "\.csv"|refusing to write the report onto the input/],
    ['unknown report format', 'email\na@example.org\n', ['-r', 'r.pdf'], /unknown format "\.pdf"/],
  ];
  for (const [name, content, args, pattern] of cases) {
    it(name, () => {
      const dir = tempDir();
      const file = content === null ? 'missing.csv' : 'in.csv';
      if (content !== null) writeFileSync(join(dir, 'in.csv'), content);
      const before = files(dir);
      expectOneLineError(cli(['scan', file, ...args], { cwd: dir }), pattern);
      expect(files(dir)).toEqual(before);
    });
  }

  it('a symlink named as output that points to the input is refused', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), 'email\na@example.org\n');
    symlinkSync(join(dir, 'in.csv'), join(dir, 'link.csv'));
    expectOneLineError(cli(['scan', 'in.csv', '-o', 'link.csv'], { cwd: dir }), /onto the input/);
    expect(readFileSync(join(dir, 'in.csv'), 'utf8')).toBe('email\na@example.org\n');
  });

  it('a directory as input', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'd.csv'));
    expectOneLineError(cli(['scan', 'd.csv'], { cwd: dir }), /d\.csv: cannot read the file: this is a folder \(EISDIR\)/);
  });

  const configs: [string, string, RegExp][] = [
    ['invalid JSON', '{ "lang": ', /cnil-audit\.config\.json: invalid configuration: not valid JSON \(line 1, column 11\)/],
    ['bad retention', '{ "retention": { "regular_contact": "3 ans" } }', /"retention\.regular_contact": expected a duration like "3y"/],
    ['unknown key', '{ "retentoin": {} }', /invalid configuration: unknown key\(s\) "retentoin"/],
    ['unknown rule', '{ "rules": { "no-such-rule": "off" } }', /cnil-audit\.config\.json: invalid configuration: "rules\.no-such-rule": unknown rule "no-such-rule"/],
    ['malformed-row off', '{ "rules": { "malformed-row": "off" } }', /cnil-audit\.config\.json: invalid configuration: "rules\.malformed-row": this rule cannot be turned off/],
    // NS 34: "délai maximal de deux mois"; retentionBySource may only shorten it (issue 11 audit).
    ['retentionBySource longer than NS 34', '{ "retentionBySource": { "social_occasional": { "occasional_contact": "6m" } } }', /"?retentionBySource\.social_occasional\.occasional_contact"?: longer than the two months NS 34 allows/],
  ];
  for (const [name, config, pattern] of configs) {
    it(`config: ${name}`, () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'in.csv'), 'email\na@example.org\n');
      writeFileSync(join(dir, 'cnil-audit.config.json'), config);
      const before = files(dir);
      expectOneLineError(cli(['scan', 'in.csv'], { cwd: dir }), pattern);
      expect(files(dir)).toEqual(before);
    });
  }

  it('messages are in French with --lang fr', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), 'email,nom,nom\n');
    expectOneLineError(cli(['scan', 'in.csv', '--lang', 'fr'], { cwd: dir }), /nom de colonne en double « nom »/);
    expectOneLineError(cli(['scan', 'absent.csv', '--lang', 'fr'], { cwd: dir }), /absent\.csv: impossible de lire le fichier : fichier ou dossier introuvable \(ENOENT\)\n$/);
    writeFileSync(join(dir, 'ok.csv'), 'email\na@example.org\n');
    expectOneLineError(cli(['scan', 'ok.csv', '-o', 'nope/x.csv', '--lang', 'fr'], { cwd: dir }), /impossible d’écrire le fichier nettoyé : fichier ou dossier introuvable \(ENOENT\)\n$/);
    expectOneLineError(cli(['scan', 'ok.csv', '--as-of', 'hier', '--lang', 'fr'], { cwd: dir }), /--as-of : « hier » n’est pas une date/);
    expectOneLineError(cli(['scan', 'ok.csv', '--for', 'pigeon', '--lang', 'fr'], { cwd: dir }), /--for pigeon : canal inconnu/);
    writeFileSync(join(dir, 'long.json'), '{ "retentionBySource": { "petition": { "prospect": "3m" } } }');
    expectOneLineError(cli(['scan', 'ok.csv', '-c', 'long.json', '--lang', 'fr'], { cwd: dir }), /« retentionBySource\.petition\.prospect » : plus long que les deux mois que la NS 34 autorise/);
  });

  it('the fixtures folder is left clean by these tests', () => {
    expect(files(FIXTURES).filter((f) => /\.(clean|report|purged|rejects)\.|\.purge-(log|report)-/.test(f))).toEqual([]);
  });
});
