/**
 * Rights requests (issue #13 and its acceptance audit): find, access, erase and --requests on every
 * bundled file — the root fixtures, the real-export samples of fixtures/exports (cp1252 and UTF-8) and
 * the workbooks. Every output, log, list and terminal line is searched for everyone's identifiers;
 * erase leaves every other row as it was, and the erasure is proven by any of the person's e-mails or
 * phones, whatever column holds them. Then the gaps the audit found, one test each: repeated erasure,
 * the tool's own files in a glob, --in-place on workbooks, .gz and symlinks, homonyms, the run plan,
 * stdout failures, the lock, malformed rows, batches, the readable extract and verify's honesty.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, watch, writeFileSync, copyFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, join } from 'node:path';
import { BIN, FIXTURES, ROOT, cli, tempDir } from './helpers/cli.js';
import { LEGACY_PURGE_LOG_COLUMNS, legacyHash, nameKey } from '../src/purge.js';
import { decode, holds, identityValues, kindOf, readRows, type Row } from './helpers/identities.js';

interface Person {
  index: number;
  line: number;
  emails: string[];
  phones: string[];
  /** The option naming the person. */
  args: string[];
}

interface Studied {
  header: string[];
  headerLine: number;
  rows: Row[];
  person: Person;
  /** Everyone's identity values and their normalised forms, each with its row. */
  values: { value: string; row: number }[];
}

/**
 * The person asked about: the first row with an e-mail in a second e-mail column, or a phone in a
 * second phone column, when the file has one (the audit's false "not found"); else the first row with
 * an e-mail, else with a phone, else (an electoral list) by name and birth date.
 */
function study(file: string, data: { header: string[]; rows: Row[]; headerLine: number }): Studied {
  const kinds = data.header.map(kindOf);
  const emailCols = kinds.flatMap((k, i) => (k === 'email' ? [i] : []));
  const phoneCols = kinds.flatMap((k, i) => (k === 'phone' ? [i] : []));
  const good = data.rows.map((r, index) => ({ r, index })).filter(({ r }) => r.cells.length === data.header.length);
  const emailsOf = (r: Row) => emailCols.map((i) => r.cells[i]?.trim()).filter((v) => v && v.includes('@'));
  const phonesOf = (r: Row) => phoneCols.map((i) => r.cells[i]?.trim()).filter((v) => v && (v.match(/\d/g)?.length ?? 0) >= 9);
  const second = good.find(({ r }) => emailCols.slice(1).some((i) => r.cells[i]?.includes('@')) || phoneCols.slice(1).some((i) => (r.cells[i]?.match(/\d/g)?.length ?? 0) >= 9));
  const pick = second ?? good.find(({ r }) => emailsOf(r).length) ?? good.find(({ r }) => phonesOf(r).length) ?? good[0];
  const { r, index } = pick;
  const emails = emailsOf(r);
  const phones = phonesOf(r);
  let args: string[];
  // Asked by the identifier in the second column when there is one.
  const secondEmail = emailCols.slice(1).map((i) => r.cells[i]).find((v) => v?.includes('@'));
  const secondPhone = phoneCols.slice(1).map((i) => r.cells[i]).find((v) => (v?.match(/\d/g)?.length ?? 0) >= 9);
  if (secondEmail) args = ['--email', secondEmail.toUpperCase()];
  else if (secondPhone) args = ['--phone', secondPhone];
  else if (emails.length) args = ['--email', ` ${emails[0].toUpperCase()} `];
  else if (phones.length) args = ['--phone', phones[0]];
  else {
    const col = (re: RegExp) => data.header.findIndex((h) => re.test(h));
    const last = r.cells[col(/^(nom|nom ?de ?naissance|nomdenaissance|last ?name)$/i)];
    const first = r.cells[col(/^pr[ée]noms?$/i)];
    const birth = r.cells[col(/^date ?de ?naissance$|^datenaissance$|birth/i)];
    args = ['--name', `${last}|${first}|${birth}`];
  }
  const values = identityValues(data.header, data.rows);
  expect(args, file).toBeDefined();
  return { ...data, person: { index, line: r.line, emails, phones, args }, values };
}

/** Every file of a folder but `skip`, as text, after its name. */
function allText(dir: string, skip: string[]): string {
  let out = '';
  for (const f of readdirSync(dir)) if (!skip.includes(f) && statSync(join(dir, f)).isFile()) out += `\n${f}:\n` + decode(readFileSync(join(dir, f)), f);
  return out;
}

// The Mailchimp exports quote the cells holding a space and no others: written back quoting only
// where needed (README "the same bytes where the input quotes every field or only those that need
// it"); their rows are compared by value.
const MIXED_QUOTES = /_(members|email_audience)_export_/;

const ALL = [
  ...readdirSync(FIXTURES).filter((f) => /\.(csv|xlsx)$/.test(f)),
  ...readdirSync(join(FIXTURES, 'exports')).filter((f) => f.endsWith('.csv')).map((f) => `exports/${f}`),
];

