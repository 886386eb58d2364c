/**
 * JSON report writer. The findings list can be long (10,000 per rule), so the document is written in
 * pieces rather than built as one string.
 */
import type { Report } from './model.js';

/** Yields the JSON text of a report in chunks; `JSON.parse` of their concatenation equals the report. */
export function* jsonChunks(report: Report): Generator<string> {
  const { findings, ...head } = report;
  const headJson = JSON.stringify(head, null, 2);
  // Put "findings" back where the schema lists it: just before "truncated".
  const cut = headJson.lastIndexOf('\n  "truncated"');
  yield headJson.slice(0, cut);
  yield '\n  "findings": [';
  const BATCH = 500;
  for (let i = 0; i < findings.length; i += BATCH) {
    const part = findings
      .slice(i, i + BATCH)
      .map((f) => '\n    ' + JSON.stringify(f))
      .join(',');
    yield (i > 0 ? ',' : '') + part;
  }
  yield findings.length ? '\n  ],' : '],';
  yield headJson.slice(cut);
  yield '\n';
}

export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
