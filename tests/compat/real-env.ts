/**
 * @module realEnv: the process's own environment. Jest gives each test file a copy of
 * `process.env`, but route files are loaded by jiti into the main context and read the real one,
 * so variables meant for route files (GITHUB_API_URL, COMPAT_UPSTREAM_URL) are set here.
 */
import { runInThisContext } from 'node:vm';

export const realEnv: NodeJS.ProcessEnv = (runInThisContext('process') as NodeJS.Process).env;
