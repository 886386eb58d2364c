/**
 * The law layer: one legal question per file, each decision beside its source (src/law/decision.ts).
 * Importing this module loads every decision, for `explain` and the meta-test.
 */
import './sources.js';
import './consent.js';
import './category.js';
import './channels.js';
import './retention.js';
import './data.js';

export { decisions, decisionById, type Decision } from './decision.js';
