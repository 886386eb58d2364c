import { defineRule } from './types.js';
import { decideRetention } from '../retention.js';

/**
 * retention-unknown: retention cannot be decided for the row (a needed date is missing or unreadable,
 * no election date for a voter, no category). Never a silent keep: the controller must be able to show
 * the data is still within its retention (RGPD art. 5.1.e and 5.2).
 */
export default defineRule({
  id: 'retention-unknown',
  severity: 'warning',
  action: 'flag',
  references: [
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 5.1.e — limitation de la conservation',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 5.2 — responsabilité (accountability)',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'CNIL — Prospection politique : la CNIL sanctionne cinq candidats aux élections européennes et législatives 2024 (18 décembre 2025)',
      url: 'https://www.cnil.fr/fr/prospection-politique-sanction-candidats-2024',
    },
  ],
  messages: ['noDate', 'noElectionDate', 'unknownCategory', 'noDuration'],
  check(ctx, report) {
    const d = decideRetention(ctx.cls, ctx.settings);
    if (d.status !== 'unknown') return;
    if (d.reason === 'noDate') report({ message: 'noDate', params: { category: d.category, fields: d.fields.join(', ') } });
    else report({ message: d.reason, params: { category: d.category } });
  },
});
