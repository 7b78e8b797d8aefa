/**
 * loadNextConfig's warning about options with no meaning here: once per server, and again on a
 * development reload only when the list of such options changes.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadNextConfig } from '../../server/pipeline/load-next-config';
import { recordingLogger } from '../helpers/serve';

const dir = mkdtempSync(path.join(tmpdir(), 'nextpress-next-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (body: string) => writeFileSync(path.join(dir, 'next.config.js'), `module.exports = ${body};\n`);
const warnings = (log: ReturnType<typeof recordingLogger>) => log.lines.filter((line) => line.level === 'warn').map((line) => line.msg);

describe('loadNextConfig: the "no meaning here" warning', () => {
  test('reloads of the same file with the same options warn once; a changed list warns again', async () => {
    const log = recordingLogger();
    write('{ reactStrictMode: true, images: {} }');
    await loadNextConfig(dir, log.logger);
    await loadNextConfig(dir, log.logger, true);
    await loadNextConfig(dir, log.logger, true);
    expect(warnings(log)).toEqual(['next.config.js: reactStrictMode, images have no meaning on nextpress (it serves route handlers only) and are ignored']);

    write('{ reactStrictMode: true }');
    await loadNextConfig(dir, log.logger, true);
    expect(warnings(log)).toEqual([
      'next.config.js: reactStrictMode, images have no meaning on nextpress (it serves route handlers only) and are ignored',
      'next.config.js: reactStrictMode has no meaning on nextpress (it serves route handlers only) and is ignored',
    ]);
  });

  test('another server (another logger) is told too', async () => {
    const log = recordingLogger();
    write('{ images: {} }');
    await loadNextConfig(dir, log.logger, true);
    expect(warnings(log)).toEqual(['next.config.js: images has no meaning on nextpress (it serves route handlers only) and is ignored']);
  });
});
