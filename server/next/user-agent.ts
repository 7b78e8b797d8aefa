/**
 * @module userAgent() and userAgentFromString() of next/server: the parsed `User-Agent` in Next's
 * shape (ua-parser-js for browser/device/engine/os/cpu, Next's own bot list for isBot).
 *
 *   userAgentFromString('... Chrome/120.0.0.0 Safari/537.36')
 *     -> { isBot: false, ua: '...', browser: { name: 'Chrome', version: '120.0.0.0', major: '120' },
 *          device: { vendor: 'Apple', model: 'Macintosh' }, engine: { name: 'Blink', ... }, os: {...}, cpu: {} }
 *   userAgentFromString('Mozilla/5.0 (compatible; Googlebot/2.1; ...)').isBot -> true
 *   userAgentFromString(undefined) -> { isBot: false, ua: '', browser: {}, device: {}, engine: {}, os: {}, cpu: {} }
 *
 * Names come from the installed ua-parser-js: v2 says 'macOS' where Next's bundled v1 said 'Mac OS'.
 */
// require, not import: ua-parser-js's ESM build (picked by `import` in jiti) cannot be loaded
// inside jest; its CommonJS build works everywhere.
import uaParser = require('ua-parser-js');

export interface UserAgent {
  isBot: boolean;
  ua: string;
  browser: { name?: string; version?: string; major?: string };
  device: { model?: string; type?: string; vendor?: string };
  engine: { name?: string; version?: string };
  os: { name?: string; version?: string };
  cpu: { architecture?: string };
}

const BOT =
  /Googlebot|Mediapartners-Google|AdsBot-Google|googleweblight|Storebot-Google|Google-PageRenderer|Google-InspectionTool|GoogleOther|Google-Extended|Bingbot|BingPreview|Slurp|DuckDuckBot|baiduspider|yandex|sogou|LinkedInBot|bitlybot|tumblr|vkShare|quora link preview|facebookexternalhit|facebookcatalog|Twitterbot|applebot|redditbot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|ia_archiver/i;

export function isBot(input: string): boolean {
  return BOT.test(input);
}

export function userAgentFromString(input: string | undefined): UserAgent {
  const parsed = uaParser.UAParser(input ?? '');
  return {
    isBot: input === undefined ? false : isBot(input),
    ua: parsed.ua,
    // Plain objects with Next's keys only (v2's results also carry methods).
    browser: pick(parsed.browser, ['name', 'version', 'major']),
    device: pick(parsed.device, ['model', 'type', 'vendor']),
    engine: pick(parsed.engine, ['name', 'version']),
    os: pick(parsed.os, ['name', 'version']),
    cpu: pick(parsed.cpu, ['architecture']),
  };
}

export function userAgent({ headers }: { headers: Headers }): UserAgent {
  return userAgentFromString(headers.get('user-agent') || undefined);
}

function pick<K extends string>(source: object, keys: readonly K[]): { [key in K]?: string } {
  const result: { [key in K]?: string } = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}
