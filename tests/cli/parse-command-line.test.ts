/**
 * parseCommandLine: what each command line means, and the exact message of each mistake.
 */
import { describe, expect, test } from '@jest/globals';
import { parseCommandLine, UsageError, type CommandLine } from '../../server/cli/parse-command-line';

describe('parseCommandLine', () => {
  test.each<[string[], CommandLine]>([
    [[], { kind: 'run', command: 'start', dir: undefined, flags: {} }],
    [['start'], { kind: 'run', command: 'start', dir: undefined, flags: {} }],
    [['-p', '4000'], { kind: 'run', command: 'start', dir: undefined, flags: { port: '4000' } }],
    [['start', 'my-app', '--port=4000', '-H', '::1'], { kind: 'run', command: 'start', dir: 'my-app', flags: { port: '4000', hostname: '::1' } }],
    [
      ['start', '-p4000', '--hostname', 'localhost', '--routes', 'api'],
      { kind: 'run', command: 'start', dir: undefined, flags: { port: '4000', hostname: 'localhost', routes: 'api' } },
    ],
    [['start', '--', '-odd-folder'], { kind: 'run', command: 'start', dir: '-odd-folder', flags: {} }],
    [['routes'], { kind: 'run', command: 'routes', dir: undefined, flags: {} }],
    [['routes', 'site', '--json'], { kind: 'run', command: 'routes', dir: 'site', flags: { json: true } }],
    [['check', '--routes', 'api'], { kind: 'run', command: 'check', dir: undefined, flags: { routes: 'api' } }],
    [['--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
    [['start', '--help'], { kind: 'help', command: 'start' }],
    [['routes', '-h', '--json'], { kind: 'help', command: 'routes' }],
    [['check', '--help'], { kind: 'help', command: 'check' }],
    [['--version'], { kind: 'version' }],
    [['-v'], { kind: 'version' }],
  ])('%j', (args, expected) => {
    expect(parseCommandLine(args)).toEqual(expected);
  });

  test.each<[string[], string, string | undefined]>([
    [['serve'], "Unknown command 'serve'. Expected one of: start, dev, routes, check.", undefined],
    [['start', '--nope'], "Unknown option '--nope' for 'start'. Run 'node server start --help' for its options.", 'start'],
    [['-x'], "Unknown option '-x' for 'start'. Run 'node server start --help' for its options.", 'start'],
    [['routes', '--port', '3000'], "Unknown option '--port' for 'routes'. Run 'node server routes --help' for its options.", 'routes'],
    [['check', '--json'], "Unknown option '--json' for 'check'. Run 'node server check --help' for its options.", 'check'],
    [['start', '--version'], "Unknown option '--version' for 'start'. Run 'node server start --help' for its options.", 'start'],
    [['start', '--port'], "Option '--port' needs a value, e.g. '--port <port>'.", 'start'],
    [['start', '-H'], "Option '-H' needs a value, e.g. '--hostname <host>'.", 'start'],
    [['routes', '--json=yes'], "Option '--json' takes no value (got 'yes').", 'routes'],
    [['start', 'a', 'b'], "Too many arguments for 'start': 'a' 'b'. It takes one [dir] at most.", 'start'],
  ])('%j is a usage error', (args, message, command) => {
    let error: unknown;
    try {
      parseCommandLine(args);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
    expect((error as UsageError).command).toBe(command);
  });
});
