/**
 * The bundled exports (fixtures/, see fixtures/README.md) produce the findings their README describes.
 * Counts are pinned so a change in classification or rules shows up here, to be reviewed, not ignored.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scanFile } from '../src/scan.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

const EXPECTED: Record<string, { rows: number; kept: number; byRule: Record<string, number>; scrubbed: string[] }> = {
  'mailchimp-audience.csv': {
    rows: 30, kept: 13, scrubbed: ['MEMBER_RATING', 'LATITUDE', 'LONGITUDE'],
    // OPTIN_IP and CONFIRM_IP are the proof of consent (RGPD art. 7.1), not profiling (issue 11).
    byRule: { profiling: 64, 'retention-expired': 10, 'social-scraping': 3, 'retention-unknown': 5, 'missing-consent': 6, 'third-party-source': 4, 'objection-ignored': 3, 'unknown-source': 2, 'social-enrichment': 1, 'cross-channel': 1, 'missing-consent-proof': 1 },
  },
  'nationbuilder-people.csv': {
    rows: 34, kept: 14, scrubbed: ['inferred_support_level'],
    byRule: { 'missing-consent': 3, 'retention-expired': 14, 'political-opinion': 10, 'social-enrichment': 2, 'cross-channel': 1, 'social-scraping': 2, 'retention-unknown': 5, 'third-party-source': 4, 'missing-consent-proof': 4, 'objection-ignored': 2, minor: 2, 'unknown-source': 1, 'forbidden-source': 2 },
  },
  'action-network.csv': {
    rows: 30, kept: 15, scrubbed: ['score_mobilisation'],
    byRule: { profiling: 14, 'objection-ignored': 3, 'missing-consent': 4, 'third-party-source': 4, 'retention-expired': 10, 'social-enrichment': 3, 'cross-channel': 3, 'social-scraping': 2, 'retention-unknown': 4, 'political-opinion': 1, minor: 2, 'unknown-source': 2, 'missing-consent-proof': 2 },
  },
  'fichier-militants-excel.csv': {
    rows: 35, kept: 19, scrubbed: ["Centres d'intérêt", 'Syndicat'],
    byRule: { 'sensitive-data': 4, 'retention-expired': 11, 'social-enrichment': 9, 'cross-channel': 3, profiling: 7, 'social-scraping': 1, 'retention-unknown': 4, 'third-party-source': 2, 'missing-consent-proof': 3, 'forbidden-source': 2, minor: 2, 'objection-ignored': 3, 'unknown-source': 1, 'invalid-date': 2, 'political-opinion': 1 },
  },
  'liste-electorale-extrait.csv': { rows: 30, kept: 30, scrubbed: [], byRule: {} },
};

describe('bundled fixtures, scanned --for email --as-of 2026-11-23 --election-date 2027-03-14', () => {
  for (const [file, want] of Object.entries(EXPECTED)) {
    it(file, async () => {
      const { report } = await scanFile({
        input: join(FIXTURES, file), dryRun: true, noReport: true, for: ['email'], asOf: '2026-11-23', electionDate: '2027-03-14', lang: 'en',
      });
      expect(report.input.rows).toBe(want.rows);
      expect(report.output.rows).toBe(want.kept);
      expect(report.output.rows + report.output.droppedRows).toBe(report.input.rows);
      expect(report.output.scrubbedColumns).toEqual(want.scrubbed);
      expect(report.summary.byRule).toEqual(want.byRule);
    });
  }

  it('the electoral list is all voters, and all past retention the day after the election', async () => {
    const { report } = await scanFile({
      input: join(FIXTURES, 'liste-electorale-extrait.csv'), dryRun: true, noReport: true, for: ['post'], asOf: '2027-03-15', electionDate: '2027-03-14',
    });
    expect(report.summary.byCategory.voter).toBe(30);
    expect(report.summary.byRule['retention-expired']).toBe(30);
    expect(report.output.rows).toBe(0);
  });
});
