/**
 * Rights requests (issue #13): `find`, `access`, `erase`, and their batch form (`--requests`), on the
 * purge's machinery (the same normalised identifiers over every e-mail and phone column, the same scan
 * driver, the same purge log and suppression list).
 *
 * Like scan and purge (issue #16), a run is planned before anything is read or written: no output over
 * any input, the config, the key file, the suppression list or a log; no two outputs on one path; no
 * special file. The tool's own files given as inputs (a `*.csv` glob in the DPO's folder picks up the
 * logs and the list) are skipped with a notice. Every input is read before anything is committed, and
 * nothing is committed when one fails, when a request is ambiguous, or when stdout fails (exit 2, one
 * line). `erase` holds the suppression list's lock, and each log's, from before reading them to after
 * the last rename.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { CliIO } from './io.js';
import { loadConfig, type Config } from '../config.js';
import { EXIT, configAndLang, defaultLang, oneLine, rawOptions, reportError } from './shared.js';
import { normalizeOptions } from '../options.js';
import { forgetNewKey, keyLoader, resolveKeyPath } from './purge-command.js';
import { readingOptions } from './scan-command.js';
import { makeOutDir } from '../run.js';
import { render, t } from '../i18n/index.js';
import { categoryWord, durationWords } from '../i18n/words.js';
import { AuditError, abortError, isAuditError, usageError } from '../errors.js';
import { escapeControls } from '../controls.js';
import type { Mapping } from '../mapping.js';
import { formatDay } from '../read/values.js';
import { stemOf, type Sidecar, type ScanOptions, type ScanResult } from '../scan.js';
import type { RowResult } from '../engine.js';
import type { RetentionDecision } from '../law/retention.js';
import type { FindingList } from '../report/findings.js';
import { ERASURE_RULE, PersonMatcher, distinctPeople, nameWithoutBirth, personQuery, queryKinds, readRequests, type HitKeys, type PersonQuery } from '../rights/person.js';
import { ownFileKind, type OwnFileKind } from '../rights/own-files.js';
import { PurgeRun, SuppressionList, retentionApplied, type SuppressionKind } from '../purge.js';
import { ephemeralKey, type HashKey } from '../keys.js';
import { AtomicFile, fileKey, realOrResolved } from '../write/atomic.js';
import { isWorkbookFile } from '../write/xlsx-output.js';
import { flushWritable, writeWaiting, type WritableLike } from '../write/drain.js';
import type { Lang } from '../types.js';

export { ERASURE_RULE };

/** Config and language for the commands that take no scan options (verify). */
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
  sheet?: string;
  headerRow?: string;
  profile?: string;
  source?: string;
  dateOrder?: string;
  electionDate?: string;
  maxInputBytes?: string;
  asOf?: string;
  format?: string;
  out?: string;
  outDir?: string;
  log?: string;
  keyFile?: string;
  suppressionList?: string;
  dryRun?: boolean;
  inPlace?: boolean;
  /** erase: erase every row matched even when they are several people, or a name without a birth date. */
  allMatches?: boolean;
  quiet?: boolean;
}

const ERASURE_REFERENCE = 'RGPD (règlement (UE) 2016/679), art. 17 — droit à l’effacement <https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679>';

interface Request {
  label: string;
  /** Its line in --requests (names a batch's extract). */
  line?: number;
  query: PersonQuery;
}

/** The requests of a run: the identifiers on the command line, or each line of --requests for this command. */
function requestsOf(opts: RightsOptions, command: string, lang: Lang, cwd: string): { requests: Request[]; skipped: number } {
  if (opts.requests) {
    if (opts.email ?? opts.phone ?? opts.id ?? opts.name) throw usageError('requestsAndIdentity');
    const lines = readRequests(resolve(cwd, opts.requests));
    const mine = lines.filter((l) => !l.kind || l.kind === command);
    if (!mine.length) throw usageError('requestsNone', { command, file: opts.requests });
    return {
      requests: mine.map((l) => ({ label: render(lang, { id: 'rights.requestLine', params: { line: l.line, kinds: queryKinds(l.query) } }), line: l.line, query: l.query })),
      skipped: lines.length - mine.length,
    };
  }
  const query = personQuery({ email: opts.email, phone: opts.phone, id: opts.id, name: opts.name });
  return { requests: [{ label: render(lang, { id: 'rights.requestOne', params: { kinds: queryKinds(query) } }), query }], skipped: 0 };
}

