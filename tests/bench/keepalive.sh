#!/usr/bin/env bash
# The FastCGI keep-alive pitfall of DESIGN.md, measured: libfcgi serves one
# connection at a time per worker, so with nginx `keepalive` + `fastcgi_keep_conn
# on` every idle kept connection pins a worker.  wrk (keep-alive, 64 connections)
# on the home page (one query, a full layout) with nginx talking to geps's 4
# workers (GEPS_WORKERS) three ways:
#
#   none      fastcgi_pass to the socket: a new FastCGI connection per request
#   pool=2    an upstream with keepalive 2 (below the worker count)
#   pool=16   keepalive 16 (above it: kept connections can hold every worker)
#
# Prints requests/s, p50/p99, errors and the CPU per request of geps and nginx.
#
#   tests/bench/keepalive.sh [DURATION_SECONDS] [CONNECTIONS]
#   env: GEPS_BIN (default build/geps)
set -euo pipefail
cd "$(dirname "$0")/../.."
dur=${1:-10}
conns=${2:-64}
bin=${GEPS_BIN:-build/geps}
stack=$(mktemp -d /tmp/geps-bench-ka.XXXXXX)
trap 'tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"' EXIT
GEPS_BIN=$bin GEPS_ACCESS_LOG=off GEPS_LOG_LEVEL=warn tests/stack.sh start "$stack" --demo >/dev/null
. "$stack/stack.env"
hz=$(getconf CLK_TCK)
conf=$stack/nginx/nginx.conf
app=$stack/nginx/geps-app.conf
cp "$conf" "$conf.orig"
cp "$app" "$app.orig"

. tests/bench/proc.sh

# Rewrites nginx's configuration for a pool of $1 kept connections (0: none), reloads.
setup() {
	local pool=$1
	cp "$conf.orig" "$conf"
	cp "$app.orig" "$app"
	if [ "$pool" -gt 0 ]; then
		sed -i "s|^http {|http {\n    upstream geps_pool { server unix:$stack/geps.sock; keepalive $pool; }|" "$conf"
		sed -i "s|fastcgi_pass unix:$stack/geps.sock;|fastcgi_pass geps_pool; fastcgi_keep_conn on;|" "$app"
	fi
	nginx -p "$stack/nginx" -c "$conf" -s reload 2>/dev/null
	sleep 1.5
	curl -fsS -o /dev/null "$GEPS_URL/" || { echo "keepalive: the home page fails with pool=$pool" >&2; exit 1; }
}

printf '%-8s %8s %8s %8s %9s %9s  %s\n' fastcgi 'req/s' p50ms p99ms geps_us nginx_us errors
for pool in 0 2 16; do
	setup "$pool"
	wrk -t2 -c"$conns" -d2s --timeout 5s "$GEPS_URL/" >/dev/null 2>&1
	gp=$(children "$(cat "$stack/geps.pid")")
	np="$(cat "$stack/nginx.pid") $(children "$(cat "$stack/nginx.pid")")"
	g0=$(ticks $gp); n0=$(ticks $np)
	out=$(wrk -t2 -c"$conns" -d"${dur}s" --timeout 5s --latency "$GEPS_URL/" 2>&1)
	g1=$(ticks $gp); n1=$(ticks $np)
	reqs=$(awk '/requests in/ {print $1}' <<<"$out")
	err=$( (grep -E 'Non-2xx|Socket errors' <<<"$out" || true) | tr -s ' \n' ' ')
	awk -v name="$([ "$pool" = 0 ] && echo none || echo "pool=$pool")" -v r="${reqs:-0}" -v hz="$hz" \
		-v g=$((g1 - g0)) -v n=$((n1 - n0)) -v err="${err:-0}" \
		-v rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")" \
		-v p50="$(awk '$1 == "50%" {print $2}' <<<"$out")" -v p99="$(awk '$1 == "99%" {print $2}' <<<"$out")" '
		function ms(v) {
			if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
			if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
			if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
			return -1
		}
		BEGIN {
			f = r > 0 ? 1e6 / hz / r : 0
			printf "%-8s %8d %8.2f %8.2f %9.1f %9.1f  %s\n", name, rps, ms(p50), ms(p99), g * f, n * f, err
		}'
done
