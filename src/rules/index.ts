/**
 * The rule registry: every rule of SPEC §5, one file each, in the order they run and are listed.
 * Adding a rule: see CONTRIBUTING.md ("Adding a rule"). What a rule is about is its `tags`; whether
 * `purge` removes on it, and in which order, its `purge` rank.
 */
import type { Rule } from './types.js';
import malformedRow from './malformed-row.js';
import invalidDate from './invalid-date.js';
import socialScraping from './social-scraping.js';
import forbiddenSource from './forbidden-source.js';
import objectionIgnored from './objection-ignored.js';
import socialEnrichment from './social-enrichment.js';
import crossChannel from './cross-channel.js';
import missingConsent from './missing-consent.js';
import unknownChannel from './unknown-channel.js';
import politicalAds from './political-ads.js';
import singleMessageExceeded from './single-message-exceeded.js';
import thirdPartySource from './third-party-source.js';
import unknownSource from './unknown-source.js';
import missingConsentProof from './missing-consent-proof.js';
import retentionExpired from './retention-expired.js';
import retentionUnknown from './retention-unknown.js';
import politicalOpinion from './political-opinion.js';
import sensitiveData from './sensitive-data.js';
import profiling from './profiling.js';
import minor from './minor.js';
import columnNotUnderstood from './column-not-understood.js';

export const rules: readonly Rule[] = [
  malformedRow,
  columnNotUnderstood,
  socialScraping,
  forbiddenSource,
  objectionIgnored,
  socialEnrichment,
  crossChannel,
  missingConsent,
  politicalAds,
  unknownChannel,
  singleMessageExceeded,
  thirdPartySource,
  unknownSource,
  missingConsentProof,
  retentionExpired,
  retentionUnknown,
  politicalOpinion,
  sensitiveData,
  profiling,
  minor,
  invalidDate,
];

/** Rules `purge` removes rows on (their `purge` rank is set). */
export const PURGE_RULES: ReadonlySet<string> = new Set(rules.filter((r) => r.purge !== undefined).map((r) => r.id));

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));

export type { Rule, RuleMeta, RuleReport, RowContext, Classification, HeaderPlan, RuleSettings } from './types.js';
