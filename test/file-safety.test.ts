/**
 * File safety (SPEC §7, issue #7): every output is created with mode 0600, through a temp file in the
 * output's own folder renamed at the end; the input is never overwritten, whatever path or symlink
 * names it; a symlink at an output path is replaced, never written through.
 */
import {
  linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { scanFile } from '../src/scan.js';
import { liveTempFiles } from '../src/write/atomic.js';
import { checkPlan, outputsOf } from '../src/plan.js';
import { isAuditError } from '../src/errors.js';
import { execFileSync } from 'node:child_process';

const root = mkdtempSync(join(tmpdir(), 'cnil-audit-safety-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Rows that are kept, and one that is dropped (a bought list), so that every output has content.
const INPUT = 'email;nom;source;date de collecte\na@example.org;Dupont;Adhésion;05/03/2024\nb@example.org;Durand;achat de fichier;05/03/2024\n';

function folder(): string {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, 'in.csv'), INPUT);
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

const mode = (p: string) => statSync(p).mode & 0o777;
const temps = (dir: string) => readdirSync(dir).filter((f) => f.includes('cnil-audit-tmp'));

describe('output permissions', () => {
  it('creates the cleaned file, every report and the removed rows with mode 0600', async () => {
    const dir = folder();
    const r = await cli(dir, ['scan', 'in.csv', '-o', 'clean.csv', '-r', 'r.json', '-r', 'r.md', '-r', 'r.html', '-r', 'r.csv', '--rejects', 'rejects.csv']);
    expect([0, 1], r.stderr).toContain(r.code);
    for (const f of ['clean.csv', 'r.json', 'r.md', 'r.html', 'r.csv', 'rejects.csv']) expect(mode(join(dir, f)), f).toBe(0o600);
  });

  it('creates the purged file, its report and the purge log with mode 0600', async () => {
    const dir = folder();
    const r = await cli(dir, ['purge', 'in.csv', '-o', 'purged.csv', '-r', 'purge.json', '--log', 'log.csv']);
    expect([0, 1], r.stderr).toContain(r.code);
    for (const f of ['purged.csv', 'purge.json', 'log.csv']) expect(mode(join(dir, f)), f).toBe(0o600);
  });

  it('replaces a world-readable file left by an older tool with a 0600 one', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'clean.csv'), 'old');
    chmodSync(join(dir, 'clean.csv'), 0o644);
    await cli(dir, ['scan', 'in.csv', '-o', 'clean.csv']);
    expect(mode(join(dir, 'clean.csv'))).toBe(0o600);
    expect(readFileSync(join(dir, 'clean.csv'), 'utf8')).not.toBe('old');
  });
});

