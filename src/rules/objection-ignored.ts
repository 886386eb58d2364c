import { defineRule, type HeaderPlan } from './types.js';
import { rgpd, CNIL_SANCTIONS_2025, CNIL_VOTER_RIGHTS, CNIL_VOTER_RIGHTS_2026 } from './references.js';

/** Per file: the name a finding gives each column, its canonical field when mapped, else its own name. */
const FIELD_NAMES = new WeakMap<HeaderPlan, string[]>();

let lastPlan: HeaderPlan | undefined;
let lastNames: string[] | undefined;
function fieldOf(plan: HeaderPlan, index: number): string {
  let names = plan === lastPlan ? lastNames : FIELD_NAMES.get(plan);
  lastPlan = plan;
  if (!names) {
    names = plan.header.slice();
    for (const [field, i] of Object.entries(plan.mapping)) if (i !== undefined) names[i] = field;
    FIELD_NAMES.set(plan, names);
  }
  lastNames = names;
  return names[index];
}

/**
 * objection-ignored: the person objected, unsubscribed or asked not to be contacted, and is still in a
 * file used for contact. After an objection to prospecting the data "ne sont plus traitées à ces fins"
 * (RGPD art. 21.2 and 21.3; CNIL, les droits des électeurs). An objection to prospecting as a whole
 * (the objection column, or an opt-out worded for everything) fires whatever the channel; an opt-out or
 * refusal of one channel (do_not_call, STOP SMS, "refusé" in a consent column, members included) fires
 * when the row is used on that channel (law/consent.ts).
 */
export default defineRule({
  id: 'objection-ignored',
  severity: 'error',
  action: 'drop-row',
  tags: ['consent'],
  purge: 3,
  decisions: ['consent.optout-scope', 'consent.refusal-objects', 'consent.later-consent-lifts-objection', 'consent.objection-cell', 'consent.phone-objection-automated'],
  references: [
    rgpd('21.2 et 21.3', 'droit d\'opposition à la prospection'),
    CNIL_VOTER_RIGHTS_2026,
    CNIL_VOTER_RIGHTS,
    CNIL_SANCTIONS_2025,
  ],
  messages: ['objected', 'objectedChannel'],
  check(ctx, report) {
    const { cls } = ctx;
    if (!cls.objection && cls.objectedChannels.size === 0) return;
    const index = cls.objectionColumn;
    const field = index !== undefined ? fieldOf(ctx.plan, index) : 'objection';
    const column = index !== undefined ? ctx.plan.header[index] : 'objection';
    if (cls.objection) {
      report({ message: 'objected', params: { field: column }, field });
      return;
    }
    for (const channel of ctx.channels) {
      if (cls.objectedChannels.has(channel)) report({ message: 'objectedChannel', params: { channel, field: column }, field });
    }
  },
});
