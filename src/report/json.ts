/**
 * JSON report writer (schema v2). The findings list can be long (10,000 per rule), so the document is
 * written in pieces rather than built as one string. Each finding's `message` is worded here, in the
 * report's language, from its `messageId` and `params`; the rule's references are in the `rules` table.
 */
import { referenceLabel } from '../i18n/references.js';
import type { Lang } from '../types.js';
import { t } from '../i18n/index.js';
import type { AnyReport, ReportFinding } from './model.js';
import { findingMessage } from './wording.js';

/** A finding list that can give each finding's JSON text directly (the spool keeps them as text). */
export interface JsonFindings {
  jsonTexts(lang: Lang): Iterable<string>;
}

/**
 * A finding's JSON text, cut where its `message` goes: `head + ',"message":' + text + tail` is the
 * finding of the JSON document, keys in schema order; `head + tail` is the core finding's JSON. One
 * place for both the in-memory list and the spool, which stores head and tail.
 */
export function findingJsonParts(f: ReportFinding): [head: string, tail: string] {
  let head = '{"rule":' + JSON.stringify(f.rule) + ',"severity":' + JSON.stringify(f.severity) + ',"line":' + f.line;
  if (f.id !== undefined) head += ',"id":' + JSON.stringify(f.id);
  if (f.field !== undefined) head += ',"field":' + JSON.stringify(f.field);
  head += ',"action":' + JSON.stringify(f.action) + ',"messageId":' + JSON.stringify(f.messageId) + ',"params":' + JSON.stringify(f.params);
  const tail = f.value !== undefined ? ',"value":' + JSON.stringify(f.value) + '}' : '}';
  return [head, tail];
}

/** The finding of the JSON document, from its two parts and its worded message. */
export function joinFindingJson(head: string, message: string, tail: string): string {
  return head + ',"message":' + JSON.stringify(message) + tail;
}

/** The report's `rules` table as the JSON document holds it: each rule's title in the report's language. */
export function rulesDocument(report: Pick<AnyReport, 'rules'>, lang: Lang) {
  return Object.fromEntries(
    Object.entries(report.rules).map(([id, r]) => [id, { title: t(lang, `rule.${id}.title`), severity: r.severity, action: r.action, references: r.references.map((ref) => ({ label: referenceLabel(lang, ref), url: ref.url })) }]),
  );
}

/** Yields the JSON text of a report in chunks; `JSON.parse` of their concatenation is the JSON document. */
export function* jsonChunks(report: AnyReport, lang: Lang = report.options.lang): Generator<string> {
  const { findings, ...rest } = report;
  const head = { ...rest, rules: rulesDocument(report, lang) };
  const headJson = JSON.stringify(head, null, 2);
  // Put "findings" back where the schema lists it: just before "truncated".
  const cut = headJson.lastIndexOf('\n  "truncated"');
  yield headJson.slice(0, cut);
  yield '\n  "findings": [';
  // Chunks of about 32 KB: a string over 128 KB goes to V8's large-object space, which only a full
  // collection frees, so 160,000 findings written in 600 KB pieces grew the heap by tens of MB.
  const texts = (findings as Partial<JsonFindings>).jsonTexts?.(lang) ?? (function* () {
    for (const f of findings) {
      const [h, tl] = findingJsonParts(f);
      yield joinFindingJson(h, findingMessage(lang, f), tl);
    }
  })();
  let part = '';
  let i = 0;
  for (const s of texts) {
    // One finding a line, not indented: four bytes a finding saved on a report of 180,000 findings.
    part += (i++ > 0 ? ',\n' : '\n') + s;
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

export function renderJson(report: AnyReport, lang?: Lang): string {
  return [...jsonChunks(report, lang)].join('');
}
