/**
 * @module jitiTsconfigPath: a project's tsconfig.json or jsconfig.json -> the path to hand to jiti's
 * `tsconfigPaths` option (jiti reads it with its own get-tsconfig and applies `paths`/`baseUrl`
 * before any other resolution, for the route file and everything it imports).
 *
 *   my-app/tsconfig.json  -> my-app/tsconfig.json
 *   my-app/jsconfig.json  -> <tmp>/nextpress-jsconfig/<hash>/tsconfig.json, holding only
 *                            { "extends": "my-app/jsconfig.json" } (jiti looks for the name
 *                            tsconfig.json; `extends` keeps the paths relative to the jsconfig)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function jitiTsconfigPath(configPath: string): string {
  if (path.basename(configPath) === 'tsconfig.json') return configPath;
  const hash = crypto.createHash('sha256').update(configPath).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'nextpress-jsconfig', hash);
  const shim = path.join(dir, 'tsconfig.json');
  const text = `${JSON.stringify({ extends: configPath })}\n`;
  if (readOrUndefined(shim) !== text) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(shim, text);
  }
  return shim;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
