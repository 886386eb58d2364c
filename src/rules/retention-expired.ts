import { defineRule } from './types.js';
import { decideRetention, retentionParams } from '../law/retention.js';
import { rgpd, NS34, NS34_RETENTION_ARTICLE } from './references.js';

/**
 * retention-expired: the row is past its category's retention at --as-of (SPEC §5 table; RGPD art.
 * 5.1.e). The finding names the date that started the clock and the duration applied, so a DPO can
 * check the decision. The durations are config `retention`; the 3-year default for regular contacts
 * is an interpretation (see src/retention.ts and `cnil-audit explain retention-expired`).
 */
export default defineRule({
  id: 'retention-expired',
  severity: 'error',
  action: 'drop-row',
  tags: ['retention'],
  purge: 4,
  decisions: ['retention.regular-contact', 'retention.occasional-contact', 'retention.voter', 'category.by-source', 'category.voter-consent'],
  references: [
    rgpd('5.1.e', 'limitation de la conservation'),
    NS34_RETENTION_ARTICLE,
    NS34,
    {
      label: "CNIL — L'utilisation de listes d'électeurs pour la communication politique (21 octobre 2025)",
      url: 'https://www.cnil.fr/fr/lutilisation-de-listes-delecteurs-pour-la-communication-politique',
    },
    {
      label: 'Légifrance — Délibération CNIL n° 2016-264 (NS 48, gestion de clients et de prospects), art. 5 « Durées de conservation » (référence de 3 ans, par analogie)',
      url: 'https://www.legifrance.gouv.fr/affichTexteArticle.do?cidTexte=JORFTEXT000033117877&idArticle=JORFARTI000033117901&dateTexte=20160914&categorieLien=cid',
    },
  ],
  messages: ['expired', 'electionPassed'],
  check(ctx, report) {
    const d = decideRetention(ctx.cls, ctx.settings);
    if (d.status !== 'expired') return;
    const params = retentionParams(d);
    if (d.category === 'voter') {
      report({ message: 'electionPassed', params });
      return;
    }
    // Name the column as the file does ("Dernier contact"), the field stays canonical for filtering.
    const index = ctx.plan.mapping[d.from as keyof typeof ctx.plan.mapping];
    if (index !== undefined) params.field = ctx.plan.header[index];
    report({ message: 'expired', field: d.from, params });
  },
});