describe('rights requests on every bundled file', () => {
  for (const rel of ALL) {
    it(`${rel}: find, access and erase the person; nobody's data in any output; the erasure proven by every e-mail and phone`, async () => {
      const name = basename(rel);
      const dir = tempDir();
      copyFileSync(join(FIXTURES, rel), join(dir, name));
      const data = study(name, await readRows(join(dir, name)));
      const p = data.person;
      const own = new Set(data.values.filter((v) => v.row === p.index).map((v) => v.value.toLowerCase()));
      const others = [...new Set(data.values.filter((v) => v.row !== p.index && !own.has(v.value.toLowerCase())).map((v) => v.value))];
      const everyone = [...new Set(data.values.map((v) => v.value))];
      expect(others.length, name).toBeGreaterThanOrEqual(4);
      const original = readFileSync(join(dir, name));

      // find: the file and line, nothing of the rows.
      const found = cli(['find', name, ...p.args, '--lang', 'en'], { cwd: dir });
      expect(found.code, found.stderr + found.stdout).toBe(0);
      expect(found.stdout).toContain(`${name}: line ${p.line} (`);
      for (const v of everyone) expect(holds(found.stdout + found.stderr, v), v).toBe(false);

      // access: the person's row, in words, and no one else's values.
      const access = cli(['access', name, ...p.args, '-o', 'extract.json', '--lang', 'fr'], { cwd: dir });
      expect(access.code, access.stderr).toBe(0);
      expect(statSync(join(dir, 'extract.json')).mode & 0o777).toBe(0o600);
      const extract = JSON.parse(readFileSync(join(dir, 'extract.json'), 'utf8'));
      expect(extract.records.map((r: { line: number }) => r.line)).toContain(p.line);
      const rec = extract.records.find((r: { line: number }) => r.line === p.line);
      expect(rec.category).not.toMatch(/_/);
      expect(rec.retention).not.toMatch(/\b\d+[ymd]\b/);
      expect(cli(['access', name, ...p.args, '-o', 'extract.csv'], { cwd: dir }).code).toBe(0);
      const extracts = readFileSync(join(dir, 'extract.json'), 'utf8') + readFileSync(join(dir, 'extract.csv'), 'utf8');
      for (const v of others) expect(holds(extracts + access.stdout, v), v).toBe(false);
      expect([...own].some((v) => holds(extracts, v))).toBe(true);

      // erase: every other row kept; the log, the list and the terminal hold no value of anyone.
      const erase = cli(['erase', name, ...p.args, '--lang', 'en'], { cwd: dir });
      expect(erase.code, erase.stderr + erase.stdout).toBe(0);
      expect(readFileSync(join(dir, name)).equals(original)).toBe(true);
      const erasedName = `${name.replace(/\.(csv|xlsx)$/, '')}.erased.${name.endsWith('.xlsx') ? 'xlsx' : 'csv'}`;
      const after = await readRows(join(dir, erasedName));
      const removed = data.rows.filter((r) => !after.rows.some((a) => a.cells.join('\u0000') === r.cells.join('\u0000')));
      expect(removed.map((r) => r.line)).toContain(p.line);
      expect(after.rows.map((r) => r.cells)).toEqual(data.rows.filter((r) => !removed.includes(r)).map((r) => r.cells));
      if (!name.endsWith('.xlsx') && !MIXED_QUOTES.test(name)) {
        // Byte for byte: the input from its header on (LinkedIn's notes above it are not rows), minus
        // the physical lines of the person's records (a quoted line break spans several).
        const lines = (b: Buffer) => b.toString('latin1').split(/(?<=\n)/);
        const all = lines(original);
        const gone = new Set<number>();
        for (const r of removed) {
          const next = data.rows[data.rows.indexOf(r) + 1]?.line ?? all.length + 1;
          for (let l = r.line; l < next; l++) gone.add(l);
        }
        expect(lines(readFileSync(join(dir, erasedName)))).toEqual(all.filter((_, i) => i + 1 >= data.headerLine && !gone.has(i + 1)));
      }
      const key = readFileSync(join(dir, 'cnil-audit.key'), 'utf8').trim();
      const written = allText(dir, [name, erasedName, 'extract.json', 'extract.csv']) + erase.stdout + erase.stderr;
      expect(written).toContain('erasure-request');
      for (const v of everyone) expect(holds(written, v), v).toBe(false);
      expect(written.replace(/cnil-audit\.key:\n[0-9a-f]{64}/, '')).not.toContain(key);

      // Proven by what the person knows: each e-mail and phone of the row, whatever its column.
      const log = readdirSync(dir).find((x) => x.includes('erasure-log'))!;
      for (const args of [p.args, ...p.emails.map((e) => ['--email', e]), ...p.phones.map((ph) => ['--phone', ph])]) {
        const verify = cli(['verify', '--log', log, ...args, '--lang', 'en'], { cwd: dir });
        expect(verify.code, `${args.join(' ')}: ${verify.stdout}${verify.stderr}`).toBe(0);
        expect(verify.stdout).toMatch(/erased on .* at the person’s request \(erasure-request\)/);
      }
      expect(cli(['find', erasedName, ...p.args], { cwd: dir }).code).toBe(1);
    });
  }
});

