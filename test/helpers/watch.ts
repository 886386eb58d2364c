/** Waiting on a folder without timers (GUIDE: no sleeps). */
import { readdirSync, watch } from 'node:fs';

/** Resolves once a file whose name starts with `prefix` is in `dir` (a watch on the folder, checked once first). */
export function appears(dir: string, prefix: string): Promise<void> {
  return new Promise((ready) => {
    const check = () => {
      if (!readdirSync(dir).some((f) => f.startsWith(prefix))) return;
      watcher.close();
      ready();
    };
    const watcher = watch(dir, check);
    check();
  });
}
