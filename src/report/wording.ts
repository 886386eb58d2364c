/**
 * Findings put into words, at the edge (publint style): the core keeps `messageId` + `params`, each
 * renderer (JSON `message`, Markdown, HTML, CSV, terminal, GitHub, SARIF) words them in its language.
 */
import type { Lang } from '../types.js';
import { render } from '../i18n/index.js';
import { messageCatalogueId, type ReportFinding } from './model.js';

/** A finding's message in `lang`, with channel, category and duration codes in words. */
export function findingMessage(lang: Lang, f: Pick<ReportFinding, 'rule' | 'messageId' | 'params'>): string {
  return render(lang, { id: messageCatalogueId(f), params: f.params });
}
