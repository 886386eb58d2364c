/**
 * JSON report writer. The findings list can be long (10,000 per rule), so the document is written in
 * pieces rather than built as one string.
 */
import type { AnyReport, ReportFinding } from './model.js';

/** A finding list that can give each finding's JSON text directly (the spool keeps them as text). */
export interface JsonFindings {
  jsonTexts(): Iterable<string>;
}

/**
 * A finding's JSON text, cut where its references go: `head + ',"references":' + refs + tail` is
 * JSON.stringify of the finding, same keys, same order. One place for both the in-memory list and the
 * spool, which stores head and tail and puts a rule's references (serialised once) back between them.
 */
export function findingJsonParts(f: Omit<ReportFinding, 'references'>): [head: string, tail: string] {
  const head = '{"rule":' + JSON.stringify(f.rule) + ',"severity":' + JSON.stringify(f.severity) + ',"line":' + f.line +
    ',"action":' + JSON.stringify(f.action) + ',"message":' + JSON.stringify(f.message);
  let tail = '';
  if (f.id !== undefined) tail += ',"id":' + JSON.stringify(f.id);
  if (f.field !== undefined) tail += ',"field":' + JSON.stringify(f.field);
  if (f.value !== undefined) tail += ',"value":' + JSON.stringify(f.value);
  return [head, tail + '}'];
}

/** Yields the JSON text of a report in chunks; `JSON.parse` of their concatenation equals the report. */
export function* jsonChunks(report: AnyReport): Generator<string> {
  const { findings, ...head } = report;
  const headJson = JSON.stringify(head, null, 2);
  // Put "findings" back where the schema lists it: just before "truncated".
  const cut = headJson.lastIndexOf('\n  "truncated"');
  yield headJson.slice(0, cut);
  yield '\n  "findings": [';
  // Chunks of about 32 KB: a string over 128 KB goes to V8's large-object space, which only a full
  // collection frees, so 160,000 findings written in 600 KB pieces grew the heap by tens of MB.
  const refs = new Map<readonly unknown[], string>();
  const texts = (findings as Partial<JsonFindings>).jsonTexts?.() ?? (function* () {
    for (const f of findings) {
      let r = refs.get(f.references);
      if (r === undefined) refs.set(f.references, (r = JSON.stringify(f.references)));
      const [head, tail] = findingJsonParts(f);
      yield head + ',"references":' + r + tail;
    }
  })();
  let part = '';
  let i = 0;
  for (const s of texts) {
    part += (i++ > 0 ? ',\n    ' : '\n    ') + s;
    if (part.length >= 32768) {
      yield part;
      part = '';
    }
  }
  if (part) yield part;
  yield i ? '\n  ],' : '],';
  yield headJson.slice(cut);
  yield '\n';
}

export function renderJson(report: AnyReport): string {
  return [...jsonChunks(report)].join('');
}
