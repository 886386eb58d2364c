/**
 * Rights requests (issue #13): `find`, `access`, `erase`, and their batch form (`--requests`), on the
 * purge's machinery (the same normalised identifiers, the same scan driver, the same purge log and
 * suppression list).
 */
import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { loadConfig, type Config } from '../config.js';
import type { Lang } from '../types.js';

import { basename, dirname, extname, join } from 'node:path';
import { renameSync, unlinkSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { EXIT, configAndLang, parseMap, reportError, defaultLang } from './shared.js';
import { forgetNewKey, keyLoader, purgeDefaults, resolveKeyPath } from './purge-command.js';
import { t, render } from '../i18n/index.js';
import { fieldWord } from '../i18n/words.js';
import { usageError } from '../errors.js';
import { fieldGetter, type Mapping } from '../mapping.js';
import { formatDay, dayOf } from '../read/values.js';
import type { Sidecar, ScanOptions } from '../scan.js';
import type { RowResult } from '../engine.js';
import { isPerson, personQuery, queryKinds, readRequests, type PersonQuery } from '../rights/person.js';
import { PurgeRun, SuppressionList, retentionApplied, type SuppressionKind } from '../purge.js';
import { ephemeralKey, type HashKey } from '../keys.js';
import { AtomicFile, assertNotInput } from '../write/atomic.js';
import { stemOf } from '../scan.js';

/** Config and language for the commands that take no scan options (verify, find, access, erase). */
export function prepareLight(opts: { config?: string; lang?: string }, io: CliIO): { config: Config; lang: Lang } {
  return configAndLang(opts, io, loadConfig);
}

export interface RightsOptions {
  email?: string;
  phone?: string;
  id?: string;
  name?: string;
  requests?: string;
  config?: string;
  lang?: string;
  map?: string[];
  encoding?: string;
  delimiter?: string;
  asOf?: string;
  format?: string;
  out?: string;
  outDir?: string;
  log?: string;
  keyFile?: string;
  suppressionList?: string;
  dryRun?: boolean;
  inPlace?: boolean;
  quiet?: boolean;
}

/** The rule an erasure is logged under, and its legal basis (RGPD art. 17). */
export const ERASURE_RULE = 'erasure-request';
const ERASURE_REFERENCE = 'RGPD (règlement (UE) 2016/679), art. 17 — droit à l’effacement <https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679>';

interface Request {
  label: string;
  query: PersonQuery;
}

/** The requests of a run: the identifiers on the command line, or each line of --requests for this command. */
function requestsOf(opts: RightsOptions, command: string, lang: Lang): { requests: Request[]; skipped: number } {
  if (opts.requests) {
    if (opts.email ?? opts.phone ?? opts.id ?? opts.name) throw usageError('requestsAndIdentity');
    const lines = readRequests(resolve(opts.requests));
    const mine = lines.filter((l) => !l.kind || l.kind === command);
    return {
      requests: mine.map((l) => ({ label: render(lang, { id: 'rights.requestLine', params: { line: l.line, kinds: queryKinds(l.query) } }), query: l.query })),
      skipped: lines.length - mine.length,
    };
  }
  const query = personQuery({ email: opts.email, phone: opts.phone, id: opts.id, name: opts.name });
  return { requests: [{ label: render(lang, { id: 'rights.requestOne', params: { kinds: queryKinds(query) } }), query }], skipped: 0 };
}

/** A row of a file that is the person's, as `find` and `access` keep it. */
interface Hit {
  file: string;
  line: number;
  r: RowResult;
  cells: string[];
  header: string[];
  mapping: Mapping;
}

/** Reads one file through the scan driver (dialect, mapping, rules) and keeps the rows of the people asked about. */
async function scanFor(file: string, queries: PersonQuery[], opts: RightsOptions, base: Partial<ScanOptions>): Promise<{ hits: Hit[][]; retention: Record<string, string> }> {
  const { scanFile } = await import('../scan.js');
  const hits: Hit[][] = queries.map(() => []);
  let header: string[] = [];
  let mapping: Mapping = {};
  const finder: Sidecar = {
    path: '',
    what: 'the extract',
    start: (h, m) => {
      header = h;
      mapping = m;
      return '';
    },
    row: (r, cells) => {
      const get = fieldGetter(mapping, cells);
      queries.forEach((q, i) => {
        if (isPerson(q, get)) hits[i].push({ file, line: r.line, r, cells, header, mapping });
      });
      return undefined;
    },
  };
  const result = await scanFile({ ...base, input: file, mode: 'scan', dryRun: true, noReport: true, sidecars: [finder] });
  return { hits, retention: { ...(result.report.options.retention ?? {}) } };
}

function baseOptions(opts: RightsOptions, io: CliIO, config: Config, lang: Lang): Partial<ScanOptions> {
  return { config, lang, map: parseMap(opts.map), encoding: opts.encoding, delimiter: opts.delimiter, asOf: opts.asOf, now: io.now, signal: io.signal };
}

/** `find`: the files and lines where the person appears; nothing of the rows is printed. */
export async function runFind(files: string[], opts: RightsOptions, io: CliIO): Promise<number> {
  let lang: Lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  try {
    const prepared = prepareLight(opts, io);
    lang = prepared.lang;
    const { requests, skipped } = requestsOf(opts, 'find', lang);
    const base = baseOptions(opts, io, prepared.config, lang);
    const perRequest: { file: string; line: number; category: string }[][] = requests.map(() => []);
    for (const f of files) {
      const file = resolve(io.cwd, f);
      const { hits } = await scanFor(file, requests.map((r) => r.query), opts, base);
      hits.forEach((h, i) => perRequest[i].push(...h.map((x) => ({ file, line: x.line, category: x.r.category }))));
    }
    if (opts.format === 'json') {
      io.stdout.write(JSON.stringify(requests.map((r, i) => ({ request: r.label, found: perRequest[i] })), null, 2) + '\n');
    } else {
      const lines: string[] = [];
      requests.forEach((r, i) => {
        const found = perRequest[i];
        lines.push(t(lang, 'rights.findSummary', { request: r.label, rows: found.length, files: new Set(found.map((x) => x.file)).size }));
        for (const x of found) lines.push(`  ${render(lang, { id: 'rights.findLine', params: { file: x.file, line: x.line, category: x.category } })}`);
      });
      if (skipped) lines.push(t(lang, 'rights.skipped', { count: skipped }));
      io.stdout.write(lines.join('\n') + '\n');
    }
    return perRequest.some((p) => p.length) ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    return reportError(io, lang, e);
  }
}

const CONSENT_FIELDS = ['consent', 'consent_email', 'consent_sms', 'consent_phone', 'consent_post', 'consent_social', 'consent_ads', 'consent_date', 'objection'] as const;

/** One record of the art. 15 answer: where the row is, what the tool makes of it, and the row itself. */
function accessRecord(h: Hit, retention: Record<string, string>, lang: Lang) {
  const get = fieldGetter(h.mapping, h.cells);
  const consents: Record<string, string> = {};
  for (const f of CONSENT_FIELDS) {
    const v = get(f as never);
    if (v !== undefined && v !== '') consents[f] = v;
  }
  // The duration that applies; the date it runs to is in the retention findings, as the rules decide it.
  const duration = retention[h.r.category];
  // Category and duration in words: the extract is sent to the person (RGPD art. 12: intelligible).
  const retentionText = render(lang, duration ? { id: 'rights.retention', params: { category: h.r.category, duration } } : { id: 'rights.retentionNone', params: { category: h.r.category } });
  const data: Record<string, string> = {};
  h.header.forEach((col, i) => {
    data[col] = h.cells[i] ?? '';
  });
  return {
    file: h.file,
    line: h.line,
    source: t(lang, `report.source.${h.r.source}`),
    category: t(lang, `report.category.${h.r.category}`),
    retention: retentionText,
    consents,
    findings: h.r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: render(lang, f.message) })),
    data,
  };
}

