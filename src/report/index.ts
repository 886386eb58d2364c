/**
 * Report writers by file extension (SPEC §7): .json, .md, .html, .csv, .sarif. Each renderer is a pure
 * function of the report; the heavy ones are loaded only when asked for.
 */
import { extname } from 'node:path';
import { usageError } from '../errors.js';
import type { Lang } from '../types.js';
import type { AnyReport } from './model.js';
import { jsonChunks } from './json.js';

export const REPORT_FORMATS = ['json', 'md', 'html', 'csv', 'sarif'] as const;

interface Sink {
  write(chunk: string): Promise<void>;
}

export function reportFormatOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

export function assertReportFormat(path: string): void {
  const f = reportFormatOf(path);
  if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
    throw usageError('reportFormat', { path, ext: f });
  }
}

/** Renders a report in the format its path names and writes it to `sink`. */
export async function writeReport(sink: Sink, path: string, report: AnyReport, lang: Lang): Promise<void> {
  for (const chunk of await renderReport(reportFormatOf(path), report, lang)) await sink.write(chunk);
}

export async function renderReport(format: string, report: AnyReport, lang: Lang): Promise<Iterable<string>> {
  switch (format) {
    case 'json':
      return jsonChunks(report);
    case 'md': {
      const { mdChunks } = await import('./md.js');
      return mdChunks(report, lang);
    }
    case 'html': {
      const { htmlChunks } = await import('./html.js');
      return htmlChunks(report, lang);
    }
    case 'csv': {
      const { csvChunks } = await import('./csv.js');
      return csvChunks(report, lang);
    }
    case 'sarif': {
      const { sarifChunks } = await import('./sarif.js');
      return sarifChunks([report], lang);
    }
    default:
      throw usageError('reportFormat', { path: format, ext: format });
  }
}
