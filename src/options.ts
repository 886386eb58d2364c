/**
 * The run's options, normalised once (issue #16): what the CLI's flags and a library caller's
 * `scanFile` fields say, read, checked and given their defaults (the config's, then the tool's) in one
 * place, so that a bad value is the same AuditError whoever gives it (`asOf: '2026-13-01'`,
 * `outputEncoding: 'bogus'`, `--as-of 2026-13-01`). Never prints: it throws the error; the CLI words it.
 */
import { usageError } from './errors.js';
import { canonicalEncoding } from './read/encoding.js';
import { parseDelimiterOption } from './read/dialect.js';
import { dayOf, parseDate, type DateOrder } from './read/values.js';
import type { Config } from './config.js';
import { CHANNELS, FAIL_ON, LANGS, type Channel, type FailOn, type Lang } from './types.js';

/** Options as typed: strings from the command line, or the values a library caller gives. */
export interface RawOptions {
  config?: Config;
  /** `--lang`; default the config's, else English. */
  lang?: string;
  /** `--map field=column` (repeatable), or the overrides already as an object. */
  map?: readonly string[] | Record<string, string>;
  /** `--for`: channels, each may list several separated by commas ("email,sms"). */
  for?: readonly string[];
  /** `--fail-on`; default "error". */
  failOn?: string;
  /** `--as-of`: ISO or French date; default today (by `now`). */
  asOf?: string;
  /** `--election-date`; default the config's `electionDate`. */
  electionDate?: string;
  /** `--encoding`: the input's, forced. */
  encoding?: string;
  /** `--output-encoding`, `utf-8-bom` included; default the input's. */
  outputEncoding?: string;
  /** `--delimiter`: a character or a name (tab, comma, semicolon, pipe). */
  delimiter?: string;
  /** `--output-delimiter`; default the input's. */
  outputDelimiter?: string;
  /** `--max-input-bytes`: bytes, or a size like "500M", "20G" (powers of 1000). */
  maxInputBytes?: number | string;
  /** `--header-row`: physical line (a workbook: sheet row) of the header; default the config's `headerRow`. */
  headerRow?: number | string;
  /** `--date-order`: dmy or mdy; default the config's `dateOrder`. */
  dateOrder?: string;
  /** The locale's date order, for columns nothing settles (the CLI reads it from the environment). */
  localeDateOrder?: DateOrder;
  /** `--sheet`: a workbook's sheet, by name or 1-based position among the visible ones. */
  sheet?: string;
  /** Clock, for `asOf`'s default. */
  now?: () => number;
}

/** Options once normalised: what a run reads, whoever gave them. */
export interface RunOptions {
  /** Marks a value made by normalizeOptions (scanFile then reads it as is). */
  readonly normalized: true;
  lang: Lang;
  map?: Record<string, string>;
  /** The intended channels (the option's, else the config's), each once; undefined when neither says. */
  for?: Channel[];
  failOn: FailOn;
  /** Reference day (a day number, see parseDate). */
  asOf: number;
  electionDate?: number;
  /** The config's `secondRoundDate`. */
  secondRoundDate?: number;
  /** The input's encoding (canonical name), when forced. */
  encoding?: string;
  /** The input's delimiter, when forced. */
  delimiter?: string;
  maxInputBytes?: number;
  headerRow?: number;
  dateOrder?: DateOrder;
  localeDateOrder?: DateOrder;
  sheet?: string;
  output: {
    /** Canonical name; undefined: the input's. */
    encoding?: string;
    /** `utf-8-bom` was asked. */
    bom: boolean;
    /** Undefined: the input's. */
    delimiter?: string;
  };
}

/**
 * Reads, checks and completes every option of a run, in a fixed order (the first bad value is the
 * error): lang, map, for, fail-on, max-input-bytes, date-order, header-row, as-of, election-date (and
 * the config's second round), encoding, output-encoding, delimiter, output-delimiter. Throws
 * AuditError: E_USAGE (`params.usage` says which) or E_UNKNOWN_ENCODING. Given a RunOptions, returns it.
 */
