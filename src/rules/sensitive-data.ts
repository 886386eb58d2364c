import { defineRule, wholeColumns } from './types.js';
import { rgpd, CNIL_EMAIL, CNIL_POLITICAL_FILES, CNIL_VOTER_LISTS } from './references.js';

/**
 * sensitive-data: religion, ethnic origin, name consonance, an origin derived from the birthplace,
 * health, sexual orientation or union membership (SPEC §3 patterns). RGPD art. 9.1 forbids processing
 * them and no exception covers political prospecting; the CNIL forbids sorting voters by the
 * consonance of their name or by their place of birth. The whole column leaves the cleaned file.
 */
export default defineRule({
  id: 'sensitive-data',
  severity: 'error',
  action: 'scrub-field',
  tags: ['data'],
  references: [
    rgpd('9.1', 'catégories particulières de données'),
    CNIL_EMAIL,
    CNIL_POLITICAL_FILES,
    CNIL_VOTER_LISTS,
  ],
  messages: ['recorded'],
  ...wholeColumns('sensitive'),
});
