/**
 * The rule catalogue holds together: every registered rule has its file, its tests, legal references,
 * wording in both languages and a README row; every rule file is registered; en and fr have the same keys.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/rules/index.js';
import { hasMessage, messageIds } from '../src/i18n/index.js';
import { LANGS } from '../src/types.js';
import { ROOT } from './helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** Files in src/rules/ that are not rules. */
const NOT_RULES = new Set(['index.ts', 'types.ts', 'references.ts']);

describe('rule catalogue', () => {
  it('ids are unique and kebab-case', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('every rule file on disk is registered', () => {
    const onDisk = readdirSync(join(ROOT, 'src/rules'))
      .filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(onDisk).toEqual(rules.map((r) => r.id).sort());
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has its source file and its test file', () => {
        expect(existsSync(join(ROOT, 'src/rules', `${rule.id}.ts`))).toBe(true);
        expect(existsSync(join(ROOT, 'test/rules', `${rule.id}.test.ts`))).toBe(true);
      });

      it('cites at least one legal reference with an https URL', () => {
        expect(rule.references.length).toBeGreaterThan(0);
        expect(rule.references.some((r) => /^https:\/\/\S+$/.test(r.url))).toBe(true);
        for (const r of rule.references) {
          expect(r.label.trim()).not.toBe('');
          // The CNIL's current https pages, not legacy http ones (issue 11).
          expect(r.url).toMatch(/^https:\/\/\S+$/);
        }
      });

      it('declares its message ids once each', () => {
        expect(rule.messages.length).toBeGreaterThan(0);
        expect(new Set(rule.messages).size).toBe(rule.messages.length);
      });

      for (const lang of LANGS) {
        it(`has title, description, why, fix and every message in ${lang}`, () => {
          const keys = ['title', 'description', 'why', 'fix', ...rule.messages].map((k) => `rule.${rule.id}.${k}`);
          expect(keys.filter((k) => !hasMessage(k, lang))).toEqual([]);
        });
      }

      it('has a row in the README rules table', () => {
        expect(README).toContain(`| \`${rule.id}\` |`);
      });
    });
  }
});

describe('message catalogues', () => {
  it('en.ts and fr.ts have the same keys', () => {
    const en = new Set(messageIds('en'));
    const fr = new Set(messageIds('fr'));
    expect([...en].filter((k) => !fr.has(k))).toEqual([]);
    expect([...fr].filter((k) => !en.has(k))).toEqual([]);
  });

  it('the French rule texts use typographic apostrophes', () => {
    const fr = readFileSync(join(ROOT, 'src/i18n/fr.ts'), 'utf8');
    const straight = fr.split('\n').filter((l) => /^\s*'rule\./.test(l) && /\p{L}\\'\p{L}/u.test(l));
    expect(straight).toEqual([]);
  });
});

