#!/usr/bin/env bash
# Starts and stops a complete GEPS stack: a private MariaDB (unix socket only),
# `geps serve` and nginx, all under one directory, on a loopback port.  Used by
# `./dev up` (the directory var/, port 8080) and by the tests (a temp dir, a free port).
#
#   tests/stack.sh start DIR [PORT] [--test] [--demo]
#   tests/stack.sh stop DIR
#   tests/stack.sh db-stop DIR | db-start DIR     (fault tests)
#   tests/stack.sh geps-stop DIR | geps-start DIR
#
# start writes DIR/stack.env (GEPS_URL, GEPS_PORT, pids, paths) for the tests.
# geps listens on DIR/geps.sock, or with GEPS_LISTEN=tcp on a free loopback port.
# Everything started is found again by its pid file; nothing else is killed.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
SRCDIR=${GEPS_SRCDIR:-$here}
GEPS_BIN=${GEPS_BIN:-$SRCDIR/build/geps}

die() { echo "stack: $*" >&2; exit 1; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits until the process of pid file $1 is gone (at most $2 seconds), then kills it.
stop_pid() {
	local pf=$1 limit=${2:-20} i
	pid_alive "$pf" || { rm -f "$pf"; return 0; }
	kill -TERM "$(cat "$pf")" 2>/dev/null || true
	for ((i = 0; i < limit * 10; i++)); do
		pid_alive "$pf" || { rm -f "$pf"; return 0; }
		sleep 0.1
	done
	kill -KILL "$(cat "$pf")" 2>/dev/null || true
	rm -f "$pf"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
	local p i
	for ((i = 0; i < 200; i++)); do
		# Below the ephemeral range (32768+), where client sockets may hold a port.
		p=$((20000 + RANDOM % 12000))
		port_free "$p" && { echo "$p"; return 0; }
	done
	die "no free port"
}

db_start() {
	local d=$1 i
	pid_alive "$d/mysqld.pid" && return 0
	local userarg=()
	[ "$(id -u)" = 0 ] && userarg=(--user=root)
	# Durable settings come from conf/mariadb/geps.cnf; only places are set here.
	mariadbd --defaults-file="$SRCDIR/conf/mariadb/geps.cnf" "${userarg[@]}" \
		--datadir="$d/mysql" --socket="$d/mysql.sock" --pid-file="$d/mysqld.pid" \
		--skip-networking --log-error="$d/mysqld.log" --innodb-buffer-pool-size=128M \
		--innodb-log-file-size=48M --tmpdir="$d/tmp" >/dev/null 2>&1 &
	for ((i = 0; i < 300; i++)); do
		mariadb-admin --no-defaults --socket="$d/mysql.sock" -u"$(id -un)" ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	tail -20 "$d/mysqld.log" >&2 || true
	die "MariaDB did not start"
}

db_stop() {
	local d=$1
	stop_pid "$d/mysqld.pid" 60
}

# 0 when geps serve of $1 listens (its unix socket exists, or its TCP port connects).
geps_listens() {
	local listen
	listen=$(sed -n 's/^listen = //p' "$1/geps.conf")
	case $listen in
	unix:*) [ -S "${listen#unix:}" ] ;;
	*) ! port_free "${listen##*:}" ;;
	esac
}

geps_start() {
	local d=$1 i
	pid_alive "$d/geps.pid" && return 0
	rm -f "$d/geps.sock"
	GEPS_CONF="$d/geps.conf" "$GEPS_BIN" serve >>"$d/geps.log" 2>&1 &
	echo $! >"$d/geps.pid"
	for ((i = 0; i < 100; i++)); do
		geps_listens "$d" && return 0
		pid_alive "$d/geps.pid" || break
		sleep 0.1
	done
	tail -20 "$d/geps.log" >&2 || true
	die "geps serve did not start"
}

geps_stop() { stop_pid "$1/geps.pid" 30; }

nginx_start() {
	local d=$1
	pid_alive "$d/nginx.pid" && return 0
	nginx -p "$d/nginx" -c "$d/nginx/nginx.conf" -e "$d/nginx/error.log" || die "nginx did not start"
}

