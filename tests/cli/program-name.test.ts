/**
 * programName: the usage lines name the program as the user ran it, `nextpress` through the
 * installed bin (npx nextpress), `node server` in a clone of the repository.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { programName } from '../../server/cli/program-name';
import { buildCli, cleanUp, runCli, within, writeApp } from './helpers';

describe('programName', () => {
  test.each([
    ['/srv/app/node_modules/.bin/nextpress', 'nextpress'],
    ['/srv/app/node_modules/nextpress/bin/nextpress.js', 'nextpress'],
    ['/srv/clone/server', 'node server'],
    ['/srv/clone/dist/server/cli.js', 'node server'],
    ['/srv/clone/node_modules/jest/bin/jest.js', 'node server'],
    [undefined, 'node server'],
  ])('%s -> %s', (script, name) => {
    expect(programName(script)).toBe(name);
  });
});

describe('through a bin named nextpress', () => {
  let cli: string;
  beforeAll(() => {
    cli = buildCli();
  }, 30_000);
  afterAll(cleanUp);

  test('routes --help and a usage error say `nextpress`, not `node server`', async () => {
    const dir = writeApp({});
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    const bin = join(dir, 'node_modules', '.bin', 'nextpress');
    symlinkSync(cli, bin);
    const help = runCli(bin, dir, {}, ['routes', '--help']);
    expect((await within(help.exited, 20_000, 'routes --help')).code).toBe(0);
    expect(help.stdout().split('\n')[0]).toBe('Usage: nextpress routes [dir] [options]');
    const wrong = runCli(bin, dir, {}, ['routes', '-p', '1']);
    expect((await within(wrong.exited, 20_000, 'routes -p 1')).code).toBe(2);
    expect(wrong.stderr().split('\n')[0]).toBe("[nextpress] Unknown option '-p' for 'routes'. Run 'nextpress routes --help' for its options.");
  });
});
