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
import { findingMessage } from './wording.js';
import { referenceLabel } from '../i18n/references.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

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
export function* sarifChunks(reports: readonly AnyReport[], lang: Lang): Generator<string> {
  const rules = new Map<string, ReportRule>();
  for (const r of reports) for (const [id, rule] of Object.entries(r.rules)) if (!rules.has(id)) rules.set(id, rule);
  const ruleIds = [...rules.keys()];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const tool = reports[0]?.tool ?? { name: 'cnil-audit', version: '0.0.0' };
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
  };
  const head = JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2);
  // Results go last in the run: cut before the run's closing brace.
  const cut = head.lastIndexOf('\n    }\n  ]\n}');
  yield head.slice(0, cut) + ',\n      "results": [';
  let part = '';
  let n = 0;
  for (let a = 0; a < reports.length; a++) {
    const uri = artifactUri(reports[a].input.path);
    for (const f of reports[a].findings) {
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