start() {
	local d=$1 port=${2:-} test=$3 demo=$4 i user group listen
	mkdir -p "$d" "$d/tmp"
	d=$(cd "$d" && pwd)
	[ -x "$GEPS_BIN" ] || die "$GEPS_BIN not built (run make)"
	[ -n "$port" ] || port=$(free_port)

	# 1. MariaDB in $d/mysql, created once; the geps account's password lives in $d.
	if [ ! -d "$d/mysql/mysql" ]; then
		mariadb-install-db --no-defaults --datadir="$d/mysql" --user="$(id -un)" \
			--auth-root-authentication-method=socket --skip-test-db \
			>"$d/install-db.log" 2>&1 || { cat "$d/install-db.log" >&2; die "mariadb-install-db failed"; }
	fi
	db_start "$d"
	if [ ! -f "$d/db.password" ]; then
		(umask 077; openssl rand -hex 24 >"$d/db.password")
	fi
	if [ ! -f "$d/secret.key" ]; then
		(umask 077; openssl rand -hex 32 >"$d/secret.key")
	fi
	mariadb --no-defaults --socket="$d/mysql.sock" -u"$(id -un)" <<SQL
CREATE DATABASE IF NOT EXISTS geps CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE USER IF NOT EXISTS 'geps'@'localhost' IDENTIFIED BY '$(cat "$d/db.password")';
GRANT ALL PRIVILEGES ON geps.* TO 'geps'@'localhost';
SQL

	# 2. geps.conf.  nginx's workers must reach the socket: give it their group.
	group=""
	if [ "$(id -u)" = 0 ]; then user=www-data; group=www-data; else user=$(id -un); fi
	listen=unix:$d/geps.sock
	if [ "${GEPS_LISTEN:-unix}" = tcp ]; then
		listen=127.0.0.1:$(free_port)
		while [ "${listen##*:}" = "$port" ]; do listen=127.0.0.1:$(free_port); done
	fi
	(umask 077; cat >"$d/geps.conf" <<CONF
# Written by tests/stack.sh.
listen = $listen
listen_mode = 0660
listen_group = $group
workers = ${GEPS_WORKERS:-4}
shutdown_seconds = 10
db_socket = $d/mysql.sock
db_name = geps
db_user = geps
db_password = $(cat "$d/db.password")
views_dir = $SRCDIR/views
sql_dir = $SRCDIR/sql
asset_version = $(date +%s)
log_level = ${GEPS_LOG_LEVEL:-info}
test_clock = $([ "$test" = 1 ] && echo on || echo off)
secret_key = $(cat "$d/secret.key")
common_passwords = $SRCDIR/conf/common-passwords.txt
# Tests hash with N = 2^14 to keep the suite fast; production (and ./dev up) use 2^17.
scrypt_log_n = $([ "$test" = 1 ] && echo 14 || echo 17)
evidence_dir = $d/evidence
outbox_transport = file
outbox_file = $d/outbox.log
# Tests deliver with geps outbox send when they want to; the master's timer (tested
# on its own) would otherwise race them for the rows.
outbox_interval = $([ "$test" = 1 ] && echo 3600 || echo 10)
CONF
	)
	[ "$(id -u)" = 0 ] && chgrp "$group" "$d" && chmod 0750 "$d"
	# The evidence store: nginx's group reads the objects (setgid: they inherit it).
	mkdir -p "$d/evidence"
	if [ "$(id -u)" = 0 ]; then chgrp "$group" "$d/evidence"; chmod 2750 "$d/evidence"; else chmod 0750 "$d/evidence"; fi

	# 3. Schema, reference data, and demo data when asked.
	local mig=(migrate)
	[ "$demo" = 1 ] && mig+=(--demo)
	GEPS_CONF="$d/geps.conf" "$GEPS_BIN" "${mig[@]}" >"$d/migrate.log" 2>&1 || { cat "$d/migrate.log" >&2; die "geps migrate failed"; }
	# Demo data comes with three accounts that can sign in straight away.
	if [ "$demo" = 1 ]; then
		GEPS_CONF="$d/geps.conf" "$GEPS_BIN" demo-accounts "$d/demo-accounts.tsv" >>"$d/migrate.log" 2>&1 ||
			{ cat "$d/migrate.log" >&2; die "geps demo-accounts failed"; }
	fi

	# 4. geps serve.
	geps_start "$d"

	# 5. nginx in front, with the same application config as production.
	mkdir -p "$d/nginx/tmp" "$d/static"
	for f in geps-app geps-pages; do
		sed -e "s|@ASSETS_ROOT@|$SRCDIR/views|g" -e "s|@FASTCGI@|$listen|g" \
			-e "s|@EVIDENCE_DIR@|$d/evidence|g" \
			"$SRCDIR/conf/nginx/$f.conf.in" >"$d/nginx/$f.conf"
	done
	cat >"$d/nginx/nginx.conf" <<NGINX
# Written by tests/stack.sh.
$([ "$(id -u)" = 0 ] && echo "user $user $group;")
worker_processes 1;
pid $d/nginx.pid;
error_log $d/nginx/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${GEPS_ACCESS_LOG:-$d/nginx/access.log};
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    client_body_temp_path $d/nginx/tmp/body;
    fastcgi_temp_path $d/nginx/tmp/fastcgi;
    proxy_temp_path $d/nginx/tmp/proxy;
    uwsgi_temp_path $d/nginx/tmp/uwsgi;
    scgi_temp_path $d/nginx/tmp/scgi;
    fastcgi_cache_path $d/nginx/tmp/pages levels=1:2 keys_zone=geps_pages:10m max_size=256m inactive=10m use_temp_path=off;
    limit_req_zone \$binary_remote_addr zone=geps_auth:10m rate=$([ "$test" = 1 ] && echo 100r/s || echo 10r/s);
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        include $d/nginx/geps-pages.conf;
        include $d/nginx/geps-app.conf;
$([ "$test" = 1 ] && cat <<'TESTONLY'
        # Tests change published data with SQL, which no publication does: the page
        # cache serves only requests that ask for it (page_cache.test.mjs).
        if ($http_x_geps_page_cache = "") {
            set $geps_nocache 1;
        }
TESTONLY
)
        # Benchmarks compare geps with nginx serving the same bytes from here.
        location /_static/ { alias $d/static/; access_log off; }
        # Upload benchmarks compare geps with nginx reading and discarding the same body.
        location = /_sink { access_log off; return 204; }
    }
}
NGINX
	[ "$(id -u)" = 0 ] && chown -R "$user" "$d/nginx/tmp"
	nginx_start "$d"

	for ((i = 0; i < 100; i++)); do
		curl -fsS -o /dev/null "http://127.0.0.1:$port/_health" 2>/dev/null && break
		sleep 0.1
	done
	curl -fsS -o /dev/null "http://127.0.0.1:$port/_health" || die "the stack does not answer on port $port"

	cat >"$d/stack.env" <<ENV
