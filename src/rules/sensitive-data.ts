import { defineRule, wholeColumns } from './types.js';
import { rgpd, CNIL_EMAIL, CNIL_POLITICAL_FILES } from './references.js';

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
    {
      label: "CNIL — La communication politique : mode d'emploi (ancienne fiche pratique, adresse historique)",
      url: 'http://www.cnil.fr/documentation/fiches-pratiques/fiche/article/la-communication-politique-mode-demploi/',
    },
    CNIL_POLITICAL_FILES,
  ],
  messages: ['recorded'],
  ...wholeColumns('sensitive'),
});