/** A path as the DPO typed it (relative to the working folder when inside it), safe for a terminal. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return escapeControls(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path);
}

/** What a rights run needs before reading anything: config, language, requests, inputs, scan options. */
interface Prepared {
  config: Config;
  configPath?: string;
  lang: Lang;
  requests: Request[];
  skipped: number;
  inputs: string[];
  base: Partial<ScanOptions>;
  keyPath: string;
  requestsPath?: string;
  /** Lines for stderr: inputs skipped as the tool's own files. */
  notices: string[];
}

/** The campaign's suppression list: the option, else the config's, else suppression-list.csv beside the config. */
function listPathOf(opts: RightsOptions, config: Config, configPath: string | undefined, cwd: string): string {
  if (opts.suppressionList) return resolve(cwd, opts.suppressionList);
  return config.suppressionList ?? join(configPath ? dirname(configPath) : cwd, 'suppression-list.csv');
}

function prepareRights(files: string[], opts: RightsOptions, io: CliIO, command: 'find' | 'access' | 'erase', listPath?: (config: Config, configPath?: string) => string): Prepared & { listPath?: string } {
  const { config, configPath, lang } = configAndLang(opts, io, loadConfig);
  const { requests, skipped } = requestsOf(opts, command, lang, io.cwd);
  const keyPath = resolveKeyPath(opts, config.keyFile, io.cwd);
  const list = listPath?.(config, configPath);
  const requestsPath = opts.requests ? resolve(io.cwd, opts.requests) : undefined;
  const base: Partial<ScanOptions> = {
    config,
    lang,
    // Checked now, so a mistyped value is a usage error before anything is read (src/options.ts, as scan's).
    options: normalizeOptions(rawOptions(opts, config, lang, io)),
    now: io.now,
    signal: io.signal,
    ...readingOptions(opts),
  };
  // The tool's own files are not contact files: skipped, and said (issue #13 audit: `erase *.csv`).
  const known = new Map<string, OwnFileKind | 'config'>();
  known.set(fileKey(keyPath), 'key-file');
  if (configPath) known.set(fileKey(configPath), 'config');
  if (requestsPath) known.set(fileKey(requestsPath), 'requests');
  if (list) known.set(fileKey(list), 'suppression-list');
  const inputs: string[] = [];
  const seen = new Set<string>();
  const notices: string[] = [];
  for (const f of files) {
    const input = resolve(io.cwd, f);
    const real = fileKey(input);
    if (seen.has(real)) {
      notices.push(t(lang, 'rights.inputTwice', { file: shown(io.cwd, input) }));
      continue;
    }
    seen.add(real);
    const kind = known.get(real) ?? ownFileKind(input);
    if (kind) {
      notices.push(t(lang, 'rights.skippedOwn', { file: shown(io.cwd, input), kind: t(lang, `rights.own.${kind}`) }));
      continue;
    }
    inputs.push(input);
  }
  if (!inputs.length) throw usageError('rightsNoInput');
  return { config, configPath, lang, requests, skipped, inputs, base, keyPath, requestsPath, notices, listPath: list };
}

/** Writes to stdout with back-pressure, then waits for it to be flushed (a failed stdout is exit 2, issue #16). */
async function print(io: CliIO, text: string): Promise<void> {
  if (text) await writeWaiting(io.stdout as WritableLike, text);
  await flushWritable(io.stdout as WritableLike);
  if (io.signal?.aborted) throw abortError(io.signal);
}

function notify(io: CliIO, lines: string[], quiet?: boolean): void {
  if (quiet) return;
  for (const l of lines) io.stderr.write(`cnil-audit: ${oneLine(l)}\n`);
}

/** A row of a file that is the person's, as `find` and `access` keep it. */
interface Hit {
  keys: HitKeys;
  r: RowResult;
  cells: string[];
  header: string[];
  mapping: Mapping;
  /** access: the row's retention, decided as the rules decide it. */
  retention?: RetentionDecision;
}

interface FileScan {
  hits: Hit[][];
  /** A workbook's sheets not read (a person may be in them). */
  otherSheets: string[];
  sheet?: string;
}

/**
 * A sidecar that writes nothing and keeps the rows of the people asked about. With `retention`, each
 * matched row's retention is decided too (access).
 */
