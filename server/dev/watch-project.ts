/**
 * @module watchProject: `dev`'s file watcher (chokidar). Any change under the project (route files,
 * what they import, new or deleted folders) reloads the route table and forgets the project's
 * evaluated modules (create-reloader.ts); changes that come together (a save that writes twice,
 * a checkout) are one reload. One line per reload:
 *
 *   edit api/items/[id]/route.ts -> "reloaded api/items/[id]/route.ts in 12 ms"
 *   add then remove two files    -> "reloaded 2 files in 9 ms"
 *   a conflict                   -> the reload's error (the last good table keeps serving)
 * Not watched: node_modules, .git, dist, .next.
 */
import path from 'node:path';
import { watch } from 'chokidar';
import type { EngineLogger } from '../logging/engine-logger';
import type { ReloadResult } from './create-reloader';

const IGNORED = /(?:^|[\\/])(?:node_modules|\.git|dist|\.next)(?:[\\/]|$)/;
/** Changes closer together than this are one reload. */
const SETTLE_MS = 30;

export interface ProjectWatcher {
  close(): Promise<void>;
  /** Resolves once the watcher has read the folder and sees changes. */
  ready: Promise<void>;
}

export function watchProject(root: string, reload: () => ReloadResult, logger: EngineLogger): ProjectWatcher {
  const watcher = watch(root, { ignored: (file) => IGNORED.test(path.relative(root, file)), ignoreInitial: true });
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...changed];
    changed.clear();
    const result = reload();
    if (!result.ok) return; // the reloader logged why
    const what = files.length === 1 ? files[0] : `${files.length} files`;
    logger.info({ files, ms: result.ms }, `reloaded ${what} in ${result.ms} ms`);
  };
  watcher.on('all', (_event, file) => {
    changed.add(path.relative(root, file).split(path.sep).join('/'));
    if (timer === undefined) timer = setTimeout(flush, SETTLE_MS);
  });
  watcher.on('error', (error) => logger.warn({ err: error }, `Watching ${root} failed: ${(error as Error).message}`));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      if (timer !== undefined) clearTimeout(timer);
      await watcher.close();
    },
  };
}
