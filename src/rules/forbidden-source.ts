import { defineRule } from './types.js';
import { rgpd, CGCT_L1112_16, CNIL_FORBIDDEN_FILES, CNIL_PRIVATE_SECTOR_FILES, CNIL_SANCTIONS_2025 } from './references.js';

const MESSAGE = {
  civil_registry: 'civilRegistry',
  public_users: 'publicUsers',
  local_consultation: 'localConsultation',
  employer: 'employer',
  company_internal: 'companyInternal',
} as const;

/**
 * forbidden-source: the source is a file the CNIL excludes from political communication: civil
 * registry (births, marriages, deaths), a public body's user file (CCAS, school, canteen, after-school),
 * the participants in a local consultation or petition lodged with the commune, an employer's HR or
 * payroll file, a company's internal files. "L'utilisation des fichiers du secteur public à des fins de communication politique est par
 * principe interdite" and internal management files are "strictement exclu[s]" (CNIL, les fichiers qui
 * ne peuvent pas être utilisés; les fichiers du secteur privé; RGPD art. 5.1.b).
 */
export default defineRule({
  id: 'forbidden-source',
  severity: 'error',
  action: 'drop-row',
  tags: ['source'],
  purge: 1,
  decisions: ['sources.unusable', 'sources.precedence', 'sources.forbidden-topic'],
  references: [
    CNIL_FORBIDDEN_FILES,
    CNIL_PRIVATE_SECTOR_FILES,
    {
      label: 'CNIL — Quels fichiers peuvent être utilisés à des fins de communication politique ?',
      url: 'https://www.cnil.fr/fr/quels-fichiers-peuvent-etre-utilises-des-fins-de-communication-politique',
    },
    rgpd('5.1.b', 'limitation des finalités'),
    CGCT_L1112_16,
    CNIL_SANCTIONS_2025,
  ],
  messages: ['civilRegistry', 'publicUsers', 'employer', 'companyInternal', 'excluded', 'localConsultation'],
  check(ctx, report) {
    if (ctx.cls.source !== 'forbidden') return;
    const kind = ctx.cls.forbiddenKind;
    report({ message: kind ? MESSAGE[kind] : 'excluded', field: 'source' });
  },
});
