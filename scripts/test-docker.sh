#!/usr/bin/env bash
# npm run test:docker: build the Docker image and check it for real (not part of `npm test`).
#
#   1. needs a Docker engine; when none answers and ../shared/tools/docker-local-up.sh exists
#      (a machine-specific stand-in that starts a private dockerd), it runs it, and stops that
#      daemon again at the end with docker-local-down.sh;
#   2. docker build --network host (npm ci in the build needs the registry);
#   3. checks the image's settings, a start without AUTH_SECRET, the demo routes and health paths
#      over HTTP, the user, PID 1, the HEALTHCHECK and the JSON logs;
#   4. a mounted ROUTES_DIR of .ts files (read-only root filesystem, tmpfs /tmp): SIGTERM during a
#      slow request lets it finish with 200 and the container exits 0; a second SIGTERM exits 1 at
#      once; WEB_CONCURRENCY=2 starts and stops cleanly.
# Containers run with --network host (listening on a free PORT), so no -p publishing is needed.
# Prints PASS/FAIL per check and a summary; exits 1 if any check failed.
#
# Environment: NEXTPRESS_IMAGE (tag to build, default nextpress:test).
set -uo pipefail
cd "$(dirname "$0")/.."

IMAGE=${NEXTPRESS_IMAGE:-nextpress:test}
UP=../shared/tools/docker-local-up.sh
DOWN=../shared/tools/docker-local-down.sh
TAG="np-test-$$"
SECRET=$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64'))")
WORK=$(mktemp -d)
STARTED_ENGINE=0
PASSED=0
FAILED=0
CONTAINERS=()

pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s%s\n' "$1" "${2:+ -- $2}"; }
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}
free_port() {
  node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}
now_ms() { node -e 'process.stdout.write(String(Date.now()))'; }

