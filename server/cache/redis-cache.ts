/**
 * @module A cache handler in Redis (CACHE_URL), shared by every instance that points at it: an
 * entry cached, or a tag revalidated, by one instance is what all of them see next.
 *
 *   {prefix}e:{key}    hash: meta (JSON: status, headers, tags, times, a fetch's url), body (bytes)
 *   {prefix}t:{tag}    set of the entry keys filed under the tag
 *   {prefix}l:{key}    a regeneration claim: a random token, with an expiry (SET NX PX)
 *
 * `get` is one HGETALL. revalidateTag runs one Lua script, so it is atomic: the tagged entries are
 * deleted (or marked stale) before any other client's next command. Redis trouble never fails a
 * request: a read that fails is a miss, a write that fails is logged, and commands give up after
 * `commandTimeoutMs` instead of queueing while Redis is away.
 */
import { randomUUID } from 'node:crypto';
import type RedisClient from 'ioredis';
import type { EngineLogger } from '../logging/engine-logger';
import type { CacheEntry, CacheHandler, TagExpiry } from './cache-handler';

export interface RedisCacheOptions {
  /** redis:// or rediss:// URL (CACHE_URL). */
  url: string;
  /** Prefix of every key (default 'nextpress:'); instances that share a cache share the prefix. */
  prefix?: string;
  /** A command not answered by then fails (a miss, or a logged write error). Default 1000 ms. */
  commandTimeoutMs?: number;
  logger?: EngineLogger;
}

interface Meta {
  status: number;
  url?: string;
  headers: Array<string | string[]>;
  tags: string[];
  createdAt: number;
  staleAt: number | null;
  expireAt: number | null;
}

// KEYS: the tag sets. ARGV[1]: seconds the entries stay servable stale (0: delete them), ARGV[2]: now (ms).
// Stale entries keep their body and get meta.staleAt = 0 and an earlier expireAt (and key expiry).
const REVALIDATE_SCRIPT = `
local expire = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
for _, tagKey in ipairs(KEYS) do
  local members = redis.call('SMEMBERS', tagKey)
  for _, key in ipairs(members) do
    if expire <= 0 then
      redis.call('DEL', key)
    else
      local raw = redis.call('HGET', key, 'meta')
      if raw then
        local meta = cjson.decode(raw)
        local untilMs = now + expire * 1000
        if meta.expireAt == nil or meta.expireAt == cjson.null or meta.expireAt > untilMs then meta.expireAt = untilMs end
        meta.staleAt = 0
        redis.call('HSET', key, 'meta', cjson.encode(meta))
        redis.call('PEXPIREAT', key, math.floor(meta.expireAt))
      else
        redis.call('SREM', tagKey, key)
      end
    end
  end
  if expire <= 0 then redis.call('DEL', tagKey) end
end
return #KEYS
`;

