/**
 * `cnil-audit init [sample.csv]` (SPEC §1, issue #5): writes `cnil-audit.config.json` with the column
 * mapping detected on the sample's header, the default retention and the default level of every rule,
 * for the user to review and commit. Only the header is read. An existing config is never replaced
 * without `--force`.
 */
import { escapeControls } from '../controls.js';
import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { openInputStream } from '../read/input-stream.js';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import type { CliIO } from './io.js';
import { EXIT, cleanStaleTemps, reportError, defaultLang } from './shared.js';
import { AuditError, isAuditError, usageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { fieldWord } from '../i18n/words.js';
import { openCsv } from '../read/reader.js';
import { CONTACT_FIELDS, resolveMapping } from '../mapping.js';
import { chooseProfile, planProfile, PROFILES } from '../exports.js';
import { detectColumns } from '../patterns.js';
import { DEFAULT_RETENTION } from '../engine.js';
import { rules } from '../rules/index.js';
import { assertNotInput, assertWritableTarget, tempPathFor } from '../write/atomic.js';
import { validateConfig, type Config } from '../config.js';
import type { Field, Lang } from '../types.js';
import { VERSION } from '../version.js';

export const DEFAULT_CONFIG_NAME = 'cnil-audit.config.json';

export interface InitOptions {
  out?: string;
  force?: boolean;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  lang?: string;
}

/** What the sample's header told. */
export interface SampleInfo {
  columns: number;
  encoding: string;
  delimiter: string;
  mapping: Partial<Record<Field, string>>;
  unmapped: string[];
  /** Columns recognised as political opinion, profiling or sensitive data (scrubbed by the rules). */
  detected: string[];
  /** The sheet read, for a workbook sample. */
  sheet?: string;
  /** Export profile recognised from the header and file name (issue 12), if any. */
  profile?: string;
  /** Whole-file source the profile gives (a REU extract: electoral_list), if any. */
  source?: string;
}

/** The mapping of a sample's header, with the export profile it is recognised as (issue 12), if any. */
function describeHeader(header: string[], encoding: string, delimiter: string, path: string): SampleInfo {
  const choice = chooseProfile(header, path === '-' ? undefined : path);
  const plan = choice ? planProfile(choice.profile, header) : undefined;
  const m = resolveMapping(header, { ...(plan?.mapping ?? {}) });
  const mapped = new Set(Object.values(m.mapping) as number[]);
  const detected = detectColumns(header, {}, mapped).map((d) => d.name);
  return {
    columns: header.length,
    encoding,
    delimiter,
    mapping: m.named,
    unmapped: m.unmapped,
    detected,
    ...(choice ? { profile: choice.profile.name } : {}),
    ...(choice?.profile.facts?.source ? { source: choice.profile.facts.source } : {}),
  };
}

/** Reads only the header of a sample export (CSV or workbook) and maps it. */
export async function inspectSample(path: string, opts: Pick<InitOptions, 'encoding' | 'delimiter' | 'sheet'>, stdin?: Readable, signal?: AbortSignal): Promise<SampleInfo> {
  if (path !== '-') {
    const { sniffWorkbook, openWorkbook } = await import('../read/xlsx.js');
    if (sniffWorkbook(path)) {
      const wb = await openWorkbook(path, { sheet: opts.sheet });
      wb.destroy();
      return { ...describeHeader(wb.header, 'utf-8', '', path), sheet: wb.workbook.sheet };
    }
  }
  if (opts.sheet !== undefined) throw usageError('sheetNotWorkbook', { value: opts.sheet, file: path });
  // Read as scan reads them (src/options.ts), before the sample is opened.
  const { normalizeOptions } = await import('../options.js');
  const { encoding, delimiter } = normalizeOptions({ encoding: opts.encoding, delimiter: opts.delimiter });
  let input: Readable;
  if (path === '-') {
    if (!stdin) throw usageError('noStdin');
    input = stdin;
  } else {
    input = openInputStream(path);
    input.on('error', () => undefined); // reported by the reader as E_INPUT_UNREADABLE
  }
  // A signal stops a sample that never comes (a FIFO no one writes to, a silent stdin).
  const stop = () => input.destroy(new AuditError('E_INTERRUPTED'));
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop, { once: true });
  let reader: Awaited<ReturnType<typeof openCsv>>;
  try {
    reader = await openCsv(input, {
      encoding,
      delimiter,
      preamble: PROFILES.flatMap((p) => (p.preamble ? [p.preamble] : [])),
    });
  } catch (e) {
    if (path !== '-') input.destroy();
    throw signal?.aborted ? new AuditError('E_INTERRUPTED') : e;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  try {
    return describeHeader(reader.header, reader.dialect.encoding, reader.dialect.delimiter, path);
  } finally {
    reader.destroy();
    if (path !== '-') input.destroy();
  }
}

/**
 * The `$schema` to write: the installed package's schema by relative path when the config sits above
 * it (editors resolve it offline), else the published copy of this version.
 */
export function schemaReference(configPath: string): string {
  const schema = fileURLToPath(new URL('../../schema/config.schema.json', import.meta.url));
  const rel = relative(dirname(configPath), schema);
  if (existsSync(schema) && rel && !rel.startsWith('..') && !isAbsolute(rel)) return './' + rel.split('\\').join('/');
  return `https://unpkg.com/cnil-audit@${VERSION}/schema/config.schema.json`;
}

/** The config `init` writes: detected mapping, default retention, every rule at its default level. */
export function initialConfig(configPath: string, sample?: SampleInfo): Config {
  const config: Config = {
    $schema: schemaReference(configPath),
    mapping: { ...(sample?.mapping ?? {}) },
    ...(sample?.profile ? { profile: sample.profile } : {}),
    ...(sample?.source ? { source: sample.source } : {}),
    retention: { ...DEFAULT_RETENTION } as Config['retention'],
    rules: Object.fromEntries(rules.map((r) => [r.id, r.severity])),
  };
  // What init writes must load: a config the tool itself rejects would be a poor start.
  return validateConfig(config, configPath);
}

/**
 * Writes `text` to `path`: exclusively unless `force` (so a config created meanwhile is not replaced),
 * else through a temp file renamed over it. Mode 0644: a config is meant to be shared and committed.
 */
function writeConfig(path: string, text: string, force: boolean, existsMessage: string): void {
  // Named like every temp file (pid, host, random), so a later run removes it if this one is killed.
  const temp = tempPathFor(path);
  try {
    if (!force) return writeFileSync(path, text, { flag: 'wx', mode: 0o644 });
    writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
    // --force replaces a config, never a device or a FIFO (issue #16): checked again at the rename.
    assertWritableTarget(path, 'the config file');
    renameSync(temp, path);
  } catch (e) {
    if (force) try { unlinkSync(temp); } catch { /* never created */ }
    if (isAuditError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && !force) throw new AuditError('E_USAGE', { detail: existsMessage });
    throw new AuditError('E_OUTPUT_UNWRITABLE', { what: 'the config file', detail: code ?? String(e) }, { file: path });
  }
}

const DELIMITER_NAMES: Record<string, string> = { ',': '","', ';': '";"', '\t': 'tab', '|': '"|"' };

export async function runInit(sample: string | undefined, opts: InitOptions, io: CliIO): Promise<number> {
  const lang: Lang = opts.lang === 'fr' || opts.lang === 'en' ? opts.lang : defaultLang(io);
  const L = (id: string, p?: Record<string, string | number>) => t(lang, id, p);
  const target = resolve(io.cwd, opts.out ?? DEFAULT_CONFIG_NAME);
  try {
    const samplePath = sample === undefined ? undefined : sample === '-' ? '-' : resolve(io.cwd, sample);
    if (samplePath && samplePath !== '-') assertNotInput(target, samplePath, 'the config file');
    // A device or a FIFO at the config's path is refused before anything is read (`init -o ./null --force`
    // replaced a character device with the config).
    assertWritableTarget(target, 'the config file');
    if (!opts.force && existsSync(target)) {
      throw new AuditError('E_USAGE', { detail: L('init.exists', { path: target }) });
    }
    let info: SampleInfo | undefined;
    if (samplePath) {
      try {
        info = await inspectSample(samplePath, opts, io.stdin, io.signal);
      } catch (e) {
        throw isAuditError(e) ? e.at(samplePath === '-' ? '<stdin>' : samplePath) : e;
      }
    }
    const config = initialConfig(target, info);
    await cleanStaleTemps([target], io, lang, false);
    writeConfig(target, JSON.stringify(config, null, 2) + '\n', !!opts.force, L('init.exists', { path: target }));

    const out: string[] = [L('init.wrote', { path: target })];
    if (info) {
      if (info.sheet !== undefined) out.push(L('init.sampleWorkbook', { columns: info.columns, sheet: info.sheet }));
      else out.push(L('init.sample', { columns: info.columns, encoding: info.encoding, delimiter: DELIMITER_NAMES[info.delimiter] ?? JSON.stringify(info.delimiter) }));
      const mapped = Object.entries(info.mapping);
      out.push(L('init.mapped', { count: mapped.length }));
      // The field in words ("fin d’adhésion"); the config file written holds its key.
      const width = Math.max(0, ...mapped.map(([f]) => fieldWord(lang, f).length));
      for (const [field, column] of mapped) out.push(`  ${fieldWord(lang, field).padEnd(width)}  ← ${column}`);
      if (info.unmapped.length) out.push(L('init.unmapped', { count: info.unmapped.length, columns: info.unmapped.join(', ') }));
      if (info.detected.length) out.push(L('init.detected', { count: info.detected.length, columns: info.detected.join(', ') }));
      if (!CONTACT_FIELDS.some((f) => info!.mapping[f] !== undefined)) out.push(L('init.noContact'));
    } else {
      out.push(L('init.noSample'));
    }
    out.push(L('init.review'));
    // Column names come from the sample: shown escaped, never driving the terminal (issue #16).
    io.stdout.write(out.map((l) => escapeControls(l)).join('\n') + '\n');
    return EXIT.OK;
  } catch (e) {
    return reportError(io, lang, e);
  }
}
