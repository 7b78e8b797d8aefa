/**
 * RouteLoadError and preloadFailure: what follows a load failure, said once. A failure that names
 * its fix ends "<fix>, then <next step>."; one without a fix (the code threw) "Fix it and <next step>.".
 */
import { describe, expect, test } from '@jest/globals';
import { preloadFailure, RouteLoadError } from '../../server/loading/route-load-error';

const ALIAS = {
  problem: "Failed to load route file 'api/x/route.ts': the import '@/lib/nowhere' in 'src/app/api/x/route.ts' resolves to no file.",
  fix: 'Fix the import, create the file, or fix the paths entry in tsconfig.json.',
};
const THROWN = { problem: "Failed to load route file 'api/x/route.ts': DATABASE_URL is not set." };

describe('RouteLoadError', () => {
  test.each([
    ['a failure with its fix', ALIAS, `${ALIAS.problem} Fix the import, create the file, or fix the paths entry in tsconfig.json, then start again.`],
    ['a failure without one', THROWN, `${THROWN.problem} Fix it and start again.`],
  ])('%s: preloadFailure says the next step once', (_name, parts, message) => {
    expect(preloadFailure([new RouteLoadError(parts, new Error('cause'))]).message).toBe(message);
  });

  test("on first use: the failure, then that it is loaded again; `explained` and `failure` are not the log's fields", () => {
    const error = new RouteLoadError(ALIAS, new Error('cause'));
    expect(error.message).toBe(`${ALIAS.problem} ${ALIAS.fix} The file is loaded again on the next request.`);
    expect([error.explained, new RouteLoadError(THROWN, undefined).explained]).toEqual([true, false]);
    expect(Object.keys(error).sort()).toEqual(['code', 'expose', 'name', 'status']);
  });

  test("afterFix('run check again')", () => {
    expect(new RouteLoadError(THROWN, undefined).afterFix('run check again')).toBe(`${THROWN.problem} Fix it and run check again.`);
  });
});