describe('the input is never overwritten', () => {
  const refusals: [string, (dir: string) => string[]][] = [
    ['-o naming the input', () => ['scan', 'in.csv', '-o', 'in.csv']],
    ['-o naming the input by another path', (dir) => { mkdirSync(join(dir, 'sub')); return ['scan', 'in.csv', '-o', './sub/../in.csv']; }],
    ['-o naming a symlink to the input', (dir) => { symlinkSync(join(dir, 'in.csv'), join(dir, 'link.csv')); return ['scan', 'in.csv', '-o', 'link.csv']; }],
    ['-o through a symlinked folder', (dir) => { symlinkSync(dir, join(dir, 'same')); return ['scan', 'in.csv', '-o', 'same/in.csv']; }],
    ['the input named through a symlink, -o naming its target', (dir) => { symlinkSync(join(dir, 'in.csv'), join(dir, 'link.csv')); return ['scan', 'link.csv', '-o', 'in.csv']; }],
    // A hard link is the input under another name: the same device and inode (issue #16 audit N5; the
    // same check catches a case-only spelling on a case-insensitive disk, which this one is not).
    ['-o naming a hard link to the input', (dir) => { linkSync(join(dir, 'in.csv'), join(dir, 'hard.csv')); return ['scan', 'in.csv', '-o', 'hard.csv']; }],
    ['the input named through a hard link, -r naming the file', (dir) => { linkSync(join(dir, 'in.csv'), join(dir, 'hard.csv')); return ['scan', 'hard.csv', '-o', 'clean.csv', '-r', 'in.csv']; }],
    ['-r naming the input', () => ['scan', 'in.csv', '-o', 'clean.csv', '-r', 'in.csv']],
    ['--rejects naming the input', () => ['scan', 'in.csv', '-o', 'clean.csv', '--rejects', 'in.csv']],
    ['purge -o naming the input', () => ['purge', 'in.csv', '-o', 'in.csv']],
    ['purge --log naming the input', () => ['purge', 'in.csv', '--log', 'in.csv']],
  ];
  for (const [name, args] of refusals) {
    it(`refuses ${name}: exit 2, input intact, nothing written`, async () => {
      const dir = folder();
      const argv = args(dir);
      const before = readdirSync(dir).sort();
      const r = await cli(dir, argv);
      expect(r.code).toBe(2);
      // (--rejects warns first that its file holds personal data.)
      expect(r.stderr).toMatch(/(^|\n)cnil-audit: [^\n]*refusing to write [^\n]* onto the input file; choose another path\n$/);
      expect(readFileSync(join(dir, 'in.csv'), 'utf8')).toBe(INPUT);
      expect(lstatSync(join(dir, 'in.csv')).isFile()).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }

  it('replaces a symlink at the output path instead of writing through it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'victim.txt'), 'untouched');
    symlinkSync(join(dir, 'victim.txt'), join(dir, 'clean.csv'));
    const r = await cli(dir, ['scan', 'in.csv', '-o', 'clean.csv']);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('untouched');
    expect(lstatSync(join(dir, 'clean.csv')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'clean.csv'), 'utf8')).toMatch(/^email;nom;source;date de collecte\n/);
  });

  it('reads an input named through a symlink and writes beside the link, the target intact', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'in.csv'), join(dir, 'elsewhere', 'contacts.csv'));
    const r = await cli(dir, ['scan', 'elsewhere/contacts.csv']);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(readdirSync(join(dir, 'elsewhere')).sort()).toEqual(['contacts.clean.csv', 'contacts.csv', 'contacts.report.json']);
    expect(readFileSync(join(dir, 'in.csv'), 'utf8')).toBe(INPUT);
  });
});

