/**
 * Config problems as data (issue 14): each has the path in the config file, a message id
 * (`config.<id>`, worded by src/i18n) and parameters. All the problems of a file are reported at once,
 * in one E_CONFIG error naming the config file. Its own module, with no import of the rules or the
 * config schema, so the engine and the pattern table can raise them too (a config given to the
 * library without validateConfig).
 */
import { AuditError } from './errors.js';

export interface ConfigIssue {
  path: string;
  id: string;
  params: Record<string, string | number>;
}

/** One E_CONFIG error for every issue; `path`/`detail` name the first (older callers read them). */
export function configError(issues: readonly ConfigIssue[], file?: string): AuditError {
  return new AuditError('E_CONFIG', { path: issues[0]?.path ?? '', detail: issues[0]?.id ?? '', issues: JSON.stringify(issues) }, { file });
}

/** The problem of each `profiling.add` pattern that is not a regular expression. */
export function regexIssues(patterns: readonly unknown[] | undefined): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  (patterns ?? []).forEach((p, i) => {
    if (typeof p !== 'string') return;
    try {
      new RegExp(p, 'i');
    } catch {
      out.push({ path: `profiling.add.${i}`, id: 'regex', params: { pattern: p } });
    }
  });
  return out;
}

/** The problems of a `rules` object: unknown ids, and mandatory rules turned off. */
export function ruleIssues(overrides: unknown, rules: readonly { id: string; mandatory?: boolean }[]): ConfigIssue[] {
  if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return [];
  const out: ConfigIssue[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [id, level] of Object.entries(overrides)) {
    const rule = byId.get(id);
    if (!rule) out.push({ path: `rules.${id}`, id: 'unknownRule', params: { id } });
    else if (level === 'off' && rule.mandatory) out.push({ path: `rules.${id}`, id: 'mandatoryRule', params: { id } });
  }
  return out;
}