describe('every e-mail and phone column is compared (issue #13 audit: false "not found")', () => {
  const CASES: [string, string, string][] = [
    ['exports/hubspot-crm-exports-all-contacts-2026-11-20.csv', 'Mobile Phone Number', 'phone'],
    ['exports/google-contacts.csv', 'E-mail 2 - Value', 'email'],
    ['exports/google-contacts.csv', 'Phone 2 - Value', 'phone'],
    ['exports/outlook-contacts.csv', 'Home Phone', 'phone'],
    ['exports/nationbuilder-people-export.csv', 'mobile_number', 'phone'],
    ['liste-avec-titre.xlsx', 'Téléphone (2)', 'phone'],
  ];
  for (const [rel, column, kind] of CASES) {
    it(`${rel}: every value of « ${column} » is found by find, and proven by verify once erased`, async () => {
      const name = basename(rel);
      const dir = tempDir();
      copyFileSync(join(FIXTURES, rel), join(dir, name));
      const { header, rows } = await readRows(join(dir, name));
      const c = header.indexOf(column);
      expect(c, header.join('|')).toBeGreaterThanOrEqual(0);
      const asked = rows.filter((r) => r.cells.length === header.length && (kind === 'email' ? r.cells[c].includes('@') : (r.cells[c].match(/\d/g)?.length ?? 0) >= 9));
      expect(asked.length).toBeGreaterThan(0);
      // One batch: each request is the value of that column on a row.
      writeFileSync(join(dir, 'requests.csv'), 'kind,identifier\n' + asked.map((r) => `${kind},"${r.cells[c]}"`).join('\n') + '\n');
      const found = cli(['find', name, '--requests', 'requests.csv', '--format', 'json'], { cwd: dir });
      expect(found.code, found.stderr).toBe(0);
      const answers = JSON.parse(found.stdout) as { found: { line: number }[] }[];
      answers.forEach((a, i) => expect(a.found.map((x) => x.line), asked[i].cells[c]).toContain(asked[i].line));
      // Erased (the purge's log writer), each is proven by that column's value, written another way.
      const erase = cli(['erase', name, '--requests', 'requests.csv', '--all-matches', '--log', 'log.csv', '-q'], { cwd: dir });
      expect(erase.code, erase.stderr).toBe(0);
      for (const r of asked) {
        const v = cli(['verify', '--log', 'log.csv', `--${kind}`, kind === 'email' ? r.cells[c].toUpperCase() : r.cells[c].replace(/\D/g, '').replace(/^33/, '0')], { cwd: dir });
        expect(v.code, `${r.cells[c]}: ${v.stdout}`).toBe(0);
      }
    });
  }

  it('a row with two e-mails or phones carries both hashes in its log cell (h1;h2), and verify reads either', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'two.csv'), 'id,nom,email,email perso,téléphone,mobile,source,date de collecte\n1,Paulo,paulo@example.org,paulo.perso@example.org,0600009011,06 00 00 90 12,achat de fichier,2020-01-01\n');
    expect(cli(['purge', 'two.csv', '--as-of', '2026-11-23', '--log', 'log.csv', '-q'], { cwd: dir }).code).toBe(0);
    const [head, row] = readFileSync(join(dir, 'log.csv'), 'utf8').replace(/^\uFEFF/, '').split('\n');
    const cells = row.split(',');
    const at = (c: string) => cells[head.split(',').indexOf(c)];
    expect(at('email_hash')).toMatch(/^[0-9a-f]{64};[0-9a-f]{64}$/);
    expect(at('phone_hash')).toMatch(/^[0-9a-f]{64};[0-9a-f]{64}$/);
    for (const args of [['--email', 'paulo@example.org'], ['--email', 'PAULO.PERSO@example.org'], ['--phone', '+33 6 00 00 90 11'], ['--phone', '0600009012']]) {
      expect(cli(['verify', '--log', 'log.csv', ...args], { cwd: dir }).code, args.join(' ')).toBe(0);
    }
  });
});

const HOMO = 'id,nom,prénom,email,téléphone,source,date de collecte\n1,Dupont,Jean,jean1@example.org,0600001111,pétition,2026-01-01\n2,Dupont,Jean,jean2@example.org,0600002222,pétition,2026-01-01\n3,Martin,Luc,luc@example.org,0600003333,pétition,2026-01-01\n4,Martin,Luc,luc@example.org,,pétition,2026-01-01\n';

describe('homonyms and ambiguous requests (issue #13 audit)', () => {
  it('find says how many people match; erase refuses a name without a birth date, namesakes, and --email/--phone hitting two people, unless --all-matches', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'homo.csv'), HOMO);
    const before = readFileSync(join(dir, 'homo.csv'));
    const found = cli(['find', 'homo.csv', '--name', 'DUPONT|Jean|', '--lang', 'en'], { cwd: dir });
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/2 row\(s\) in 1 file\(s\), 2 different people/);
    expect(found.stdout).toMatch(/line 2 .*\[person 1\]/);
    expect(found.stdout).toMatch(/line 3 .*\[person 2\]/);
    // The same person twice (the same e-mail) is one person.
    expect(cli(['find', 'homo.csv', '--email', 'luc@example.org', '--lang', 'en'], { cwd: dir }).stdout).toMatch(/2 row\(s\) in 1 file\(s\), 1 person/);
    for (const [args, re] of [
      [['--name', 'Dupont|Jean|'], /a name without a birth date can match a namesake/],
      [['--email', 'luc@example.org', '--phone', '06 00 00 11 11'], /Request \(email \+ phone\): 2 different people match \(\[person 1\] homo\.csv line 2; \[person 2\] homo\.csv line 4, homo\.csv line 5\)/],
    ] as [string[], RegExp][]) {
      for (const lang of ['en', 'fr']) {
        const r = cli(['erase', 'homo.csv', ...args, '--lang', lang], { cwd: dir });
        expect(r.code, r.stdout).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        if (lang === 'en') expect(r.stderr).toMatch(re);
        else expect(r.stderr).toMatch(/homonyme|personnes différentes/);
      }
    }
    expect(readdirSync(dir)).toEqual(['homo.csv']);
    expect(readFileSync(join(dir, 'homo.csv')).equals(before)).toBe(true);
    // Said explicitly: every row matched goes, and each one's e-mail and phone goes on the list.
    const all = cli(['erase', 'homo.csv', '--email', 'luc@example.org', '--phone', '06 00 00 11 11', '--all-matches', '--lang', 'en'], { cwd: dir });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/3 row\(s\) erased in all, 2 different people/);
    expect(readFileSync(join(dir, 'homo.erased.csv'), 'utf8').trim().split('\n').map((l) => l.split(',')[0])).toEqual(['id', '2']);
  });

  it('one --id meaning two people in two exports: erase refuses; a birth date tells namesakes apart', () => {
    const dir = tempDir('fichier-militants-excel.csv', 'campagne-excel.xlsx');
    const found = cli(['find', 'fichier-militants-excel.csv', 'campagne-excel.xlsx', '--id', '4', '--lang', 'en'], { cwd: dir });
    expect(found.stdout).toMatch(/2 row\(s\) in 2 file\(s\), 2 different people/);
    const r = cli(['erase', 'fichier-militants-excel.csv', 'campagne-excel.xlsx', '--id', '4', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 different people match/);
    expect(readdirSync(dir).sort()).toEqual(['campagne-excel.xlsx', 'fichier-militants-excel.csv']);
    writeFileSync(join(dir, 'namesakes.csv'), 'nom,prénom,date de naissance,source\nDupont,Jean,1950-01-01,liste électorale\nDupont,Jean,1990-06-06,liste électorale\n');
    const one = cli(['erase', 'namesakes.csv', '--name', 'Dupont|Jean|06/06/1990', '--lang', 'en'], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    expect(readFileSync(join(dir, 'namesakes.erased.csv'), 'utf8')).toContain('1950-01-01');
  });
});

