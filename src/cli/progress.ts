/**
 * Progress on stderr (SPEC §7): only on a TTY, never in a pipe or CI. Shows rows, rate and, when the
 * input size is known, a percentage — never a value from the file. ora is loaded only when shown.
 */
import type { CliIO } from './io.js';
import type { Lang } from '../types.js';
import { t } from '../i18n/index.js';

export interface Progress {
  update: (p: { rows: number; bytes: number; totalBytes?: number }) => void;
  stop: () => void;
}

export async function startProgress(io: CliIO, lang: Lang): Promise<Progress | undefined> {
  if (!io.stderr.isTTY || io.env.CI) return undefined;
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: io.stderr as NodeJS.WritableStream, text: '' }).start();
  const started = Date.now();
  let last = 0;
  return {
    update: ({ rows, bytes, totalBytes }) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const rate = Math.round(rows / Math.max(0.001, (now - started) / 1000)).toLocaleString(lang);
      const r = rows.toLocaleString(lang);
      spinner.text = totalBytes
        ? t(lang, 'cli.progressPercent', { percent: Math.min(100, Math.floor((100 * bytes) / totalBytes)), rows: r, rate })
        : t(lang, 'cli.progress', { rows: r, rate });
    },
    stop: () => spinner.stop(),
  };
}
