import { defineRule } from './types.js';
import { NOTHING } from '../vocabulary/consent.js';
import { termKey } from '../text.js';
import { rgpd, CNIL_EMAIL, CNIL_PHONE } from './references.js';

/**
 * unknown-channel: the row's `channel` column holds text that names no channel the tool knows, so what
 * the row is used for cannot be checked against its consent. It is reported, never read as "no use":
 * the controller must be able to show each use is lawful (RGPD art. 5.2), and consent is given to "ce
 * mode de contact" (CNIL, par téléphone; par courrier électronique). The cell is never repeated: free
 * text may name people.
 */
export default defineRule({
  id: 'unknown-channel',
  severity: 'warning',
  action: 'flag',
  tags: ['consent'],
  references: [
    rgpd('5.2', 'responsabilité (accountability)'),
    CNIL_PHONE,
    CNIL_EMAIL,
  ],
  messages: ['unrecognised'],
  check(ctx, report) {
    // With --for the channel column is not what the file is used for.
    if (ctx.settings.for.length || ctx.channels.length) return;
    const text = ctx.get('channel');
    if (text === undefined || NOTHING.has(termKey(text))) return;
    report({ message: 'unrecognised', field: 'channel' });
  },
});
