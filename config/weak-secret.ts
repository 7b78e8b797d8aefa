/**
 * @module weakSecret: what is wrong with a production secret (AUTH_SECRET, AUTH_SECRET_1..3), or
 * undefined. Too short, or too few distinct characters to have come from a random source.
 *
 *   'hunter2'                           -> "(hidden, 7 characters) is too short for production; ..."
 *   'a' x 40                            -> "(hidden, 40 characters) has only 1 distinct character, ..."
 *   openssl rand -base64 32 (44 chars)  -> undefined
 */
import { hideSecret } from './variable';

export const MIN_PRODUCTION_SECRET = 32;
/** Fewer distinct characters than this cannot be a random secret ('aaaa...', '1212...'). */
export const MIN_DISTINCT_CHARACTERS = 8;

export function weakSecret(value: string): string | undefined {
  if (value.length < MIN_PRODUCTION_SECRET) {
    return `${hideSecret(value)} is too short for production; expected at least ${MIN_PRODUCTION_SECRET} characters (e.g. from \`openssl rand -base64 32\`)`;
  }
  const distinct = new Set(value).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) {
    return `${hideSecret(value)} has only ${distinct} distinct character${distinct === 1 ? '' : 's'}, too few for a random secret; expected at least ${MIN_DISTINCT_CHARACTERS} (e.g. from \`openssl rand -base64 32\`)`;
  }
  return undefined;
}
