/** Issue 12: header words, US dates, date-order decision, whole-file source, forced profile, preamble. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldForWords, objectionChannelForWords, resolveMapping } from '../src/mapping.js';
import { dateOrderHint, formatDay, parseDate } from '../src/read/values.js';
import { scanFile } from '../src/scan.js';
import { chooseProfile } from '../src/exports.js';
import { AuditError } from '../src/errors.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'exports');
const tmp = () => mkdtempSync(join(tmpdir(), 'cnil-reading-'));

describe('header words (after the exact alias pass)', () => {
  it.each([
    ['Adresse mail perso', 'email'],
    ['Tél. portable', 'phone'],
    ['Provenance du contact', 'source'],
    ['OK pour SMS', 'consent_sms'],
    ['Accepte les mails', 'consent_email'],
    ['Ne plus contacter', 'objection'],
    ['OPTIN_IP', undefined],
    ['Date mail envoyé', undefined],
    ['Désabonné SMS', undefined],
    ['Commentaire', undefined],
  ])('%s → %s', (header, field) => expect(fieldForWords(header)).toBe(field));

  it('reads a channel objection by its words', () => {
    expect(objectionChannelForWords('Désabonné SMS')).toBe('sms');
    expect(objectionChannelForWords('Email blacklisted')).toBe('email');
    expect(objectionChannelForWords('Ne plus contacter')).toBeUndefined();
  });

  it('keeps the alias pass first: an exact alias wins over words', () => {
    const m = resolveMapping(['Email', 'Adresse mail perso', 'Téléphone']);
    expect(m.named).toMatchObject({ email: 'Email', phone: 'Téléphone' });
  });
});

describe('dates', () => {
  it('reads US month-first dates with 12-hour times and two spaces', () => {
    expect(formatDay(parseDate('05/26/2020  6:51 AM', 'mdy') as number)).toBe('2020-05-26');
    expect(formatDay(parseDate('01/08/2024', 'mdy') as number)).toBe('2024-01-08');
    expect(formatDay(parseDate('01/08/2024') as number)).toBe('2024-08-01');
    expect(parseDate('05/26/2020') ).toBeNull();
  });
  it('reads LinkedIn and French month names', () => {
    expect(formatDay(parseDate('24 Jul 2026') as number)).toBe('2026-07-24');
    expect(formatDay(parseDate('3 févr. 2025') as number)).toBe('2025-02-03');
  });
  it('tells the order from a part over 12', () => {
    expect(dateOrderHint('25/06/2025')).toBe('dmy');
    expect(dateOrderHint('12/25/2025 9:00 PM')).toBe('mdy');
    expect(dateOrderHint('01/08/2024')).toBeUndefined();
  });

  const dateNotices = (r: { input: { notices?: { id: string; message: string }[] } }) => (r.input.notices ?? []).filter((n) => n.id === 'notice.dateOrderAmbiguous');

  async function run(body: string, extra: object = {}) {
    const dir = tmp();
    const input = join(dir, 'c.csv');
    writeFileSync(input, body);
    return (await scanFile({ input, dryRun: true, noReport: true, asOf: '2026-11-23', lang: 'en', ...extra })).report;
  }

  it('decides a column month-first from one value, without a warning', async () => {
    const r = await run('email,source,date de collecte\na@example.org,formulaire,01/08/2026\nb@example.org,formulaire,12/25/2025\n');
    expect(r.input.dateOrder).toEqual({ 'date de collecte': { order: 'mdy', by: 'values' } });
    expect(dateNotices(r)).toEqual([]);
  });

  it('warns once, naming the column, when nothing settles the order; --date-order overrides', async () => {
    const body = 'email,source,date de collecte\na@example.org,formulaire,01/08/2026\nb@example.org,formulaire,02/03/2025\n';
    const r = await run(body);
    expect(r.input.dateOrder).toEqual({ 'date de collecte': { order: 'dmy', by: 'locale' } });
    expect(dateNotices(r)).toHaveLength(1);
    expect(dateNotices(r)[0].message).toContain('date de collecte');
    const forced = await run(body, { dateOrder: 'mdy' });
    expect(forced.input.dateOrder).toEqual({ 'date de collecte': { order: 'mdy', by: 'option' } });
    expect(dateNotices(forced)).toEqual([]);
  });
});

describe('loud about what was not read', () => {
  it('lists unread columns, warns on look-alikes, on a missing consent or objection column', async () => {
    const dir = tmp();
    const input = join(dir, 'c.csv');
    writeFileSync(input, 'email,source,Date relance,Remarque,Statut email\na@example.org,formulaire,01/02/2026,x,ok\n');
    const { report } = await scanFile({ input, dryRun: true, noReport: true, asOf: '2026-11-23', for: ['sms'], lang: 'en' });
    expect(report.input.notUnderstood).toEqual(['Date relance', 'Remarque', 'Statut email']);
    expect(report.input.notices!.map((n) => n.id)).toEqual(['notice.unmappedLooksLike.date', 'notice.noConsentColumn', 'notice.noObjectionColumn', 'notice.noContactColumn']);
    // A contact, consent or objection look-alike is a warning finding, on the header line (column-not-understood).
    expect(report.findings.filter((f) => f.rule === 'column-not-understood').map((f) => `${f.line} ${f.messageId} ${f.field}`)).toEqual(['1 contact Statut email']);
  });
});

describe('whole-file source and profiles', () => {
  it('--source fills rows without a source, and an unknown kind is a usage error', async () => {
    const dir = tmp();
    const input = join(dir, 'c.csv');
    writeFileSync(input, 'email,source\na@example.org,\nb@example.org,achat fichier\n');
    const { report } = await scanFile({ input, dryRun: true, noReport: true, asOf: '2026-11-23', source: 'web_form' });
    expect(report.input.wholeFileSource).toEqual({ value: 'web_form', from: 'option', rows: 1 });
    expect(report.summary.bySource.web_form).toBe(1);
    expect(report.summary.bySource.purchased).toBe(1);
    await expect(scanFile({ input, dryRun: true, noReport: true, source: 'nowhere at all' })).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('--profile none reads a Mailchimp export with no profile; an unknown name is a usage error', async () => {
    const input = join(FIXTURES, 'subscribed_members_export_5f2e8c1a7b.csv');
    const { report } = await scanFile({ input, dryRun: true, noReport: true, asOf: '2026-11-23', profile: 'none' });
    expect(report.input.profile).toBeNull();
    expect(() => chooseProfile(['Email'], undefined, 'nope')).toThrow(AuditError);
  });

  it('the file name settles which Mailchimp file it is, the header which tool', () => {
    const header = ['Email Address', 'MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'LEID', 'EUID', 'UNSUB_TIME', 'UNSUB_CAMPAIGN_TITLE'];
    expect(chooseProfile(header, '/x/unsubscribed_members_export_ab12.csv')).toMatchObject({ profile: { name: 'mailchimp-unsubscribed' }, origin: 'file-name' });
    expect(chooseProfile(header, 'audience.csv')).toMatchObject({ profile: { name: 'mailchimp-unsubscribed' }, origin: 'header' });
    expect(chooseProfile(['Email', 'Nom'], 'subscribed_members_export_ab12.csv')).toBeUndefined();
  });

  it('skips the LinkedIn preamble; --header-row forces the header line', async () => {
    const { report } = await scanFile({ input: join(FIXTURES, 'Connections.csv'), dryRun: true, noReport: true, asOf: '2026-11-23' });
    expect(report.input.headerLine).toBe(4);
    expect(report.findings[0].line).toBeGreaterThan(4);
    const dir = tmp();
    const input = join(dir, 'c.csv');
    writeFileSync(input, 'Fichier militants 2026;;\nemail;source;nom\na@example.org;formulaire;A\n');
    const r = await scanFile({ input, dryRun: true, noReport: true, asOf: '2026-11-23', headerRow: 2 });
    expect(r.report.input).toMatchObject({ headerLine: 2, rows: 1, delimiter: ';' });
  });
});

describe('title rows and empty rows above the header', () => {
  it('a title row is an error that suggests --header-row; an empty ;;;; row is skipped', async () => {
    const dir = tmp();
    const titled = join(dir, 't.csv');
    writeFileSync(titled, 'Fichier militants 2026;;\nemail;source;nom\na@example.org;formulaire;A\n');
    await expect(scanFile({ input: titled, dryRun: true, noReport: true })).rejects.toMatchObject({ code: 'E_TITLE_ROW', line: 1 });
    const blank = join(dir, 'b.csv');
    writeFileSync(blank, ';;\nemail;source;nom\na@example.org;formulaire;A\n');
    const { report } = await scanFile({ input: blank, dryRun: true, noReport: true, asOf: '2026-11-23' });
    expect(report.input).toMatchObject({ rows: 1, headerLine: 2 });
  });
});

describe('Qomon consent labels', () => {
  it('reads the documented consent and unsubscribe labels as consents and objections to their channel', async () => {
    const dir = tmp();
    const input = join(dir, 'qomon.csv');
    writeFileSync(
      input,
      'Email,Phone,Source,Date de collecte,Contact gave consent to receive email communication,Contact gave consent to receive mobile communication (SMS and calls),Contact opted out of receiving SMS messages\n' +
        'a@example.org,0600000001,Porte-à-porte,01/10/2026,Yes,Yes,\n' +
        'b@example.org,0600000002,Porte-à-porte,01/10/2026,Yes,Yes,True\n',
    );
    const { report } = await scanFile({ input, dryRun: true, noReport: true, asOf: '2026-11-23', for: ['sms'], lang: 'en' });
    expect(report.input.profile).toBe('qomon');
    expect(report.input.mapping).toMatchObject({ consent_email: 'Contact gave consent to receive email communication', consent_sms: 'Contact gave consent to receive mobile communication (SMS and calls)' });
    expect(report.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['3 objection-ignored']);
  });
});
