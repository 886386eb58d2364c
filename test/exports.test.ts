/**
 * Real-export samples (fixtures/exports/, issue 12): each row names in `_expect` the rule ids it must get
 * with the file's `<name>.options.json` (`source` is `--source`). Every sample is also scanned plain,
 * `--for email` and `--for sms`: its profile must be recognised the same way, every column the profile
 * maps must be mapped, and the people who objected to a channel must never be in a cleaned file for it.
 */
import { describe, expect, it } from 'vitest';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFile } from '../src/scan.js';
import { openCsv } from '../src/read/reader.js';
import { PROFILES, planProfile } from '../src/exports.js';
import { ruleById } from '../src/rules/index.js';
import type { Channel } from '../src/types.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'exports');
const files = readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort();

/** The profile each sample must be read with (null: none; the French sheet is read by its headers). */
const PROFILE: Record<string, string | null> = {
  'Connections.csv': 'linkedin',
  'brevo-contacts-export.csv': 'brevo',
  'cleaned_members_export_5f2e8c1a7b.csv': 'mailchimp-cleaned',
  'export-2026-11-20-csv_report_412977_1763640000.csv': 'action-network',
  'fichier-contacts-excel-fr.csv': null,
  'google-contacts.csv': 'google-contacts',
  'hubspot-crm-exports-all-contacts-2026-11-20.csv': 'hubspot',
  'liste-electorale-extraction-reu.csv': 'reu',
  'nationbuilder-people-export.csv': 'nationbuilder',
  'outlook-contacts.csv': 'outlook',
  'subscribed_members_export_5f2e8c1a7b.csv': 'mailchimp-subscribed',
  'unsubscribed_members_export_5f2e8c1a7b.csv': 'mailchimp-unsubscribed',
  // The acceptance audit's cases (issue 12): other files, partial and localised headers, more columns.
  'nonsubscribed_members_export_9c1d2e3f4a.csv': 'mailchimp-nonsubscribed',
  'subscribed_email_audience_export_7f8e9d0c1b.csv': 'mailchimp-subscribed',
  'brevo-contacts-export-legacy.csv': 'brevo',
  'hubspot-crm-exports-private-email-2026-11-21.csv': 'hubspot',
  'hubspot-crm-exports-tous-les-contacts-2026-11-21.csv': 'hubspot-fr',
  'outlook-contacts-fr.csv': 'outlook-fr',
  'fichier-contacts-colonnes-multiples.csv': null,
};

/**
 * Lines of people who objected to a channel (blocklisted, unsubscribed, "ne plus contacter"): never in a
 * cleaned file for that channel, whatever else the row holds. From the samples' cells (SOURCES.md).
 */
const OBJECTED: Record<string, Partial<Record<Channel, number[]>>> = {
  'brevo-contacts-export.csv': { email: [3, 8], sms: [4, 8] },
  'unsubscribed_members_export_5f2e8c1a7b.csv': { email: [2, 3, 4, 5, 6, 7] },
  'nationbuilder-people-export.csv': { email: [3, 5], sms: [5] },
  'export-2026-11-20-csv_report_412977_1763640000.csv': { email: [5], sms: [3] },
  'hubspot-crm-exports-all-contacts-2026-11-20.csv': { email: [4] },
  'fichier-contacts-excel-fr.csv': { email: [3], sms: [3] },
  // Not an objection, but the same promise: a LinkedIn e-mail is not usable for e-mail.
  'Connections.csv': { email: [5, 8, 10] },
  'hubspot-crm-exports-private-email-2026-11-21.csv': { email: [4] },
  'hubspot-crm-exports-tous-les-contacts-2026-11-21.csv': { email: [2] },
  // "Désinscrit" beside "Opposition", and "Ne souhaite plus être contacté"; NPAI (line 6) is no objection.
  'fichier-contacts-colonnes-multiples.csv': { email: [3, 4], sms: [3, 4] },
  // Never opted in: nothing to keep for e-mail (the same promise as an objection).
  'nonsubscribed_members_export_9c1d2e3f4a.csv': { email: [2, 3] },
};

/** Lines that must stay in the cleaned file for a channel (the audit's "removed, must be kept"). */
const KEPT: Record<string, Partial<Record<Channel, number[]>>> = {
  'subscribed_email_audience_export_7f8e9d0c1b.csv': { email: [2] },
  'fichier-contacts-colonnes-multiples.csv': { email: [6], sms: [6] },
};