/** `access`: the person's rows with their source, category, consents, retention and findings (art. 15). */
export async function runAccess(files: string[], opts: RightsOptions, io: CliIO): Promise<number> {
  let lang: Lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  try {
    const prepared = prepareLight(opts, io);
    lang = prepared.lang;
    const { requests, skipped } = requestsOf(opts, 'access', lang);
    if (opts.requests ? !opts.outDir : !opts.out) throw usageError(opts.requests ? 'accessOutDir' : 'accessOut');
    const outs = requests.map((_, i) => (opts.requests ? join(resolve(io.cwd, opts.outDir!), `access-${i + 1}.json`) : resolve(io.cwd, opts.out!)));
    const inputs = files.map((f) => resolve(io.cwd, f));
    for (const o of outs) for (const i of inputs) assertNotInput(o, i, 'the extract');
    const base = baseOptions(opts, io, prepared.config, lang);
    const records: ReturnType<typeof accessRecord>[][] = requests.map(() => []);
    for (const file of inputs) {
      const { hits, retention } = await scanFor(file, requests.map((r) => r.query), opts, base);
      hits.forEach((h, i) => records[i].push(...h.map((x) => accessRecord(x, retention, lang))));
    }
    const lines: string[] = [];
    for (let i = 0; i < requests.length; i++) {
      const out = outs[i];
      const f = await AtomicFile.open(out, 'the extract');
      try {
        await f.write(extname(out).toLowerCase() === '.csv' ? accessCsv(records[i], lang) : JSON.stringify({ generatedAt: new Date((io.now ?? Date.now)()).toISOString(), lang, records: records[i] }, null, 2) + '\n');
        await f.commit();
      } catch (e) {
        f.abort();
        throw e;
      }
      lines.push(t(lang, 'rights.accessSummary', { request: requests[i].label, rows: records[i].length, files: new Set(records[i].map((r) => r.file)).size, path: out }));
    }
    if (skipped) lines.push(t(lang, 'rights.skipped', { count: skipped }));
    if (!opts.quiet) io.stdout.write(lines.join('\n') + '\n' + t(lang, 'rights.accessWarning') + '\n');
    return records.some((r) => r.length) ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    return reportError(io, lang, e);
  }
}