export function normalizeOptions(raw: RawOptions | RunOptions): RunOptions {
  if ('normalized' in raw && raw.normalized === true) return raw;
  const o = raw as RawOptions;
  const config = o.config ?? {};
  const lang = o.lang ?? config.lang ?? 'en';
  if (!(LANGS as readonly string[]).includes(lang)) throw usageError('lang', { value: lang, langs: LANGS.join(', ') });
  const map = o.map === undefined || !isStringList(o.map) ? (o.map as Record<string, string> | undefined) : parseMap(o.map);
  const channels = parseChannels(o.for) ?? (config.for ? [...config.for] : undefined);
  const failOn = o.failOn ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw usageError('failOn', { value: failOn, levels: FAIL_ON.join(', ') });
  const maxInputBytes = parseSize(o.maxInputBytes, '--max-input-bytes');
  const dateOrder = parseDateOrder(o.dateOrder) ?? config.dateOrder;
  const headerRow = parseHeaderRow(o.headerRow) ?? config.headerRow;
  const asOf = resolveDate(o.asOf, '--as-of') ?? dayOf((o.now ?? Date.now)());
  const electionDate = resolveDate(o.electionDate ?? config.electionDate, '--election-date');
  const secondRoundDate = resolveDate(config.secondRoundDate, 'secondRoundDate');
  const encoding = o.encoding ? canonicalEncoding(o.encoding) : undefined;
  // `utf-8-bom`: UTF-8 with a byte order mark, what French Excel needs to open a UTF-8 file as UTF-8.
  const bom = o.outputEncoding !== undefined && /^utf-?8[-_ ]?(with[-_ ]?)?bom$/i.test(o.outputEncoding.trim());
  const outputEncoding = bom ? 'utf-8' : o.outputEncoding ? canonicalEncoding(o.outputEncoding) : undefined;
  const delimiter = o.delimiter !== undefined ? parseDelimiterOption(o.delimiter) : undefined;
  const outputDelimiter = o.outputDelimiter !== undefined ? parseDelimiterOption(o.outputDelimiter, 'outputDelimiter') : undefined;
  return {
    normalized: true,
    lang: lang as Lang,
    map,
    for: channels,
    failOn: failOn as FailOn,
    asOf,
    electionDate,
    secondRoundDate,
    encoding,
    delimiter,
    maxInputBytes,
    headerRow,
    dateOrder,
    localeDateOrder: o.localeDateOrder,
    sheet: o.sheet,
    output: { encoding: outputEncoding, bom, delimiter: outputDelimiter },
  };
}

function isStringList(v: readonly string[] | Record<string, string>): v is readonly string[] {
  return Array.isArray(v);
}

/** A date option (`--as-of`, `--election-date`) as a day number; undefined when absent; E_USAGE when unreadable. */
export function resolveDate(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const d = parseDate(value);
  if (typeof d !== 'number') throw usageError('date', { option: name, value });
  return d;
}

/** A size ("1000", "500M", "20G": powers of 1000, as disks are sold, or a number); undefined when absent. */
export function parseSize(value: number | string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  let n = NaN;
  if (typeof value === 'number') n = value;
  else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$/i.exec(value);
    if (m) n = Number(m[1]) * 1000 ** ' kmgt'.indexOf(m[2].toLowerCase() || ' ');
  }
  if (!(n >= 1) || !Number.isFinite(n)) throw usageError('size', { option, value: String(value) });
  return Math.floor(n);
}

/** `--map field=column` values as an object; E_USAGE on a value that is not field=column. */
export function parseMap(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw usageError('map', { value: v });
    out[v.slice(0, eq).trim()] = v.slice(eq + 1).trim();
  }
  return out;
}

/** `--for`: known channels, each once (`sms`, `postal-mail` as `postal_mail`); undefined when none is given. */
function parseChannels(values: readonly string[] | undefined): Channel[] | undefined {
  if (!values?.length) return undefined;
  const out: Channel[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    const c = v.trim().toLowerCase().replace(/-/g, '_') as Channel;
    if (!(CHANNELS as readonly string[]).includes(c)) {
      throw usageError('forChannel', { value: v, channels: CHANNELS.join(', ') });
    }
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function parseDateOrder(value: string | undefined): DateOrder | undefined {
  if (value === undefined) return undefined;
  if (value !== 'dmy' && value !== 'mdy') throw usageError('dateOrder', { value });
  return value;
}

function parseHeaderRow(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usageError('headerRow', { value: String(value) });
  return n;
}

