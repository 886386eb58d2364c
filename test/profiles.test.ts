/**
 * Export profiles on real files that differ from the bundled samples (issue 12, acceptance audit): other
 * list statuses and file names, localised accounts, partial headers, more columns of a kind.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFile } from '../src/scan.js';
import { chooseProfile } from '../src/exports.js';
import type { Channel } from '../src/types.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cnil-profiles-'));

/** Scans `body` saved as `name`; returns the report and each line's rule ids. */
async function scan(name: string, body: string | Buffer, opts: { for?: Channel[]; profile?: string; source?: string; headerRow?: number } = {}) {
  const input = join(tmp(), name);
  writeFileSync(input, body);
  const { report } = await scanFile({ input, dryRun: true, noReport: true, asOf: '2026-11-23', lang: 'en', localeDateOrder: 'dmy', ...opts });
  const rules: Record<number, string[]> = {};
  for (const f of report.findings) (rules[f.line] ??= []).includes(f.rule) || rules[f.line].push(f.rule);
  const dropped = new Set(report.findings.filter((f) => f.action === 'drop-row').map((f) => f.line));
  return { report, rules, dropped };
}

/** Mailchimp's subscribed header (fixtures/exports/SOURCES.md, "Mailchimp"). */
const MC_HEADER =
  '"Email Address","First Name","Last Name",Address,"Phone Number",Birthday,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS';
const MC_KEYS = MC_HEADER.split(',').map((h) => h.replace(/"/g, ''));

describe('Mailchimp list statuses', () => {
  it('a non-subscribed file is recognised by its name, both spellings, and is no subscription', async () => {
    for (const name of ['nonsubscribed_members_export_9c1d2e3f4a.csv', 'nonsubscribed_email_audience_export_5b6c7d.csv']) {
      expect(chooseProfile(MC_KEYS, `/x/${name}`)).toMatchObject({ profile: { name: 'mailchimp-nonsubscribed' }, origin: 'file-name' });
    }
    const body = `${MC_HEADER}\nclient.boutique1@example.org,Jeanne,Faure,,,,2,,,,,,,,,,,,"2026-09-01 10:00:00",910600001,aa11bb22cc,,\n`;
    const { report, dropped, rules } = await scan('nonsubscribed_members_export_9c1d2e3f4a.csv', body, { for: ['email'] });
    expect(report.input.profile).toBe('mailchimp-nonsubscribed');
    expect(report.input.wholeFileSource).toBeUndefined();
    expect(dropped.has(2)).toBe(true);
    expect(rules[2]).toContain('missing-consent');
  });

  it('the newer *_email_audience_export_* names give every status; the header alone never gives non-subscribed', () => {
    const unsub = [...MC_KEYS, 'UNSUB_TIME', 'UNSUB_CAMPAIGN_TITLE'];
    expect(chooseProfile(MC_KEYS, 'subscribed_email_audience_export_test.csv')).toMatchObject({ profile: { name: 'mailchimp-subscribed' }, origin: 'file-name' });
    expect(chooseProfile(unsub, 'unsubscribed_email_audience_export_test.csv')).toMatchObject({ profile: { name: 'mailchimp-unsubscribed' }, origin: 'file-name' });
    expect(chooseProfile(MC_KEYS, 'cleaned_email_audience_export_test.csv')).toMatchObject({ profile: { name: 'mailchimp-cleaned' }, origin: 'file-name' });
    expect(chooseProfile(MC_KEYS, 'audience.csv')).toMatchObject({ profile: { name: 'mailchimp-subscribed' }, origin: 'header' });
  });
});
