/**
 * One language at a time (issue 14), made real: every message id rendered with code parameters (a
 * channel, a category, a duration, canonical fields, a source), every `--help` text, and every output
 * of every command — the terminal, Markdown, HTML, CSV, SARIF and GitHub reports of every fixture,
 * purge, the rights commands, init, input/config/usage errors — in French and in English, run through
 * a word list of the other language and a list of codes a person must not read (test/helpers/language.ts).
 * Snake_case words are not stripped: "catégorie regular_contact" fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync } from 'node:fs';
import { messageIds, render } from '../src/i18n/index.js';
import { helpFr } from '../src/i18n/help-fr.js';
import { englishLabel, referenceLabel } from '../src/i18n/references.js';
import { buildProgram } from '../src/cli/main.js';
import type { Command } from 'commander';
import { allOutputs, fixtureDir, fixtureInputs, removeDir, type Output } from './helpers/outputs.js';
import { wrongLanguage, type Problem } from './helpers/language.js';

/** A parameter's sample value: the codes a renderer must put in words, neutral values for the rest. */
const SAMPLE: Record<string, string | number> = {
  channel: 'automated_call',
  channels: 'email, automated_call',
  basis: 'post, door',
  category: 'regular_contact',
  duration: '3y',
  default: '3y',
  // A column name (the input's): left as it is.
  field: 'X1',
  fields: 'first_message_at, collected_at',
  source: 'file_rental',
  contactNetwork: 'facebook',
  network: 'facebook',
  kinds: 'email',
  level: 'error',
  severity: 'error',
  action: 'drop-row',
};

/** Messages that reach reports for people (findings, rule texts, report labels): no option names there. */
const FOR_PEOPLE = /^(rule|report|words|severity|action|md|law|purge\.retention|rights\.(item|retention))\./;

function sample(id: string, lang: 'fr' | 'en'): string {
  const names = new Set([...render(lang, { id, params: {} }).matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  const params: Record<string, string | number> = {};
  for (const n of names) params[n] = SAMPLE[n] ?? 'X1';
  return render(lang, { id, params });
}

function report(problems: Problem[]): string {
  if (process.env.LANGUAGE_PROBLEMS) appendFileSync(process.env.LANGUAGE_PROBLEMS, problems.map((p) => `${p.output}: "${p.match}" in: ${p.line}`).join('\n') + '\n');
  return problems.slice(0, 40).map((p) => `${p.output}: "${p.match}" in: ${p.line}`).join('\n');
}

describe('every message id, rendered with code parameters', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`is all ${lang === 'fr' ? 'French' : 'English'}, codes in words`, () => {
      const problems = messageIds(lang).flatMap((id) => wrongLanguage(lang, sample(id, lang), { literals: ['X1'], people: FOR_PEOPLE.test(id), name: id }));
      expect(report(problems)).toBe('');
    });
  }
});

describe('legal references', () => {
  it('each has an English rendering: the French title quoted as a citation, the tool\'s words in English', async () => {
    const { rules } = await import('../src/rules/index.js');
    const { decisions } = await import('../src/law/index.js');
    const refs = new Set([...rules.flatMap((r) => r.references), ...decisions().flatMap((d) => d.references ?? [])].map((r) => r.label));
    expect(refs.size).toBeGreaterThan(30);
    for (const label of refs) {
      const en = englishLabel(label);
      expect(en, label).toBeDefined();
      expect(referenceLabel('fr', { label, url: '' })).toBe(label);
      expect(wrongLanguage('en', en!, { literals: [], people: true, name: label }), en).toEqual([]);
    }
    expect(englishLabel('RGPD (règlement (UE) 2016/679), art. 5.1.e — limitation de la conservation')).toBe('GDPR (Regulation (EU) 2016/679), art. 5.1.e — storage limitation');
  });
});

/** Every command of the program. */
function commands(): Command[] {
  const program = buildProgram({ stdout: process.stdout, stderr: process.stderr, env: {}, cwd: '/' } as never, () => {});
  return [program, ...program.commands];
}

