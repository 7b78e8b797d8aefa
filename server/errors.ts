/**
 * @module The one error class of nextpress: an HTTP status, a message that names the file or
 * variable, the problem and the fix, and an optional cause.
 */
import { ERROR_BRAND } from './shared/shared-state';

const kBrand = ERROR_BRAND;

export interface NextpressErrorOptions {
  /** HTTP status the client gets when this error reaches the error handler (default 500). */
  status?: number;
  /** A stable, greppable code, e.g. `ROUTE_CONFLICT`, `BAD_PATH`, `BODY_TOO_LARGE`. */
  code?: string;
  cause?: unknown;
  /** Whether the message may be sent to the client (default: status < 500). */
  expose?: boolean;
}

export class NextpressError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly expose: boolean;
  readonly [kBrand] = true;

  constructor(message: string, options: NextpressErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NextpressError';
    this.status = options.status ?? 500;
    this.code = options.code;
    this.expose = options.expose ?? this.status < 500;
  }
}

/** Recognises a NextpressError by its brand, so copies of this module loaded twice still agree. */
export function isNextpressError(value: unknown): value is NextpressError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kBrand] === true;
}
