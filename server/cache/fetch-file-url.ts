/**
 * @module fetchFileUrl: `fetch(new URL('./font.ttf', import.meta.url))` answers the file's bytes,
 * as it does in a Next edge route, where the bundler makes such URLs assets. It is how most
 * `next/og` routes load their fonts and images; Node's fetch has no `file:` support and fails
 * with "not implemented... yet...". Only a URL object is read (the asset pattern builds one; a
 * string from a client never is), only inside a folder an app serves (createApp's project
 * folder, or its routes folder), and never a dot-file or anything below a dot-folder (.env, .git).
 *
 *   fetch(new URL('./Inter.ttf', import.meta.url))       -> 200, the file's bytes
 *   fetch(new URL('./missing.ttf', import.meta.url))     -> TypeError "fetch failed", cause: "... no file at <path> ..."
 *   fetch(new URL('file:///etc/passwd'))                 -> TypeError "fetch failed", cause: "... outside the project folder ..."
 *   fetch(new URL('../.env', import.meta.url))           -> TypeError "fetch failed", cause: "... a dot-file ..."
 *   fetch('file:///anything')  (a string)                -> not handled here: the platform's fetch (and its error)
 */
import { realpathSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeResponse } from '../next/light-response';

/** The folders whose files `file:` URLs may name (each app's), real paths. */
const roots = new Set<string>();

/** Lets `fetch` read `file:` URLs below `dir` (createApp calls it with its project folder). */
export function allowFileUrls(dir: string): void {
  const resolved = path.resolve(dir);
  try {
    roots.add(realpathSync(resolved));
  } catch {
    roots.add(resolved);
  }
}

/** Whether fetch's input is a `file:` URL object this module answers (any realm's URL: its href is read). */
export function isFileUrl(input: unknown): input is URL {
  return typeof input === 'object' && input !== null && Object.prototype.toString.call(input) === '[object URL]' && (input as URL).protocol === 'file:';
}

export async function fetchFileUrl(url: URL): Promise<Response> {
  const file = fileURLToPath(url.href);
  let real: string;
  try {
    real = await realpath(file);
  } catch (error) {
    throw failed(`there is no file at ${file} (fetch of ${url.href}); fix the path, relative to the file that builds the URL`, error);
  }
  const root = [...roots].find((dir) => real === dir || real.startsWith(dir + path.sep));
  if (root === undefined) {
    throw failed(`${real} is outside the project folder; nextpress reads file: URLs only inside it (${[...roots].join(', ') || 'no app created yet'})`);
  }
  if (
    path
      .relative(root, real)
      .split(path.sep)
      .some((part) => part.startsWith('.'))
  ) {
    throw failed(`${real} is a dot-file or inside a dot-folder; nextpress does not read those through fetch`);
  }
  const bytes = await readFile(real).catch((error: unknown) => {
    throw failed(`${real} could not be read`, error);
  });
  return new NativeResponse(bytes, { status: 200 });
}

/** fetch's own error shape ("fetch failed", the reason as its cause), with nextpress's words in the cause. */
function failed(reason: string, cause?: unknown): TypeError {
  return new TypeError('fetch failed', { cause: new Error(`nextpress: ${reason}`, cause === undefined ? undefined : { cause }) });
}
