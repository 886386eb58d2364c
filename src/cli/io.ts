/** What the CLI needs from the process, passed in so tests can run it in-process. */
import type { Readable, Writable } from 'node:stream';

export interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: Out & Partial<Writable>;
  stderr: Out;
  stdin?: Readable;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT / SIGTERM. */
  signal?: AbortSignal;
  /**
   * The language `--lang` asked for anywhere on the command line, seen before commander parses (a
   * `--lang fr` taken as another option's value still counts): the one language detection of a run.
   */
  lang?: 'fr' | 'en';
  now?: () => number;
}
