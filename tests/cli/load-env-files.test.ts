/**
 * loadEnvFiles: a project's env files into process.env with @next/env, as Next loads them. Jest
 * runs with NODE_ENV=test, so this is Next's test mode: `.env.local` is left out. (The CLI tests
 * in tests/loading/next-project-cli.test.ts cover production mode, with `.env.local`.)
 */
import { afterAll, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnvFiles } from '../../server/cli/load-env-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-env-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('NODE_ENV=test: .env.test.local, .env.test, .env (not .env.local), first wins, $VAR expands, real variables win', () => {
  const files: Record<string, string> = {
    '.env.test.local': 'NP_ORDER=test.local\n',
    '.env.local': 'NP_ORDER=local\nNP_LOCAL=yes\n',
    '.env.test': 'NP_ORDER=test\nNP_TEST=from .env.test\n',
    '.env': 'NP_ORDER=env\nNP_BASE=base\nNP_EXPANDED=${NP_BASE}-and-$NP_TEST\nNP_REAL=from .env\n',
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  process.env.NP_REAL = 'real';
  expect(process.env.NODE_ENV).toBe('test');

  expect(loadEnvFiles(dir)).toEqual(['.env.test.local', '.env.test', '.env']);
  const { NP_ORDER, NP_LOCAL, NP_TEST, NP_BASE, NP_EXPANDED, NP_REAL } = process.env;
  expect({ NP_ORDER, NP_LOCAL, NP_TEST, NP_BASE, NP_EXPANDED, NP_REAL }).toEqual({
    NP_ORDER: 'test.local',
    NP_LOCAL: undefined,
    NP_TEST: 'from .env.test',
    NP_BASE: 'base',
    NP_EXPANDED: 'base-and-from .env.test',
    NP_REAL: 'real',
  });
});