describe('law layer (src/law/)', async () => {
  const { decisions, decisionById } = await import('../src/law/index.js');
  const LAW = join(ROOT, 'src/law');
  const NOT_LAW = new Set(['index.ts', 'decision.ts', 'references.ts']);
  const files = readdirSync(LAW).filter((f) => f.endsWith('.ts') && !NOT_LAW.has(f));

  it('loads every law file from src/law/index.ts', () => {
    const index = readFileSync(join(LAW, 'index.ts'), 'utf8');
    for (const f of files) expect(index).toContain(`'./${f.replace(/\.ts$/, '.js')}'`);
  });

  it('every decision cites at least one reference with an https URL', () => {
    expect(decisions().length).toBeGreaterThan(10);
    for (const d of decisions()) {
      expect(d.references.length, d.id).toBeGreaterThan(0);
      for (const r of d.references) {
        expect(r.label.trim(), d.id).not.toBe('');
        expect(r.url, d.id).toMatch(/^https:\/\/\S+$/);
      }
    }
  });

  for (const lang of LANGS) {
    it(`every interpretation is worded in ${lang} (explain shows it)`, () => {
      const missing = decisions().filter((d) => d.interpretation && !hasMessage(`law.${d.id}`, lang)).map((d) => d.id);
      expect(missing).toEqual([]);
    });
  }

  for (const file of files) {
    it(`${file}: every exported binding is a decision or names one (@decision <id>)`, () => {
      const text = readFileSync(join(LAW, file), 'utf8');
      const undecided: string[] = [];
      const re = /^export (?:const|function) (\w+)/gm;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const rest = text.slice(m.index);
        if (/^export const \w+ = decision\(/.test(rest)) continue;
        // The comment just above the export must name a registered decision.
        const before = text.slice(0, m.index);
        const comment = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/.exec(before)?.[1] ?? '';
        const tag = /@decision ([\w.-]+)/.exec(comment)?.[1];
        if (!tag || !decisionById(tag)) undecided.push(m[1]);
      }
      expect(undecided).toEqual([]);
    });
  }

  it('every decision drives code: its value is read somewhere in src/ (not a label beside logic written elsewhere)', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) sources.push(readFileSync(join(dir, e.name), 'utf8'));
      }
    };
    walk(join(ROOT, 'src'));
    const unread: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(LAW, file), 'utf8');
      for (const m of text.matchAll(/^export const (\w+) = decision\(/gm)) {
        const read = new RegExp(`\\b${m[1]}\\.value\\b`);
        if (!sources.some((src) => read.test(src))) unread.push(`${file}: ${m[1]}`);
      }
    }
    expect(unread).toEqual([]);
  });

  it('every interpretation is listed in at least one rule’s decisions, so explain shows it', () => {
    const listed = new Set(rules.flatMap((r) => r.decisions ?? []));
    const unlisted = decisions().filter((d) => d.interpretation && !listed.has(d.id)).map((d) => d.id);
    expect(unlisted).toEqual([]);
  });

  it('rules name only registered decisions, and take their judgement from src/law/, not the classifier', () => {
    for (const rule of rules) {
      for (const id of rule.decisions ?? []) expect(decisionById(id), `${rule.id}: ${id}`).toBeDefined();
      const src = readFileSync(join(ROOT, 'src/rules', `${rule.id}.ts`), 'utf8');
      expect(src, rule.id).not.toMatch(/from '\.\.\/classify\.js'/);
    }
  });

  it('every rule has tags, and purge ranks are distinct', () => {
    const ranks = rules.filter((r) => r.purge !== undefined).map((r) => r.purge);
    expect(new Set(ranks).size).toBe(ranks.length);
    for (const r of rules) expect(r.tags.length, r.id).toBeGreaterThan(0);
  });
});

/** The .ts files of src/ whose text matches `re`, as paths from the repository's root. */
function srcFilesMatching(re: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && re.test(readFileSync(p, 'utf8'))) out.push(p.slice(ROOT.length + 1));
    }
  };
  walk(join(ROOT, 'src'));
  return out;
}

describe('one text folder (src/text.ts)', () => {
  it('no other file of src/ folds accents itself', () => {
    const out = srcFilesMatching(/normalize\('NFD'\)|\\u0300|\\p\{M\}/).filter((p) => p !== 'src/text.ts');
    expect(out).toEqual([]);
  });
});

describe('CLI modules', () => {
  it('no command imports src/cli/main.ts, not even for a type (shared helpers and types are in src/cli/shared.ts)', () => {
    const dir = join(ROOT, 'src/cli');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && x !== 'main.ts' && x !== 'bin.ts')) {
      const src = readFileSync(join(dir, f), 'utf8');
      // Not even a type: what commands share lives in shared.ts (issue 11 audit).
      expect(src, f).not.toMatch(/^import [^;]*from '\.\/main\.js'/m);
    }
  });

  it('no file of src/ imports a Node built-in dynamically (the single executable cannot: "A dynamic import callback was not specified")', () => {
    const out = srcFilesMatching(/\bimport\(\s*['"]node:/);
    expect(out).toEqual([]);
  });
});
