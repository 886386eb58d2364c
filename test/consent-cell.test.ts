/**
 * Reading consent and objection cells into word classes (src/read/consent-cell.ts), table-driven: the
 * whole cell, the words inside it, and the negations beside them. What a class is worth is
 * src/law/consent.ts's business (test/law.test.ts, test/classify.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { consentCellReader, replyOf, type CellWord } from '../src/read/consent-cell.js';

const read = consentCellReader({ true: ['ja'], false: ['nein'] });

describe('consent cells', () => {
  const cases: [string, CellWord | undefined][] = [
    // Whole cells.
    ['oui', 'yes'], ['non', 'false'], ['subscribed', 'status'], ['pending', 'no'], ['refusé', 'refused'], ['STOP', 'optout'],
    ['ne plus me contacter', 'optoutAll'], ['2025-02-11', 'date'], ['ja', 'yes'], ['nein', 'false'], ['', undefined],
    // Words inside a cell (issue 11).
    ['double opt-in confirmé', 'yes'], ['oui (double opt-in)', 'yes'], ['Opt-in confirmé le 12/03/2025', 'yes'],
    ['désabonné SMS le 03/11', 'optout'], ['désinscrit - ne plus me contacter', 'optoutAll'], ['refus opt-in', 'refused'],
    ['non confirmé (en attente)', 'no'], ['pas de consentement (import)', 'no'], ['consent not given', 'no'],
    // Negations (RGPD art. 4.11: consent is unambiguous; a "no" next to "opt-in" is not one).
    ['opt-in : non', 'false'], ['opt-in email : non', 'false'], ['opt-in = no', 'false'], ['non, pas d\'opt-in', 'false'],
    ['no opt-in', 'false'], ['sans opt-in', 'false'], ['pas d\'accord', 'false'], ['not confirmed', 'no'], ['non inscrit', 'no'],
    ['Non.', 'false'], ['NON !', 'false'],
    ['pas d\'opposition', 'no'], ['opposition : non', 'no'], ['aucune opposition', 'no'], ['non désinscrit', 'no'],
    // What a negation nearby does not change.
    ['opted in, not unsubscribed', 'yes'], ['stop, pas de SMS', 'optout'], ['Non (désinscrit)', 'optout'],
    ['ne pas contacter', 'optoutAll'], ['aucun contact', 'optoutAll'], ['aucun (import)', 'no'],
    ['demande par lettre', undefined], ['non renseigné', undefined],
  ];
  for (const [cell, word] of cases) it(`"${cell}" → ${word}`, () => expect(read(cell)).toBe(word));
});

describe('first-message replies', () => {
  const cases: [string, 'yes' | 'no' | undefined][] = [['oui', 'yes'], ['non', 'no'], ['stop', 'no'], ['pas d\'accord', 'no'], ['peut-être', undefined]];
  for (const [cell, reply] of cases) it(`"${cell}" → ${reply}`, () => expect(replyOf(read(cell))).toBe(reply));
});