function finder(file: string, queries: PersonQuery[], hits: Hit[][], retention: boolean): Sidecar {
  let matcher: PersonMatcher | undefined;
  let header: string[] = [];
  let mapping: Mapping = {};
  let engine: Parameters<NonNullable<Sidecar['start']>>[2] | undefined;
  return {
    path: '',
    what: 'the extract',
    start: (h, m, e) => {
      header = h;
      mapping = m;
      engine = e;
      matcher = new PersonMatcher(queries, file, h, m, e.plan.contact);
      return '';
    },
    row: (r, cells) => {
      const m = matcher!.match(cells, r.line);
      if (!m) return undefined;
      const decided = retention && !m.keys.malformed ? engine?.retentionOf(cells) : undefined;
      for (const i of m.requests) hits[i].push({ keys: m.keys, r, cells, header, mapping, retention: decided });
      return undefined;
    },
  };
}

/** Reads one file through the scan driver (dialect, profile, mapping, rules), writing nothing. */
async function scanFor(file: string, queries: PersonQuery[], base: Partial<ScanOptions>, retention: boolean): Promise<FileScan> {
  const { scanFile } = await import('../scan.js');
  const hits: Hit[][] = queries.map(() => []);
  // The matched rows keep their own findings; the report keeps none (memory stays flat on a large file).
  const result = await scanFile({ ...base, input: file, mode: 'scan', dryRun: true, noReport: true, findingsLimit: 0, sidecars: [finder(file, queries, hits, retention)] });
  const wb = result.report.input.workbook;
  return { hits, otherSheets: wb ? wb.sheets.filter((s) => s !== wb.sheet) : [], sheet: wb?.sheet };
}

/** Every input read for every request (find, access): the rows found per request, and the sheets not read. */
async function scanAll(p: Prepared, cwd: string, retention: boolean): Promise<{ hits: { file: string; hit: Hit }[][]; sheetLines: string[] }> {
  const queries = p.requests.map((r) => r.query);
  const hits: { file: string; hit: Hit }[][] = p.requests.map(() => []);
  const sheetLines: string[] = [];
  for (const file of p.inputs) {
    const scan = await scanFor(file, queries, p.base, retention);
    scan.hits.forEach((h, i) => hits[i].push(...h.map((hit) => ({ file, hit }))));
    const s = sheetsNotice(p.lang, cwd, file, scan);
    if (s) sheetLines.push(s);
  }
  return { hits, sheetLines };
}

/** "2 different people" / "1 person": how many people the rows of a request are. */
function peopleWords(lang: Lang, people: number): string {
  return t(lang, people > 1 ? 'rights.people' : 'rights.person', { count: people });
}

/** The line of a workbook whose other sheets were not searched. */
function sheetsNotice(lang: Lang, cwd: string, file: string, scan: FileScan): string | undefined {
  if (!scan.otherSheets.length) return undefined;
  return t(lang, 'rights.otherSheets', { file: shown(cwd, file), sheet: escapeControls(scan.sheet ?? ''), sheets: scan.otherSheets.map((s) => `« ${escapeControls(s)} »`).join(', ') });
}

/** `find`: the files and lines where the person appears; nothing of the rows is printed. */
export async function runFind(files: string[], opts: RightsOptions, io: CliIO): Promise<number> {
  let lang: Lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  try {
    const p = prepareRights(files, opts, io, 'find');
    lang = p.lang;
    notify(io, p.notices, opts.quiet);
    const { hits: perRequest, sheetLines } = await scanAll(p, io.cwd, false);
    const groups = perRequest.map((found) => distinctPeople(found.map((x) => x.hit.keys)));
    const personOf = (i: number, keys: HitKeys) => groups[i].findIndex((g) => g.includes(keys)) + 1;
    let text: string;
    if (opts.format === 'json') {
      text = JSON.stringify(p.requests.map((r, i) => ({
        request: r.label,
        ...(r.line !== undefined ? { requestLine: r.line } : {}),
        people: groups[i].length,
        found: perRequest[i].map((x) => ({ file: x.file, line: x.hit.keys.line, category: x.hit.r.category, person: personOf(i, x.hit.keys), ...(x.hit.keys.malformed ? { malformed: true } : {}) })),
      })), null, 2) + '\n';
    } else {
      const lines: string[] = [];
      p.requests.forEach((r, i) => {
        const found = perRequest[i];
        if (!found.length) {
          lines.push(t(lang, 'rights.findNone', { request: r.label }));
          return;
        }
        const people = groups[i].length;
        lines.push(t(lang, 'rights.findSummary', { request: r.label, rows: found.length, files: new Set(found.map((x) => x.file)).size, people: peopleWords(lang, people) }) + (people > 1 ? ' ' + t(lang, 'rights.checkPeople') : ''));
        for (const x of found) {
          let line = `  ${t(lang, 'rights.findLine', { file: shown(io.cwd, x.file), line: x.hit.keys.line, category: categoryWord(lang, x.hit.r.category) })}`;
          if (people > 1) line += ` ${t(lang, 'rights.personN', { n: personOf(i, x.hit.keys) })}`;
          if (x.hit.keys.malformed) line += ` ${t(lang, 'rights.malformedHit')}`;
          lines.push(line);
        }
      });
      lines.push(...sheetLines);
      if (p.skipped) lines.push(t(lang, 'rights.skipped', { count: p.skipped }));
      text = lines.join('\n') + '\n';
    }
    await print(io, text);
    // Exit 1 when a request found nothing (in a batch, any one of them).
    return perRequest.every((x) => x.length) ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    return reportError(io, lang, e);
  }
}

