#!/usr/bin/env bash
# Real WordPress (Debian's package) on 127.0.0.1 for the WordPress adapter: MariaDB with its data
# in a temp dir, PHP's built-in server, a fresh site installed and seeded by seed.php, then
# wordpress.real.test.ts runs against it. Everything is stopped at the end, also on failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

need=()
for pkg in wordpress mariadb-server php-cli php-mysql; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
db_port="$(free_port)"
wp_port="$(free_port)"
config=/etc/wordpress/config-127.0.0.1.php
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$config"
  rm -rf "$work"
}
trap cleanup EXIT

echo "MariaDB on 127.0.0.1:$db_port (data in $work/db)"
mkdir -p "$work/db" "$work/content/uploads"
mariadb-install-db --datadir="$work/db" --user=root --auth-root-authentication-method=normal >"$work/db-install.log" 2>&1
mariadbd --datadir="$work/db" --socket="$work/db.sock" --port="$db_port" --bind-address=127.0.0.1 \
  --user=root --skip-name-resolve --pid-file="$work/db.pid" >"$work/db.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  mariadb --socket="$work/db.sock" -uroot -e 'select 1' >/dev/null 2>&1 && break
  sleep 0.5
done
mariadb --socket="$work/db.sock" -uroot -e "CREATE DATABASE wp; CREATE USER 'wp'@'127.0.0.1' IDENTIFIED BY 'wp-pass'; GRANT ALL ON wp.* TO 'wp'@'127.0.0.1';"

# Debian's wp-config.php loads /etc/wordpress/config-<host>.php for the request's host.
cp -r /usr/share/wordpress/wp-content/themes /usr/share/wordpress/wp-content/plugins "$work/content/" 2>/dev/null || true
cat >"$config" <<PHP
<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp-pass');
define('DB_HOST', '127.0.0.1:$db_port');
define('WP_HOME', 'http://127.0.0.1:$wp_port');
define('WP_SITEURL', 'http://127.0.0.1:$wp_port');
define('WP_CONTENT_DIR', '$work/content');
define('WP_ENVIRONMENT_TYPE', 'local'); // application passwords over http
define('FS_METHOD', 'direct');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true); // the built-in server would wait on its own cron request
\$table_prefix = 'wp_';
PHP

echo "WordPress on http://127.0.0.1:$wp_port"
PHP_CLI_SERVER_WORKERS=4 php -S "127.0.0.1:$wp_port" -t /usr/share/wordpress >"$work/php.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 40); do
  curl -s -o /dev/null "http://127.0.0.1:$wp_port/wp-login.php" && break
  sleep 0.25
done

WP_URL="http://127.0.0.1:$wp_port" php "$here/seed.php" >"$work/seed.json"
echo "Seeded: $(head -c 200 "$work/seed.json")"

cd "$root"
WP_REAL_SEED="$work/seed.json" npx vitest run --root "$root" --config "$here/vitest.config.ts"
