/**
 * The report's account of how a file was read beyond its dialect (issue 12): the export profile, the
 * whole-file source, the date order of each date column and the file-level notices.
 */
import type { AuditEngine } from '../engine.js';
import type { ProfileOrigin } from '../exports.js';
import type { DateOrder } from '../read/values.js';
import { render } from '../i18n/index.js';
import type { Lang } from '../types.js';

export interface InputProfileSection {
  /** Export profile used (`--profile`, or recognised), or null. */
  profile: string | null;
  /** How it was chosen: file-name, header or forced. */
  profileOrigin?: ProfileOrigin;
  /** Whole-file source: its value, where it came from, and on how many rows it was used. */
  wholeFileSource?: { value: string; from: 'option' | 'profile'; rows: number };
  /** Order of day and month per date column, and what decided it. */
  dateOrder?: Record<string, { order: DateOrder; by: 'option' | 'values' | 'profile' | 'locale' }>;
  /** Physical line of the header when lines came before it. */
  headerLine?: number;
  /** Columns nothing reads: not mapped, not read by the profile, the classifier or a rule. */
  notUnderstood?: string[];
  /** File-level notices: things the run could not settle from the file. */
  notices?: { id: string; params: Record<string, string>; message: string }[];
}

export function inputProfileSection(engine: AuditEngine, origin: ProfileOrigin | undefined, headerLine: number, lang: Lang): InputProfileSection {
  const out: InputProfileSection = { profile: engine.profile?.name ?? null };
  if (origin) out.profileOrigin = origin;
  if (engine.fileSource) out.wholeFileSource = { ...engine.fileSource, rows: engine.fileSourceRows };
  if (Object.keys(engine.dateOrders).length) out.dateOrder = { ...engine.dateOrders };
  if (headerLine !== 1) out.headerLine = headerLine;
  out.notUnderstood = engine.notUnderstood;
  if (engine.notices.length) out.notices = engine.notices.map((n) => ({ id: n.id, params: Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, String(v)])), message: render(lang, { id: n.id, params: n.params }) }));
  return out;
}
