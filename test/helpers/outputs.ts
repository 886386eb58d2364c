/**
 * Every output the tool makes for people, in one language: `--help`, `rules`, `explain`, the terminal
 * summary and every report (text, Markdown, HTML, CSV, SARIF, GitHub) of every fixture, purge, the
 * rights commands, init, and the error paths (CSV, gzip, config, usage). Run in-process through the CLI's
 * own `run` (the same code the binary runs, without a process a command), with a fixed clock, so the
 * language test (test/i18n-all.test.ts) and the before/after renderer test (test/renderers-golden.test.ts)
 * read the same outputs.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run } from '../../src/cli/main.js';
import { FIXTURES } from './cli.js';

export type Kind = 'terminal' | 'people' | 'machine';

export interface Output {
  /** What made it: the command line, or the command line and the file written. */
  name: string;
  kind: Kind;
  text: string;
}

/** 2026-11-23T10:00:00Z: the fixtures' reference date, so reports do not change with the day. */
export const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd`. */
export async function runIn(cwd: string, argv: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    env: { LANG: 'C', ...env },
    cwd,
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

/** An HTML document's text for a reader: element text and the attributes people see (title, aria-label). */
export function htmlText(html: string): string {
  const h = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, '');
  const attrs = [...h.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = h.replace(/<(title|text)\b[^>]*>/g, '\n').replace(/<[^>]+>/g, '\n');
  return [...text.split('\n'), ...attrs]
    .map((s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim())
    .filter(Boolean)
    .join('\n');
}

/** The CSV fixtures and workbooks with the options their `.options.json` gives (fixtures/exports). */
export function fixtureInputs(): { file: string; args: string[] }[] {
  const out: { file: string; args: string[] }[] = [];
  const add = (rel: string) => {
    const opts = join(FIXTURES, rel.replace(/\.(csv|xlsx)$/, '.options.json'));
    const args: string[] = [];
    if (existsSync(opts)) {
      const o = JSON.parse(readFileSync(opts, 'utf8')) as { for?: string[]; source?: string; electionDate?: string };
      for (const c of o.for ?? []) args.push('--for', c);
      if (o.source) args.push('--source', o.source);
      if (o.electionDate) args.push('--election-date', o.electionDate);
    }
    out.push({ file: rel, args });
  };
  for (const f of readdirSync(FIXTURES).sort()) if (/\.(csv|xlsx)$/.test(f)) add(f);
  for (const f of readdirSync(join(FIXTURES, 'exports')).sort()) if (f.endsWith('.csv')) add(`exports/${f}`);
  return out;
}

/** A fresh folder holding a copy of every fixture. */
export function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnil-audit-outputs-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

const REPORTS = ['md', 'html', 'csv', 'sarif', 'json'] as const;

function reportKind(ext: string): Kind {
  return ext === 'md' || ext === 'html' || ext === 'csv' ? 'people' : 'machine';
}

function readReport(path: string): string {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return path.endsWith('.html') ? htmlText(text) : text;
}

/**
 * Every output in `lang`. `dir` is the folder of fixtures (fixtureDir()); paths under it are written
 * `<dir>` in the outputs, so two runs compare.
 */
export async function allOutputs(lang: 'fr' | 'en', dir: string): Promise<Output[]> {
  const outputs: Output[] = [];
  const L = ['--lang', lang];
  const clean = (s: string) => s.split(dir).join('<dir>');
  const record = async (argv: string[], opts: { env?: Record<string, string>; reports?: string[]; cwd?: string; kind?: Kind } = {}) => {
    const r = await runIn(opts.cwd ?? dir, argv, opts.env);
    const name = argv.join(' ');
    const kind = opts.kind ?? (argv.includes('github') || argv.includes('json') ? 'machine' : 'terminal');
    if (r.stdout) outputs.push({ name: `${name} (stdout)`, kind, text: clean(r.stdout) });
    if (r.stderr) outputs.push({ name: `${name} (stderr)`, kind: 'terminal', text: clean(r.stderr) });
    for (const p of opts.reports ?? []) {
      const path = join(opts.cwd ?? dir, p);
      if (existsSync(path)) outputs.push({ name: `${name} → ${basename(p)}`, kind: reportKind(p.split('.').pop()!), text: clean(readReport(path)) });
      else outputs.push({ name: `${name} → ${basename(p)} (missing)`, kind: 'machine', text: '' });
    }
    return r;
  };

  // The catalogue.
  const { rules } = await import('../../src/rules/index.js');
  await record(['rules', ...L]);
  await record(['rules', '--format', 'md', ...L]);
  for (const r of rules) {
    await record(['explain', r.id, ...L]);
    await record(['explain', r.id, '--format', 'md', ...L]);
  }
  await record(['explain', 'retention-expred', ...L]);
  await record(['explain', 'zzzz', ...L]);

  // Every fixture, every report format, the summary and the GitHub annotations.
  for (const { file, args } of fixtureInputs()) {
    const stem = `out/${lang}/${file.replace(/[/.]/g, '_')}`;
    mkdirSync(join(dir, stem), { recursive: true });
    const reports = REPORTS.map((ext) => `${stem}/r.${ext}`);
    await record(['scan', file, '--as-of', '2026-11-23', ...args, ...L, '--out-dir', stem, ...reports.flatMap((r) => ['-r', r])], { reports });
    await record(['scan', file, '--as-of', '2026-11-23', ...args, ...L, '--format', 'github', '--dry-run']);
  }
  // Several channels at once, online political ads among them, and masked values.
  for (const file of ['nationbuilder-people.csv', 'fichier-militants-excel.csv']) {
    const stem = `out/${lang}/ads_${file.replace(/\./g, '_')}`;
    const reports = [`${stem}/r.md`, `${stem}/r.html`, `${stem}/r.csv`];
    await record(['scan', file, '--as-of', '2026-11-23', '--for', 'ads,sms,phone,door', '--election-date', '2026-03-22', '--show-values', ...L, '--out-dir', stem, ...reports.flatMap((r) => ['-r', r])], { reports });
  }
  // Several inputs: one verdict, one combined report.
  {
    const stem = `out/${lang}/multi`;
    const reports = [`${stem}/all.md`, `${stem}/all.html`];
    const inputs = ['nationbuilder-people.csv', 'mailchimp-audience.csv', 'action-network.csv'];
    await record(['scan', ...inputs, '--as-of', '2026-11-23', '--for', 'email', ...L, '--out-dir', stem, ...reports.flatMap((r) => ['-r', r])], { reports });
    await record(['scan', ...inputs, 'missing.csv', '--as-of', '2026-11-23', ...L, '--format', 'md', '--out-dir', stem]);
    await record(['scan', 'exports/google-contacts.csv', 'exports/brevo-contacts-export.csv', '--source', 'web_form', ...L, '--as-of', '2026-11-23', '--dry-run']);
  }
  // Purge, with its reports, dry run and for real; then the rights commands on what it wrote.
  {
    const stem = `out/${lang}/purge`;
    mkdirSync(join(dir, stem), { recursive: true });
    const key = `${stem}/k.key`;
    const reports = [`${stem}/p.md`, `${stem}/p.html`];
    await record(['purge', 'fichier-militants-excel.csv', '--as-of', '2026-11-23', '--dry-run', '--key-file', key, ...L, '--out-dir', stem]);
    // The purge log is a record for programs (codes, hashes), not checked for language.
    await record(['purge', 'fichier-militants-excel.csv', '--as-of', '2026-11-23', '--key-file', key, '--log', `${stem}/log.csv`, ...L, '--out-dir', stem, ...reports.flatMap((r) => ['-r', r])], { reports });
    await record(['purge', 'liste-electorale-extrait.csv', '--as-of', '2026-11-23', '--election-date', '2026-03-22', '--key-file', key, ...L, '--out-dir', stem, '-r', `${stem}/v.md`], { reports: [`${stem}/v.md`] });
    await record(['verify', '--log', `${stem}/log.csv`, '--key-file', key, '--email', 'francois.pelletier@example.org', ...L]);
    await record(['verify', '--log', `${stem}/log.csv`, '--key-file', key, '--email', 'personne@example.org', ...L]);
    await record(['find', 'fichier-militants-excel.csv', 'nationbuilder-people.csv', '--email', 'helene.favier@exemple.fr', ...L]);
    await record(['access', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--email', 'karim.haddad@example.org', '-o', `${stem}/a.json`, ...L], { reports: [`${stem}/a.json`] });
    await record(['access', 'nationbuilder-people.csv', '--as-of', '2026-11-23', '--email', 'karim.haddad@example.org', '-o', `${stem}/a.csv`, ...L], { reports: [`${stem}/a.csv`], kind: 'people' });
    outputs[outputs.length - 1].kind = 'people';
    await record(['erase', 'nationbuilder-people.csv', '--email', 'karim.haddad@example.org', '--dry-run', '--key-file', key, ...L, '--out-dir', stem]);
    await record(['erase', 'nationbuilder-people.csv', '--email', 'karim.haddad@example.org', '--key-file', key, '--suppression-list', `${stem}/s.csv`, '--log', `${stem}/e.csv`, ...L, '--out-dir', stem]);
  }
  // init, on a sample.
  await record(['init', 'nationbuilder-people.csv', '-o', `out/${lang}/init.json`, ...L]);

  // Errors: input, config, usage.
  {
    const e = `err/${lang}`;
    mkdirSync(join(dir, e), { recursive: true });
    writeFileSync(join(dir, e, 'quote.csv'), 'id,email\n1,"a@b.fr\n');
    writeFileSync(join(dir, e, 'cut.csv.gz'), gzipSync(Buffer.from('id,email\n1,a@b.fr\n'.repeat(50))).subarray(0, 40));
    writeFileSync(join(dir, e, 'ok.csv'), 'id,email,Date de collecte\n1,a@exemple.fr,2026-01-01\n');
    const configs: Record<string, unknown> = {
      'rule.json': { rules: { nope: 'off', 'malformed-row': 'off' }, profiling: { add: ['(unclosed'] }, mapping: { email: 'Courriel absent' } },
      'keys.json': { extra: 1, retention: { regular_contact: '3 ans' }, lang: 'de' },
    };
    for (const [name, c] of Object.entries(configs)) writeFileSync(join(dir, e, name), JSON.stringify(c));
    writeFileSync(join(dir, e, 'syntax.json'), '{"retention": {\n  "voter": \n');
    for (const f of ['quote.csv', 'cut.csv.gz']) await record(['scan', `${e}/${f}`, ...L, '--dry-run']);
    for (const c of [...Object.keys(configs), 'syntax.json']) await record(['scan', `${e}/ok.csv`, '-c', `${e}/${c}`, ...L, '--dry-run']);
    await record(['scan', `${e}/ok.csv`, '--output-delimiter', 'xx', ...L, '--dry-run']);
    await record(['scan', `${e}/ok.csv`, '--for', 'fax', ...L, '--dry-run']);
    await record(['scan', `${e}/ok.csv`, '-r', `${e}/x.txt`, ...L, '--dry-run']);
    await record(['scan', `${e}/ok.csv`, '--format', 'xml', ...L]);
    // `--lang` taken as another option's value still sets the language (one detection for the run).
    await record(['scan', `${e}/ok.csv`, '--for', ...L]);
    await record(['scan', `${e}/ok.csv`, '--dry-run', '-o', ...L]);
    await record(['scan', `${e}/ok.csv`, '--dry-run', '--sheet', ...L]);
    await record(['scan', ...L]);
    await record(['scan', `${e}/ok.csv`, 'nationbuilder-people.csv', '-o', `${e}/x.csv`, ...L]);
  }

  // --help of every command, and commander's usage errors.
  for (const c of ['', 'scan', 'purge', 'verify', 'find', 'access', 'erase', 'rules', 'explain', 'init']) {
    await record([...(c ? [c] : []), '--help', ...L]);
  }
  await record(['help', 'scan', ...L]);
  return outputs;
}

/** Removes a folder made by fixtureDir(). */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
