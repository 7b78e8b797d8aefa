/**
 * @module cleanStack: an error's stack -> its frames without the machinery around a handler (Node's
 * internals, Express and its router, nextpress's own engine), paths relative to the project root,
 * as `next dev` prints them (it leaves out its own frames too). Development's logs and error pages
 * show these.
 *
 *   'Error: boom\n    at GET (/app/app/api/x/route.ts:8:11)'           -> ['GET (app/api/x/route.ts:8:11)']
 *   '    at Layer.handle (/app/node_modules/router/lib/layer.js:152:17)' -> (dropped)
 *   '    at process.processTicksAndRejections (node:internal/...:95:5)'  -> (dropped)
 *   '    at AsyncLocalStorage.run (node:async_hooks:346:14)'             -> (dropped)
 *   '    at run (<nextpress>/dist/server/dispatch/dispatcher.js:152:46)' -> (dropped)
 *   '    at helper (/elsewhere/lib.js:1:2)'                              -> ['helper (/elsewhere/lib.js:1:2)']
 */
import path from 'node:path';
import StackUtils from 'stack-utils';

/** nextpress's own engine folders (server/, middleware/, config/; under dist/ when built), each ending in a separator. */
export const ENGINE_DIRS = ['server', 'middleware', 'config'].map((name) => path.resolve(__dirname, '..', '..', name) + path.sep);
const ENGINE_FRAME = new RegExp(`[( ](?:${ENGINE_DIRS.map(escapeRegExp).join('|')})`);

/** Packages whose frames are never the user's business: Express and what it runs requests through. */
const IGNORED_PACKAGES = ['express', 'router', 'finalhandler', 'body-parser'];

const cleaners = new Map<string, StackUtils>(); // by root

export function stackUtilsFor(root: string): StackUtils {
  let utils = cleaners.get(root);
  if (utils === undefined) {
    utils = new StackUtils({ cwd: root, internals: [...StackUtils.nodeInternals(), ENGINE_FRAME], ignoredPackages: IGNORED_PACKAGES });
    cleaners.set(root, utils);
  }
  return utils;
}

export function cleanStack(stack: string, root: string): string[] {
  // Only the frames: the message above them may span lines of its own.
  const frames = stack.split('\n').filter((line) => /^\s*at /.test(line));
  return stackUtilsFor(root)
    .clean(frames)
    .split('\n')
    .filter((line) => line !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
