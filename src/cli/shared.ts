/**
 * Helpers shared by the CLI commands (exit codes, the one-line error, option resolution, colours), in
 * their own module so that commands do not import src/cli/main.ts, which imports them lazily.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIO } from './io.js';
import type { Config } from '../config.js';
import { isAuditError } from '../errors.js';
import type { RawOptions } from '../options.js';
import { detectLang, errorText, t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import { escapeControls } from '../controls.js';

export const EXIT = { OK: 0, FINDINGS: 1, ERROR: 2, INTERRUPTED: 130 } as const;

/** Options common to scan and purge (SPEC §1 table). */
export interface CommonOptions {
  out?: string;
  outDir?: string;
  report?: string[];
  format: string;
  for?: string[];
  asOf?: string;
  electionDate?: string;
  config?: string;
  map?: string[];
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  outputEncoding?: string;
  outputDelimiter?: string;
  failOn: string;
  maxWarnings?: string;
  lang?: string;
  rejects?: string;
  dryRun?: boolean;
  showValues?: boolean;
  quiet?: boolean;
  color: boolean;
  maxInputBytes?: string;
  profile?: string;
  source?: string;
  dateOrder?: string;
  headerRow?: string;
  strict?: boolean;
}

/**
 * Control characters shown escaped: a message quotes column names and paths from the input, and a
 * line break or a terminal escape sequence in a header must not split the one error line or drive the
 * terminal.
 */
export function oneLine(s: string): string {
  return escapeControls(s);
}

/**
 * Temp files of runs killed outright (SIGKILL, power loss) hold personal data or a key: a run removes,
 * in every folder it writes (its outputs', the key's, the lock's, the config's), those whose process is
 * gone, and says so on stderr (issue #16).
 */
export async function cleanStaleTemps(paths: string[], io: CliIO, lang: Lang, quiet: boolean): Promise<void> {
  const { removeStaleTemps } = await import('../write/atomic.js');
  for (const dir of new Set(paths.filter((p) => p && p !== '-').map((p) => dirname(resolve(io.cwd, p))))) {
    const removed = removeStaleTemps(dir);
    if (removed && !quiet) io.stderr.write(`cnil-audit: ${oneLine(t(lang, 'cli.staleTemps', { count: removed, dir }))}\n`);
  }
}

/** Prints one error line, `cnil-audit: file:line: problem`, in the user's language; returns 2. */
export function reportError(io: CliIO, lang: Lang, e: unknown): number {
  if (isAuditError(e)) {
    if (e.code === 'E_INTERRUPTED') {
      io.stderr.write(`cnil-audit: ${t(lang, 'cli.interrupted')}\n`);
      return EXIT.INTERRUPTED;
    }
    const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : '';
    io.stderr.write(`cnil-audit: ${oneLine(`${where}${errorText(lang, e.code, e.params)}`)}\n`);
    return EXIT.ERROR;
  }
  // An unexpected failure: still one line and exit 2, with a hint to report it; no stack trace.
  const msg = e instanceof Error ? e.message : String(e);
  io.stderr.write(`cnil-audit: internal error: ${msg.split('\n')[0]} (please report this)\n`);
  return EXIT.ERROR;
}

/** The config (explicit, else ./cnil-audit.config.json when present) and the language it implies. */
export function configAndLang(opts: { config?: string; lang?: string }, io: CliIO, loadConfig: (path: string) => Config) {
  let configPath = opts.config;
  if (!configPath && existsSync(resolve(io.cwd, 'cnil-audit.config.json'))) configPath = 'cnil-audit.config.json';
  const path = configPath ? resolve(io.cwd, configPath) : undefined;
  const config = path ? loadConfig(path) : {};
  return { config, configPath: path, lang: (opts.lang as Lang | undefined) ?? io.lang ?? config.lang ?? detectLang(io.env) };
}

/** The language when no `--lang` option was parsed: the command line's (io.lang), else the locale. */
export function defaultLang(io: CliIO): Lang {
  return io.lang ?? detectLang(io.env);
}

/**
 * Loads config (explicit or ./cnil-audit.config.json) and normalises the options shared by commands,
 * once for the run, by the core's normaliser (src/options.ts: the library's errors are the CLI's).
 */
export async function prepare(opts: CommonOptions, io: CliIO) {
  const [{ loadConfig }, { normalizeOptions }] = await Promise.all([import('../config.js'), import('../options.js')]);
  const loaded = configAndLang(opts, io, loadConfig);
  const options = normalizeOptions(rawOptions(opts, loaded.config, loaded.lang, io));
  return { ...loaded, options, failOn: options.failOn };
}

/** The flags a command takes that the core normalises (src/options.ts), as typed. */
export type RawFlags = Partial<Pick<CommonOptions, 'map' | 'for' | 'failOn' | 'asOf' | 'electionDate' | 'encoding' | 'outputEncoding' | 'delimiter' | 'outputDelimiter' | 'maxInputBytes' | 'headerRow' | 'dateOrder' | 'sheet'>>;

/** A command's flags as the core's raw options: values as typed, the config, the language, the locale's date order, the clock. */
export function rawOptions(opts: RawFlags, config: Config, lang: Lang, io: CliIO): RawOptions {
  return {
    config,
    lang,
    // No --map is an empty override, as ever.
    map: opts.map ?? [],
    for: opts.for,
    failOn: opts.failOn,
    asOf: opts.asOf,
    electionDate: opts.electionDate,
    encoding: opts.encoding,
    outputEncoding: opts.outputEncoding,
    delimiter: opts.delimiter,
    outputDelimiter: opts.outputDelimiter,
    maxInputBytes: opts.maxInputBytes,
    headerRow: opts.headerRow,
    dateOrder: opts.dateOrder,
    sheet: opts.sheet,
    localeDateOrder: localeDateOrder(io.env),
    now: io.now,
  };
}

/** Month-first only for a US-style locale (en_US, es_US…, en_PH); day-first everywhere else. */
function localeDateOrder(env: Record<string, string | undefined>): 'dmy' | 'mdy' {
  const loc = env.LC_ALL || env.LC_TIME || env.LANG || '';
  return /^[a-z]{2}_(US|PH|FM|MH|PW)\b/i.test(loc) ? 'mdy' : 'dmy';
}

export function colorEnabled(opts: { color: boolean }, io: CliIO, stream: { isTTY?: boolean }): boolean {
  if (!opts.color) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  // A terminal that says it understands no escape codes gets none (as progress: src/cli/progress.ts).
  if (io.env.TERM === 'dumb') return false;
  return !!stream.isTTY;
}
