/**
 * @module watchProject: `dev`'s file watcher (chokidar). Any change under the project (route files,
 * what they import, new or deleted folders, next.config, proxy.ts or middleware.ts, tsconfig) and
 * any `.env*` file of the env folder reloads (create-reloader.ts; env files first, through
 * reload-env-files.ts). Changes that come together (a save that writes twice, a checkout) are one
 * reload, and reloads never overlap. One line per reload:
 *
 *   edit api/items/[id]/route.ts -> "reloaded api/items/[id]/route.ts in 12 ms"
 *   edit .env                    -> "reloaded .env in 4 ms"
 *   add then remove two files    -> "reloaded 2 files in 9 ms"
 *   a conflict, a broken proxy   -> the reload's error (the last good table and proxy keep serving)
 * Not watched: node_modules, .git, dist, .next, coverage, .turbo, .vercel, .cache, and files that are
 * not source: *.log (`nextpress dev > dev.log` inside the project), editor swap files (*.swp, *~),
 * SQLite databases (*.db, *.sqlite and their -journal/-wal/-shm), *.pid, *.tsbuildinfo, .DS_Store.
 */
import path from 'node:path';
import { watch } from 'chokidar';
import type { EngineLogger } from '../logging/engine-logger';
import type { Reload } from './create-reloader';
import { reloadEnvFiles } from './reload-env-files';

/** Folders no route imports: installed packages, version control, build output and tool caches. */
const IGNORED_FOLDERS = /(?:^|[\\/])(?:node_modules|\.git|dist|\.next|coverage|\.turbo|\.vercel|\.cache)(?:[\\/]|$)/;
/**
 * Files that cannot change what is served, and that a running server or an editor writes (a reload
 * after each, or a loop when the reload itself logs to one): logs, editor swap and backup files,
 * SQLite databases and their journals, pid files, TypeScript's build info, macOS's .DS_Store.
 */
const IGNORED_FILES = /(?:\.log|\.sw[a-p]|~|\.sqlite3?(?:-journal|-wal|-shm)?|\.db(?:-journal|-wal|-shm)?|\.pid|\.tsbuildinfo|^\.DS_Store)$/;
/** What is watched in the env folder when it lies outside the project root (ROUTES_DIR=routes). */
const ENV_FOLDER_FILES = /^(?:\.env(?:\..+)?|(?:tsconfig|jsconfig)\.json)$/;
const ENV_FILE = /^\.env(?:\..+)?$/;
/** Changes closer together than this are one reload. */
const SETTLE_MS = 30;

export interface ProjectWatcher {
  close(): Promise<void>;
  /** Resolves once the watcher has read the folders and sees changes. */
  ready: Promise<void>;
}

export interface WatchOptions {
  /** The project root (or the routes folder when no project is served). */
  root: string;
  reload: Reload;
  logger: EngineLogger;
  /** Where the env files were read from (default: `root`). */
  envDir?: string;
}

export function watchProject({ root, reload, logger, envDir = root }: WatchOptions): ProjectWatcher {
  const inside = (parent: string, file: string) => {
    const relative = path.relative(parent, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const ignored = (file: string): boolean => {
    if (inside(root, file)) return IGNORED_FOLDERS.test(path.relative(root, file)) || IGNORED_FILES.test(path.basename(file));
    if (file === envDir) return false;
    return path.dirname(file) !== envDir || !ENV_FOLDER_FILES.test(path.basename(file)); // the env folder's own files only
  };
  const watcher = watch(envDir === root || inside(root, envDir) ? root : [root, envDir], { ignored, ignoreInitial: true });
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const flush = async () => {
    timer = undefined;
    const files = [...changed];
    changed.clear();
    const started = performance.now();
    if (files.some((file) => ENV_FILE.test(path.basename(file)) && path.dirname(file) === envDir)) {
      reloadEnvFiles(envDir, (message) => logger.error({ envDir }, `Reloading the env files failed: ${message}`));
    }
    const result = await reload(files);
    if (!result.ok) return; // the reloader logged why
    const names = files.map((file) => (inside(root, file) ? path.relative(root, file) : path.basename(file)).split(path.sep).join('/'));
    const what = names.length === 1 ? names[0] : `${names.length} files`;
    const ms = Math.round(performance.now() - started);
    logger.info({ files: names, ms }, `reloaded ${what} in ${ms} ms`);
  };
  let queue = Promise.resolve();
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      // One reload at a time: changes made during a reload are the next one.
      queue = queue.then(flush).catch((error: unknown) => logger.error({ err: error }, `Reload failed: ${(error as Error)?.message ?? String(error)}`));
    }, SETTLE_MS);
  };
  watcher.on('all', (_event, file) => {
    changed.add(path.resolve(file));
    schedule();
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
