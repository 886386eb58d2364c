import { defineRule } from './types.js';

const MESSAGE = { file_rental: 'rented', purchased: 'purchased', third_party: 'thirdParty' } as const;

/**
 * third-party-source: the row comes from a rented or bought list or a partner's file. It may serve
 * only if the people were told, "au moment de la collecte initiale", of the possible political reuse
 * and could object; the file cannot show that, so the campaign must get the proof from the provider
 * (CNIL, communication politique par courrier électronique; par téléphone; RGPD art. 14).
 */
export default defineRule({
  id: 'third-party-source',
  severity: 'warning',
  action: 'flag',
  references: [
    {
      label: 'CNIL — La communication politique par courrier électronique',
      url: 'https://www.cnil.fr/la-communication-politique-par-courrier-electronique',
    },
    {
      label: 'CNIL — La communication politique par téléphone (SMS/MMS, automates d\'appel)',
      url: 'https://www.cnil.fr/fr/la-communication-politique-par-telephone',
    },
    {
      label: 'CNIL — Les fichiers du secteur privé (21 octobre 2025)',
      url: 'https://www.cnil.fr/fr/les-fichiers-du-secteur-prive',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 14 — information en cas de collecte indirecte',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 5.2 — responsabilité (accountability)',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
  ],
  messages: ['rented', 'purchased', 'thirdParty'],
  check(ctx, report) {
    const source = ctx.cls.source;
    if (source === 'file_rental' || source === 'purchased' || source === 'third_party') {
      report({ message: MESSAGE[source], field: 'source' });
    }
  },
});
