import { defineRule } from './types.js';

/**
 * social-scraping: the source says the contact was collected automatically or systematically from a
 * social network (extraction tool, browser extension, bot). The CNIL holds that public profiles are
 * still personal data and that bulk collection without informing the people is unlawful (CNIL,
 * communication politique et réseaux sociaux; RGPD art. 5.1.a and 14): nothing in the row can be
 * made lawful afterwards, so the row goes.
 */
export default defineRule({
  id: 'social-scraping',
  severity: 'error',
  action: 'drop-row',
  references: [
    {
      label: 'CNIL — Communication politique : quelles règles pour la collecte de données sur les réseaux sociaux ? (9 février 2023 ; 1re version novembre 2016)',
      url: 'https://www.cnil.fr/fr/communication-politique-quelles-regles-pour-la-collecte-de-donnees-sur-les-reseaux-sociaux',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 5.1.a — licéité, loyauté, transparence',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 14 — information en cas de collecte indirecte',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'Qomon — Utilisation des données issues des réseaux sociaux : quelles règles en campagne ? (21 octobre 2023)',
      url: 'https://fr.qomon.com/blog/utilisation-reseaux-sociaux-election',
    },
    {
      label: 'CNIL — Réutilisation de vos données publiées sur Internet à des fins commerciales : quels sont vos droits ? (12 juin 2024)',
      url: 'https://www.cnil.fr/fr/reutilisation-de-vos-donnees-publiees-sur-internet-des-fins-commerciales-quels-sont-vos-droits',
    },
  ],
  messages: ['scraped', 'scrapedNoNetwork'],
  check(ctx, report) {
    if (ctx.cls.source !== 'social_scraped') return;
    const network = ctx.cls.network;
    if (network) report({ message: 'scraped', params: { network }, field: 'source' });
    else report({ message: 'scrapedNoNetwork', field: 'source' });
  },
});
