/**
 * LinkedIn data archive, Connections.csv: a "Notes:" preamble, then
 * First Name,Last Name,URL,Email Address,Company,Position,Connected On ("24 Jul 2026")
 * (fixtures/exports/SOURCES.md, "LinkedIn").
 */
import type { ExportProfile } from './types.js';

export const linkedin: ExportProfile = {
  name: 'linkedin',
  label: 'LinkedIn, Connections.csv',
  source: 'fixtures/exports/SOURCES.md#linkedin-connectionscsv',
  signature: { all: ['First Name', 'Last Name', 'URL', 'Email Address', 'Connected On'] },
  fileName: /^connections\.csv$/i,
  preamble: /^notes:?$/i,
  mapping: { first_name: 'First Name', last_name: 'Last Name', email: 'Email Address', collected_at: 'Connected On' },
  // URL is a profile link, not contact data.
  known: ['URL', 'Company', 'Position'],
  // Every row is a relation on LinkedIn (law/sources.ts, NETWORK_CONNECTION).
  facts: { network: 'linkedin', connection: true },
};
