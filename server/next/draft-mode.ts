/**
 * @module draftMode() of next/headers, with Next's `__prerender_bypass` cookie semantics:
 *
 *   request without the cookie            draftMode().isEnabled -> false
 *   Cookie: __prerender_bypass=<id>       (await draftMode()).isEnabled -> true
 *   enable()   -> Set-Cookie: __prerender_bypass=<id>; Path=/; Secure; HttpOnly; SameSite=none
 *   disable()  -> Set-Cookie: __prerender_bypass=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=none
 *                 (only that cookie, as Next's DraftModeProvider; __next_preview_data is the Pages
 *                 router's preview data, which the App Router's draftMode() never sets or clears)
 *   NODE_ENV=development: SameSite=lax and no Secure, as in `next dev`
 *   enable()/disable() inside after()     -> throws Next's "cannot enable or disable" message
 *
 * `isEnabled` describes the request, as in Next: enabling it does not change it for this request.
 * The cookie value (<id>) is explained in preview-mode-id.ts.
 */
import { RequestCookies } from '@edge-runtime/cookies';
import { getRequestStore } from '../context';
import { mutableCookiesOf } from './cookies';
import type { MutableCookies } from './mutable-cookies';
import { previewModeId } from './preview-mode-id';
import { toSyncAwaitable, type SyncAwaitable } from './sync-awaitable';

export const PRERENDER_BYPASS_COOKIE = '__prerender_bypass';

const MEMBERS = ['isEnabled', 'enable', 'disable'] as const;

export class DraftMode {
  readonly #enabled: boolean;
  readonly #cookies: () => MutableCookies;
  readonly #assertWritable: (expression: string) => void;

  constructor(enabled: boolean, cookies: () => MutableCookies, assertWritable: (expression: string) => void) {
    this.#enabled = enabled;
    this.#cookies = cookies;
    this.#assertWritable = assertWritable;
  }

  get isEnabled(): boolean {
    return this.#enabled;
  }

  enable(): void {
    this.#assertWritable('draftMode().enable()');
    this.#cookies().set({ name: PRERENDER_BYPASS_COOKIE, value: previewModeId(), path: '/', ...attributes() });
  }

  disable(): void {
    this.#assertWritable('draftMode().disable()');
    this.#cookies().set({ name: PRERENDER_BYPASS_COOKIE, value: '', path: '/', expires: new Date(0), ...attributes() });
  }
}

/** Next 15's name for the unawaited value; the same object here. */
export type UnsafeUnwrappedDraftMode = DraftMode;

export function draftMode(): SyncAwaitable<DraftMode> {
  const store = getRequestStore('draftMode');
  if (store.draftModeView === undefined) {
    const cookie = new RequestCookies(store.request.headers).get(PRERENDER_BYPASS_COOKIE)?.value;
    const mode = new DraftMode(
      cookie !== undefined && cookie === previewModeId(),
      () => mutableCookiesOf(store),
      (expression) => {
        store.dynamicUsage ??= expression;
        if (store.res?.headersSent) {
          throw new Error(
            `Route ${store.routeFile} used "${expression}" inside \`after()\`. The enabled status of \`draftMode()\` can be read inside \`after()\` but you cannot enable or disable \`draftMode()\`. See more info here: https://nextjs.org/docs/app/api-reference/functions/after`,
          );
        }
      },
    );
    store.draftModeView = toSyncAwaitable(mode, MEMBERS);
  }
  return store.draftModeView as SyncAwaitable<DraftMode>;
}

/** The bypass cookie's attributes: cross-site in production (it is used from CMS previews). */
function attributes() {
  const development = process.env.NODE_ENV === 'development';
  return { httpOnly: true, sameSite: development ? ('lax' as const) : ('none' as const), secure: !development };
}