const CONSENT_FIELDS = ['consent', 'consent_email', 'consent_sms', 'consent_phone', 'consent_post', 'consent_social', 'consent_ads', 'consent_date', 'objection'] as const;

/** A row's retention in words, and the last day its data may be kept (issue #13 audit: a date, not "3y"). */
function retentionWords(lang: Lang, d: RetentionDecision | undefined, h: Hit): { text: string; until: string | null } {
  if (!d) return { text: t(lang, 'rights.ret.notAssessed'), until: null };
  if (d.status === 'current') return { text: t(lang, 'rights.ret.current'), until: null };
  if (d.status === 'unknown') return { text: t(lang, `rights.ret.unknown.${d.reason}`, { category: categoryWord(lang, d.category) }), until: null };
  const column = d.from === 'electionDate' || d.from === 'secondRoundDate' ? t(lang, `rights.ret.${d.from}`) : h.mapping[d.from] !== undefined ? `« ${h.header[h.mapping[d.from]!]} »` : d.from;
  const params = { category: categoryWord(lang, d.category), duration: durationWords(lang, d.duration), from: column, date: formatDay(d.start), deadline: formatDay(d.deadline) };
  return { text: t(lang, d.status === 'kept' ? 'rights.ret.kept' : 'rights.ret.expired', params), until: formatDay(d.deadline) };
}

/** One record of the art. 15 answer: where the row is, what the tool makes of it, in words, and the row itself. */
function accessRecord(h: Hit, file: string, lang: Lang) {
  const consents: { what: string; column: string; value: string }[] = [];
  for (const f of CONSENT_FIELDS) {
    const i = h.mapping[f];
    const v = i !== undefined && !h.keys.malformed ? h.cells[i] : undefined;
    if (v !== undefined && v.trim() !== '') consents.push({ what: t(lang, `rights.field.${f}`), column: h.header[i!], value: v });
  }
  const data: Record<string, string> = {};
  h.header.forEach((col, i) => {
    data[col] = h.cells[i] ?? '';
  });
  // A malformed row's extra cells, kept: they are the person's data too.
  for (let i = h.header.length; i < h.cells.length; i++) data[`#${i + 1}`] = h.cells[i];
  const retention = retentionWords(lang, h.retention, h);
  return {
    file,
    line: h.keys.line,
    ...(h.keys.malformed ? { note: t(lang, 'rights.malformedRecord') } : {}),
    source: t(lang, `report.source.${h.r.source}`),
    category: categoryWord(lang, h.r.category),
    retention: retention.text,
    retentionUntil: retention.until,
    consents,
    findings: h.r.findings.map((f) => ({ rule: f.rule, title: t(lang, `rule.${f.rule}.title`), severity: t(lang, `severity.${f.severity}`), message: render(lang, f.message) })),
    data,
  };
}

type AccessRecord = ReturnType<typeof accessRecord>;

/** The extract as CSV, one line per item (Excel-friendly whatever the files' columns): BOM, and `;` in French as French Excel expects. */
function accessCsv(records: AccessRecord[], lang: Lang): string {
  const L = (id: string) => t(lang, `rights.item.${id}`);
  const rows: string[][] = [[L('file'), L('line'), L('item'), L('value')]];
  for (const r of records) {
    const at = [r.file, String(r.line)];
    if (r.note) rows.push([...at, L('note'), r.note]);
    rows.push([...at, L('source'), r.source], [...at, L('category'), r.category], [...at, L('retention'), r.retention]);
    if (r.retentionUntil) rows.push([...at, L('retentionUntil'), r.retentionUntil]);
    for (const c of r.consents) rows.push([...at, c.what, `${c.value} (${L('column')} « ${c.column} »)`]);
    for (const f of r.findings) rows.push([...at, `${L('finding')} : ${f.title}`, f.message]);
    for (const [k, v] of Object.entries(r.data)) rows.push([...at, k, v]);
  }
  // A value starting like a formula is shown, not run, when the person opens the extract in a spreadsheet.
  return '\uFEFF' + stringify(rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v))), { delimiter: lang === 'fr' ? ';' : ',', record_delimiter: '\r\n' });
}