describe('every help text', () => {
  it('French ones are French', () => {
    const problems = Object.entries(helpFr).flatMap(([k, v]) => wrongLanguage('fr', v, { literals: [], people: false, name: k }));
    expect(report(problems)).toBe('');
  });
  it('English ones are English', () => {
    const texts = commands().flatMap((c) => [c.description(), ...c.options.map((o) => o.description), ...c.registeredArguments.map((a) => a.description)]);
    const problems = texts.flatMap((s) => wrongLanguage('en', s, { literals: [], people: false, name: 'help' }));
    expect(report(problems)).toBe('');
  });
});

describe('every output of every command', () => {
  const dirs: string[] = [];
  const outputs: Record<string, Output[]> = {};
  let literals: string[] = [];
  beforeAll(async () => {
    for (const lang of ['fr', 'en'] as const) {
      const dir = fixtureDir();
      dirs.push(dir);
      outputs[lang] = await allOutputs(lang, dir);
    }
    // The inputs' own strings (column names, file names, profile ids) are data, not language.
    const cols = new Set<string>();
    for (const o of outputs.en.filter((x) => x.name.endsWith('r.json'))) {
      const r = JSON.parse(o.text) as { input: { mapping: Record<string, string>; unmapped: string[]; profile?: string; path: string; workbook?: { sheet: string; sheets: string[] } } };
      for (const c of [...Object.values(r.input.mapping), ...r.input.unmapped, r.input.profile ?? '', r.input.workbook?.sheet ?? '', ...(r.input.workbook?.sheets ?? [])]) cols.add(c);
    }
    for (const { file } of fixtureInputs()) cols.add(file).add(file.split('/').pop()!);
    literals = [...cols].filter(Boolean).sort((a, b) => b.length - a.length);
  }, 600000);
  afterAll(() => dirs.forEach(removeDir));

  for (const lang of ['fr', 'en'] as const) {
    it(`is all ${lang === 'fr' ? 'French' : 'English'} (terminal, Markdown, HTML, CSV, SARIF and GitHub messages)`, () => {
      const problems: Problem[] = [];
      for (const o of outputs[lang]) {
        const text = o.kind === 'machine' ? peopleTextOf(o) : o.name.endsWith('a.csv') ? withoutValues(o.text) : o.text;
        problems.push(...wrongLanguage(lang, text, { literals, people: o.kind === 'people' || o.name.includes('github'), name: o.name }));
      }
      expect(report(problems)).toBe('');
    });
  }

  it('covers every fixture, report format and command', () => {
    const names = outputs.fr.map((o) => o.name).join('\n');
    for (const f of fixtureInputs()) expect(names).toContain(f.file);
    for (const w of ['r.md', 'r.html', 'r.csv', 'r.sarif', 'github', 'purge', 'verify', 'find', 'access', 'erase', 'init', 'explain', 'rules', '--help', 'all.html']) expect(names).toContain(w);
    expect(outputs.fr.filter((o) => o.name.endsWith('(missing)')).map((o) => o.name)).toEqual([]);
  });
});

/** An access extract (CSV) without its value column: those are the person's own data. */
function withoutValues(csv: string): string {
  // French extracts are written with ";" (what French Excel opens), English ones with ",".
  const sep = csv.split('\n', 1)[0].includes(';') ? ';' : ',';
  return csv.split('\n').map((l) => l.split(sep).slice(0, 3).join(sep)).join('\n');
}

/** What a person reads of a machine output: SARIF's texts, GitHub's messages, the JSON report's messages and titles. */
function peopleTextOf(o: Output): string {
  if (o.name.includes('github')) return o.text.split('\n').map((l) => l.replace(/^::\w+ [^:]*::/, '').replace(/%0A/g, ' ').replace(/%25/g, '%')).join('\n');
  // An access extract goes to the person: its worded parts too (its data and consent keys are theirs and codes).
  const keys = ['text', 'markdown', 'message', 'title', 'description', 'label', ...(o.name.includes('access') ? ['source', 'category', 'retention'] : [])];
  try {
    const texts: string[] = [];
    const walk = (v: unknown, key = '') => {
      if (typeof v === 'string') {
        if (keys.includes(key)) texts.push(v);
      } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(JSON.parse(o.text));
    return texts.join('\n');
  } catch {
    return '';
  }
}
