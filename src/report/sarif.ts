/**
 * SARIF 2.1.0 report (`-r report.sarif`), for code scanning and the other tools CI developers already
 * read: one run, the rules found (help URIs to their legal sources), one result per finding with its
 * physical location (the input file and the row's line). Validated against the OASIS SARIF 2.1.0
 * schema in test/report-sarif.test.ts. Like the other reports: no personal value (no row id, no
 * masked value), messages worded in the report's language.
 */
import { pathToFileURL } from 'node:url';
import type { Lang, Severity } from '../types.js';
import type { AnyReport, ReportRule } from './model.js';
import { optionalText } from './shared.js';
import { t } from '../i18n/index.js';
import { findingMessage } from './wording.js';
import { referenceLabel } from '../i18n/references.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * GitHub code scanning rejects a run of more than 25,000 results and shows only the top 5,000 by
 * severity; it rejects an upload over 10 MB gzipped ("SARIF support for code scanning", "SARIF results
 * exceed limit"). A real export gives more findings than that (106,000 on a 100k-row file): a run holds
 * at most SARIF_PER_RULE results per rule and SARIF_MAX_RESULTS in all, the most severe rules first
 * (about 2 MB, 100 kB gzipped), and says in its properties and a notification how many it left out; the
 * JSON and CSV reports list every finding.
 */
export const SARIF_MAX_RESULTS = 5000;
export const SARIF_PER_RULE = 1000;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * How many results each rule may put in the run: rules by severity (then by count, then id), each up
 * to the per-rule cap, until the total is spent. Counts are the reports' totals per rule.
 */
export function sarifQuotas(counts: ReadonlyMap<string, { count: number; severity: Severity }>, total = SARIF_MAX_RESULTS, perRule = SARIF_PER_RULE): Map<string, number> {
  const order = [...counts.entries()].sort((a, b) => ORDER[a[1].severity] - ORDER[b[1].severity] || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  const quotas = new Map<string, number>();
  let left = total;
  for (const [id, { count }] of order) {
    const q = Math.min(count, perRule, left);
    quotas.set(id, q);
    left -= q;
  }
  return quotas;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A SARIF artifact URI for an input: a file URL, or `stdin`. */
export function artifactUri(path: string): string {
  return path === '-' ? 'stdin' : pathToFileURL(path).href;
}

function sarifRule(id: string, r: ReportRule, lang: Lang) {
  const title = optionalText(lang, `rule.${id}.title`) ?? id;
  const description = optionalText(lang, `rule.${id}.description`) ?? title;
  const refs = r.references;
  return {
    id,
    name: title,
    shortDescription: { text: title },
    fullDescription: { text: description },
    ...(refs.length ? { helpUri: refs[0].url } : {}),
    help: {
      text: [description, ...refs.map((ref) => `${referenceLabel(lang, ref)} <${ref.url}>`)].join('\n'),
      markdown: [description, '', ...refs.map((ref) => `- [${referenceLabel(lang, ref).replace(/[[\]\\]/g, '\\$&')}](${ref.url})`)].join('\n'),
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['cnil', 'gdpr', r.action] },
  };
}

/** Yields a SARIF log of one or several reports (one run, one artifact per input). */
export function* sarifChunks(reports: readonly AnyReport[], lang: Lang, limits: { total?: number; perRule?: number } = {}): Generator<string> {
  const rules = new Map<string, ReportRule>();
  for (const r of reports) for (const [id, rule] of Object.entries(r.rules)) if (!rules.has(id)) rules.set(id, rule);
  const ruleIds = [...rules.keys()];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const tool = reports[0]?.tool ?? { name: 'cnil-audit', version: '0.0.0' };
  // The findings of each rule over all reports, and how many of them the run holds.
  const counts = new Map<string, { count: number; severity: Severity }>();
  for (const r of reports) {
    for (const [id, n] of Object.entries(r.summary.byRule)) {
      const c = counts.get(id) ?? { count: 0, severity: r.rules[id]?.severity ?? 'info' };
      c.count += n;
      counts.set(id, c);
    }
  }
  const total = limits.total ?? SARIF_MAX_RESULTS;
  const perRule = limits.perRule ?? SARIF_PER_RULE;
  const quotas = sarifQuotas(counts, total, perRule);
  const leftOutByRule: Record<string, number> = {};
  let leftOut = 0;
  for (const [id, { count }] of counts) {
    const n = count - (quotas.get(id) ?? 0);
    if (n > 0) {
      leftOutByRule[id] = n;
      leftOut += n;
    }
  }
  const findings = [...counts.values()].reduce((a, c) => a + c.count, 0);
  const run = {
    tool: {
      driver: {
        name: tool.name,
        version: tool.version,
        language: lang,
        rules: ruleIds.map((id) => sarifRule(id, rules.get(id)!, lang)),
      },
    },
    artifacts: reports.map((r) => ({ location: { uri: artifactUri(r.input.path) }, ...(r.input.path === '-' ? {} : { hashes: { 'sha-256': r.input.sha256 } }) })),
    columnKind: 'unicodeCodePoints',
    // What was left out, for a person (the notification, in the report's language) and a program.
    ...(leftOut
      ? {
          invocations: [{
            executionSuccessful: true,
            toolExecutionNotifications: [{ level: 'note', message: { text: t(lang, 'sarif.leftOut', { leftOut, findings, total, perRule }) } }],
          }],
        }
      : {}),
    properties: { findings, results: findings - leftOut, resultsLeftOut: leftOut, leftOutByRule, maxResults: total, maxResultsPerRule: perRule },
  };
  const head = JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2);
  // Results go last in the run: cut before the run's closing brace.
  const cut = head.lastIndexOf('\n    }\n  ]\n}');
  yield head.slice(0, cut) + ',\n      "results": [';
  let part = '';
  let n = 0;
  const emitted = new Map<string, number>();
  for (let a = 0; a < reports.length; a++) {
    const uri = artifactUri(reports[a].input.path);
    for (const f of reports[a].findings) {
      const done = emitted.get(f.rule) ?? 0;
      if (done >= (quotas.get(f.rule) ?? 0)) continue;
      emitted.set(f.rule, done + 1);
      const result = {
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? -1,
        level: LEVEL[f.severity],
        message: { text: findingMessage(lang, f) },
        locations: [{ physicalLocation: { artifactLocation: { uri, index: a }, region: { startLine: f.line } } }],
      };
      part += (n++ ? ',\n' : '\n') + JSON.stringify(result);
      if (part.length >= 32768) {
        yield part;
        part = '';
      }
    }
  }
  yield part + (n ? '\n      ]' : ']') + head.slice(cut) + '\n';
}

