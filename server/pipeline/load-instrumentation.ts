/**
 * @module loadInstrumentation: a Next project's instrumentation.ts, as Next runs it:
 *   1. look at the project root, then src/, for instrumentation.* (.ts .js .mjs .mts .cjs);
 *   2. import it (the same loader as route files) and await its `register()` once, before the
 *      server listens (OpenTelemetry and error reporters hook in there);
 *   3. hand back its `onRequestError(error, request, context)`, which the dispatcher calls for
 *      every error a route handler throws, with Next's arguments:
 *        request: { path, method, headers }
 *        context: { routerKind: 'App Router', routePath: '/api/posts/[id]/route', routeType: 'route', revalidateReason: undefined }
 *   A register() that throws stops the start, naming the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NextpressError } from '../errors';
import { importProjectModule } from '../loading/load-route-module';
import { toPage } from '../cache/implicit-tags';

const EXTENSIONS = ['.ts', '.js', '.mjs', '.mts', '.cjs'];

export interface RequestErrorContext {
  routerKind: 'App Router';
  routePath: string;
  routeType: 'route' | 'proxy';
  revalidateReason: 'on-demand' | 'stale' | undefined;
}

export type OnRequestError = (
  error: unknown,
  request: Readonly<{ path: string; method: string; headers: NodeJS.Dict<string | string[]> }>,
  context: Readonly<RequestErrorContext>,
) => void | Promise<void>;

export interface LoadedInstrumentation {
  /** Relative to the project folder: './instrumentation.ts', './src/instrumentation.ts'. */
  file: string;
  onRequestError: OnRequestError | undefined;
}

export function findInstrumentationFile(projectDir: string): string | undefined {
  for (const dir of [projectDir, path.join(projectDir, 'src')]) {
    for (const extension of EXTENSIONS) {
      const file = path.join(dir, `instrumentation${extension}`);
      if (fs.existsSync(file)) return file;
    }
  }
  return undefined;
}

export async function loadInstrumentation(projectDir: string): Promise<LoadedInstrumentation | undefined> {
  const file = findInstrumentationFile(projectDir);
  if (file === undefined) return undefined;
  const relative = `./${path.relative(projectDir, file).split(path.sep).join('/')}`;
  let mod: Record<string, unknown>;
  try {
    mod = await importProjectModule(file);
    if (typeof mod.register === 'function') await (mod.register as () => unknown)();
  } catch (error) {
    throw new NextpressError(
      `'${relative}' failed: ${(error as Error)?.message ?? String(error)}. Fix its register() (or what it imports); the server does not start without it.`,
      {
        code: 'INSTRUMENTATION_FAILED',
        cause: error,
      },
    );
  }
  const onRequestError = typeof mod.onRequestError === 'function' ? (mod.onRequestError as OnRequestError) : undefined;
  return { file: relative, onRequestError };
}

/**
 * The dispatcher's hook that calls `onRequestError` (once it is loaded), never awaited by the
 * response, its own failures logged naming the file.
 */
export function reportToInstrumentation(
  loaded: () => LoadedInstrumentation | undefined,
  logger: { error(obj: object, msg?: string): void },
): (error: unknown, store: { routeFile: string }, req: { originalUrl: string; method: string; headers: NodeJS.Dict<string | string[]> }) => void {
  return (error, store, req) => {
    const instrumentation = loaded();
    const hook = instrumentation?.onRequestError;
    if (instrumentation === undefined || hook === undefined) return;
    const request = { path: req.originalUrl, method: req.method, headers: req.headers };
    const context: RequestErrorContext = { routerKind: 'App Router', routePath: toPage(store.routeFile), routeType: 'route', revalidateReason: undefined };
    Promise.resolve()
      .then(() => hook(error, request, context))
      .catch((failure: unknown) => {
        logger.error(
          { err: failure, file: instrumentation.file },
          `onRequestError in '${instrumentation.file}' failed: ${(failure as Error)?.message ?? String(failure)}`,
        );
      });
  };
}