/** The extract as CSV, one line per item (Excel-friendly whatever the files' columns), with a BOM. */
function accessCsv(records: ReturnType<typeof accessRecord>[], lang: Lang): string {
  const L = (id: string) => t(lang, `rights.item.${id}`);
  const rows: string[][] = [[L('file'), L('line'), L('item'), L('value')]];
  for (const r of records) {
    const at = [r.file, String(r.line)];
    rows.push([...at, L('source'), r.source], [...at, L('category'), r.category], [...at, L('retention'), r.retention]);
    for (const [k, v] of Object.entries(r.consents)) rows.push([...at, fieldWord(lang, k), v]);
    for (const f of r.findings) rows.push([...at, `${L('finding')} ${f.rule}`, f.message]);
    for (const [k, v] of Object.entries(r.data)) rows.push([...at, k, v]);
  }
  // A value starting like a formula is shown, not run, when the person opens the extract in a spreadsheet.
  return '\uFEFF' + stringify(rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v))));
}

/**
 * `erase`: removes the person's rows from each file (every other row as it was), logs each removal in
 * the purge-log format (rule erasure-request, RGPD art. 17) and puts the person's e-mail and phone on
 * the suppression list so a later import is caught (art. 21). The CNIL's developer guide asks that
 * erasure on request use the same implementation as the retention purge: this is the purge's driver,
 * log and list, with the person's rows in place of the rules' decision.
 */
