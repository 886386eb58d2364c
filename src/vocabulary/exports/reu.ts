/**
 * Electoral-list (REU) extract given to candidates (code électoral L37), in the column naming of the
 * e-listelec CSV format (arrêté du 12 novembre 2013; fixtures/exports/SOURCES.md, "REU electoral-list
 * extract": only NomdeNaissance, NomDusage and Prenoms are sourced).
 */
import type { ExportProfile } from './types.js';

export const reu: ExportProfile = {
  name: 'reu',
  label: 'Electoral list (REU) extract',
  source: 'fixtures/exports/SOURCES.md#reu-electoral-list-extract-liste-electorale-extraction-reucsv-header-only-partly-sourced',
  signature: { all: ['NomdeNaissance', 'Prenoms'], any: ['NomDusage', 'DateNaissance', 'BureauVote'] },
  mapping: {
    last_name: 'NomdeNaissance', first_name: 'Prenoms', birth_date: 'DateNaissance', address: 'Adresse',
    postal_code: 'CodePostal', city: 'Commune',
  },
  // NomDusage is a second surname, LieuNaissance part of the official extract (not an origin).
  known: ['NomDusage', 'Sexe', 'LieuNaissance', 'BureauVote'],
  dateOrder: 'dmy',
  facts: { source: 'electoral_list' },
};

/** The spelled-out variant of the same extract. */
export const reuSpelled: ExportProfile = {
  ...reu,
  name: 'reu-spelled',
  label: 'Electoral list (REU) extract, spelled-out headers',
  signature: { all: ['Nom de naissance', 'Prénoms'], any: ["Nom d'usage", 'Bureau de vote'] },
  mapping: { last_name: 'Nom de naissance', first_name: 'Prénoms', birth_date: 'Date de naissance', address: 'Adresse', postal_code: 'Code postal', city: 'Commune' },
  known: ["Nom d'usage", 'Sexe', 'Lieu de naissance', 'Bureau de vote'],
};
