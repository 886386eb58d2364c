/**
 * The law layer seen from `explain`: every interpretation a rule rests on is listed, in FR and EN,
 * and the readings issue 11 asked to be explained are (missing-consent, retention of online contacts).
 */
import { describe, expect, it } from 'vitest';
import { explainRule, renderExplain } from '../src/cli/rules-command.js';
import { decisionById } from '../src/law/index.js';
import { decideRetention } from '../src/law/retention.js';
import { DEFAULT_RETENTION } from '../src/engine.js';
import { ruleById, rules } from '../src/rules/index.js';
import { parseDate } from '../src/read/values.js';
import { LANGS } from '../src/types.js';

const day = (s: string) => parseDate(s) as number;

describe('explain lists the interpretations a rule rests on', () => {
  for (const rule of rules) {
    const ids = (rule.decisions ?? []).filter((id) => decisionById(id)?.interpretation);
    if (!ids.length) continue;
    for (const lang of LANGS) {
      it(`${rule.id} (${lang})`, () => {
        const e = explainRule(rule, lang);
        expect(e.interpretations?.map((i) => i.id)).toEqual(ids);
        const text = renderExplain(e, 'text', lang);
        for (const i of e.interpretations ?? []) expect(text).toContain(`[${i.id}]`);
      });
    }
  }
});

describe('readings issue 11 asked explain to state', () => {
  it('missing-consent: the CNIL’s December 2025 sanctions also accept a legitimate interest; the opt-in is the conservative reading', () => {
    const en = renderExplain(explainRule(ruleById.get('missing-consent')!, 'en'), 'text', 'en');
    const fr = renderExplain(explainRule(ruleById.get('missing-consent')!, 'fr'), 'text', 'fr');
    expect(en).toMatch(/s’attendre à\s+recevoir/);
    expect(en).toMatch(/conservative/);
    expect(fr).toMatch(/intérêt\s+légitime/);
    expect(fr).toMatch(/prudente/);
  });

  it('retention-expired: NS 34 says the two months "devrait être raccourci" for data collected online', () => {
    for (const lang of LANGS) {
      const e = explainRule(ruleById.get('retention-expired')!, lang);
      const line = e.retention?.find((r) => r.category === 'occasional_contact');
      expect(line?.text).toContain('devrait être raccourci');
      expect(line?.text).toContain('retentionBySource');
    }
  });
});

describe('retention of occasional contacts per source (délib. 2012-021: "devrait être raccourci" online)', () => {
  const settings = { for: [], asOf: day('2026-11-23'), retention: DEFAULT_RETENTION };
  const dates = { collected_at: day('2026-10-01') };
  it('the 2-month default keeps a web-form contact collected 7 weeks ago', () => {
    expect(decideRetention({ category: 'occasional_contact', dates, source: 'web_form' }, settings).status).toBe('kept');
  });
  it('a shorter period for web forms expires it', () => {
    const d = decideRetention({ category: 'occasional_contact', dates, source: 'web_form' }, { ...settings, retentionBySource: { web_form: { occasional_contact: '1m' } } });
    expect(d.status).toBe('expired');
  });
  it('other sources keep the default', () => {
    const d = decideRetention({ category: 'occasional_contact', dates, source: 'in_person' }, { ...settings, retentionBySource: { web_form: { occasional_contact: '1m' } } });
    expect(d.status).toBe('kept');
  });
});