GEPS_URL=http://127.0.0.1:$port
GEPS_PORT=$port
GEPS_STACK=$d
GEPS_CONF=$d/geps.conf
GEPS_BIN=$GEPS_BIN
GEPS_DB_SOCKET=$d/mysql.sock
GEPS_OUTBOX=$d/outbox.log
GEPS_DEMO_ACCOUNTS=$d/demo-accounts.tsv
ENV
	echo "http://127.0.0.1:$port"
}

stop() {
	local d=$1
	[ -d "$d" ] || return 0
	stop_pid "$d/nginx.pid" 10
	geps_stop "$d"
	db_stop "$d"
}

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: $0 start|stop|db-stop|db-start|geps-stop|geps-start DIR [PORT] [--test] [--demo]"
case $cmd in
start)
	shift 2
	port="" test=0 demo=0
	for a in "$@"; do
		case $a in
		--test) test=1 ;;
		--demo) demo=1 ;;
		*) port=$a ;;
		esac
	done
	start "$dir" "$port" "$test" "$demo" ;;
stop) stop "$dir" ;;
db-stop) db_stop "$dir" ;;
db-start) db_start "$(cd "$dir" && pwd)" ;;
geps-stop) geps_stop "$dir" ;;
geps-start) geps_start "$(cd "$dir" && pwd)" ;;
*) die "unknown command $cmd" ;;
esac
