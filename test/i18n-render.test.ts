import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';

describe('message rendering', () => {
  it('fills placeholders, keeps unknown ones visible, and renders an unknown id as itself', () => {
    expect(t('en', 'error.E_HEADER_DUPLICATE', { column: 'nom', first: 2, second: 3 })).toBe(
      'duplicate column name "nom" (columns 2 and 3); rename one or map it with --map',
    );
    expect(t('en', 'error.E_HEADER_DUPLICATE', { column: 'nom' })).toContain('(columns {first} and {second})');
    expect(t('fr', 'no.such.message')).toBe('no.such.message');
    expect(t('en', 'summary.noFindings')).toBe('No findings.');
    // A value that looks like a placeholder is not expanded again.
    expect(t('en', 'error.E_USAGE', { detail: '{detail}' })).toBe('{detail}');
  });
});
