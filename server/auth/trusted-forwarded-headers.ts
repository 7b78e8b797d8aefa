/**
 * @module trustedForwardedHeaders: makes X-Forwarded-Proto and X-Forwarded-Host say what Express
 * concluded under `trust proxy`, before any route file reads them. next-auth (with AUTH_TRUST_HOST)
 * builds its URL, redirects and Secure-cookie choice from those two headers as they come; a client
 * that is not a trusted proxy must not choose them.
 *
 *   trust proxy off, X-Forwarded-Proto: https on plain http       → X-Forwarded-Proto: http
 *   trust proxy off, X-Forwarded-Host: evil.example               → X-Forwarded-Host: <the Host header>
 *   trust proxy on,  X-Forwarded-Proto: https from the proxy      → https (unchanged)
 *   header absent                                                  → left absent (next/headers fills it in)
 */
import type { Request, RequestHandler } from 'express';

export function trustedForwardedHeaders(): RequestHandler {
  return function trustedForwardedHeaders(req, _res, next) {
    if (req.headers['x-forwarded-proto'] !== undefined) replace(req, 'x-forwarded-proto', req.protocol);
    if (req.headers['x-forwarded-host'] !== undefined) replace(req, 'x-forwarded-host', req.host);
    next();
  };
}

/** Sets one header in both views Node keeps (`headers` and `rawHeaders`); undefined removes it. */
function replace(req: Request, name: string, value: string | undefined): void {
  const raw = req.rawHeaders;
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() !== name) kept.push(raw[i], raw[i + 1]);
  }
  if (value !== undefined) kept.push(name, value);
  raw.length = 0;
  raw.push(...kept);
  if (value === undefined) delete req.headers[name];
  else req.headers[name] = value;
}