// KEYS[1]: a claim. ARGV[1]: the token its holder set. Deletes it only if it is still that holder's.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export function createRedisCache(options: RedisCacheOptions): CacheHandler {
  const prefix = options.prefix ?? 'nextpress:';
  const logger = options.logger;
  // ioredis takes ~100 ms to load: only apps with CACHE_URL pay for it.
  const Redis = (require('ioredis') as { default: typeof RedisClient }).default;
  const redis = new Redis(options.url, {
    commandTimeout: options.commandTimeoutMs ?? 1000,
    maxRetriesPerRequest: 1,
    // On close, ioredis waits this long for the old socket's 'close' (which a socket that never
    // connected never sends) before letting the process exit.
    disconnectTimeout: 200,
    // Reconnect forever, at most every 2 s; meanwhile the cache is skipped (see `usable`).
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (reported) return;
    reported = true; // once per outage, not once per retry
    logger?.error(
      { err: withoutCommand(error) },
      `Cache: Redis at ${safeUrl(options.url)} failed (${error.message}); serving without the cache until it is back`,
    );
  });
  redis.on('ready', () => {
    if (reported) logger?.info({}, `Cache: Redis at ${safeUrl(options.url)} is back`);
    reported = false;
  });
  const usable = () => redis.status === 'ready';
  const entryKey = (key: string) => `${prefix}e:${key}`;
  const tagKey = (tag: string) => `${prefix}t:${tag}`;

  return {
    get(key) {
      if (!usable()) return undefined;
      return redis.hgetallBuffer(entryKey(key)).then(
        (fields) => (fields.meta === undefined || fields.body === undefined ? undefined : toEntry(fields.meta, fields.body)),
        (error: Error) => {
          logger?.warn({ err: withoutCommand(error), key }, `Cache: reading '${key}' from Redis failed (${error.message}); treated as a miss`);
          return undefined;
        },
      );
    },

    async set(key, entry) {
      if (!usable()) return;
      const meta: Meta = {
        status: entry.status,
        url: entry.url,
        headers: entry.headers,
        tags: entry.tags,
        createdAt: entry.createdAt,
        staleAt: entry.staleAt,
        expireAt: entry.expireAt,
      };
      const name = entryKey(key);
      const batch = redis.multi().del(name).hset(name, 'meta', JSON.stringify(meta), 'body', entry.body);
      if (entry.expireAt !== null) batch.pexpireat(name, entry.expireAt);
      for (const tag of entry.tags) batch.sadd(tagKey(tag), name);
      await batch.exec();
    },

    async claimRegeneration(key, ttlMs) {
      const name = `${prefix}l:${key}`;
      const token = randomUUID();
      let claimed: string | null;
      try {
        claimed = usable() ? await redis.set(name, token, 'PX', ttlMs, 'NX') : 'OK';
      } catch (error) {
        // Redis trouble must not stop regeneration: regenerate here, as without a shared store.
        logger?.warn(
          { err: withoutCommand(error), key },
          `Cache: claiming the regeneration of '${key}' in Redis failed (${(error as Error).message}); regenerating here`,
        );
        claimed = 'OK';
      }
      if (claimed !== 'OK') return undefined;
      return async () => {
        await redis.eval(RELEASE_SCRIPT, 1, name, token).catch(() => {}); // else it expires on its own
      };
    },

    async revalidateTag(tags: string[], expiry?: TagExpiry) {
      if (tags.length === 0) return;
      const expire = expiry?.expire ?? 0;
      await redis.eval(REVALIDATE_SCRIPT, tags.length, ...tags.map(tagKey), String(expire), String(Date.now()));
    },

    ready() {
      if (usable()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onReady = () => {
          redis.off('end', onEnd);
          resolve();
        };
        const onEnd = () => {
          redis.off('ready', onReady);
          reject(new Error(`Cache: the connection to Redis at ${safeUrl(options.url)} ended`));
        };
        redis.once('ready', onReady);
        redis.once('end', onEnd);
      });
    },

    async close() {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect(); // never connected, or reconnecting: nothing to flush
    },
  };
}

function toEntry(rawMeta: Buffer, body: Buffer): CacheEntry | undefined {
  try {
    const meta = JSON.parse(rawMeta.toString('utf8')) as Meta;
    // Lua's cjson writes an empty array back as {}: read any non-array as empty.
    const headers = Array.isArray(meta.headers) ? meta.headers : [];
    const tags = Array.isArray(meta.tags) ? meta.tags : [];
    return { ...meta, headers, tags, body };
  } catch {
    return undefined; // written by something else: a miss, regenerated and overwritten
  }
}

/** redis://user:secret@host:6379/0 -> redis://host:6379/0 (for log lines). */
/**
 * ioredis's errors carry the command that failed with its arguments (`HELLO 3 AUTH default <password>`,
 * or the cached values): the log gets the error without them.
 *   ReplyError { message: 'WRONGPASS ...', command: { name: 'hello', args: [...] } } -> Error { name, message, code, stack }
 */
function withoutCommand(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('command' in error)) return error;
  const { name, message, stack, code } = error as unknown as Error & { code?: unknown };
  return Object.assign(new Error(message), { name, stack, ...(code === undefined ? {} : { code }) });
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