interface Row { line: number; expect: string[] }

async function expectations(path: string): Promise<Row[]> {
  const reader = await openCsv(createReadStream(path), { preamble: PROFILES.flatMap((p) => (p.preamble ? [p.preamble] : [])) });
  const col = reader.header.indexOf('_expect');
  expect(col, '_expect column').toBe(reader.header.length - 1);
  const rows: Row[] = [];
  for await (const batch of reader.records()) {
    for (const r of batch) rows.push({ line: r.line, expect: (r.cells[col] ?? '').split(/\s+/).filter(Boolean).sort() });
  }
  return rows;
}

/** `fileExpect`: the rule ids of the file-level findings (on the header line), space-separated. */
function options(file: string): { for?: Channel[]; asOf?: string; electionDate?: string; source?: string; config?: object; fileExpect?: string } {
  return JSON.parse(readFileSync(join(DIR, file.replace(/\.csv$/, '.options.json')), 'utf8'));
}

async function scan(file: string, forChannels: Channel[] | undefined) {
  const o = options(file);
  return scanFile({
    input: join(DIR, file),
    dryRun: true,
    noReport: true,
    for: forChannels,
    asOf: o.asOf ?? '2026-11-23',
    electionDate: o.electionDate,
    source: o.source,
    config: o.config as never,
    lang: 'en',
    localeDateOrder: 'dmy',
  });
}

describe('real-export samples (fixtures/exports)', () => {
  it('has one sample per tool, each with its options', () => {
    expect(files).toEqual(Object.keys(PROFILE).sort());
  });

  for (const file of files) {
    describe(file, () => {
      it('gets the findings written in _expect, and keeps exactly the rows without a drop-row finding', async () => {
        const o = options(file);
        const rows = await expectations(join(DIR, file));
        const { report } = await scan(file, o.for);
        const got = new Map<number, Set<string>>(rows.map((r) => [r.line, new Set()]));
        const headerLine = report.input.headerLine ?? 1;
        const fileLevel = new Set<string>();
        for (const f of report.findings) {
          if (f.line === headerLine) fileLevel.add(f.rule);
          else (got.get(f.line) ?? got.set(f.line, new Set()).get(f.line)!).add(f.rule);
        }
        expect([...fileLevel].sort().join(' '), 'file-level findings').toBe((o.fileExpect ?? '').split(/\s+/).filter(Boolean).sort().join(' '));
        const actual = Object.fromEntries([...got].map(([line, s]) => [line, [...s].sort().join(' ')]));
        expect(actual).toEqual(Object.fromEntries(rows.map((r) => [r.line, r.expect.join(' ')])));
        const dropped = rows.filter((r) => r.expect.some((id) => ruleById.get(id)?.action === 'drop-row')).length;
        expect({ kept: report.output.rows, dropped: report.output.droppedRows }).toEqual({ kept: rows.length - dropped, dropped });
        if (o.source) expect(report.input.wholeFileSource).toMatchObject({ value: o.source, from: 'option' });
      });

      for (const channel of [undefined, 'email', 'sms'] as const) {
        it(`${channel ? `--for ${channel}` : 'plain'}: same profile, every column it maps is mapped, objectors never kept`, async () => {
          const { report } = await scan(file, channel ? [channel] : undefined);
          expect(report.input.profile ?? null).toBe(PROFILE[file]);
          expect(report.output.rows + report.output.droppedRows).toBe(report.input.rows);
          const profile = PROFILES.find((p) => p.name === PROFILE[file]);
          if (profile) {
            const header = Object.values(report.input.mapping).concat(report.input.unmapped);
            const plan = planProfile(profile, header);
            for (const [field, column] of Object.entries(plan.mapping)) expect(report.input.mapping[field], `${field} → ${column}`).toBe(column);
          }
          if (channel) {
            const findings = report.findings.filter((f) => f.action === 'drop-row');
            const droppedLines = new Set(findings.map((f) => f.line));
            for (const line of OBJECTED[file]?.[channel] ?? []) expect(droppedLines.has(line), `line ${line} dropped for ${channel}`).toBe(true);
            for (const line of KEPT[file]?.[channel] ?? []) expect(droppedLines.has(line), `line ${line} kept for ${channel}`).toBe(false);
          }
        });
      }
    });
  }
});
