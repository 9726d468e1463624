#!/usr/bin/env bash
# Login throughput and latency with the production scrypt cost (N = 2^17, 128 MiB,
# hash_concurrency slots): wrk POSTs the sign-in form of the demo licensee (a
# successful login each time: one scrypt verify, a session row, an audit row) at a
# few concurrency levels, and counts statuses: 303 signed in, 503 "try again
# shortly" (no hashing slot free in time), anything else is a failure.
#
#   tests/bench/login.sh [SECONDS] [CONNECTIONS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
dur=${1:-15}
shift || true
conns=("${@:-2 8 32}")
[ $# -gt 0 ] && conns=("$@") || conns=(2 8 32)
stack=$(mktemp -d /tmp/geps-bench-login.XXXXXX)
trap 'tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"' EXIT
GEPS_ACCESS_LOG=off GEPS_LOG_LEVEL=warn tests/stack.sh start "$stack" --demo >/dev/null
. "$stack/stack.env"
# The bench comes from one address: lift nginx's per-address limit for it.
sed -i 's/rate=10r\/s/rate=10000r\/s/' "$stack/nginx/nginx.conf"
nginx -p "$stack/nginx" -c "$stack/nginx/nginx.conf" -s reload
sleep 1
IFS=$'\t' read -r _ nid pw _ < <(sed -n 2p "$stack/demo-accounts.tsv")
jar=$(mktemp)
csrf=$(curl -s -c "$jar" "$GEPS_URL/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
pre=$(awk '$6 == "__Host-geps-pre" {print $7}' "$jar")
rm -f "$jar"
lua=$(mktemp --suffix=.lua)
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.body = "csrf=$csrf&national_id=$nid&password=$pw"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "__Host-geps-pre=$pre"
statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
end
LUA
printf 'scrypt_log_n=%s hash_concurrency=%s workers=%s\n' "$(awk -F' = ' '$1=="scrypt_log_n"{print $2}' "$stack/geps.conf")" 2 "${GEPS_WORKERS:-4}"
printf '%-6s %10s %8s %8s %8s  %s\n' conns 'logins/s' p50 p90 p99 'non-2xx/3xx'
for c in "${conns[@]}"; do
	out=$(wrk -t1 -c"$c" -d"${dur}s" --timeout 10s --latency -s "$lua" "$GEPS_URL/login" 2>&1)
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	bad=$( (grep -E 'Non-2xx|Socket errors' <<<"$out" || true) | tr '\n' ' ')
	printf '%-6s %10s %8s %8s %8s  %s\n' "$c" "$rps" "$p50" "$p90" "$p99" "${bad:-0}"
done
echo "sessions created: $(mariadb --no-defaults --socket="$stack/mysql.sock" -u"$(id -un)" -N geps -e 'SELECT COUNT(*) FROM sessions')"
echo "busy answers (503 try again): $(grep -c 'event=login_busy' "$stack/geps.log" || true)"
echo "workers died: $(grep -c 'event=worker_died' "$stack/geps.log" || true)"
rm -f "$lua"
