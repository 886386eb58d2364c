/**
 * A legal decision of the tool: one answer to one legal question, with the texts it rests on and,
 * where no text settles it, a flag saying it is the tool's interpretation. `explain <rule>` shows the
 * interpretations a rule rests on (message `law.<id>.interpretation`, FR and EN); test/meta.test.ts
 * checks every exported binding of src/law/ is a decision or names one (`@decision <id>`).
 */
import type { Reference } from '../types.js';

export interface Decision {
  /** Stable id, `<file>.<question>` ("consent.status-trusted"). */
  id: string;
  /** The texts the decision rests on: at least one, with an https URL. */
  references: readonly Reference[];
  /** True when no text settles the question and this is the tool's reading. */
  interpretation: boolean;
}

const registry = new Map<string, Decision>();

/** Registers a decision and returns it with its value, so the code reads `X.value` beside its source. */
export function decision<T>(d: Decision & { value: T }): Decision & { value: T } {
  if (registry.has(d.id)) throw new Error(`decision ${d.id} registered twice`);
  registry.set(d.id, d);
  return d;
}

/** Every registered decision (after the law modules are loaded). */
export function decisions(): readonly Decision[] {
  return [...registry.values()];
}

export function decisionById(id: string): Decision | undefined {
  return registry.get(id);
}
