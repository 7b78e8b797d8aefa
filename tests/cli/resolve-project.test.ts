/**
 * resolveProject: every rule of the routes-folder choice, as a case table over a fake file system
 * (the folders that "exist" are listed per case), with the Next project root when one is found.
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { resolveProject, type ProjectInput } from '../../server/cli/resolve-project';

const CWD = path.resolve('/srv/me/work');
const DEMO = path.resolve('/opt/nextpress/routes');
const at = (...parts: string[]) => path.join(CWD, ...parts);

type Case = [string, Partial<ProjectInput>, string[], string, string, string | undefined];

describe('resolveProject', () => {
  test.each<Case>([
    ['--routes wins over everything', { routesFlag: 'api', dir: 'shop', routesEnv: 'env-routes' }, ['shop/app', 'app'], at('api'), '--routes', undefined],
    ['--routes is taken as it is, even with an app/ inside', { routesFlag: 'shop' }, ['shop/app'], at('shop'), '--routes', undefined],
    ['[dir] with app/: a Next project', { dir: 'shop' }, ['shop/app', 'shop/src/app'], at('shop', 'app'), '[dir]', at('shop')],
    ['[dir] with src/app/ only', { dir: 'shop' }, ['shop/src/app'], at('shop', 'src', 'app'), '[dir]', at('shop')],
    ['[dir] without either: the folder of route files itself', { dir: 'shop' }, ['shop'], at('shop'), '[dir]', undefined],
    ['[dir] wins over the current folder and ROUTES_DIR', { dir: 'shop', routesEnv: 'env-routes' }, ['app'], at('shop'), '[dir]', undefined],
    ['an absolute [dir]', { dir: path.resolve('/srv/site') }, [], path.resolve('/srv/site'), '[dir]', undefined],
    ['a [dir] that does not exist is returned (the config check names it)', { dir: 'nope' }, [], at('nope'), '[dir]', undefined],
    ['no [dir]: the current folder when it has app/', { routesEnv: 'env-routes' }, ['app', 'env-routes'], at('app'), 'cwd', CWD],
    ['no [dir]: the current folder when it has src/app/', {}, ['src/app'], at('src', 'app'), 'cwd', CWD],
    ['no [dir], no Next project: ROUTES_DIR', { routesEnv: 'env-routes' }, ['routes'], at('env-routes'), 'ROUTES_DIR', undefined],
    ['an absolute ROUTES_DIR', { routesEnv: path.resolve('/data/routes') }, [], path.resolve('/data/routes'), 'ROUTES_DIR', undefined],
    ['a blank ROUTES_DIR counts as unset', { routesEnv: '  ' }, [], DEMO, 'default', undefined],
    ['nothing at all: the demo routes', {}, ['routes'], DEMO, 'default', undefined],
  ])('%s', (_name, input, folders, routesDir, source, root) => {
    const existing = new Set(folders.map((folder) => at(...folder.split('/'))));
    const project = resolveProject({ cwd: CWD, defaultRoutes: DEMO, isDirectory: (folder) => existing.has(folder), ...input });
    // `root` (the Next project root, the CLI's working directory) only when app/ or src/app/ was found.
    expect(project).toEqual(root === undefined ? { routesDir, source } : { routesDir, source, root });
  });
});
