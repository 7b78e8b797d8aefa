/**
 * @module previewModeId: the secret value of Next's `__prerender_bypass` cookie, which
 * `draftMode().enable()` sets and `draftMode().isEnabled` checks. `next build` makes one per
 * build; nextpress has no build step, so (first that applies, computed once per process):
 *
 *   __NEXT_PREVIEW_MODE_ID=abc                -> 'abc'  (Next's own variable: same in every process)
 *   AUTH_SECRET=s (no __NEXT_PREVIEW_MODE_ID) -> HMAC-SHA256(s, 'nextpress draft mode'), 32 hex chars:
 *                                                stable across workers and restarts, reveals nothing of s
 *   neither                                   -> 32 random hex chars: draft mode lasts as long as
 *                                                this process and is not shared between workers
 */
import { createHmac, randomBytes } from 'node:crypto';
import { PREVIEW_MODE_ID } from '../shared/shared-state';

const kId = PREVIEW_MODE_ID;
type GlobalWithId = typeof globalThis & { [kId]?: string };

export function previewModeId(env: NodeJS.ProcessEnv = process.env): string {
  const global = globalThis as GlobalWithId;
  return (global[kId] ??= computePreviewModeId(env));
}

export function computePreviewModeId(env: NodeJS.ProcessEnv): string {
  const given = env.__NEXT_PREVIEW_MODE_ID;
  if (given) return given;
  const secret = env.AUTH_SECRET;
  if (secret) return createHmac('sha256', secret).update('nextpress draft mode').digest('hex').slice(0, 32);
  return randomBytes(16).toString('hex');
}
