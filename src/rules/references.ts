/** The shared legal references live in src/law/references.ts, beside the decisions that cite them. */
export * from '../law/references.js';
