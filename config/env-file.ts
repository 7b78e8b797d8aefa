/**
 * @module readEnvFile: loadConfig's optional dotenv file (its `envFile` option) -> its variables.
 * A missing file is empty; an unreadable one (a folder, no permission) is an error that names it.
 * The CLI does not use this: it loads a project's env files in Next's order with @next/env
 * (server/cli/load-env-files.ts).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';

export function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`[nextpress] Cannot read the env file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parse(text);
}
