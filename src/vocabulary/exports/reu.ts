/**
 * Electoral-list (REU) extract given to candidates (code électoral L37), in the column naming the
 * arrêté du 12 novembre 2013 (INTA1326795A), art. 2, fixes "dans l'ordre et avec le même nom d'en-tête de
 * colonnes": TypeListe;InfoListe;DateCreationListe;…;NomdeNaissance;NomDusage;Prenoms;DateDeNaissance;…;
 * NumeroVoie;TypeVoie;LibelleVoie;LieuDit;CodePostal;VilleLocalite;Pays (fixtures/exports/SOURCES.md,
 * "REU electoral-list extract").
 */
import type { ExportProfile } from './types.js';

export const reu: ExportProfile = {
  name: 'reu',
  label: 'Electoral list (REU) extract',
  source: 'fixtures/exports/SOURCES.md#reu-electoral-list-extract-liste-electorale-extraction-reucsv',
  signature: { all: ['NomdeNaissance', 'Prenoms'], any: ['NomDusage', 'DateDeNaissance', 'NoBureauDeVote'] },
  mapping: {
    last_name: 'NomdeNaissance', first_name: 'Prenoms', birth_date: 'DateDeNaissance',
    // The voter's address is split in parts: the street's name is the address field, its number, type,
    // complements and lieu-dit are address data too (contact.address). VilleLocalite is the town of the
    // address; CodeCommune is the INSEE code of the list's commune, not a town.
    address: 'LibelleVoie', postal_code: 'CodePostal', city: 'VilleLocalite',
  },
  contact: { address: ['NumeroVoie', 'TypeVoie', 'ComplementDeLocalisation1', 'ComplementDeLocalisation2', 'LieuDit'] },
  // The list's own columns, and the voter's: NomDusage is a second surname; the place, department and
  // country of birth and the nationality (complementary lists) are part of the official extract (not an
  // origin: src/vocabulary/columns.ts); the polling station is not an opinion.
  known: [
    'TypeListe', 'InfoListe', 'DateCreationListe', 'CodeDepartement', 'CodeCommune', 'NomCommune', 'NoElecteurGeneral', 'Sexe', 'NomDusage',
    'NomComNaissance', 'DeptNaissance', 'PaysNaissance', 'Nationalite', 'NomBureauDeVote', 'NoBureauDeVote', 'CodeCanton', 'CodeCirconscription', 'Pays',
  ],
  dateOrder: 'dmy',
  facts: { source: 'electoral_list' },
};

/** The spelled-out variant of the same extract (a mairie's own export; not sourced). */
export const reuSpelled: ExportProfile = {
  ...reu,
  name: 'reu-spelled',
  label: 'Electoral list (REU) extract, spelled-out headers',
  signature: { all: ['Nom de naissance', 'Prénoms'], any: ["Nom d'usage", 'Bureau de vote'] },
  mapping: { last_name: 'Nom de naissance', first_name: 'Prénoms', birth_date: 'Date de naissance', address: 'Adresse', postal_code: 'Code postal', city: 'Commune' },
  contact: {},
  known: ["Nom d'usage", 'Sexe', 'Lieu de naissance', 'Bureau de vote'],
};
