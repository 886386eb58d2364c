#!/usr/bin/python3
"""Writes the LibreOffice-made workbook fixtures (fixtures/lo-*.xlsx, fixtures/lo-*.ods) with LibreOffice
Calc itself, driven through UNO, so the reader is tested on what a mairie's LibreOffice really saves:
`[$-40C]` locale tags on number formats, conditional and coloured formats, rich-text runs, merged cells,
formulas with cached values, error cells, the 1904 date system. Everyone in them is fictional (see
fixtures/README.md).

    /usr/bin/python3 scripts/make-lo-fixtures.py [folder]      (default: fixtures/)

It starts its own headless soffice (a throw-away profile in a temp folder, a free local port), and
stops it, by its process id, when done. Needs LibreOffice Calc and its Python bridge
(Debian: `apt-get install libreoffice-calc python3-uno`). Made with LibreOffice 7.4.7 (Debian 12).
"""
import datetime
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.util import Date as UDate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'fixtures'))
os.makedirs(OUT, exist_ok=True)


def pv(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start_office():
    profile = tempfile.mkdtemp(prefix='lo-fixtures-')
    port = free_port()
    proc = subprocess.Popen([
        'soffice', '--headless', '--invisible', '--nologo', '--norestore', '--nodefault',
        f'-env:UserInstallation=file://{profile}',
        f'--accept=socket,host=127.0.0.1,port={port};urp;',
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    url = f'uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext'
    for _ in range(600):
        try:
            ctx = resolver.resolve(url)
            break
        except Exception:
            if proc.poll() is not None:
                raise SystemExit('soffice exited before accepting connections')
            time.sleep(0.1)
    else:
        proc.kill()
        raise SystemExit('soffice did not start')
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    return proc, profile, desktop


def stop_office(proc, profile, desktop):
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge goes down with the process
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    shutil.rmtree(profile, ignore_errors=True)


def fmt(doc, code, lang='fr', country='FR'):
    nf = doc.NumberFormats
    loc = uno.createUnoStruct('com.sun.star.lang.Locale')
    loc.Language = lang
    loc.Country = country
    k = nf.queryKey(code, loc, False)
    if k == -1:
        k = nf.addNew(code, loc)
    return k


def serial(doc, y, m, d, hh=0, mi=0):
    """A date as a serial in the document's own null date (1899-12-30, or 1904-01-01)."""
    nd = doc.NullDate
    delta = datetime.datetime(y, m, d, hh, mi) - datetime.datetime(nd.Year, nd.Month, nd.Day)
    return delta.days + delta.seconds / 86400


def save(doc, name, flt):
    doc.storeToURL(uno.systemPathToFileUrl(os.path.join(OUT, name)), (pv('FilterName', flt), pv('Overwrite', True)))


XLSX = 'Calc MS Excel 2007 XML'
ODS = 'calc8'

# Inscrits: a title merged over A1:H1, the header on row 3, Téléphone merged over two columns.
HEADER = ['Nom', 'Prénom', 'Courriel', 'Téléphone', '', 'Code postal', 'CP num', 'Portable num', 'Fixe num',
          'Date de naissance', 'Date de collecte', 'Source', 'Consentement email', 'Nom complet', 'Âge',
          'Cotisation', 'Religion', 'Commentaire', 'Heure de rappel']
ROWS = [
    # nom, prénom, courriel, tél (texte), tél 2 (texte), CP (texte), CP num, portable num, fixe num,
    # naissance, collecte, source, consentement, religion, commentaire
    ('DUPONT', 'Jeanne', 'jeanne.dupont@exemple.fr', '0600001501', '0400001501', '01000', 1000, 600001501, 400001501,
     (1968, 9, 14), (2024, 3, 5, 10, 30), 'Réunion publique', 'oui', 'catholique', 'rien'),
    ('MARTIN', 'Luc', 'luc.martin@example.org', '0600001502', '', '69100', 69100, 600001502, None,
     (2013, 4, 30), (2025, 5, 18), 'Pétition en ligne', 'oui', '', ''),
    ("N'DIAYE", 'Awa', 'awa.ndiaye@example.org', '0600001503', '', '07300', 7300, 600001503, None,
     (1979, 12, 31), (2026, 1, 7, 9, 0), 'Instagram (commentaire)', 'non', '', 'a;b"c'),
    ('ÉLOI', 'Inès', 'ines.eloi@exemple.fr', '0600001504', '', '38000', 38000, 600001504, 400001504,
     (1984, 2, 29), (2026, 2, 11), 'Site web', 'oui', '', 'ligne1\nligne2'),
]


def inscrits(doc):
    sheets = doc.Sheets
    notes = sheets.getByIndex(0)
    notes.Name = 'Notes'
    notes.getCellByPosition(0, 0).String = 'Fichier des inscrits, mairie de Saint-Exemple. Ne pas diffuser.'
    notes.getCellByPosition(0, 1).String = 'Mis à jour le 20/11/2026'
    sheets.insertNewByName('Cachée', 1)
    hidden = sheets.getByName('Cachée')
    hidden.getCellByPosition(0, 0).String = 'Email'
    hidden.getCellByPosition(0, 1).String = 'cache@example.org'
    hidden.IsVisible = False
    sheets.insertNewByName('Inscrits', 2)
    s = sheets.getByName('Inscrits')
    text = fmt(doc, '@')
    dmy = fmt(doc, 'JJ/MM/AAAA')
    dmyhm = fmt(doc, 'JJ/MM/AAAA HH:MM')
    zip_code = fmt(doc, '00000')                      # saved as [$-40C]00000
    # In a French LibreOffice a space typed in a format is the thousands separator: the phone pattern
    # needs quoted spaces; typed bare it becomes grouping (saved as 0,000,000,000, shown 0 400 001 501).
    mobile = fmt(doc, '[<=999999999]0#" "##" "##" "##" "##;Standard')  # conditional, saved with [$-40C]
    landline = fmt(doc, '"tél. "00 00 00 00 00')
    red = fmt(doc, '[RED]0000', 'en', 'US')          # a colour tag
    hm = fmt(doc, 'HH:MM')                            # a time of day, no date
    s.getCellByPosition(0, 0).String = 'Liste des inscrits — réunion du 12 mars 2026'
    s.getCellRangeByName('A1:H1').merge(True)
    for c, t in enumerate(HEADER):
        if t:
            s.getCellByPosition(c, 2).String = t
    s.getCellRangeByName('D3:E3').merge(True)
    for i, r in enumerate(ROWS):
        y = 3 + i
        (nom, prenom, mail, tel, tel2, cp, cp_num, port, fixe, born, collected, source, consent, religion, note) = r
        for c, v in [(0, nom), (1, prenom), (2, mail), (11, source), (12, consent), (16, religion), (17, note)]:
            if v:
                s.getCellByPosition(c, y).String = v
        for c, v in [(3, tel), (4, tel2), (5, cp)]:
            cell = s.getCellByPosition(c, y)
            cell.NumberFormat = text
            if v:
                cell.String = v
        for c, v, f in [(6, cp_num, zip_code), (7, port, mobile), (8, fixe, landline)]:
            cell = s.getCellByPosition(c, y)
            cell.NumberFormat = f
            if v is not None:
                cell.Value = v
        cell = s.getCellByPosition(9, y)
        cell.NumberFormat = dmy
        cell.Value = serial(doc, *born)
        cell = s.getCellByPosition(10, y)
        cell.NumberFormat = dmyhm
        cell.Value = serial(doc, *collected)
        s.getCellByPosition(13, y).Formula = f'=B{y + 1}&" "&A{y + 1}'
        s.getCellByPosition(14, y).Formula = f'=ROUNDDOWN(YEARFRAC(J{y + 1};DATE(2026;11;20));0)'
        # Cotisation: a number, an error (#N/A from a failed lookup), a colour-formatted code.
        cell = s.getCellByPosition(15, y)
        if i == 1:
            cell.Formula = '=NA()'
        elif i == 2:
            cell.NumberFormat = red
            cell.Value = 12
        else:
            cell.Value = 20 + i
        cell = s.getCellByPosition(18, y)
        cell.NumberFormat = hm
        cell.Value = (9 + i) / 24 + 30 / 1440
    # Rich text: the first letter of a first name in bold.
    cell = s.getCellByPosition(1, 4)
    cur = cell.createTextCursor()
    cur.gotoStart(False)
    cur.goRight(1, True)
    cur.CharWeight = 150.0
    # Formatting beyond the data (LibreOffice writes these cells out, empty).
    s.getCellByPosition(25, 99).CellBackColor = 0xFFFF00
    s.getCellByPosition(0, 60).CellBackColor = 0xFFFF00
    s.getCellRangeByName('A20:P40').NumberFormat = text
    sheets.insertNewByName('Archive 2020', 3)
    a = sheets.getByName('Archive 2020')
    for c, t in enumerate(['Email', 'Nom', 'Source']):
        a.getCellByPosition(c, 0).String = t
    for c, t in enumerate(['ancien@example.com', 'Ancien', 'Réunion publique']):
        a.getCellByPosition(c, 1).String = t


def synthese(doc):
    """A summary sheet first (one recognisable column, Ville), the contacts second, a sub-header row."""
    sheets = doc.Sheets
    s = sheets.getByIndex(0)
    s.Name = 'Synthèse'
    for r, row in enumerate([('Ville', 'Nombre de contacts'), ('Lyon', 120), ('Grenoble', 30)]):
        for c, v in enumerate(row):
            if isinstance(v, str):
                s.getCellByPosition(c, r).String = v
            else:
                s.getCellByPosition(c, r).Value = v
    sheets.insertNewByName('Contacts', 1)
    c = sheets.getByName('Contacts')
    # Two header rows: group titles merged over the columns they cover, the field names below; a
    # name that needs no sub-header merged down over both rows.
    c.getCellByPosition(0, 0).String = 'Nom'
    c.getCellRangeByName('A1:A2').merge(True)
    c.getCellByPosition(1, 0).String = 'Email'
    c.getCellRangeByName('B1:B2').merge(True)
    c.getCellByPosition(2, 0).String = 'Téléphone'
    c.getCellRangeByName('C1:D1').merge(True)
    c.getCellByPosition(2, 1).String = 'Portable'
    c.getCellByPosition(3, 1).String = 'Fixe'
    c.getCellByPosition(4, 0).String = 'Source'
    c.getCellRangeByName('E1:E2').merge(True)
    c.getCellByPosition(5, 0).String = 'Consentement email'
    c.getCellRangeByName('F1:F2').merge(True)
    text = fmt(doc, '@')
    data = [('DURAND', 'paul.durand@example.org', '0600001601', '0400001601', 'Site web', 'oui'),
            ('PETIT', 'ana.petit@example.org', '0600001602', '', 'Réunion publique', 'non')]
    for r, row in enumerate(data):
        for col, v in enumerate(row):
            cell = c.getCellByPosition(col, 2 + r)
            if col in (2, 3):
                cell.NumberFormat = text
            if v:
                cell.String = v
    # A note typed past the last header column, as people do in a sheet.
    c.getCellByPosition(8, 3).String = 'à rappeler'


def main():
    proc, profile, desktop = start_office()
    try:
        def new_doc():
            return desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (pv('Hidden', True),))

        doc = new_doc()
        inscrits(doc)
        save(doc, 'lo-mairie.xlsx', XLSX)
        save(doc, 'lo-mairie.ods', ODS)
        doc.close(True)

        doc = new_doc()
        nd = UDate()
        nd.Day, nd.Month, nd.Year = 1, 1, 1904
        doc.NullDate = nd
        inscrits(doc)
        save(doc, 'lo-mairie-1904.xlsx', XLSX)
        doc.close(True)

        doc = new_doc()
        synthese(doc)
        save(doc, 'lo-synthese.xlsx', XLSX)
        doc.close(True)
    finally:
        stop_office(proc, profile, desktop)
    print(f'written to {OUT}')


main()
