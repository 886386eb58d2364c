import { defineRule, type RowContext } from './types.js';
import type { Channel, Field } from '../types.js';
import { isOwnData, SOCIAL_SOURCES, UNUSABLE_SOURCES } from '../law/sources.js';
import { holdsContact } from '../contact-columns.js';
import { rgpd, rpp, CNIL_PRIVATE_SECTOR_FILES, CNIL_PUBLISHED_DATA_REUSE, CNIL_SOCIAL_NETWORKS } from './references.js';

type ContactKind = 'email' | 'phone' | 'address';

/** Each kind of contact data, and the consents that make it usable (an SMS or call opt-in covers the number). */
const KINDS: readonly [ContactKind, readonly Channel[]][] = [
  ['email', ['email']],
  ['phone', ['sms', 'phone', 'automated_call']],
  ['address', ['post']],
];

/** The finding's field: the canonical field when the column is the mapped one, else the column's name. */
function fieldOf(ctx: RowContext, kind: ContactKind, index: number): string {
  return ctx.plan.mapping[kind as Field] === index ? kind : ctx.plan.header[index];
}

/**
 * social-enrichment: an email, phone number or postal address sits on a row that comes from a social
 * network, or was appended from a social network, a scraping tool or a data broker, and the person gave
 * no explicit consent for that channel. A social contact agreed to be reached on the network only;
 * details matched from elsewhere are an "enrichment" the person does not know of and cannot object to
 * (CNIL, communication politique et réseaux sociaux; RGPD art. 5.1.a and 14). The details are emptied;
 * the row stays with what the person did give.
 */
export default defineRule({
  id: 'social-enrichment',
  severity: 'error',
  action: 'scrub-field',
  tags: ['source', 'consent'],
  decisions: ['sources.own-data', 'sources.social', 'sources.unusable', 'sources.network-connection'],
  references: [
    CNIL_SOCIAL_NETWORKS,
    rgpd('5.1.a', 'licéité, loyauté, transparence'),
    rgpd('14', 'information en cas de collecte indirecte (source des données)'),
    CNIL_PRIVATE_SECTOR_FILES,
    CNIL_PUBLISHED_DATA_REUSE,
    // Appended data is never "collected from the data subject": no online political ads on it.
    rpp('18.1.a', 'données collectées auprès de la personne'),
  ],
  messages: ['fromNetwork', 'fromSocial', 'enrichedNetwork', 'enrichedScraping', 'enrichedBroker'],
  check(ctx, report) {
    const { cls } = ctx;
    // Scraped rows are dropped whole by social-scraping; an "other" enrichment (a town's own file,
    // a typed-in correction) is not a social network, a scraper or a broker.
    const social = SOCIAL_SOURCES.value.has(cls.source) && !UNUSABLE_SOURCES.value.has(cls.source);
    const enrichment = cls.enrichment && cls.enrichment.kind !== 'other' ? cls.enrichment : undefined;
    if (!social && !enrichment) return;
    const all = ctx.plan.contact;
    for (const [kind, channels] of KINDS) {
      // Every column of the kind holding data on this row, not only those the classifier maps
      // ("Email perso" beside "email": issue #16).
      const columns = [...new Set([...cls.contact[kind], ...all[kind].filter((i) => holdsContact(kind, ctx.cells[i]))])];
      if (columns.length === 0 || channels.some((c) => cls.consent.has(c)) || isOwnData(cls.source, kind)) continue;
      const field = fieldOf(ctx, kind, columns[0]);
      const params: Record<string, string> = { field: ctx.plan.header[columns[0]] };
      let message: string;
      if (enrichment) {
        if (enrichment.kind === 'scraping') message = 'enrichedScraping';
        else if (enrichment.kind === 'broker') message = 'enrichedBroker';
        else message = 'enrichedNetwork';
        if (message === 'enrichedNetwork') params.network = enrichment.network ?? 'other';
      } else if (cls.network) {
        message = 'fromNetwork';
        params.network = cls.network;
      } else {
        message = 'fromSocial';
      }
      report({ message, params, field, scrub: columns });
    }
  },
});
