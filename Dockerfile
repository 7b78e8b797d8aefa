# nextpress production image.
#
#   docker build -t nextpress .
#   docker run --rm -p 3000:3000 -e AUTH_SECRET="$(openssl rand -base64 32)" nextpress
#   docker run --rm -p 3000:3000 -e AUTH_SECRET=... -v "$PWD/routes:/app/routes:ro" nextpress
#
# Stages: deps (all dependencies) -> build (esbuild to dist/) -> runtime (production dependencies,
# dist/, routes/; runs as the non-root `node` user). See docs/deployment.md.
#
# NODE_VERSION picks the official node:<version>-slim base of every stage. 20 is the default (the
# engines floor, and what this image is tested on); Node 20 left support in April 2026, so for
# production prefer 22 or 24: docker build --build-arg NODE_VERSION=24 -t nextpress .
ARG NODE_VERSION=20

# ---- deps: every dependency, dev ones included (esbuild builds dist/) -------------------------
FROM node:${NODE_VERSION}-slim AS deps
WORKDIR /app
# `next` is a file: dependency (server/next, linked as node_modules/next): its package.json must
# be there before npm ci. The rest of server/ comes later, so editing sources keeps this layer.
COPY package.json package-lock.json ./
COPY server/next/package.json ./server/next/package.json
RUN npm ci --no-audit --no-fund

# ---- build: TypeScript -> dist/ ---------------------------------------------------------------
FROM deps AS build
COPY scripts/build.mjs ./scripts/build.mjs
COPY config ./config
COPY middleware ./middleware
COPY server ./server
RUN npm run build

# ---- prod-deps: production dependencies only ------------------------------------------------
# No production dependency has an install script (only dev tools such as @swc/core and
# esbuild do), so scripts are skipped. A stage of its own keeps npm's cache out of the image.
FROM node:${NODE_VERSION}-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/next/package.json ./server/next/package.json
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime ----------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-slim AS runtime
# AUTH_SECRET is not baked in: production refuses to start without one (at least 32 characters),
# so pass it at run time (-e AUTH_SECRET=..., or a secret manager's env injection).
# Route files (.ts included) are transpiled on load by jiti, which caches the output under the
# temporary folder ($TMPDIR/jiti, /tmp/jiti by default): with --read-only, mount a tmpfs on /tmp.
ENV NODE_ENV=production \
    PORT=3000 \
    ROUTES_DIR=/app/routes
WORKDIR /app
COPY --from=prod-deps /app/package.json /app/package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
# node_modules/next links to server/next, whose runtime/*.js load ../../../dist/server/next/*.js.
COPY server/next/package.json ./server/next/package.json
COPY server/next/runtime ./server/next/runtime
COPY --from=build /app/dist ./dist
# The package's bin, on PATH as `nextpress` (what `npx nextpress` runs in a project): with no
# sources here, it runs dist/server/cli.js directly.
COPY bin ./bin
RUN ln -s /app/bin/nextpress.js /usr/local/bin/nextpress
COPY docker/healthcheck.js ./docker/healthcheck.js
# The demo routes; mount your own folder over /app/routes (or set ROUTES_DIR elsewhere).
COPY routes ./routes
# Everything above is owned by root and read-only to the app; the app writes only to /tmp.
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "docker/healthcheck.js"]
# Exec form: node is PID 1 (the bin's `#!/usr/bin/env node` execs it) and receives SIGTERM/SIGINT
# itself (graceful shutdown), no npm or shell in between. The same CLI as `npx nextpress start`,
# `node server start` and `npm start`: flags go after the image name, e.g.
# `docker run ... nextpress nextpress start --port 8080`.
CMD ["nextpress", "start"]
