/**
 * @module programName: how the user ran the CLI (process.argv[1]) -> what its usage lines call it.
 *   .../node_modules/.bin/nextpress, .../bin/nextpress.js  -> 'nextpress'  (the installed bin, npx)
 *   /repo/server, /repo/dist/server/cli.js (npm start)     -> 'node server' (a clone of the repository)
 */
import path from 'node:path';

export function programName(script: string | undefined): string {
  return script !== undefined && /^nextpress(?:\.js)?$/.test(path.basename(script)) ? 'nextpress' : 'node server';
}

/** This process's. */
export const PROGRAM = programName(process.argv[1]);
