/**
 * Rights requests (issue #13): `find`, `access`, `erase`, and their batch form (`--requests`), on the
 * purge's machinery (the same normalised identifiers, the same scan driver, the same purge log and
 * suppression list).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { loadConfig, type Config } from '../config.js';
import { detectLang } from '../i18n/index.js';
import type { Lang } from '../types.js';

/** Config and language for the commands that take no scan options (verify, find, access, erase). */
export function prepareLight(opts: { config?: string; lang?: string }, io: CliIO): { config: Config; lang: Lang } {
  let configPath = opts.config;
  if (!configPath && existsSync(resolve(io.cwd, 'cnil-audit.config.json'))) configPath = resolve(io.cwd, 'cnil-audit.config.json');
  const config = configPath ? loadConfig(resolve(io.cwd, configPath)) : {};
  return { config, lang: (opts.lang as Lang | undefined) ?? config.lang ?? detectLang(io.env) };
}