describe('temp files', () => {
  it('are written in the output folder, mode 0600, and gone once the outputs are in place', async () => {
    const dir = folder();
    const out = join(dir, 'out');
    mkdirSync(out);
    const seen: string[] = [];
    const result = await scanFile({
      input: join(dir, 'in.csv'),
      out: join(out, 'clean.csv'),
      reports: [join(out, 'report.json')],
      asOf: '2026-11-23',
      onProgress: () => {
        for (const t of liveTempFiles()) {
          seen.push(t);
          expect(dirname(t)).toBe(out);
          expect(mode(t)).toBe(0o600);
        }
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(result.written.clean).toBe(join(out, 'clean.csv'));
    expect(readdirSync(out).sort()).toEqual(['clean.csv', 'report.json']);
    expect(temps(dir)).toEqual([]);
  });

  it('are removed when an output cannot be written, and no other output appears', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'report.json'));
    const r = await cli(dir, ['scan', 'in.csv', '-o', 'clean.csv', '-r', 'report.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report\.json: cannot write the report: this is a folder \(EISDIR\)\n$/);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'report.json']);
  });

  it('an output in a missing folder is a clear error', async () => {
    const dir = folder();
    const r = await cli(dir, ['scan', 'in.csv', '-o', 'missing/clean.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\/clean\.csv: cannot write the cleaned file: no such file or folder \(ENOENT\)\n$/);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });
});

// --- The run plan (issue #16 items 1, 2): every output of every input is planned before anything
// is read or written; an output over another input, two outputs on one path and a special file at a
// target are refused with exit 2 and one line naming both, the inputs intact.

const OTHER = 'email;nom;source;date de collecte\nb@example.org;Durand;Adhésion;05/03/2024\n';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'plan-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('an output over another input of the run (item 1)', () => {
  it('scan y.csv y.clean.csv: refused, both inputs intact, nothing written', async () => {
    const dir = folderWith({ 'y.csv': INPUT, 'y.clean.csv': OTHER });
    const r = await cli(dir, ['scan', 'y.csv', 'y.clean.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cnil-audit: .*y\.clean\.csv: refusing to write the cleaned file of .*y\.csv onto .*y\.clean\.csv, another input of this run/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(readFileSync(join(dir, 'y.clean.csv'), 'utf8')).toBe(OTHER);
    expect(readdirSync(dir).sort()).toEqual(['y.clean.csv', 'y.csv']);
  });

  it('purge q.csv q.purged.csv: refused, the second input intact', async () => {
    const dir = folderWith({ 'q.csv': INPUT, 'q.purged.csv': OTHER });
    const r = await cli(dir, ['purge', 'q.csv', 'q.purged.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the purged file of .*q\.csv onto .*q\.purged\.csv/);
    expect(readFileSync(join(dir, 'q.purged.csv'), 'utf8')).toBe(OTHER);
    expect(readdirSync(dir).sort()).toEqual(['q.csv', 'q.purged.csv']);
  });

  it('a combined report of several inputs (-r x.md) named like one of them: refused by the plan, naming every input', async () => {
    const dir = folderWith({ 'x.md': INPUT, 'y.csv': OTHER });
    const r = await cli(dir, ['scan', 'x.md', 'y.csv', '-r', 'x.md', '--out-dir', 'out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.md: refusing to write the report of .*x\.md, .*y\.csv onto .*x\.md, another input of this run/);
    expect(readFileSync(join(dir, 'x.md'), 'utf8')).toBe(INPUT);
    expect(readdirSync(dir).sort()).toEqual(['x.md', 'y.csv']);
  });

  it('scan a/x.csv b/x.csv --out-dir out: two outputs on one path, refused before anything is written', async () => {
    const dir = folderWith({ 'a/x.csv': INPUT, 'b/x.csv': OTHER });
    const r = await cli(dir, ['scan', 'a/x.csv', 'b/x.csv', '--out-dir', 'out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/x\.clean\.csv: the cleaned file of .*b\/x\.csv and the cleaned file of .*a\/x\.csv would be the same file/);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
  });

  it('an output over the config file is refused', async () => {
    const dir = folderWith({ 'in.csv': INPUT, 'cnil-audit.config.json': '{}' });
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
    const dir = folderWith({ 'in.csv': INPUT });
    const r = await cli(dir, ['scan', 'in.csv', '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cnil-audit: \/dev\/full: refusing to replace a character device with the cleaned file/);
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });

  it('a named pipe at the report path stays a named pipe', async () => {
    const dir = folderWith({ 'in.csv': INPUT });
    execFileSync('mkfifo', [join(dir, 'null')]);
    const r = await cli(dir, ['scan', 'in.csv', '-r', 'null.json', '-o', 'null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to replace a named pipe/);
    expect(lstatSync(join(dir, 'null')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'null']);
  });

  it('a symlink to a device (-o /dev/stdout) is refused too; a symlink to a regular file is replaced', async () => {
    const dir = folderWith({ 'in.csv': INPUT, 'real.csv': 'x' });
    symlinkSync('/dev/null', join(dir, 'dev.csv'));
    const r = await cli(dir, ['scan', 'in.csv', '-o', 'dev.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dev\.csv: refusing to replace a character device/);
    expect(lstatSync(join(dir, 'dev.csv')).isSymbolicLink()).toBe(true);
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

// --- The key file and the lists are inputs of every run that uses them (issue #16 audit, N4): the
// run plan refuses any output over them, for scan and purge alike.
describe('no output over the key file, a suppression list or the config', () => {
  const OBJECTOR = 'email;nom;source;date de collecte;opposition\na@example.org;Dupont;Adhésion;05/03/2024;oui\n';
  /** A folder with a keyed list made by a real purge (k.json, list.csv) and a config naming both. */
  async function keyed(): Promise<{ dir: string; key: string }> {
    const dir = folderWith({ 'objector.csv': OBJECTOR, 'in.csv': INPUT });
    const r = await cli(dir, ['purge', 'objector.csv', '--suppression-list', 'list.csv', '--key-file', 'k.json', '-o', 'p.csv', '-r', 'p.json', '--log', 'p.log.csv']);
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ keyFile: 'conf-key.json', suppressionList: 'list.csv' }));
    return { dir, key: readFileSync(join(dir, 'k.json'), 'utf8') };
  }
  // Keys named .json so that `-r` accepts the path as a report's and the plan is what refuses it.
  const cases: [string, string[], RegExp][] = [
    ['scan --suppress, -r over the key', ['scan', 'in.csv', '--suppress', 'list.csv', '--key-file', 'k.json', '-r', 'k.json'], /k\.json: the report and the key file would be the same file/],
    ['scan --suppress, -o over the key', ['scan', 'in.csv', '--suppress', 'list.csv', '--key-file', 'k.json', '-o', 'k.json'], /k\.json: the cleaned file and the key file would be the same file/],
    ['scan --suppress, --rejects over the key', ['scan', 'in.csv', '--suppress', 'list.csv', '--key-file', 'k.json', '--rejects', 'k.json'], /k\.json: the removed rows and the key file would be the same file/],
    ['scan naming a key it does not need, -o over it', ['scan', 'in.csv', '--key-file', 'k.json', '-o', 'k.json'], /the cleaned file and the key file/],
    ['scan with the config\'s key and list, -r over the config\'s key', ['scan', 'in.csv', '-c', 'cfg.json', '-r', 'conf-key.json'], /conf-key\.json: the report and the key file/],
    ['scan -o over the config', ['scan', 'in.csv', '-c', 'cfg.json', '-o', 'cfg.json'], /cfg\.json: the cleaned file and the config file/],
    ['purge --log over the key', ['purge', 'in.csv', '--key-file', 'k.json', '--log', 'k.json'], /the purge log and the key file/],
    ['purge -r over the key', ['purge', 'in.csv', '--key-file', 'k.json', '-r', 'k.json'], /the report and the key file/],
    ['purge -o over the key', ['purge', 'in.csv', '--key-file', 'k.json', '-o', 'k.json'], /the purged file and the key file/],
    ['purge --log over the list it extends', ['purge', 'in.csv', '--key-file', 'k.json', '--suppression-list', 'list.csv', '--log', 'list.csv'], /list\.csv: the suppression list and the purge log would be the same file|the purge log and the suppression list/],
    ['purge --log over the config', ['purge', 'in.csv', '-c', 'cfg.json', '--log', 'cfg.json'], /the purge log and the config file/],
    ['purge --suppress list, -r over it', ['purge', 'in.csv', '--key-file', 'k.json', '--suppress', 'list.csv', '-r', 'list.csv'], /the report and the suppression list/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 2, the key, list and config intact, nothing written`, async () => {
      const { dir, key } = await keyed();
      const list = readFileSync(join(dir, 'list.csv'), 'utf8');
      const before = readdirSync(dir).sort();
      const r = await cli(dir, args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readFileSync(join(dir, 'k.json'), 'utf8')).toBe(key);
      expect(readFileSync(join(dir, 'list.csv'), 'utf8')).toBe(list);
      expect(readFileSync(join(dir, 'cfg.json'), 'utf8')).toMatch(/^\{"keyFile"/);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }
});