export async function runErase(files: string[], opts: RightsOptions, io: CliIO): Promise<number> {
  let lang: Lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  let stored: ReturnType<typeof keyLoader> | undefined;
  let written = false;
  try {
    const prepared = prepareLight(opts, io);
    lang = prepared.lang;
    const config = prepared.config;
    const { requests, skipped } = requestsOf(opts, 'erase', lang);
    if (files.length > 1 && (opts.out || opts.log)) throw usageError('severalOutputs');
    if (opts.inPlace && opts.out) throw usageError('inPlaceOut');
    const now = io.now ?? Date.now;
    const day = formatDay(opts.asOf ? dayOf(Date.parse(opts.asOf)) : dayOf(now()));
    const purgedAt = new Date(now()).toISOString();
    const keyPath = resolveKeyPath(opts, config.keyFile, io.cwd);
    stored = keyLoader(() => keyPath, !opts.dryRun);
    const loader = stored;
    let standIn: HashKey | undefined;
    const { existsSync: exists } = await import('node:fs');
    const key = () => (opts.dryRun && !exists(keyPath) ? (standIn ??= ephemeralKey(keyPath)) : loader());
    // The campaign's list (option, else config, else suppression-list.csv beside the config).
    const configDir = opts.config ? dirname(resolve(io.cwd, opts.config)) : io.cwd;
    const listPath = opts.suppressionList ? resolve(io.cwd, opts.suppressionList) : config.suppressionList ?? join(configDir, 'suppression-list.csv');
    const queries = requests.map((r) => r.query);
    const own: [SuppressionKind, string][] = [];
    for (const q of queries) {
      if (q.email) own.push(['email', q.email]);
      if (q.phone) own.push(['phone', q.phone]);
    }
    const { scanFile } = await import('../scan.js');
    const base = baseOptions(opts, io, config, lang);
    const perRequest = requests.map(() => 0);
    const lines: string[] = [];
    let first = true;
    let erasedAll = 0;
    for (const f of files) {
      const input = resolve(io.cwd, f);
      assertNotInput(listPath, input, 'the suppression list');
      assertNotInput(keyPath, input, 'the key file');
      const defaults = purgeDefaults(input, opts.outDir ? resolve(io.cwd, opts.outDir) : undefined, day);
      const dir = dirname(defaults.out);
      const log = opts.log ? resolve(io.cwd, opts.log) : join(dir, `${stemOf(input)}.erasure-log-${day}.csv`);
      const target = opts.inPlace ? input : opts.out ? resolve(io.cwd, opts.out) : join(dir, `${stemOf(input)}.erased${extname(input).toLowerCase() === '.gz' ? '.csv' : extname(input) || '.csv'}`);
      // In place: written beside the input, renamed over it only once complete.
      const out = opts.inPlace ? join(dirname(input), `.${basename(input)}.cnil-audit-erase-${process.pid}`) : target;
      let mapping: Mapping = {};
      const lines0: number[] = [];
      const run = new PurgeRun({
        lang,
        key,
        purgedAt,
        dryRun: !!opts.dryRun,
        log,
        suppression: { path: listPath, list: SuppressionList.read(listPath, true, key), addedOn: day },
        retention: retentionApplied(config),
        logAs: () => ({ rule: ERASURE_RULE, reason: t(lang, 'rights.erasureReason'), reference: ERASURE_REFERENCE }),
        suppressWhen: () => true,
        alsoSuppress: first ? own : [],
      });
      const sidecars = run.sidecars();
      const start = sidecars[0].start!;
      sidecars[0].start = (h, m) => {
        mapping = m;
        return start(h, m);
      };
      const adjustRow = (r: RowResult, cells: string[]) => {
        const get = fieldGetter(mapping, cells);
        let mine = false;
        queries.forEach((q, i) => {
          if (isPerson(q, get)) {
            mine = true;
            perRequest[i]++;
          }
        });
        r.findings = [];
        r.dropped = mine;
        r.output = mine ? null : cells;
        if (mine) lines0.push(r.line);
      };
      try {
        await scanFile({ ...base, input, mode: 'purge', out, noReport: true, dryRun: !!opts.dryRun, sidecars, adjustRow, readOnly: [{ path: keyPath, what: 'the key file' }] });
        if (opts.inPlace && !opts.dryRun) renameSync(out, input);
      } catch (e) {
        if (opts.inPlace) try { unlinkSync(out); } catch { /* not written */ }
        throw e;
      }
      first = false;
      written = true;
      erasedAll += run.purged;
      lines.push(t(lang, opts.dryRun ? 'rights.eraseDry' : 'rights.eraseFile', { file: input, rows: run.purged, lines: lines0.join(', ') || '—', out: target, log }));
      if (!opts.dryRun && run.suppressionAdded) lines.push(`  ${t(lang, 'rights.eraseSuppression', { path: listPath, added: run.suppressionAdded })}`);
    }
    requests.forEach((r, i) => lines.push(t(lang, 'rights.eraseRequest', { request: r.label, rows: perRequest[i] })));
    if (skipped) lines.push(t(lang, 'rights.skipped', { count: skipped }));
    if (!opts.dryRun) {
      const k = key();
      lines.push(t(lang, 'purge.key', { path: k.path, fingerprint: k.fingerprint }));
      if (k.created) lines.push(t(lang, 'purge.keyCreated'));
    }
    if (!opts.quiet) io.stdout.write(lines.join('\n') + '\n');
    return erasedAll ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    if (!written && stored) forgetNewKey(stored);
    return reportError(io, lang, e);
  }
}
