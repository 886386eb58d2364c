#!/usr/bin/env node
/**
 * Writes the workbook fixtures (fixtures/*.xlsx) with a real spreadsheet writer, ExcelJS (a dev
 * dependency), so the reader is tested on files it did not write itself: shared strings, styles with
 * number formats, dates as serials, formulas with cached values, rich text, merged cells, a hidden
 * sheet, the 1904 date system. Everyone in them is fictional (see fixtures/README.md).
 *
 *   node scripts/make-xlsx-fixtures.mjs [folder]   (default: fixtures/)
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'fixtures'));
mkdirSync(OUT, { recursive: true });

const d = (s) => new Date(`${s}T00:00:00Z`);
const FIXED = d('2026-11-01');

function book(date1904 = false) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cnil-audit fixtures';
  wb.created = FIXED;
  wb.modified = FIXED;
  if (date1904) wb.properties.date1904 = true;
  return wb;
}

/** 1. A French campaign sheet: dates, leading zeros, a formula, rich text, a column the rules scrub. */
async function campaign() {
  const wb = book();
  const ws = wb.addWorksheet('Contacts');
  ws.columns = [
    { header: 'Identifiant', key: 'id' },
    { header: 'Nom', key: 'nom' },
    { header: 'Prénom', key: 'prenom' },
    { header: 'Courriel', key: 'email' },
    { header: 'Téléphone', key: 'tel', style: { numFmt: '@' } },
    { header: 'Code postal', key: 'cp', style: { numFmt: '00000' } },
    { header: 'Date de naissance', key: 'naissance', style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Origine', key: 'origine' },
    { header: 'Date de collecte', key: 'collecte', style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Consentement email', key: 'optin' },
    { header: 'Dernier contact', key: 'dernier', style: { numFmt: 'dd/mm/yyyy' } },
    { header: "Centres d'intérêt", key: 'interets' },
    { header: 'Nom complet', key: 'complet' },
  ];
  const rows = [
    [1, 'FAVIER', 'Hélène', 'helene.favier@exemple.fr', '0600004101', 69100, '1968-09-14', 'Adhésion', '2024-03-05', 'oui', '2026-10-12', 'Écologie, vélo'],
    [2, 'PELLETIER', 'François', 'francois.pelletier@example.org', '0600004102', 1000, '1955-11-02', 'Adhésion', '2019-01-15', 'oui', '2021-01-20', ''],
    [3, 'BLANCHARD', 'Maëlle', 'maelle.blanchard@exemple.fr', '0600004103', 1700, '2013-04-30', 'Pétition en ligne', '2025-05-18', 'oui', '2025-05-18', 'Jeunesse'],
    [4, 'GIRAUD', 'Théo', 'theo.giraud@example.com', '0600004104', 69100, '1990-02-28', 'Instagram (commentaire)', '2025-09-01', 'non', '2025-09-01', ''],
    [5, 'ROUSSEAU', 'Inès', 'ines.rousseau@exemple.fr', '0600004105', 38000, '1984-07-21', 'Réunion publique', '2026-02-11', 'oui', '2026-03-02', 'Santé'],
    [6, "N'DIAYE", 'Awa', 'awa.ndiaye@example.org', '0600004106', 69100, '1979-12-31', 'Site web', '2026-01-07', 'oui', '2026-09-30', ''],
  ];
  rows.forEach((r, i) => {
    const [id, nom, prenom, email, tel, cp, naissance, origine, collecte, optin, dernier, interets] = r;
    const row = ws.addRow({ id, nom, prenom, email, tel, cp, naissance: d(naissance), origine, collecte: d(collecte), optin, dernier: d(dernier), interets: interets || null });
    // A formula with its cached result, as Excel saves it.
    row.getCell('complet').value = { formula: `C${i + 2}&" "&B${i + 2}`, result: `${prenom} ${nom}` };
  });
  // Rich text: a name typed with two formats.
  ws.getCell('C6').value = { richText: [{ text: 'In', font: { bold: true } }, { text: 'ès' }] };
  await wb.xlsx.writeFile(join(OUT, 'campagne-excel.xlsx'));
}

/** 2. Several sheets: a note first, two plausible contact sheets, a hidden one; the 1904 date system. */
async function twoSheets() {
  const wb = book(true);
  const notes = wb.addWorksheet('Lisez-moi');
  notes.addRow(['Fichier de la section, mis à jour en novembre 2026.']);
  notes.addRow(['Ne pas transmettre hors de l’équipe.']);
  const hidden = wb.addWorksheet('Paramètres', { state: 'hidden' });
  hidden.addRow(['Email', 'Téléphone']);
  hidden.addRow(['cache@example.org', '0600009999']);
  const cur = wb.addWorksheet('Sympathisants');
  cur.addRow(['Email', 'Prénom', 'Nom', 'Source', 'Consentement email', 'Date de consentement', 'Dernier contact']);
  const rows = [
    ['camille.roux@exemple.fr', 'Camille', 'Roux', 'Formulaire site web', 'oui', '2024-02-10', '2026-10-03'],
    ['lucas.bernard@example.org', 'Lucas', 'Bernard', 'Newsletter', 'oui', '2021-05-18', '2021-06-02'],
    ['sarah.martin@exemple.fr', 'Sarah', 'Martin', 'Liste achetée', '', '', '2026-04-01'],
  ];
  for (const r of rows) {
    const row = cur.addRow([r[0], r[1], r[2], r[3], r[4], r[5] ? d(r[5]) : null, d(r[6])]);
    row.getCell(6).numFmt = 'dd/mm/yyyy';
    row.getCell(7).numFmt = 'dd/mm/yyyy';
  }
  const old = wb.addWorksheet('Archive 2020');
  old.addRow(['Email', 'Nom', 'Source']);
  old.addRow(['ancien@example.com', 'Ancien', 'Réunion publique']);
  await wb.xlsx.writeFile(join(OUT, 'classeur-deux-feuilles.xlsx'));
}

/** 3. A title row above the header (merged), a header cell merged over two columns, styled empty cells. */
async function titled() {
  const wb = book();
  const ws = wb.addWorksheet('Émargement');
  ws.getCell('A1').value = 'Réunion publique du 12 mars 2026 — liste d’émargement';
  ws.mergeCells('A1:F1');
  ws.getRow(3).values = ['Nom', 'Prénom', 'Email', 'Téléphone', null, 'Source'];
  ws.mergeCells('D3:E3');
  const rows = [
    ['LEFEBVRE', 'Jeanne', 'jeanne.lefebvre@exemple.fr', '0600005101', '0400005101', 'Réunion publique'],
    ['MOREL', 'Karim', 'karim.morel@example.org', '0600005102', null, 'Réunion publique'],
    ['DUPUIS', 'Léa', '', '0600005103', null, 'Réunion publique'],
  ];
  rows.forEach((r, i) => { ws.getRow(4 + i).values = r; });
  // Formatting without values beyond the data: what a spreadsheet leaves behind; ignored.
  ws.getCell('H12').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('A15').border = { top: { style: 'thin' } };
  await wb.xlsx.writeFile(join(OUT, 'liste-avec-titre.xlsx'));
}

await campaign();
await twoSheets();
await titled();
process.stderr.write(`wrote campagne-excel.xlsx, classeur-deux-feuilles.xlsx, liste-avec-titre.xlsx to ${OUT}\n`);
