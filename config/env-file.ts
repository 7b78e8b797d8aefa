/**
 * @module The optional dotenv file: `readEnvFile` returns its variables, `applyEnvFile` adds the
 * ones not already set to an environment (real variables win). A missing file is empty; an
 * unreadable one (a folder, no permission) is an error that names it.
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

/**
 * For the CLI, so route files see `.env` values in `process.env` as they do under Next.js.
 *
 *   .env "PORT=4000\nA=1", env { PORT: '5000' } → env { PORT: '5000', A: '1' }
 */
export function applyEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(readEnvFile(file))) {
    if (env[name] === undefined) env[name] = value;
  }
}