/** The plan entries every rights run protects: the config, the key file, the list, the requests file. */
function protectedInputs(p: Prepared & { listPath?: string }, withList: boolean) {
  const out: { path: string; what: string }[] = [{ path: p.keyPath, what: 'the key file' }];
  if (p.configPath) out.push({ path: p.configPath, what: 'the config file' });
  if (p.requestsPath) out.push({ path: p.requestsPath, what: 'the requests file' });
  if (withList && p.listPath) out.push({ path: p.listPath, what: 'the suppression list' });
  if (withList && p.config.suppressionList && p.config.suppressionList !== p.listPath) out.push({ path: p.config.suppressionList, what: 'the suppression list' });
  return out;
}

/** Refuses to write `what` over an existing file the tool made of another kind (a log, the list, the key). */
function assertNotOwnFile(path: string, what: string, allowed?: OwnFileKind): void {
  const kind = ownFileKind(path);
  if (kind && kind !== allowed) throw new AuditError('E_OUTPUT_SAME_FILE', { what, other: OWN_WHAT[kind] }, { file: path });
}

const OWN_WHAT: Record<OwnFileKind, string> = {
  'purge-log': 'the purge log',
  'suppression-list': 'the suppression list',
  'key-file': 'the key file',
  extract: 'the extract',
  'findings-report': 'the report',
  requests: 'the requests file',
};

/** Checks a rights run's plan, creates --out-dir, removes stale temps of killed runs in the output folders. */
async function planRun(io: CliIO, lang: Lang, p: Prepared, outputs: import('../plan.js').PlannedOutput[], extraInputs: { path: string; what: string }[], outDir: string | undefined, dryRun: boolean, quiet: boolean): Promise<void> {
  const [{ checkPlan }, { removeStaleTemps }] = await Promise.all([import('../plan.js'), import('../write/atomic.js')]);
  checkPlan({ inputs: [...p.inputs.map((path) => ({ path, what: 'the input' })), ...extraInputs], outputs });
  if (dryRun) return;
  if (outDir) makeOutDir(outDir);
  for (const dir of new Set(outputs.map((o) => dirname(resolve(o.path))))) {
    const removed = removeStaleTemps(dir);
    if (removed && !quiet) io.stderr.write(`cnil-audit: ${oneLine(t(lang, 'cli.staleTemps', { count: removed, dir }))}\n`);
  }
}

/** `access`: the person's rows with their source, category, consents, retention and findings (art. 15). */
export async function runAccess(files: string[], opts: RightsOptions, io: CliIO): Promise<number> {
  let lang: Lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  const open: AtomicFile[] = [];
  try {
    const p = prepareRights(files, opts, io, 'access');
    lang = p.lang;
    if (opts.requests ? !opts.outDir : !opts.out) throw usageError(opts.requests ? 'accessOutDir' : 'accessOut');
    notify(io, p.notices, opts.quiet);
    const outDir = opts.outDir ? resolve(io.cwd, opts.outDir) : undefined;
    // A batch's extracts are named by their request's line, so each answers a known request.
    const outs = p.requests.map((r) => (opts.requests ? join(outDir!, `access-line-${r.line}.json`) : resolve(io.cwd, opts.out!)));
    await planRun(io, lang, p, outs.map((path) => ({ path, what: 'the extract' })), protectedInputs(p, true), outDir, false, !!opts.quiet);
    for (const o of outs) assertNotOwnFile(o, 'the extract', 'extract');
    const { hits, sheetLines } = await scanAll(p, io.cwd, true);
    const lines: string[] = [];
    const generatedAt = new Date((io.now ?? Date.now)()).toISOString();
    for (let i = 0; i < p.requests.length; i++) {
      const req = p.requests[i];
      // Nobody found: no extract (an empty one would read as "we hold nothing" while a file may be unread).
      if (!hits[i].length) {
        lines.push(t(lang, 'rights.accessNone', { request: req.label }));
        continue;
      }
      const records = hits[i].map((x) => accessRecord(x.hit, shown(io.cwd, x.file), lang));
      const people = distinctPeople(hits[i].map((x) => x.hit.keys)).length;
      const out = outs[i];
      const f = await AtomicFile.open(out, 'the extract');
      open.push(f);
      await f.write(out.toLowerCase().endsWith('.csv') ? accessCsv(records, lang) : JSON.stringify({ generatedAt, lang, request: req.label, people, records }, null, 2) + '\n');
      lines.push(t(lang, 'rights.accessSummary', { request: req.label, rows: records.length, files: new Set(records.map((r) => r.file)).size, people: peopleWords(lang, people), path: shown(io.cwd, out) }) + (people > 1 ? ' ' + t(lang, 'rights.checkPeople') : ''));
    }
    lines.push(...sheetLines);
    if (p.skipped) lines.push(t(lang, 'rights.skipped', { count: p.skipped }));
    if (open.length) lines.push(t(lang, 'rights.accessWarning'));
    if (!opts.quiet) await print(io, lines.join('\n') + '\n');
    else await print(io, '');
    for (const f of open) await f.commit();
    return hits.every((h) => h.length) ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    for (const f of open) f.abort();
    return reportError(io, lang, e);
  }
}

