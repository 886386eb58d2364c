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
  // Chunks of about 32 KB: a string over 128 KB goes to V8's large-object space, which only a full
  // collection frees, so 160,000 findings written in 600 KB pieces grew the heap by tens of MB.
  const refs = new Map<readonly unknown[], string>();
  let part = '';
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    let r = refs.get(f.references);
    if (r === undefined) refs.set(f.references, (r = JSON.stringify(f.references)));
    // Same keys, same order as JSON.stringify(f); the references of a rule are serialised once.
    let s = '{"rule":' + JSON.stringify(f.rule) + ',"severity":' + JSON.stringify(f.severity) + ',"line":' + f.line +
      ',"action":' + JSON.stringify(f.action) + ',"message":' + JSON.stringify(f.message) + ',"references":' + r;
    if (f.id !== undefined) s += ',"id":' + JSON.stringify(f.id);
    if (f.field !== undefined) s += ',"field":' + JSON.stringify(f.field);
    if (f.value !== undefined) s += ',"value":' + JSON.stringify(f.value);
    part += (i > 0 ? ',\n    ' : '\n    ') + s + '}';
    if (part.length >= 32768) {
      yield part;
      part = '';
    }
  }
  if (part) yield part;
  yield findings.length ? '\n  ],' : '],';
  yield headJson.slice(cut);
  yield '\n';
}

export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
