/** Types of bench/generate.mjs, for the tests that check what the benchmark feeds the tool. */
export declare const HEADER: readonly string[];
export declare function rng(seed: number): () => number;
export declare function generateRows(rows: number, seed?: number): Generator<string[]>;
export declare function generateFile(path: string, opts?: { rows?: number; seed?: number }): { path: string; rows: number; bytes: number };