/** The erased copy's default name: `<stem>.erased.csv` (or `.xlsx` for a workbook), beside the input or in --out-dir. */
function erasedName(input: string, dir: string): string {
  const ext = isWorkbookFile(input) ? '.xlsx' : /\.(tsv|txt)$/i.exec(input)?.[0].toLowerCase() ?? '.csv';
  return join(dir, `${stemOf(input)}.erased${ext}`);
}

/** One input's erasure: its paths, its purge run, and its scan's result until committed. */
interface EraseFile {
  input: string;
  out: string;
  log: string;
  defaultOut: boolean;
  run?: PurgeRun;
  result?: ScanResult<FindingList>;
  lines: number[];
  hits: HitKeys[];
}

/**
 * `erase`: removes the person's rows from each file (every other row as it was), logs each removal in
 * the purge-log format (rule erasure-request, RGPD art. 17) and puts the person's e-mails and phones on
 * the suppression list so a later import is caught (art. 21). The CNIL's developer guide asks that
 * erasure on request use the same implementation as the retention purge: this is the purge's driver
 * and log, with the person's rows in place of the rules' decision.
 *
 * Refused (exit 2, nothing written) when a request matches several people — namesakes, one `--id`
 * meaning two people in two exports, `--email` and `--phone` hitting two people — or names a person
 * without a birth date, unless `--all-matches` says to erase every row matched.
 */
