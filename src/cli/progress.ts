/**
 * Progress on stderr (SPEC §7): only on a TTY, never in a pipe or CI. Shows rows, rate and, when the
 * input size is known, a percentage — never a value from the file. ora is loaded only when shown.
 */
import type { CliIO } from './io.js';
import type { Lang } from '../types.js';
import { t } from '../i18n/index.js';

export interface ProgressUpdate {
  rows: number;
  bytes: number;
  totalBytes?: number;
}

export interface Progress {
  update: (p: ProgressUpdate) => void;
  stop: () => void;
}

/** What decides whether progress is shown, besides the terminal. */
export interface ProgressOptions {
  quiet?: boolean;
  /** `--format`: `json` puts a machine-readable report on stdout, so nothing else is drawn. */
  format?: string;
  /** `-o -`: the cleaned file goes to stdout, and ora would intercept stdout writes to redraw. */
  out?: string;
}

/** Least time between two redraws, in ms: the rate is meaningful and the terminal is not flooded. */
export const REDRAW_MS = 100;

/**
 * Whether progress may be drawn on stderr: a real terminal with a width (a pseudo-terminal without
 * one, as `script … /dev/null` gives, makes ora's line count infinite and it never stops clearing),
 * not CI, not TERM=dumb, not --quiet, not a JSON report or the cleaned file on stdout.
 */
export function progressEnabled(io: CliIO, opts: ProgressOptions = {}): boolean {
  if (opts.quiet || opts.format === 'json' || opts.out === '-') return false;
  const stderr = io.stderr as CliIO['stderr'] & { columns?: number };
  if (!stderr.isTTY || !(typeof stderr.columns === 'number' && stderr.columns > 0)) return false;
  const ci = io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return io.env.TERM !== 'dumb';
}

/** The progress line: counts and rate only (SPEC §7: no personal data in progress output). */
export function progressText(lang: Lang, p: ProgressUpdate, elapsedMs: number): string {
  const rate = Math.round(p.rows / Math.max(0.001, elapsedMs / 1000)).toLocaleString(lang);
  const rows = p.rows.toLocaleString(lang);
  if (p.totalBytes) {
    const percent = Math.min(100, Math.floor((100 * p.bytes) / p.totalBytes));
    return t(lang, 'cli.progressPercent', { percent, rows, rate });
  }
  return t(lang, 'cli.progress', { rows, rate });
}

/** Starts a spinner on stderr when `progressEnabled`; undefined otherwise. */
export async function startProgress(io: CliIO, lang: Lang, opts: ProgressOptions = {}): Promise<Progress | undefined> {
  if (!progressEnabled(io, opts)) return undefined;
  const { default: ora } = await import('ora');
  const now = io.now ?? Date.now;
  const spinner = ora({
    stream: io.stderr as NodeJS.WritableStream,
    text: '',
    // Decided above, from the environment we were given rather than process.env.
    isEnabled: true,
    // Leave stdin alone: it may be the CSV being read ("-"), and Ctrl+C must stay a plain SIGINT.
    discardStdin: false,
  }).start();
  const started = now();
  let last = -Infinity;
  return {
    update: (p) => {
      const at = now();
      if (at - last < REDRAW_MS) return;
      last = at;
      spinner.text = progressText(lang, p, at - started);
      spinner.render();
    },
    stop: () => {
      spinner.stop();
    },
  };
}
