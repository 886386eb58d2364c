import { defineRule } from './types.js';
import { rgpd, CNIL_PUBLISHED_DATA_REUSE, CNIL_SOCIAL_NETWORKS, QOMON_SOCIAL_NETWORKS } from './references.js';

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
  tags: ['source'],
  purge: 2,
  decisions: ['sources.unusable', 'sources.precedence'],
  references: [
    CNIL_SOCIAL_NETWORKS,
    rgpd('5.1.a', 'licéité, loyauté, transparence'),
    rgpd('14', 'information en cas de collecte indirecte'),
    QOMON_SOCIAL_NETWORKS,
    CNIL_PUBLISHED_DATA_REUSE,
  ],
  messages: ['scraped', 'scrapedNoNetwork'],
  check(ctx, report) {
    if (ctx.cls.source !== 'social_scraped') return;
    const network = ctx.cls.network;
    if (network) report({ message: 'scraped', params: { network }, field: 'source' });
    else report({ message: 'scrapedNoNetwork', field: 'source' });
  },
});