export async function runErase(files: string[], opts: RightsOptions, io: CliIO): Promise<number> {
  let lang: Lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  let stored: ReturnType<typeof keyLoader> | undefined;
  let committed = false;
  const work: EraseFile[] = [];
  const locks: { release(): void }[] = [];
  let listFile: AtomicFile | undefined;
  try {
    const p = prepareRights(files, opts, io, 'erase', (config, configPath) => listPathOf(opts, config, configPath, io.cwd));
    lang = p.lang;
    const listPath = p.listPath!;
    const dry = !!opts.dryRun;
    if (p.inputs.length > 1 && (opts.out || opts.log)) throw usageError('severalOutputs');
    if (opts.inPlace && opts.out) throw usageError('inPlaceOut');
    // A name alone matches namesakes: erasing on it needs the birth date, or an explicit --all-matches.
    if (!opts.allMatches) {
      const unsure = p.requests.find((r) => nameWithoutBirth(r.query));
      if (unsure) throw usageError('eraseNameNoBirth', { request: unsure.label });
    }
    // A .gz written back in place would be plain CSV under a .gz name.
    if (opts.inPlace) for (const input of p.inputs) if (/\.gz$/i.test(input)) throw usageError('inPlaceGz', { file: shown(io.cwd, input) });
    notify(io, p.notices, opts.quiet);
    const now = io.now ?? Date.now;
    const day = formatDay(p.base.options!.asOf);
    const purgedAt = new Date(now()).toISOString();
    const keyPath = p.keyPath;
    stored = keyLoader(() => keyPath, !dry);
    const loader = stored;
    let standIn: HashKey | undefined;
    const key = () => (dry && !existsSync(keyPath) ? (standIn ??= ephemeralKey(keyPath)) : loader());
    const outDir = opts.outDir ? resolve(io.cwd, opts.outDir) : undefined;

    // Every path first, then the plan (issue #16), before anything is read.
    for (const input of p.inputs) {
      // The logs (and the erased copies) go to --out-dir, else beside each input.
      const dir = outDir ?? dirname(input);
      const log = opts.log ? resolve(io.cwd, opts.log) : join(dir, `${stemOf(input)}.erasure-log-${day}.csv`);
      // In place: written over the real file (a symlink's target, not the link), once complete.
      const out = opts.inPlace ? realOrResolved(input) : opts.out ? resolve(io.cwd, opts.out) : erasedName(input, dir);
      work.push({ input, out, log, defaultOut: !opts.inPlace && !opts.out, lines: [], hits: [] });
    }
    const outputs: import('../plan.js').PlannedOutput[] = [];
    for (const w of work) {
      outputs.push({ path: w.out, what: 'the erased file', of: w.input, replaces: !!opts.inPlace }, { path: w.log, what: 'the erasure log', of: w.input });
    }
    outputs.push({ path: listPath, what: 'the suppression list' });
    await planRun(io, lang, p, outputs, protectedInputs(p, false), outDir, dry, !!opts.quiet);
    for (const w of work) {
      assertNotOwnFile(w.out, 'the erased file');
      assertNotOwnFile(w.log, 'the erasure log', 'purge-log');
      // An erased copy from an earlier erasure: erasing again from the original would bring back the
      // rows it removed. Replace the original with it first, or erase from it (or --in-place).
      if (w.defaultOut && existsSync(w.out)) throw new AuditError('E_ERASED_EXISTS', { input: shown(io.cwd, w.input) }, { file: w.out });
    }
    assertNotOwnFile(listPath, 'the suppression list', 'suppression-list');

    // The list and the logs are read, extended and renamed: one run at a time (issue #16).
    if (!dry) {
      const { acquireLock } = await import('../write/lock.js');
      for (const [path, what] of [[listPath, 'the suppression list'], ...work.map((w) => [w.log, 'the erasure log'])] as [string, string][]) {
        locks.push(await acquireLock(path, {
          what,
          signal: io.signal,
          onWait: ({ pid, path: held }) => notify(io, [t(lang, 'cli.lockWait', { path: held, pid })], opts.quiet),
        }));
      }
    }

    const { scanFile } = await import('../scan.js');
    const queries = p.requests.map((r) => r.query);
    const perRequest: HitKeys[][] = p.requests.map(() => []);
    const workbookLines: string[] = [];
    for (const w of work) {
      const run = new PurgeRun({
        lang,
        key,
        purgedAt,
        dryRun: dry,
        log: w.log,
        retention: retentionApplied(p.config),
        logAs: () => ({ rule: ERASURE_RULE, reason: t(lang, 'rights.erasureReason'), reference: ERASURE_REFERENCE }),
      });
      w.run = run;
      const sidecars = run.sidecars();
      const start = sidecars[0].start!;
      let matcher: PersonMatcher | undefined;
      sidecars[0].start = (h, m, e) => {
        matcher = new PersonMatcher(queries, w.input, h, m, e.plan.contact);
        return start(h, m, e);
      };
      const adjustRow = (r: RowResult, cells: string[]) => {
        const m = matcher!.match(cells, r.line);
        r.findings = [];
        r.dropped = !!m;
        r.output = m ? null : cells;
        if (!m) return;
        w.lines.push(r.line);
        w.hits.push(m.keys);
        for (const i of m.requests) perRequest[i].push(m.keys);
      };
      w.result = await scanFile({
        ...p.base,
        input: w.input,
        mode: 'purge',
        out: w.out,
        inPlace: !!opts.inPlace,
        outputWhat: 'the erased file',
        noReport: true,
        dryRun: dry,
        sidecars,
        adjustRow,
        readOnly: [{ path: keyPath, what: 'the key file' }],
        deferCommit: true,
      });
      const wb = w.result.report.input.workbook;
      if (wb && wb.sheets.length > 1) {
        // In place, the other sheets would be lost: refused. A copy says it holds one sheet.
        if (opts.inPlace) throw usageError('inPlaceSheets', { file: shown(io.cwd, w.input), count: wb.sheets.length, sheet: escapeControls(wb.sheet) });
        workbookLines.push(t(lang, 'rights.eraseSheets', { file: shown(io.cwd, w.input), sheet: escapeControls(wb.sheet), sheets: wb.sheets.filter((s) => s !== wb.sheet).map((s) => `« ${escapeControls(s)} »`).join(', ') }));
      } else if (wb && w.lines.length) workbookLines.push(t(lang, opts.inPlace ? 'rights.eraseWorkbookInPlace' : 'rights.eraseWorkbook', { file: shown(io.cwd, w.input) }));
    }

    // Several people behind one request: nothing is erased unless --all-matches says so.
    if (!opts.allMatches) {
      for (let i = 0; i < p.requests.length; i++) {
        const groups = distinctPeople(perRequest[i]);
        if (groups.length > 1) {
          const where = groups.slice(0, 5).map((g, n) => `${t(lang, 'rights.personN', { n: n + 1 })} ${g.slice(0, 5).map((k) => t(lang, 'rights.at', { file: shown(io.cwd, k.file), line: k.line })).join(', ')}${g.length > 5 ? ', …' : ''}`).join('; ');
          throw new AuditError('E_AMBIGUOUS', { request: p.requests[i].label, people: groups.length, where: where + (groups.length > 5 ? '; …' : '') });
        }
      }
    }

    // The person's own identifiers, and every e-mail and phone of the rows erased, go on the list.
    const entries: [SuppressionKind, string][] = [];
    for (const q of queries) {
      if (q.email) entries.push(['email', q.email]);
      if (q.phone) entries.push(['phone', q.phone]);
    }
    for (const w of work) for (const k of w.hits) {
      for (const e of k.emails) entries.push(['email', e]);
      for (const ph of k.phones) entries.push(['phone', ph]);
    }
    const erasedAll = work.reduce((n, w) => n + w.lines.length, 0);
    let added = 0;
    if (!dry && erasedAll) {
      const list = SuppressionList.read(listPath, true, key);
      const rows = entries.map(([kind, value]) => list.add(kind, value, day)).filter((r): r is string[] => !!r);
      added = rows.length;
      if (rows.length) {
        listFile = await AtomicFile.open(listPath, 'the suppression list');
        await listFile.write(list.startText() + stringify(rows));
      }
    }

    const lines: string[] = [];
    for (const w of work) {
      const n = w.lines.length;
      if (!n) lines.push(t(lang, 'rights.eraseNone', { file: shown(io.cwd, w.input) }));
      else if (dry) lines.push(t(lang, 'rights.eraseDry', { file: shown(io.cwd, w.input), rows: n, lines: w.lines.join(', ') }));
      else lines.push(t(lang, opts.inPlace ? 'rights.eraseInPlace' : 'rights.eraseFile', { file: shown(io.cwd, w.input), rows: n, lines: w.lines.join(', '), out: shown(io.cwd, w.out), log: shown(io.cwd, w.log) }));
    }
    lines.push(...workbookLines);
    if (dry && erasedAll) lines.push(t(lang, 'rights.eraseSuppressionDry', { path: shown(io.cwd, listPath) }));
    if (!dry && erasedAll) lines.push(t(lang, 'rights.eraseSuppression', { path: shown(io.cwd, listPath), added, scan: listPath === p.config.suppressionList ? t(lang, 'rights.listConfigured') : t(lang, 'rights.listSuppress', { path: shown(io.cwd, listPath) }) }));
    p.requests.forEach((r, i) => {
      const n = perRequest[i].length;
      if (!n) lines.push(t(lang, 'rights.eraseRequestNone', { request: r.label }));
      else lines.push(t(lang, dry ? 'rights.eraseRequestDry' : 'rights.eraseRequest', { request: r.label, rows: n, people: peopleWords(lang, distinctPeople(perRequest[i]).length) }));
    });
    if (p.skipped) lines.push(t(lang, 'rights.skipped', { count: p.skipped }));
    if (!dry && erasedAll) {
      const k = key();
      lines.push(t(lang, 'purge.key', { path: escapeControls(k.path), fingerprint: k.fingerprint }));
      if (k.created) lines.push(t(lang, 'purge.keyCreated'));
      if (k.loose) lines.push(t(lang, 'purge.keyLoose', { path: escapeControls(k.path) }));
      // The default key sits beside what it protects unless the campaign put it elsewhere (issue #13 audit).
      const beside = [listPath, ...work.filter((w) => w.lines.length).map((w) => w.log)].find((f) => dirname(realOrResolved(f)) === dirname(k.path));
      if (beside) lines.push(t(lang, 'purge.keyBeside', { path: escapeControls(k.path) }));
    }
    // Everything is complete: stdout first (a failed stdout commits nothing), then the files.
    await print(io, opts.quiet ? '' : lines.join('\n') + '\n');
    for (const w of work) {
      if (w.lines.length && !dry) await w.result!.commit();
      else w.result?.abort();
    }
    await listFile?.commit();
    committed = !dry && erasedAll > 0;
    // Exit 1 when a request found nobody (in a batch, any one of them).
    return perRequest.every((x) => x.length) ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    for (const w of work) w.result?.abort();
    listFile?.abort();
    return reportError(io, lang, e);
  } finally {
    for (const w of work) w.result?.dispose();
    for (const l of locks) l.release();
    if (!committed && stored) forgetNewKey(stored);
  }
}
