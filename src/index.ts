/**
 * Library API of cnil-audit. Everything here is pure with respect to the process: nothing prints,
 * exits or reads process.argv.
 */
export { scanFile, type ScanOptions, type ScanResult } from './scan.js';
export { normalizeOptions, type RawOptions, type RunOptions } from './options.js';
export { checkPlan, outputsOf, type RunPlan, type PlannedInput, type PlannedOutput } from './plan.js';
export {
  planRun, runAll, checkRunOptions, makeOutDir,
  type RunAllOptions, type PlannedRun, type PlannedScan, type RunHooks, type RunOutcome, type RunProgress, type RunSoFar, type Extra, type PlanExtra,
} from './run.js';
export type { Verdict, Unreadable } from './report/combined.js';
export { createAuditStream, AuditStream, type AuditStreamOptions } from './stream.js';
export { AuditEngine, type EngineOptions, type RowResult, PURGE_RULES, DEFAULT_RETENTION } from './engine.js';
export { AuditError, isAuditError, type AuditErrorCode } from './errors.js';
export { rules, ruleById } from './rules/index.js';
export type { Rule, RuleMeta } from './rules/types.js';
export { configSchema, validateConfig, loadConfig, type Config } from './config.js';
export { resolveMapping, normalizeHeader, ALIASES } from './mapping.js';
export { parseDate, parseBoolean, formatDay } from './read/values.js';
export { openCsv } from './read/reader.js';
export { renderReport } from './report/index.js';
export { countAtOrAbove, type Report, type AnyReport, type ReportDocument, type ReportFinding } from './report/model.js';
export type { FindingList } from './report/findings.js';
export { t as message, detectLang } from './i18n/index.js';
export * from './types.js';
export { VERSION } from './version.js';
