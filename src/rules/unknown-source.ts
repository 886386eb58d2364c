import { defineRule } from './types.js';

/**
 * unknown-source: nothing on the row says where the contact came from. Without an origin the campaign
 * can neither tell the person the source of their data (RGPD art. 14.2.f) nor show the processing is
 * lawful (art. 5.2); the CNIL fined candidates in December 2025 who could not prove it. The source
 * text itself is never repeated in the finding: free text may name people.
 */
export default defineRule({
  id: 'unknown-source',
  severity: 'warning',
  action: 'flag',
  references: [
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 5.2 — responsabilité (accountability)',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 14.2.f — source des données',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'CNIL — Prospection politique : la CNIL sanctionne cinq candidats aux élections européennes et législatives 2024 (18 décembre 2025)',
      url: 'https://www.cnil.fr/fr/prospection-politique-sanction-candidats-2024',
    },
    {
      label: 'CNIL — Respecter les droits des électeurs sur leurs données personnelles (30 janvier 2026)',
      url: 'https://www.cnil.fr/fr/respecter-les-droits-des-electeurs-sur-leurs-donnees-personnelles',
    },
  ],
  messages: ['noColumn', 'empty', 'unrecognised'],
  check(ctx, report) {
    if (ctx.cls.source !== 'unknown') return;
    if (ctx.plan.mapping.source === undefined) report({ message: 'noColumn' });
    else report({ message: ctx.cls.sourceGiven ? 'unrecognised' : 'empty', field: 'source' });
  },
});