cleanup() {
  local c
  for c in "${CONTAINERS[@]}"; do docker rm -f "$c" >/dev/null 2>&1; done
  rm -rf "$WORK"
  if [ "$STARTED_ENGINE" = 1 ]; then
    echo "stopping the Docker engine this script started ($DOWN)"
    bash "$DOWN" >/dev/null 2>&1
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

summary() {
  echo "test:docker: $PASSED passed, $FAILED failed"
  [ "$FAILED" = 0 ]
}

# Starts a detached container of $IMAGE named $1 (removed on exit); the rest are docker run options.
run_container() {
  local name=$1
  shift
  CONTAINERS+=("$name")
  if ! docker run -d --name "$name" --network host "$@" "$IMAGE" >"$WORK/$name.id" 2>"$WORK/$name.err"; then
    fail "docker run $name" "$(grep -v 'IPv4 forwarding' "$WORK/$name.err" | head -3)"
    return 1
  fi
}

# curl that never fails the script: prints "<status>" (body in $WORK/body, headers in $WORK/headers).
http() { # http PORT PATH [curl options...]
  local port=$1 path=$2
  shift 2
  curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --max-time 10 "$@" "http://127.0.0.1:$port$path"
}
header() { grep -i "^$1:" "$WORK/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

# Polls READY path until 200 (or the container stops); returns non-zero on timeout.
wait_ready() { # wait_ready CONTAINER PORT
  local i
  for i in $(seq 100); do
    [ "$(http "$2" /readyz)" = 200 ] && return 0
    [ "$(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ] || return 1
    sleep 0.2
  done
  return 1
}

# ---- 1. Docker engine -----------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  if [ -f "$UP" ]; then
    echo "no Docker engine answers: starting the local one ($UP; about 2 minutes the first time)"
    if bash "$UP" >"$WORK/up.log" 2>&1; then
      STARTED_ENGINE=1
    else
      tail -20 "$WORK/up.log"
      fail "Docker engine" "$UP failed"
      summary
      exit 1
    fi
  else
    fail "Docker engine" "docker info fails and there is no $UP"
    summary
    exit 1
  fi
fi
pass "Docker engine answers ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"

# ---- 2. Build -------------------------------------------------------------------------------
start=$(date +%s)
if docker build --force-rm --network host -t "$IMAGE" . >"$WORK/build.log" 2>&1; then
  size=$(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1 / 1000000}')
  pass "image builds: $IMAGE in $(($(date +%s) - start)) s, $size"
else
  tail -40 "$WORK/build.log"
  fail "image builds" "docker build failed (log above)"
  summary
  exit 1
fi

# ---- 3. Image settings ----------------------------------------------------------------------
inspect() { docker image inspect -f "$1" "$IMAGE"; }
check "image: USER node" node "$(inspect '{{.Config.User}}')"
check "image: EXPOSE 3000" "map[3000/tcp:{}]" "$(inspect '{{.Config.ExposedPorts}}')"
check "image: NODE_ENV=production" 1 "$(inspect '{{range .Config.Env}}{{println .}}{{end}}' | grep -c '^NODE_ENV=production$')"
check "image: ROUTES_DIR=/app/routes" 1 "$(inspect '{{range .Config.Env}}{{println .}}{{end}}' | grep -c '^ROUTES_DIR=/app/routes$')"
check "image: exec-form CMD runs the nextpress bin (no npm, no shell)" "[nextpress start]" "$(inspect '{{.Config.Cmd}}')"
check "image: HEALTHCHECK runs node" "[CMD node docker/healthcheck.js]" "$(inspect '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}')"
check "image: no AUTH_SECRET baked in" 0 "$(inspect '{{range .Config.Env}}{{println .}}{{end}}' | grep -c '^AUTH_SECRET=')"

# ---- 4. Production refuses to start without AUTH_SECRET ---------------------------------------
PORT_X=$(free_port)
out=$(timeout 30 docker run --rm --network host -e PORT="$PORT_X" "$IMAGE" 2>&1)
code=$?
if [ "$code" = 1 ] && grep -q AUTH_SECRET <<<"$out"; then
  pass "no AUTH_SECRET: exits 1 naming AUTH_SECRET"
else
  fail "no AUTH_SECRET: exits 1 naming AUTH_SECRET" "exit $code: $(head -c 300 <<<"$out")"
fi

# ---- 5. The image's own routes ----------------------------------------------------------------
A="$TAG-demo"
PORT_A=$(free_port)
run_container "$A" -e PORT="$PORT_A" -e AUTH_SECRET="$SECRET" --health-interval 1s --health-timeout 5s
if wait_ready "$A" "$PORT_A"; then
  pass "demo container ready on port $PORT_A"
else
  fail "demo container ready on port $PORT_A" "$(docker logs "$A" 2>&1 | tail -5)"
fi

code=$(http "$PORT_A" /api/hello)
check "GET /api/hello -> 200 'Hello, Next.js!'" "200 Hello, Next.js!" "$code $(cat "$WORK/body")"
request_id=$(header x-request-id)
if [ -n "$request_id" ]; then pass "x-request-id on responses ($request_id)"; else fail "x-request-id on responses" "header missing"; fi
http "$PORT_A" /api/hello -H 'x-request-id: docker-test-123' >/dev/null
check "x-request-id from the client is echoed" docker-test-123 "$(header x-request-id)"
code=$(http "$PORT_A" /api/username/eric)
check "GET /api/username/eric -> 200 naming eric" "200 1" "$code $(grep -c eric "$WORK/body")"
code=$(http "$PORT_A" /api/about)
check "GET /api/about (a .ts route, transpiled on load) -> 200" 200 "$code"
check "GET /api/no-such-route -> 404" 404 "$(http "$PORT_A" /api/no-such-route)"
code=$(http "$PORT_A" /api/hello/)
check "GET /api/hello/ -> 308 to /api/hello" "308 /api/hello" "$code $(header location | sed 's#^https\?://[^/]*##')"
code=$(http "$PORT_A" /healthz)
check "GET /healthz -> 200 {\"status\":\"ok\"}" '200 {"status":"ok"}' "$code $(cat "$WORK/body")"
code=$(http "$PORT_A" /readyz)
check "GET /readyz -> 200 {\"status\":\"ready\"}" '200 {"status":"ready"}' "$code $(cat "$WORK/body")"
check "POST /healthz -> 405" 405 "$(http "$PORT_A" /healthz -X POST)"

check "runs as uid 1000 (node)" "1000 node" "$(docker exec "$A" sh -c 'echo "$(id -u) $(id -un)"')"
check "PID 1 is node itself (signals reach it)" "node /usr/local/bin/nextpress start" "$(docker exec "$A" sh -c "tr '\\0' ' ' </proc/1/cmdline" | sed 's/ $//')"
jiti=$(docker exec "$A" sh -c 'find /tmp/jiti -type f -user node | wc -l' 2>/dev/null)
if [ "${jiti:-0}" -gt 0 ]; then pass "jiti's transpile cache is written by node (/tmp/jiti: $jiti files)"; else fail "jiti's transpile cache is written by node" "no files in /tmp/jiti"; fi
check "app files are not writable by the app user" "no" "$(docker exec "$A" sh -c 'touch /app/dist/x 2>/dev/null && echo yes || echo no')"

health=""
for _ in $(seq 40); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$A" 2>/dev/null)
  [ "$health" = healthy ] && break
  sleep 0.25
done
check "HEALTHCHECK reports healthy" healthy "$health"
docker exec -e HEALTH_PATH=/api/no-such-route "$A" node docker/healthcheck.js >/dev/null 2>&1
check "healthcheck script fails on a non-2xx answer" 1 "$?"

first_log=$(docker logs "$A" 2>/dev/null | head -1)
if node -e 'const l=JSON.parse(process.argv[1]); if (typeof l.level!=="number"||!l.msg) process.exit(1)' "$first_log" 2>/dev/null; then
  pass "logs are JSON lines in production"
else
  fail "logs are JSON lines in production" "$(head -c 200 <<<"$first_log")"
fi
check "request log line carries the request id" 1 "$(docker logs "$A" 2>/dev/null | grep -c '"id":"docker-test-123"')"

# ---- 6. Mounted ROUTES_DIR of .ts files, graceful shutdown --------------------------------------
ROUTES="$WORK/routes"
mkdir -p "$ROUTES/api/ping" "$ROUTES/api/slow"
cat >"$ROUTES/api/ping/route.ts" <<'TS'
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';

interface Pong {
  pong: string;
  path: string;
}

export function GET(request: NextRequest): NextResponse<Pong> {
  const pong: string = z.string().parse('pong');
  return NextResponse.json({ pong, path: request.nextUrl.pathname });
}
TS
cat >"$ROUTES/api/slow/route.ts" <<'TS'
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function GET(request: Request): Promise<Response> {
  const ms: number = Number(new URL(request.url).searchParams.get('ms') ?? '3000');
  await sleep(ms);
  return Response.json({ slept: ms });
}
TS
chmod -R a+rX "$WORK"   # mktemp -d is 0700; the container's node user must read the routes

B="$TAG-mounted"
PORT_B=$(free_port)
run_container "$B" -e PORT="$PORT_B" -e AUTH_SECRET="$SECRET" \
  -v "$ROUTES:/app/routes:ro" --read-only --tmpfs /tmp
if wait_ready "$B" "$PORT_B"; then
  pass "mounted-routes container ready (read-only root, tmpfs /tmp)"
else
  fail "mounted-routes container ready" "$(docker logs "$B" 2>&1 | tail -5)"
fi
code=$(http "$PORT_B" /api/ping)
check "mounted .ts route (next/server, zod, TS types) -> 200" '200 {"pong":"pong","path":"/api/ping"}' "$code $(cat "$WORK/body")"
check "mounted routes replace the demo routes (/api/hello -> 404)" 404 "$(http "$PORT_B" /api/hello)"

curl -s -o "$WORK/slow.body" -w '%{http_code}' --max-time 20 "http://127.0.0.1:$PORT_B/api/slow?ms=3000" >"$WORK/slow.code" &
slow_pid=$!
sleep 1   # the request is in flight, 2 s from its answer
t0=$(now_ms)
docker kill --signal TERM "$B" >/dev/null
sleep 0.3
check "after SIGTERM: new connections are refused" 000 "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT_B/readyz")"
wait "$slow_pid"
check "SIGTERM during a slow request: it completes with 200" '200 {"slept":3000}' "$(cat "$WORK/slow.code") $(cat "$WORK/slow.body")"
exit_code=$(timeout 30 docker wait "$B")
t1=$(now_ms)
check "SIGTERM: container exits 0 after draining ($((t1 - t0)) ms)" 0 "$exit_code"
check "shutdown is logged (Shutting down / Shutdown complete)" 2 "$(docker logs "$B" 2>/dev/null | grep -c -E 'Shutting down|Shutdown complete')"

# A second SIGTERM while draining exits at once with 1.
C="$TAG-twice"
PORT_C=$(free_port)
run_container "$C" -e PORT="$PORT_C" -e AUTH_SECRET="$SECRET" -v "$ROUTES:/app/routes:ro"
wait_ready "$C" "$PORT_C" || fail "second-signal container ready" "$(docker logs "$C" 2>&1 | tail -5)"
curl -s -o /dev/null --max-time 20 "http://127.0.0.1:$PORT_C/api/slow?ms=10000" &
slow_pid=$!
sleep 1
t0=$(now_ms)
docker kill --signal TERM "$C" >/dev/null
sleep 0.5
docker kill --signal TERM "$C" >/dev/null 2>&1
exit_code=$(timeout 30 docker wait "$C")
t1=$(now_ms)
wait "$slow_pid" 2>/dev/null
if [ "$exit_code" = 1 ] && [ $((t1 - t0)) -lt 5000 ]; then
  pass "second SIGTERM: exits 1 at once ($((t1 - t0)) ms, the request needed 9 s more)"
else
  fail "second SIGTERM: exits 1 at once" "exit $exit_code after $((t1 - t0)) ms"
fi

# WEB_CONCURRENCY=2: a primary and two workers share the port; docker stop drains them and exits 0.
D="$TAG-cluster"
PORT_D=$(free_port)
run_container "$D" -e PORT="$PORT_D" -e AUTH_SECRET="$SECRET" -e WEB_CONCURRENCY=2
if wait_ready "$D" "$PORT_D"; then
  code=$(http "$PORT_D" /api/hello)
  check "WEB_CONCURRENCY=2: GET /api/hello -> 200" 200 "$code"
  # children of PID 1 named node (docker exec's own processes have parent 0)
  workers=$(docker exec "$D" sh -c 'cat /proc/[0-9]*/stat 2>/dev/null' | awk '$4 == 1 && $2 == "(node)"' | wc -l)
  check "WEB_CONCURRENCY=2: two worker processes under PID 1" 2 "$workers"
else
  fail "WEB_CONCURRENCY=2 container ready" "$(docker logs "$D" 2>&1 | tail -5)"
fi
docker stop -t 30 "$D" >/dev/null
check "WEB_CONCURRENCY=2: docker stop -> exit 0" 0 "$(docker inspect -f '{{.State.ExitCode}}' "$D")"

summary
