/**
 * Export profiles on real files that differ from the bundled samples (issue 12, acceptance audit): other
 * list statuses and file names, localised accounts, partial headers, more columns of a kind.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFile } from '../src/scan.js';
import { chooseProfile, planProfile } from '../src/exports.js';
import { AuditEngine } from '../src/engine.js';
import { reu } from '../src/vocabulary/exports/reu.js';
import { objectionForWords, resolveMapping } from '../src/mapping.js';
import { BAD_ADDRESS_NOT_OBJECTION } from '../src/law/consent.js';
import type { Channel } from '../src/types.js';
import { validateConfig } from '../src/config.js';
import { cli } from './helpers/cli.js';

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

describe('every e-mail and phone column is contact data', () => {
  const fr = (body: string) => Buffer.from(body, 'latin1');

  it('a second column found by its words: the e-mail in "Mail pro", the number in "N° portable 2" need their consent', async () => {
    const body = fr('Nom;Prénom;Adresse mail perso;Mail pro;Tél. portable;N° portable 2;Provenance du contact;Date de collecte;OK pour SMS;Accepte les mails;Ne plus contacter\r\nDELMAS;Denise;;denise.delmas@example.org;;06 00 00 91 04;Formulaire site web;23/02/2026;non;non;\r\n');
    for (const channel of ['email', 'sms'] as const) {
      const { dropped, rules } = await scan('fichier-second-mail.csv', body, { for: [channel] });
      expect(dropped.has(2), channel).toBe(true);
      expect(rules[2]).toContain('missing-consent');
    }
  });

  it('"Téléphone mobile" beside an empty "Téléphone" is checked for SMS', async () => {
    const { dropped } = await scan('t.csv', fr('Nom;Prénom;Téléphone;Téléphone mobile;Consentement SMS;Source;Date de collecte\r\nKLEIN;Karl;;06 00 00 92 04;non;Formulaire site web;23/02/2026\r\n'), { for: ['sms'] });
    expect(dropped.has(2)).toBe(true);
  });

  it('HubSpot: Private e-mail address, Work email and WhatsApp Phone Number are contact columns', async () => {
    const body =
      '"Record ID","First Name","Last Name","Contact owner","Create Date","Email","Last Activity Date","Marketing contact status","Original Source","Private e-mail address","Unsubscribed from all email","WhatsApp Phone Number","Work email"\n' +
      '"62000000001","Hana","Hugo","","2026-03-14 09:12","","2026-10-02 18:00","Marketing contact","Direct Traffic","hana.hugo@example.org","false","",""\n' +
      '"62000000002","Ivan","Izard","","2026-03-14 09:12","","2026-10-02 18:00","Marketing contact","Direct Traffic","","false","+33 6 00 00 52 09",""\n' +
      '"62000000003","Jade","Jolly","","2026-03-14 09:12","","2026-10-02 18:00","Marketing contact","Direct Traffic","","false","","jade.jolly@exemple.fr"\n';
    const email = await scan('hubspot-crm-exports-private-email-2026-11-21.csv', body, { for: ['email'] });
    expect(email.report.input.profile).toBe('hubspot');
    expect([...email.dropped].sort()).toEqual([2, 4]);
    expect(email.report.input.notUnderstood).toEqual([]);
    const sms = await scan('hubspot-crm-exports-private-email-2026-11-21.csv', body, { for: ['sms'] });
    expect([...sms.dropped]).toEqual([3]);
  });

  it('a column with no telling name whose values are e-mails or phones counts, and is said once', async () => {
    const body = 'Nom;Prénom;Email;Perso;Coordonnées 2;Consentement email;Source\nNOEL;Nina;;nina.noel@example.org;06 00 00 95 01;non;Formulaire site web\n';
    const { report, dropped } = await scan('v.csv', body, { for: ['email'] });
    expect(dropped.has(2)).toBe(true);
    expect(report.input.notUnderstood).toEqual([]);
    expect(report.findings.filter((f) => f.rule === 'column-not-understood').map((f) => `${f.line} ${f.messageId} ${f.field}`)).toEqual(['1 emailByValues Perso', '1 phoneByValues Coordonnées 2']);
    expect((await scan('v.csv', body, { for: ['sms'] })).dropped.has(2)).toBe(true);
  });
});

describe('header words pick the mobile for phone', () => {
  it('"Tél. mobile" is the phone, not "Téléphone de l\'assistant(e)" before it', () => {
    const m = resolveMapping(['Nom', "Téléphone de l'assistant(e)", 'Tél. mobile']);
    expect(m.named.phone).toBe('Tél. mobile');
  });
});

describe('every objection column is read', () => {
  const fr = (body: string) => Buffer.from(body, 'latin1');
  const DESINSCRIT = fr(
    'Nom;Prénom;Email;Téléphone mobile;Consentement SMS;Consentement email;Opposition;Désinscrit;Ne souhaite plus être contacté;Source;Date de collecte\r\n' +
      'HAMON;Hélène;helene.h@example.org;06 00 00 92 02;oui;oui;;oui;;Formulaire site web;23/02/2026\r\n' +
      'JOLY;Jacques;jacques.j@exemple.fr;06 00 00 92 03;oui;oui;;;oui;Formulaire site web;23/02/2026\r\n' +
      'KEMP;Karine;karine.k@exemple.fr;06 00 00 92 04;oui;oui;;;;Formulaire site web;23/02/2026\r\n',
  );

  it('"Désinscrit" beside "Opposition", and "Ne souhaite plus être contacté", are objections to every channel', async () => {
    for (const channel of ['email', 'sms'] as const) {
      const { rules, dropped } = await scan('fichier-desinscrit.csv', DESINSCRIT, { for: [channel] });
      expect(rules[2], channel).toContain('objection-ignored');
      expect(rules[3], channel).toContain('objection-ignored');
      expect(dropped.has(4), channel).toBe(false);
    }
  });

  it.each([
    ['Ne souhaite plus être contacté', 'all'],
    ['Ne pas relancer', 'all'],
    ['Ne plus recevoir', 'all'],
    ['Refus de contact', 'all'],
    ['Ne plus recevoir la newsletter', 'email'],
    ['Refus SMS', 'sms'],
    ['Date désinscription SMS', 'sms'],
    ['Liste rouge', 'phone'],
    ['NPAI', undefined],
    ['PND', undefined],
    ['UNSUB_REASON', undefined],
    ['Motif de désinscription', undefined],
    ['Commentaire', undefined],
  ])('%s → %s', (header, to) => expect(objectionForWords(header)).toBe(to));

  it('"Liste rouge" is an objection to calls; NPAI is a bad address, not an objection (law/consent.ts)', async () => {
    const body = 'email;téléphone;adresse;source;date de collecte;consentement email;Liste rouge;NPAI\na@example.org;06 00 00 93 01;1 rue A;Formulaire site web;01/10/2026;oui;oui;oui\n';
    const phone = await scan('l.csv', body, { for: ['phone'] });
    expect(phone.rules[2]).toContain('objection-ignored');
    const post = await scan('l.csv', body, { for: ['post', 'email'] });
    expect(post.dropped.has(2)).toBe(false);
    expect(post.report.input.notUnderstood).toEqual(['NPAI']);
    expect((post.report.input.notices ?? []).map((n) => n.params.column)).not.toContain('NPAI');
    expect(BAD_ADDRESS_NOT_OBJECTION.value).toBe(true);
  });
});

describe('Brevo', () => {
  const LEGACY =
    'CONTACT ID;EMAIL;LASTNAME;FIRSTNAME;WHATSAPP;SMS;DOUBLE_OPT-IN;OPT_IN;LANDLINE_NUMBER;EXT_ID;CONTACT_TIMEZONE;JOB_TITLE;LINKEDIN;ADDED_TIME;MODIFIED_TIME\n' +
    '21;h.one@exemple.fr;HENRY;Hugo;;33600001401;Yes;Yes;;;Europe/Paris;;;14-03-2025 09:12;14-03-2025 09:12\n';
  const NO_SMS_BLOCKLIST =
    '\ufeffCONTACT ID;EMAIL;NOM;PRENOM;SMS;EMAIL_BLACKLISTED;ADDED_TIME;MODIFIED_TIME\n' +
    '31;l.un@exemple.fr;LAMBERT;Luc;33600001501;No;14-03-2026 09:12;14-03-2026 09:12\n' +
    '32;m.deux@example.org;MARTIN;Mia;33600001502;Yes;14-03-2026 09:12;14-03-2026 09:12\n';

  it('is recognised from its mandatory attributes and one more, not from both blocklists', () => {
    for (const body of [LEGACY, NO_SMS_BLOCKLIST]) expect(chooseProfile(body.replace(/^\ufeff/, '').split('\n')[0].split(';'), 'contacts.csv')?.profile.name).toBe('brevo');
    expect(chooseProfile(['EMAIL', 'ADDED_TIME', 'MODIFIED_TIME'], 'contacts.csv')).toBeUndefined();
  });

  it('SMS is the phone: --for sms checks it', async () => {
    const { report, dropped } = await scan('brevo.csv', LEGACY, { for: ['sms'] });
    expect(report.input.mapping).toMatchObject({ phone: 'SMS', last_name: 'LASTNAME', first_name: 'FIRSTNAME' });
    expect(dropped.has(2)).toBe(true);
  });

  it('without a blocklist column nothing says the contact is subscribed, and the file says it has no objection column', async () => {
    const { report, rules } = await scan('brevo.csv', 'EMAIL;ADDED_TIME;MODIFIED_TIME\nj.three@exemple.fr;18-06-2024;28-01-2026\n', { for: ['email'], profile: 'brevo', source: 'web_form' });
    expect(rules[2]).toContain('missing-consent');
    expect((report.input.notices ?? []).map((n) => n.id)).toContain('notice.noObjectionColumn');
    // With EMAIL_BLACKLISTED, "not blocklisted" is the e-mail subscription; the blocklisted one objected.
    const withEmail = await scan('brevo.csv', NO_SMS_BLOCKLIST, { for: ['email'], source: 'web_form' });
    expect(withEmail.dropped.has(2)).toBe(false);
    expect(withEmail.rules[3]).toContain('objection-ignored');
  });
});

describe('Mailchimp: a confirmation proves a double opt-in only with its sign-up', () => {
  it('rows the list owner added (no OPTIN_TIME, no OPTIN_IP, a shared CONFIRM_TIME) are neither web-form sign-ups nor proven consents', async () => {
    const body =
      `${MC_HEADER}\n` +
      'import1@example.org,Lise,Arnaud,,,,2,,,"2026-04-18 13:51:14",192.0.2.77,,,,,,,,"2026-04-18 14:00:32",910600010,cc33dd44ee,,\n' +
      'import2@exemple.fr,Hugo,Besson,,,,2,,,"2026-04-18 13:51:14",192.0.2.77,,,,,,,,"2026-04-18 14:00:32",910600011,dd44ee55ff,,\n' +
      'doi@example.org,Ines,Carre,,,,4,"2026-02-10 09:12:44",198.51.100.4,"2026-02-10 09:14:02",198.51.100.4,45.7640000,4.8357000,1,2,Europe/Paris,FR,ARA,"2026-10-03 20:41:10",910600012,ee55ff6600,,\n';
    const { report, rules } = await scan('subscribed_members_export_1a2b3c4d5e.csv', body, { for: ['email'] });
    for (const line of [2, 3]) expect(rules[line]).toEqual(expect.arrayContaining(['missing-consent-proof', 'unknown-source']));
    expect(rules[4]).not.toContain('missing-consent-proof');
    expect(report.summary.bySource).toMatchObject({ web_form: 1, unknown: 2 });
    expect(report.input.wholeFileSource).toMatchObject({ value: 'web_form', from: 'profile', rows: 1 });
    const { DOUBLE_OPT_IN_PROOF } = await import('../src/law/consent.js');
    expect(DOUBLE_OPT_IN_PROOF.interpretation).toBe(true);
  });
});

describe('localised exports', () => {
  const MC_FR =
    '"Adresse e-mail",Prénom,Nom,Adresse,"Numéro de téléphone",Anniversaire,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS\n' +
    'lea.morel@example.org,Léa,Morel,,,,4,"2026-02-10 09:12:44",198.51.100.4,"2026-02-10 09:14:02",198.51.100.4,45.7640000,4.8357000,1,2,Europe/Paris,FR,ARA,"2026-10-03 20:41:10",910600030,a0000001,,\n';

  it('Mailchimp is recognised from its system columns, whatever the merge-field labels: a French account\'s double opt-in is kept', async () => {
    for (const name of ['subscribed_members_export_7f8e9d0c1b.csv', 'audience.csv']) {
      const { report, dropped } = await scan(name, MC_FR, { for: ['email'] });
      expect(report.input.profile, name).toBe('mailchimp-subscribed');
      expect(report.input.mapping).toMatchObject({ email: 'Adresse e-mail', first_name: 'Prénom', consent_date: 'CONFIRM_TIME' });
      expect(dropped.has(2)).toBe(false);
    }
  });

  it('French HubSpot: the mobile is checked for SMS, "Désabonné de tous les e-mails" is an e-mail objection', async () => {
    const body =
      "ID de fiche d'informations;Prénom;Nom;E-mail;Numéro de téléphone;Numéro de téléphone mobile;Propriétaire du contact;Date de création;Date de la dernière activité;Source d'origine;Statut de contact marketing;Désabonné de tous les e-mails\n" +
      '63000000001;Anne;Abel;anne.abel@exemple.fr;;06 00 00 53 01;;2026-03-14 09:12;2026-10-02 18:00;Trafic direct;Contact marketing;true\n' +
      '63000000002;Bruno;Bon;bruno.bon@example.org;;06 00 00 53 02;;2026-03-14 09:12;2026-10-02 18:00;Recherche organique;Contact marketing;false\n';
    const sms = await scan('hubspot-crm-exports-tous-les-contacts-2026-11-21.csv', body, { for: ['sms'] });
    expect(sms.report.input.profile).toBe('hubspot-fr');
    expect([...sms.dropped].sort()).toEqual([2, 3]);
    const email = await scan('hubspot-crm-exports-tous-les-contacts-2026-11-21.csv', body, { for: ['email'] });
    expect(email.rules[2]).toContain('objection-ignored');
    expect(email.report.summary.bySource.web_form).toBe(2);
  });

  it('older HubSpot exports name the id "Contact ID"', () => {
    expect(chooseProfile(['Contact ID', 'First Name', 'Last Name', 'Email', 'Contact owner', 'Create Date', 'Original Source'], 'x.csv')?.profile.name).toBe('hubspot');
  });

  it('French Outlook: its two "Titre" columns are no error; the mobile and the e-mail are read', async () => {
    // The French Outlook header (fixtures/exports/SOURCES.md, "Outlook").
    const header = '"Titre","Prénom","Deuxième prénom","Nom","Suffixe","Société","Service","Titre","Rue (bureau)","Rue (bureau) 2","Rue (bureau) 3","Ville (bureau)","Dép/Région (bureau)","Code postal (bureau)","Pays/Région (bureau)","Rue (domicile)","Rue (domicile) 2","Rue (domicile) 3","Ville (domicile)","Dép/Région (domicile)","Code postal (domicile)","Pays/Région (domicile)","Rue (autre)","Rue (autre) 2","Rue (autre) 3","Ville (autre)","Dép/Région (autre)","Code postal (autre)","Pays/Région (autre)","Téléphone de l\'assistant(e)","Télécopie (bureau)","Téléphone (bureau)","Téléphone 2 (bureau)","Rappel","Téléphone (voiture)","Téléphone société","Télécopie (domicile)","Téléphone (domicile)","Téléphone 2 (domicile)","RNIS","Tél. mobile","Télécopie (autre)","Téléphone (autre)","Récepteur de radiomessagerie","Téléphone principal","Radio téléphone","Téléphone TDD/TTY","Télex","Adresse de messagerie","Type de messagerie","Nom complet de l\'adresse de messagerie","Adresse de messagerie 2","Type de messagerie 2","Nom complet de l\'adresse de messagerie 2","Adresse de messagerie 3","Type de messagerie 3","Nom complet de l\'adresse de messagerie 3","Anniversaire","Anniversaire de mariage ou fête","Autre boîte postale","B.P. professionnelle","Boîte postale du domicile","Bureau","Catégories","Code gouvernement","Compte","Conjoint(e)","Critère de diffusion","Disponibilité Internet","Emplacement","Enfants","Informations facturation","Initiales","Kilométrage","Langue","Mots clés","Nom de l\'assistant(e)","Notes","Numéro d\'identification de l\'organisation","Page Web","Passe-temps","Priorité","Privé","Profession","Recommandé par","Responsable","Serveur d\'annuaire","Sexe","Utilisateur 1","Utilisateur 2","Utilisateur 3","Utilisateur 4"';
    const cols = header.split('","').length;
    const row = (cells: Record<number, string>) => Array.from({ length: cols }, (_, i) => `"${cells[i] ?? ''}"`).join(',');
    const names = header.slice(1, -1).split('","');
    const at = (n: string) => names.indexOf(n);
    const body = Buffer.from(`${header}\r\n${row({ 1: 'Gérard', 3: 'Lemaire', [at('Tél. mobile')]: '06 00 00 64 01', [at('Adresse de messagerie')]: 'gerard.lemaire@exemple.fr', [at('Anniversaire')]: '0/0/00' })}\r\n`, 'latin1');
    for (const channel of ['sms', 'email'] as const) {
      const { report, dropped } = await scan('outlook-fr.csv', body, { for: [channel], source: 'referral' });
      expect(report.input.profile).toBe('outlook-fr');
      expect(report.input.mapping).toMatchObject({ phone: 'Tél. mobile', email: 'Adresse de messagerie' });
      expect(dropped.has(2), channel).toBe(true);
    }
    await expect(scan('outlook-fr.csv', body, { profile: 'none' })).rejects.toMatchObject({ code: 'E_HEADER_DUPLICATE' });
  });
});

describe('notices about what --for needs', () => {
  it('says when no column holds the data a channel needs', async () => {
    const { report } = await scan('c.csv', 'email;nom;source\na@example.org;A;formulaire\n', { for: ['sms', 'email'] });
    const ids = (report.input.notices ?? []).map((n) => `${n.id} ${n.params.channel ?? ''}`);
    expect(ids).toContain('notice.noContactColumn sms');
    expect(ids).not.toContain('notice.noContactColumn email');
  });

  it('a general consent column is no consent column for SMS, and is said so', async () => {
    const { report } = await scan('c.csv', 'email;téléphone;consentement;source\na@example.org;0600000001;oui;formulaire\n', { for: ['sms'] });
    expect((report.input.notices ?? []).map((n) => n.id)).toContain('notice.noConsentColumnGeneric');
    expect(report.input.notices!.find((n) => n.id === 'notice.noConsentColumnGeneric')!.message).toContain('consentement');
  });
});

describe('electoral-list (REU) extract, arrêté du 12 novembre 2013 art. 2', () => {
  const HEADER =
    'TypeListe;InfoListe;DateCreationListe;CodeDepartement;CodeCommune;NomCommune;NoElecteurGeneral;Sexe;NomdeNaissance;NomDusage;Prenoms;DateDeNaissance;NomComNaissance;DeptNaissance;PaysNaissance;Nationalite;NomBureauDeVote;NoBureauDeVote;CodeCanton;CodeCirconscription;ComplementDeLocalisation1;ComplementDeLocalisation2;NumeroVoie;TypeVoie;LibelleVoie;LieuDit;CodePostal;VilleLocalite;Pays';

  it('the official header: VilleLocalite is the town (not CodeCommune), the street parts are the address, every column is read', async () => {
    const body = `${HEADER}\nLG;LE;02/03/2026;69;69266;Villeurbanne;1;M;ABADIE;;Jean Louis;03/02/1947;Villeurbanne;69;;;Ecole Jules Ferry;007;6930;06;;;12;rue;des Cerisiers;;69100;Villeurbanne;France\n`;
    const { report, dropped } = await scan('liste.csv', body, { for: ['post'] });
    expect(report.input.profile).toBe('reu');
    expect(report.input.mapping).toMatchObject({ city: 'VilleLocalite', address: 'LibelleVoie', birth_date: 'DateDeNaissance', last_name: 'NomdeNaissance' });
    expect(report.input.notUnderstood).toEqual([]);
    expect(report.summary.bySource.electoral_list).toBe(1);
    expect(dropped.has(2)).toBe(false);
    const header = HEADER.split(';');
    const engine = new AuditEngine(header, { asOf: 0, profile: planProfile(reu, header) });
    expect(engine.plan.contact.address.map((i) => header[i]).sort()).toEqual(['ComplementDeLocalisation1', 'ComplementDeLocalisation2', 'LibelleVoie', 'LieuDit', 'NumeroVoie', 'TypeVoie']);
  });
});

describe('profiles know the columns that carry nothing the rules read', () => {
  it('NationBuilder: the recruiter\'s e-mail is no contact column; ids, address parts, districts and donation totals are known', async () => {
    const { report } = await scan('nb.csv', readFileSync(join(import.meta.dirname, '..', 'fixtures', 'exports', 'nationbuilder-people-export.csv')), { for: ['email'], source: 'web_form' });
    expect(report.input.profile).toBe('nationbuilder');
    const unread = report.input.notUnderstood ?? [];
    for (const c of unread) expect(c, c).not.toMatch(/name_or_email|district|^donations_|_fips$|_geocode_accuracy$|^van_id$/);
    expect(unread.length).toBeLessThan(40);
    expect(report.summary.byRule['column-not-understood']).toBeUndefined();
    const header = Object.values(report.input.mapping).concat(report.input.unmapped);
    const { nationbuilder } = await import('../src/vocabulary/exports/nationbuilder.js');
    const engine = new AuditEngine(header, { asOf: 0, profile: planProfile(nationbuilder, header) });
    expect(engine.plan.contact.email.map((i) => header[i])).not.toContain('point_person_name_or_email');
  });

  it('HubSpot: bounce, confirmation and legal-basis properties are known, not unread look-alikes', async () => {
    const body =
      '"Record ID","First Name","Last Name","City","Contact owner","Create Date","Email","Email hard bounce reason","IP City","Last Activity Date","Last Contacted","Legal basis for processing contact\'s data","Lifecycle Stage","Marketing contact status","Marketing email confirmation status","Mobile Phone Number","Opted out of email: Newsletter","Original Source","Phone Number","Postal Code","Private e-mail address","Street Address","Unsubscribed from all email","WhatsApp Phone Number","Work email","Associated Company"\n' +
      '"61000000001","Anne","Abel","Lyon","","2026-03-14 09:12","anne.abel@exemple.fr","","Lyon","2026-10-02 18:00","","","Subscriber","Marketing contact","","","","Direct Traffic","","69003","","","true","","",""\n';
    const { report } = await scan('hubspot-crm-exports-all-contacts-2026-11-21.csv', body, { for: ['email'] });
    expect(report.input.notUnderstood).toEqual([]);
    expect(report.summary.byRule['column-not-understood']).toBeUndefined();
  });

  it('Mailchimp: EMAIL_TYPE is a sending preference, known', async () => {
    const header = MC_HEADER.replace('Birthday,', 'Birthday,EMAIL_TYPE,');
    const { report } = await scan('export-newsletter-2026.csv', `${header}\nanna.vial@example.org,Anna,Vial,,,,html,4,"2026-02-10 09:12:44",198.51.100.4,"2026-02-10 09:14:02",198.51.100.4,,,,,,,,"2026-10-03 20:41:10",910600020,f00000001,,\n`, { for: ['email'] });
    expect(report.input.profile).toBe('mailchimp-subscribed');
    expect(report.input.notUnderstood).toEqual([]);
  });
});

describe('config headerRow and strict; header errors name the header line', () => {
  const TITLED = 'Liste des contacts;;\nFichier militants 2026;;\nemail;source;nom\na@example.org;formulaire;A\n';

  it('config headerRow is the default of --header-row; a title row at that line is reported on that line', async () => {
    const input = join(tmp(), 't.csv');
    writeFileSync(input, TITLED);
    const base = { input, dryRun: true, noReport: true, asOf: '2026-11-23' } as const;
    const { report } = await scanFile({ ...base, config: { headerRow: 3 } });
    expect(report.input).toMatchObject({ headerLine: 3, rows: 1 });
    await expect(scanFile({ ...base, headerRow: 2 })).rejects.toMatchObject({ code: 'E_TITLE_ROW', line: 2 });
    expect(validateConfig({ headerRow: 3, strict: true })).toMatchObject({ headerRow: 3, strict: true });
  });

  it('config strict makes a file not fully understood exit 2', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'c.csv'), 'email;Perso;source\na@example.org;b@example.org;formulaire\n');
    writeFileSync(join(dir, 'cnil-audit.config.json'), JSON.stringify({ strict: true }));
    expect(cli(['scan', 'c.csv', '--as-of', '2026-11-23', '--format', 'none', '--dry-run'], { cwd: dir }).code).toBe(2);
  });
});