describe('erasure proof never lost (issue #13 audit)', () => {
  it('two erasures the same day, in place: both are in the day\'s log and verify finds both; a retry that erases nothing leaves the log as it was', () => {
    const dir = tempDir('nationbuilder-people.csv', 'action-network.csv');
    const first = cli(['erase', 'nationbuilder-people.csv', 'action-network.csv', '--email', 'jeanne.lefort@exemple.fr', '--in-place', '-q'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const second = cli(['erase', 'nationbuilder-people.csv', 'action-network.csv', '--id', '1001', '--in-place', '-q'], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    const log = readdirSync(dir).find((f) => f.startsWith('nationbuilder-people.erasure-log-'))!;
    const text = readFileSync(join(dir, log));
    expect(text.toString('utf8').trim().split('\n')).toHaveLength(3);
    for (const args of [['--email', 'jeanne.lefort@exemple.fr'], ['--email', 'sophie.marchand@exemple.fr']]) {
      expect(cli(['verify', '--log', log, ...args], { cwd: dir }).code, args.join(' ')).toBe(0);
    }
    // The retry finds nobody: exit 1, and no file is touched.
    const retry = cli(['erase', 'nationbuilder-people.csv', '--email', 'jeanne.lefort@exemple.fr', '--in-place', '--lang', 'en'], { cwd: dir });
    expect(retry.code).toBe(1);
    expect(retry.stdout).toMatch(/the person is not in it; nothing written for it/);
    expect(readFileSync(join(dir, log)).equals(text)).toBe(true);
  });

  it('a second erasure to copies is refused while the first copy stands (it would bring the first person back); a JSON log is extended too', () => {
    const dir = tempDir('nationbuilder-people.csv');
    expect(cli(['erase', 'nationbuilder-people.csv', '--email', 'jeanne.lefort@exemple.fr', '--log', 'erasures.json', '-q'], { cwd: dir }).code).toBe(0);
    const again = cli(['erase', 'nationbuilder-people.csv', '--id', '1001', '--log', 'erasures.json', '--lang', 'en'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/nationbuilder-people\.erased\.csv: already exists, from an earlier erasure of nationbuilder-people\.csv/);
    // Erasing from the copy, to a new copy: the log keeps both.
    expect(cli(['erase', 'nationbuilder-people.erased.csv', '--id', '1001', '--log', 'erasures.json', '-o', 'second.csv', '-q'], { cwd: dir }).code).toBe(0);
    const rows = JSON.parse(readFileSync(join(dir, 'erasures.json'), 'utf8'));
    expect(rows).toHaveLength(2);
    for (const args of [['--email', 'jeanne.lefort@exemple.fr'], ['--id', '1001']]) expect(cli(['verify', '--log', 'erasures.json', ...args], { cwd: dir }).code).toBe(0);
  });

  it('a purge run twice with the same --as-of extends the day\'s log: the first run\'s rows stay provable', () => {
    const dir = tempDir('mailchimp-audience.csv');
    expect(cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-q'], { cwd: dir }).code).toBe(0);
    const log = join(dir, 'mailchimp-audience.purge-log-2026-11-23.csv');
    const n = readFileSync(log, 'utf8').trim().split('\n').length;
    expect(n).toBeGreaterThan(2);
    // The DPO replaced the file with the purged one and ran the same purge again: nothing more to purge.
    copyFileSync(join(dir, 'mailchimp-audience.purged.csv'), join(dir, 'mailchimp-audience.csv'));
    expect(cli(['purge', 'mailchimp-audience.csv', '--as-of', '2026-11-23', '-q'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(n);
    expect(readFileSync(log, 'utf8').split('\n')[1]).toMatch(/^3,/);
    expect(cli(['verify', '--log', log, '--email', 'lucas.bernard@example.org'], { cwd: dir }).code).toBe(0);
  });

  it('README\'s glob in a folder holding the tool\'s outputs: the logs, the list and the key are skipped with a notice, never read as contacts nor written over', () => {
    const dir = tempDir('nationbuilder-people.csv', 'action-network.csv', 'fichier-militants-excel.csv');
    const glob = () => readdirSync(dir).filter((f) => f.endsWith('.csv') || f.endsWith('.key'));
    expect(cli(['erase', ...glob(), '--email', 'jeanne.lefort@exemple.fr', '--in-place', '-q'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'requests.csv'), 'kind,identifier\nerase,bastien.joly@exemple.fr\n');
    const before = Object.fromEntries(readdirSync(dir).filter((f) => /log|suppression|\.key/.test(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const r = cli(['erase', ...glob(), '--requests', 'requests.csv', '--in-place', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/suppression-list\.csv skipped: it is the suppression list, not a contact file/);
    expect(r.stderr).toMatch(/nationbuilder-people\.erasure-log-\S+ skipped: it is a purge or erasure log written by cnil-audit/);
    expect(r.stderr).toMatch(/cnil-audit\.key skipped: it is the key file of the hashes/);
    expect(r.stderr).toMatch(/requests\.csv skipped: it is the requests file/);
    for (const [f, text] of Object.entries(before)) expect(readFileSync(join(dir, f), 'utf8').startsWith(text.replace(/\n$/, '')), f).toBe(true);
    expect(readdirSync(dir).filter((f) => /erased|erasure-log-.*erasure-log/.test(f))).toEqual([]);
    const find = cli(['find', ...glob(), '--email', 'bastien.joly@exemple.fr', '--lang', 'en'], { cwd: dir });
    expect(find.code).toBe(1);
    expect(find.stdout).toMatch(/found in no file/);
  });
});

describe('--in-place (issue #13 audit)', () => {
  it('refuses a workbook with several sheets and a .gz, writes a one-sheet workbook as a workbook, and writes the real file behind a symlink', async () => {
    const dir = tempDir('classeur-deux-feuilles.xlsx', 'campagne-excel.xlsx', 'nationbuilder-people.csv');
    const book = readFileSync(join(dir, 'classeur-deux-feuilles.xlsx'));
    const multi = cli(['erase', 'classeur-deux-feuilles.xlsx', '--email', 'lucas.bernard@example.org', '--in-place', '--lang', 'en'], { cwd: dir });
    expect(multi.code).toBe(2);
    expect(multi.stderr).toMatch(/--in-place on classeur-deux-feuilles\.xlsx: the workbook has 4 sheets and the erased file keeps only « Sympathisants »/);
    expect(readFileSync(join(dir, 'classeur-deux-feuilles.xlsx')).equals(book)).toBe(true);
    // A copy says it holds one sheet.
    const copy = cli(['erase', 'classeur-deux-feuilles.xlsx', '--email', 'lucas.bernard@example.org', '--lang', 'en'], { cwd: dir });
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stdout).toMatch(/the erased file holds only the sheet « Sympathisants »; the other sheets \(« Lisez-moi », « Paramètres », « Archive 2020 »\) were neither searched nor copied/);
    expect(readFileSync(join(dir, 'classeur-deux-feuilles.erased.xlsx')).subarray(0, 2).toString()).toBe('PK');

    const one = cli(['erase', 'campagne-excel.xlsx', '--id', '4', '--in-place', '--lang', 'en'], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/rewritten with its values, not its formulas/);
    expect(readFileSync(join(dir, 'campagne-excel.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const rows = await readRows(join(dir, 'campagne-excel.xlsx'));
    expect(rows.rows.some((r) => r.cells[0] === '4')).toBe(false);
    expect(rows.rows.length).toBeGreaterThan(3);

    writeFileSync(join(dir, 'nb.csv.gz'), gzipSync(readFileSync(join(dir, 'nationbuilder-people.csv'))));
    const gz = cli(['erase', 'nb.csv.gz', '--id', '1001', '--in-place', '--lang', 'en'], { cwd: dir });
    expect(gz.code).toBe(2);
    expect(gz.stderr).toMatch(/a compressed file would be written back as plain CSV/);

    mkdirSync(join(dir, 'data'));
    copyFileSync(join(dir, 'nationbuilder-people.csv'), join(dir, 'data', 'real.csv'));
    symlinkSync(join('data', 'real.csv'), join(dir, 'link.csv'));
    expect(cli(['erase', 'link.csv', '--id', '1001', '--in-place', '-q'], { cwd: dir }).code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'data', 'real.csv'), 'utf8')).not.toContain('sophie.marchand@exemple.fr');
    expect(readdirSync(join(dir, 'data')).filter((f) => f.includes('cnil-audit'))).toEqual([]);
  });
});

describe('the run plan, for rights commands too (issue #16 audit N1–N3, N14, N17)', () => {
  it('refuses outputs over inputs, the config, the key, a log or the list, and two outputs on one path; nothing written, no key left', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const nb = readFileSync(join(dir, 'nationbuilder-people.csv'));
    writeFileSync(join(dir, 'a.erased.csv'), nb);
    copyFileSync(join(dir, 'nationbuilder-people.csv'), join(dir, 'a.csv'));
    writeFileSync(join(dir, 'cfg.json'), '{"lang":"en"}');
    mkdirSync(join(dir, 'x'));
    mkdirSync(join(dir, 'y'));
    copyFileSync(join(dir, 'a.csv'), join(dir, 'x', 'p.csv'));
    copyFileSync(join(dir, 'a.csv'), join(dir, 'y', 'p.csv'));
    const snapshot = () => readdirSync(dir).sort().map((f) => [f, statSync(join(dir, f)).isFile() ? readFileSync(join(dir, f)).toString('base64') : 'dir']);
    const before = snapshot();
    const cases: [string[], RegExp][] = [
      [['erase', 'a.csv', 'a.erased.csv', '--email', 'jeanne.lefort@exemple.fr'], /refusing to write the erased file of .*a\.csv onto .*a\.erased\.csv, another input of this run/],
      [['erase', 'x/p.csv', 'y/p.csv', '--out-dir', 'out', '--email', 'jeanne.lefort@exemple.fr'], /would be the same file/],
      [['erase', 'a.csv', '--log', 'cfg.json', '-c', 'cfg.json', '--email', 'jeanne.lefort@exemple.fr', '-o', 'z.csv'], /the erasure log and the config file would be the same file/],
      [['access', 'a.csv', '--email', 'jeanne.lefort@exemple.fr', '-c', 'cfg.json', '-o', 'cfg.json'], /the extract and the config file would be the same file/],
      [['access', 'a.csv', '--email', 'jeanne.lefort@exemple.fr', '-o', 'a.csv'], /refusing to write the extract onto the input file/],
      [['erase', 'a.csv', 'missing.csv', '--email', 'jeanne.lefort@exemple.fr', '--out-dir', 'out2'], /missing\.csv: cannot read the file/],
    ];
    for (const [args, re] of cases) {
      const r = cli([...args, '--lang', 'en'], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stdout).toBe('');
      const now = snapshot().filter(([f]) => f !== 'out2');
      expect(now, args.join(' ')).toEqual(before);
    }
    // The key as an extract, or a purge log as one: refused.
    expect(cli(['erase', 'a.csv', '--email', 'jeanne.lefort@exemple.fr', '-o', 'z.csv', '-q'], { cwd: dir }).code).toBe(0);
    const log = readdirSync(dir).find((f) => f.includes('erasure-log'))!;
    for (const target of ['cnil-audit.key', log, 'suppression-list.csv']) {
      const r = cli(['access', 'a.csv', '--id', '1001', '-o', target, '--lang', 'en'], { cwd: dir });
      expect(r.code, target).toBe(2);
      expect(r.stderr).toMatch(/the extract and the (key file|purge log|suppression list) would be the same file/);
    }
    // --out-dir is created, like scan and purge.
    const od = cli(['erase', 'a.csv', '--id', '1001', '--out-dir', 'new/dir', '-q'], { cwd: dir });
    expect(od.code, od.stderr).toBe(0);
    const made = readdirSync(join(dir, 'new', 'dir')).sort();
    expect(made).toHaveLength(2);
    expect(made[0]).toBe('a.erased.csv');
    expect(made[1]).toMatch(/^a\.erasure-log-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('the key file given as an input is never echoed (find, scan)', () => {
    const dir = tempDir('nationbuilder-people.csv');
    expect(cli(['erase', 'nationbuilder-people.csv', '--id', '1001', '-q'], { cwd: dir }).code).toBe(0);
    const key = readFileSync(join(dir, 'cnil-audit.key'), 'utf8').trim();
    const find = cli(['find', 'cnil-audit.key', 'nationbuilder-people.csv', '--id', '1002', '--lang', 'en'], { cwd: dir });
    expect(find.code).toBe(0);
    const scan = cli(['scan', 'cnil-audit.key', '--lang', 'en'], { cwd: dir });
    expect(scan.code).toBe(2);
    expect(scan.stderr).toMatch(/no recognisable contact column .* among: \*\*\*/);
    for (const out of [find.stdout, find.stderr, scan.stdout, scan.stderr]) expect(out).not.toContain(key.slice(0, 16));
  });

  it('stdout failing is exit 2 with one line and nothing written, for verify, find, access and erase', async () => {
    const dir = tempDir('nationbuilder-people.csv');
    expect(cli(['erase', 'nationbuilder-people.csv', '--id', '1001', '-o', 'e.csv', '-q'], { cwd: dir }).code).toBe(0);
    const log = readdirSync(dir).find((f) => f.includes('erasure-log'))!;
    const before = readdirSync(dir).sort();
    for (const args of [
      ['verify', '--log', log, '--id', '1001'],
      ['find', 'nationbuilder-people.csv', '--id', '1002'],
      ['access', 'nationbuilder-people.csv', '--id', '1002', '-o', 'x.json'],
      ['erase', 'nationbuilder-people.csv', '--id', '1002', '-o', 'f.csv', '--log', 'f-log.csv', '--key-file', 'new.key', '--suppression-list', 'new-list.csv'],
    ]) {
      const child = spawn(process.execPath, [BIN, ...args, '--lang', 'en'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      // The reader is gone before the command writes: EPIPE.
      child.stdout.destroy();
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/^cnil-audit: cannot write standard output: .*\n$/);
      expect(readdirSync(dir).sort(), args.join(' ')).toEqual(before);
    }
  });

  it('control characters in a file name reach the terminal escaped', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const evil = 'evil\u001b[2J\u001b[32mOK\nfake.csv';
    copyFileSync(join(dir, 'nationbuilder-people.csv'), join(dir, evil));
    for (const args of [['find', evil, '--id', '1001'], ['erase', evil, '--id', '1001', '--dry-run'], ['access', evil, '--id', '1001', '-o', 'x.json']]) {
      const r = cli([...args, '--lang', 'en'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/\u001b/);
      if (args[0] !== 'access') expect(r.stdout).toContain('evil\\u001b[2J\\u001b[32mOK\\nfake.csv');
    }
  });
});

describe('erase takes the suppression list\'s lock, like purge (issue #16 audit N8)', () => {
  it('an erase while a purge holds the list waits, and the list ends with both runs\' entries', async () => {
    const dir = tempDir('nationbuilder-people.csv');
    const HEAD = 'email;nom;source;date de collecte;opposition\n';
    const purge = spawn(process.execPath, [BIN, 'purge', '-', '--suppression-list', 'list.csv', '--as-of', '2026-11-23', '--format', 'none', '--lang', 'en'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    const purged = once(purge, 'exit') as Promise<[number | null]>;
    const keep = Array.from({ length: 2000 }, (_, i) => `k${i}@example.org;Durand;Adhésion;05/03/2024;non\n`).join('');
    purge.stdin.write(HEAD + 'objecteur@example.org;Dupont;Adhésion;05/03/2024;oui\n' + keep);
    await new Promise<void>((ready) => {
      const check = () => {
        if (!existsSync(join(dir, 'list.csv.lock'))) return;
        w.close();
        ready();
      };
      const w = watch(dir, check);
      check();
    });
    const erase = spawn(process.execPath, [BIN, 'erase', 'nationbuilder-people.csv', '--id', '1001', '--suppression-list', 'list.csv', '--lang', 'en'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const erased = once(erase, 'exit') as Promise<[number | null]>;
    await new Promise<void>((seen) => erase.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      if (/waiting for .*list\.csv/.test(stderr)) seen();
    }));
    purge.stdin.end();
    const [[a], [b]] = await Promise.all([purged, erased]);
    expect([a, b]).toEqual([0, 0]);
    const rows = readFileSync(join(dir, 'list.csv'), 'utf8').trim().split('\n').slice(1);
    // The objector (1 e-mail) and the erased person (e-mail and phone).
    expect(rows).toHaveLength(3);
    const scan = cli(['scan', 'nationbuilder-people.csv', '--suppress', 'list.csv', '--format', 'json', '--dry-run'], { cwd: dir });
    expect(JSON.parse(scan.stdout).findings.some((f: { rule: string; line: number }) => f.rule === 'objection-ignored' && f.line === 2)).toBe(true);
  });
});

describe('batches, malformed rows, the extract, verify', () => {
  it('--requests: exit 1 when a request finds nothing; a long numeric id is an id, not a phone; extracts named by request line', () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, 'exports', 'hubspot-crm-exports-all-contacts-2026-11-20.csv'), join(dir, 'hub.csv'));
    writeFileSync(join(dir, 'requests.csv'), 'kind,identifier\naccess,51234567801\nemail,personne.absente@example.org\nerase,x@example.org\n');
    const r = cli(['access', 'hub.csv', '--requests', 'requests.csv', '--out-dir', 'extraits', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Request of line 2 \(identifier\): 1 row\(s\) from 1 file\(s\), 1 person, written to extraits\/access-line-2\.json/);
    expect(r.stdout).toMatch(/Request of line 3 \(email\): found in no file; no extract written/);
    expect(r.stdout).toMatch(/1 request\(s\) of another kind skipped/);
    expect(readdirSync(join(dir, 'extraits'))).toEqual(['access-line-2.json']);
    const find = cli(['find', 'hub.csv', '--requests', 'requests.csv', '--lang', 'en'], { cwd: dir });
    expect(find.code).toBe(1);
    expect(find.stdout).toMatch(/Request of line 3 \(email\): found in no file/);
    expect(find.stdout).toMatch(/2 request\(s\) of another kind skipped/);
    // A batch with nothing for this command is a usage error, not a silent success.
    writeFileSync(join(dir, 'erase-only.csv'), 'kind,identifier\nerase,x@example.org\n');
    const none = cli(['find', 'hub.csv', '--requests', 'erase-only.csv', '--lang', 'en'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no request for find in/);
  });

  it('malformed rows are searched cell by cell and said so', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mal.csv'), 'id,nom,email,source,date de collecte\n1,Durand,a@example.org,pétition,2026-01-01\n2,Durand,extra,marie.durand@exemple.fr,pétition,2026-01-01\n');
    const find = cli(['find', 'mal.csv', '--email', 'marie.durand@exemple.fr', '--lang', 'en'], { cwd: dir });
    expect(find.code).toBe(0);
    expect(find.stdout).toMatch(/mal\.csv: line 3 .*malformed row: matched on one of its cells/);
    const erase = cli(['erase', 'mal.csv', '--email', 'marie.durand@exemple.fr', '-q'], { cwd: dir });
    expect(erase.code).toBe(0);
    expect(readFileSync(join(dir, 'mal.erased.csv'), 'utf8')).not.toContain('marie.durand');
  });

  it('the French CSV extract is for a person: `;` and a BOM, words not codes, the date until which each row is kept; nobody found is exit 1 and no extract', () => {
    const dir = tempDir('nationbuilder-people.csv');
    const r = cli(['access', 'nationbuilder-people.csv', '--id', '1001', '-o', 'x.csv', '--as-of', '2026-11-23', '--lang', 'fr'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'x.csv'), 'utf8');
    expect(text.startsWith('\uFEFFfichier;ligne;élément;valeur\r\n')).toBe(true);
    expect(text).toMatch(/;catégorie;membre\r\n/);
    expect(text).toMatch(/;conservation;/);
    expect(text).toMatch(/consentement aux e-mails;true \(colonne « email_opt_in » \)|consentement aux e-mails;true \(colonne « email_opt_in »\)/);
    expect(text).not.toMatch(/regular_contact|consent_email|\b3y\b/);
    const json = cli(['access', 'nationbuilder-people.csv', '--id', '1002', '-o', 'y.json', '--as-of', '2026-11-23', '--lang', 'en'], { cwd: dir });
    expect(json.code).toBe(0);
    const rec = JSON.parse(readFileSync(join(dir, 'y.json'), 'utf8')).records[0];
    expect(rec.retentionUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rec.retention).toMatch(/^kept \d+ years? after « .+ » \(\d{4}-\d{2}-\d{2}\), so until \d{4}-\d{2}-\d{2}$/);
    expect(rec.file).toBe('nationbuilder-people.csv');
    const none = cli(['access', 'nationbuilder-people.csv', '--email', 'personne@example.org', '-o', 'z.json', '--lang', 'en'], { cwd: dir });
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/found in no file; no extract written/);
    expect(none.stdout).not.toMatch(/The extract holds/);
    expect(existsSync(join(dir, 'z.json'))).toBe(false);
  });

  it('the rights commands read files the way scan does: --header-row, --sheet', () => {
    const dir = tempDir('classeur-deux-feuilles.xlsx');
    writeFileSync(join(dir, 'titre.csv'), 'Fichier des sympathisants 2026\nid,nom,email,source\n1,Durand,marie@example.org,pétition\n');
    expect(cli(['find', 'titre.csv', '--email', 'marie@example.org'], { cwd: dir }).code).toBe(2);
    const r = cli(['find', 'titre.csv', '--email', 'marie@example.org', '--header-row', '2', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('titre.csv: line 3 (');
    const sheets = cli(['find', 'classeur-deux-feuilles.xlsx', '--email', 'lucas.bernard@example.org', '--sheet', 'Archive 2020', '--lang', 'en'], { cwd: dir });
    expect([0, 1]).toContain(sheets.code);
    expect(sheets.stdout).toMatch(/only the sheet « Archive 2020 » was searched/);
  });

  it('verify: a legacy log asked by e-mail cannot prove anything, and says so; a name not found gets a note on exact matching', () => {
    const dir = tempDir();
    const salt = 'ab'.repeat(16);
    const rows = [LEGACY_PURGE_LOG_COLUMNS.join(','), `2,${legacyHash(salt, '1001')},regular_contact,retention-expired,r,ref,2025-01-01T00:00:00Z`];
    writeFileSync(join(dir, 'old.csv'), rows.join('\n') + '\n');
    expect(cli(['verify', '--log', 'old.csv', '--id', '1001', '--salt', salt], { cwd: dir }).code).toBe(0);
    const byEmail = cli(['verify', '--log', 'old.csv', '--email', 'sophie.marchand@exemple.fr', '--salt', salt, '--lang', 'en'], { cwd: dir });
    expect(byEmail.code).toBe(1);
    expect(byEmail.stdout).toMatch(/Cannot be proven from 1 log\(s\) written by an earlier version/);
    expect(byEmail.stdout).not.toMatch(/no row with this identifier was purged/);
    writeFileSync(join(dir, 'l.csv'), 'nom,prénom,date de naissance,source\nAbadie,Jean-Louis Marcel,1947-02-03,liste électorale\n');
    expect(cli(['purge', 'l.csv', '--as-of', '2026-11-23', '--election-date', '2026-03-22', '--log', 'log.csv', '-q'], { cwd: dir }).code).toBe(0);
    expect(cli(['verify', '--log', 'log.csv', '--name', 'ABADIE|jean-louis marcel|03/02/1947'], { cwd: dir }).code).toBe(0);
    expect(nameKey('Abadie', 'Jean-Louis Marcel', '1947-02-03')).toBe('abadie|jean-louis marcel|1947-02-03');
    const near = cli(['verify', '--log', 'log.csv', '--name', 'Abadie|Jean Louis|1947-02-03', '--lang', 'en'], { cwd: dir });
    expect(near.code).toBe(1);
    expect(near.stdout).toMatch(/A name is matched exactly as the file wrote it/);
  });
});

describe('README', () => {
  it('the rights workflow runs as written in a folder that fills with the tool\'s own files, and every erasure stays proven', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- rights:start -->'), readme.indexOf('<!-- rights:end -->'));
    const script = block.split('\n').filter((l) => l.startsWith('cnil-audit '));
    expect(script.length).toBeGreaterThan(5);
    const dir = tempDir('nationbuilder-people.csv', 'action-network.csv', 'mailchimp-audience.csv', 'fichier-militants-excel.csv', 'campagne-excel.xlsx');
    writeFileSync(join(dir, 'requests.csv'), 'kind,identifier\nerase,bastien.joly@exemple.fr\n');
    mkdirSync(join(dir, 'bin'));
    symlinkSync(BIN, join(dir, 'bin', 'cnil-audit'));
    const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, LANG: 'C' };
    for (const line of script) {
      const r = spawnSync('sh', ['-c', line], { cwd: dir, env, encoding: 'utf8' });
      expect(r.status, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
      if (/^cnil-audit verify/.test(line)) expect(r.stdout).toMatch(/^Found: erased on /);
    }
    expect(cli(['verify', '--log', ...readdirSync(dir).filter((f) => f.includes('erasure-log')), '--email', 'bastien.joly@exemple.fr'], { cwd: dir }).code).toBe(0);
    expect(cli(['find', 'nationbuilder-people.csv', 'action-network.csv', '--email', 'jeanne.lefort@exemple.fr'], { cwd: dir }).code).toBe(1);
  });
});
