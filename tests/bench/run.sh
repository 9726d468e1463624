#!/usr/bin/env bash
# Page benchmarks (./dev bench): wrk with keep-alive against a fresh stack (access
# logs off) with the demo data plus BENCH_OFFICES (default 9 000) generated offices
# (tests/bench/pages_data.sh), on four pages:
#
#   ranks      the public list of a province, page 2 (50 rows)      cached by nginx
#   verify     the public verification of one office                  cached by nginx
#   dashboard  a licensee's dashboard (3 offices, session lookup)     dynamic
#   review     a region-1 reviewer's queue of a round (50 rows)       dynamic
#
# Each page is checked first (status 200 and a marker in the body), warmed up, then
# measured; the same bytes are then served by nginx as a static file as the
# reference.  Per run: requests/s, p50/p90/p99, and CPU time per request of the geps
# workers, of nginx and of mariadbd (utime + stime from /proc/<pid>/stat, summed
# over the processes, before and after).  Then the EXPLAIN of every statement the
# dynamic pages run (taken from MariaDB's general log while one request of each is
# served), the statements prepared and executed per request, and the workers' RSS.
# Any non-2xx answer or socket error fails the run (exit 1); a goal missed is
# reported as MISS (exit 0: figures, not a test).
#
#   tests/bench/run.sh [DURATION_SECONDS] [CONNECTIONS]
#   env: GEPS_BIN (default build/geps), BENCH_OFFICES (9000), BENCH_PAGES (a subset,
#        e.g. "ranks verify"), GEPS_WORKERS (4), GEPS_BENCH_KEEP=1 (leave the stack
#        up), BENCH_STACK=DIR (run on a stack left up, without new data)
set -euo pipefail
cd "$(dirname "$0")/../.."
dur=${1:-10}
conns=${2:-64}
offices=${BENCH_OFFICES:-9000}
pages=${BENCH_PAGES:-ranks verify dashboard review}
bin=${GEPS_BIN:-build/geps}
[ -x "$bin" ] || { echo "bench: $bin not built" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [ -n "${BENCH_STACK:-}" ]; then
	# Development: a stack this script left running (GEPS_BENCH_KEEP=1), data and all.
	stack=$BENCH_STACK
else
	stack=$(mktemp -d /tmp/geps-bench.XXXXXX)
	if [ -n "${GEPS_BENCH_KEEP:-}" ]; then
		trap 'echo "stack kept: $stack (BENCH_STACK=$stack to run again on it)"' EXIT
	else
		trap 'tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"' EXIT
	fi
	GEPS_BIN=$bin GEPS_ACCESS_LOG=off GEPS_LOG_LEVEL=warn tests/stack.sh start "$stack" --demo >/dev/null
fi
. "$stack/stack.env"
db() { mariadb --no-defaults --socket="$stack/mysql.sock" -u"$(id -un)" -N -B geps "$@"; }
hz=$(getconf CLK_TCK)

if [ -z "${BENCH_STACK:-}" ]; then
	t0=$(date +%s)
	tests/bench/pages_data.sh "$stack" "$offices"
	echo "data: demo + $offices offices, $(db -e 'SELECT COUNT(*) FROM declarations') files, $(( $(date +%s) - t0 )) s"
fi

# Sessions straight in the database (no scrypt): the licensee of the demo data with
# the most offices, and the demo region-1 reviewer (second factor done).
session() {
	local user=$1 token
	token=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
	db -e "SET time_zone = '+00:00'; INSERT INTO sessions (token_hash, user_id, csrf_secret,
		mfa_at, created_at, last_seen_at, expires_at) VALUES (UNHEX(SHA2('$token', 256)), $user,
		RANDOM_BYTES(32), NOW(6), NOW(6), NOW(6), NOW(6) + INTERVAL 2 HOUR)"
	echo "__Host-geps=$token"
}
licensee=$(db -e "SELECT licensee_user_id FROM offices WHERE code NOT LIKE 'P%'
	GROUP BY licensee_user_id ORDER BY COUNT(*) DESC, licensee_user_id LIMIT 1")
reviewer=$(db -e "SELECT id FROM users WHERE role = 'reviewer' AND region_id = 1 ORDER BY id LIMIT 1")
lic_cookie=$(session "$licensee")
rev_cookie=$(session "$reviewer")
review_round=$(db -e "SELECT id FROM rounds WHERE code = '1390-2'")
verify_code=$(db -e "SELECT code FROM offices WHERE code LIKE 'P%' AND province_id = 1 ORDER BY id LIMIT 1 OFFSET 100")

# name|path|cookie|marker (a fixed string of the page's real content)
page_def() {
	case $1 in
	ranks) echo "ranks|/ranks?round=1390-1&province=1&page=2||<td>رتبه ۱</td>" ;;
	verify) echo "verify|/verify?code=$verify_code||رتبه نهایی" ;;
	dashboard) echo "dashboard|/dashboard|$lic_cookie|میز کار دفاتر من" ;;
	review) echo "review|/review?round=$review_round|$rev_cookie|پرونده‌های منطقه" ;;
	*) echo "bench: unknown page $1" >&2; exit 2 ;;
	esac
}

. tests/bench/proc.sh

# A wrk latency ("812.00us", "1.20ms", "2.01s") in milliseconds.
ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
		else printf "?" }'
}

# One measured run of url with cookie: prints
# "req/s p50 p90 p99 geps_us nginx_us db_us requests errors".
measure() {
	local url=$1 cookie=$2 out g0 n0 d0 g1 n1 d1 reqs rps p50 p90 p99 err
	local hdr=()
	[ -z "$cookie" ] || hdr=(-H "Cookie: $cookie")
	g0=$(ticks $(geps_pids)); n0=$(ticks $(nginx_pids)); d0=$(ticks $(db_pids))
	out=$(wrk -t2 -c"$conns" -d"${dur}s" --timeout 10s --latency "${hdr[@]}" "$url" 2>&1)
	g1=$(ticks $(geps_pids)); n1=$(ticks $(nginx_pids)); d1=$(ticks $(db_pids))
	reqs=$(awk '/requests in/ {print $1}' <<<"$out")
	rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
	p50=$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
	p90=$(ms "$(awk '$1 == "90%" {print $2}' <<<"$out")")
	p99=$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
	err=$( (grep -E 'Non-2xx|Socket errors' <<<"$out" || true) | tr -s ' \n' ' ')
	[ -n "$reqs" ] && [ "$reqs" -gt 0 ] || { echo "bench: wrk failed: $out" >&2; exit 1; }
	awk -v r="$reqs" -v hz="$hz" -v g=$((g1 - g0)) -v n=$((n1 - n0)) -v d=$((d1 - d0)) \
		-v rps="$rps" -v p50="$p50" -v p90="$p90" -v p99="$p99" -v err="${err:-0}" 'BEGIN {
		f = 1e6 / hz / r
		printf "%s %s %s %s %.1f %.1f %.1f %s %s\n", rps, p50, p90, p99, g * f, n * f, d * f, r, err
	}' | sed 's/ $//'
}

# Fetches path once (with cookie): status and body into $stack/static/$name.html.
fetch() {
	local path=$1 cookie=$2 name=$3
	local hdr=()
	[ -z "$cookie" ] || hdr=(-H "Cookie: $cookie")
	curl -s -o "$stack/static/$name.html" -w '%{http_code}' "${hdr[@]}" "$GEPS_URL$path"
}

failed=0
results=()
for name in $pages; do
	IFS='|' read -r _ path cookie marker <<<"$(page_def "$name")"
	code=$(fetch "$path" "$cookie" "$name")
	if [ "$code" != 200 ] || ! grep -qF "$marker" "$stack/static/$name.html"; then
		echo "bench: $name ($path) answered $code without its marker \"$marker\"" >&2
		exit 1
	fi
	# Warm up (the page cache of a public page is filled by the first request).
	wrk -t2 -c"$conns" -d2s ${cookie:+-H "Cookie: $cookie"} "$GEPS_URL$path" >/dev/null 2>&1
	# The body again, after the warm-up: what the run is served (a cached copy for
	# the public pages); the static reference is these bytes.
	code=$(fetch "$path" "$cookie" "$name")
	[ "$code" = 200 ] && grep -qF "$marker" "$stack/static/$name.html" ||
		{ echo "bench: $name answered $code after the warm-up" >&2; exit 1; }
	# The static reference first: a slow page's requests still in the workers'
	# queues when its run ends must not weigh on it.
	wrk -t2 -c"$conns" -d1s "$GEPS_URL/_static/$name.html" >/dev/null 2>&1
	read -r srps sp50 sp90 sp99 _ snus _ sreqs serr < <(measure "$GEPS_URL/_static/$name.html" "")
	read -r rps p50 p90 p99 gus nus dus reqs err < <(measure "$GEPS_URL$path" "$cookie")
	sleep 2
	[ "$err" = 0 ] || failed=1
	[ "$serr" = 0 ] || failed=1
	results+=("$name|$path|$rps|$p50|$p90|$p99|$gus|$nus|$dus|$err|$srps|$sp99|$snus|$serr|$(stat -c %s "$stack/static/$name.html")")
done

echo
echo "$conns connections, ${dur} s per run, wrk -t2 keep-alive; CPU in microseconds per request"
printf '%-10s %8s %7s %7s %7s %8s %8s %8s | %8s %7s %8s | %7s  %s\n' page 'req/s' p50ms p90ms p99ms \
	geps_us nginx_us db_us 'static/s' p99ms nginx_us 'of stat' errors
for row in "${results[@]}"; do
	IFS='|' read -r name path rps p50 p90 p99 gus nus dus err srps sp99 snus serr bytes <<<"$row"
	awk -v n="$name" -v rps="$rps" -v p50="$p50" -v p90="$p90" -v p99="$p99" -v g="$gus" \
		-v ng="$nus" -v d="$dus" -v s="$srps" -v sp99="$sp99" -v sn="$snus" \
		-v e="$err" -v se="$serr" 'BEGIN {
		printf "%-10s %8d %7.2f %7.2f %7.2f %8.1f %8.1f %8.1f | %8d %7.2f %8.1f | %6.0f%%  %s%s\n",
			n, rps, p50, p90, p99, g, ng, d, s, sp99, sn, 100 * rps / s, e,
			(se == "0" ? "" : " static: " se) }'
done

echo
echo "goals (64 connections, 0 errors): public pages >= 50 % of the static rate and p99 <= 5 ms;"
echo "dynamic pages: geps CPU/request <= 3x nginx's for the static file, p99 <= 20 ms"
for row in "${results[@]}"; do
	IFS='|' read -r name path rps p50 p90 p99 gus nus dus err srps sp99 snus serr bytes <<<"$row"
	case $name in
	ranks | verify)
		awk -v n="$name" -v rps="$rps" -v s="$srps" -v p99="$p99" -v e="$err" 'BEGIN {
			ok = rps >= 0.5 * s && p99 <= 5 && e == "0"
			printf "  %-10s %s  %.0f%% of static, p99 %.2f ms\n", n, ok ? "ok  " : "MISS", 100 * rps / s, p99 }' ;;
	*)
		awk -v n="$name" -v g="$gus" -v sn="$snus" -v ng="$nus" -v p99="$p99" -v e="$err" 'BEGIN {
			ok = g <= 3 * sn && p99 <= 20 && e == "0"
			printf "  %-10s %s  geps %.1f us = %.1fx nginx for the static file (%.1f us), " \
				"%.1fx nginx for this page (%.1f us); p99 %.2f ms\n", n, ok ? "ok  " : "MISS", g,
				(sn > 0 ? g / sn : 0), sn, (ng > 0 ? g / ng : 0), ng, p99 }' ;;
	esac
done

# The statements of the dynamic pages: MariaDB's general log while one request of
# each is served, each statement with its EXPLAIN.  The server writes a prepared
# statement's parameters into the log only when the log was on when it was
# prepared, so the workers are replaced (SIGHUP: new workers, new connections)
# with the log on; only the serving worker's connection is kept (the thread that
# loaded the session).  Then the prepares, executes and connects of 20 more
# requests: statements are prepared once per connection and reused.
dynamic=()
for name in $pages; do case $name in dashboard | review) dynamic+=("$name") ;; esac; done
if [ ${#dynamic[@]} -gt 0 ]; then
	db -e "SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1"
	old=$(geps_pids | sort | tr '\n' ' ')
	kill -HUP "$(cat "$stack/geps.pid")"
	for ((i = 0; i < 100; i++)); do
		now=$(geps_pids | sort | tr '\n' ' ')
		[ -n "$now" ] && [ "$(comm -12 <(tr ' ' '\n' <<<"$old" | sed '/^$/d') <(tr ' ' '\n' <<<"$now" | sed '/^$/d'))" = "" ] && break
		sleep 0.1
	done
	sleep 0.5
fi
for name in "${dynamic[@]}"; do
	IFS='|' read -r _ path cookie _ <<<"$(page_def "$name")"
	db -e "TRUNCATE mysql.general_log"
	fetch "$path" "$cookie" "$name.explain" >/dev/null
	tid=$(db -e "SELECT thread_id FROM mysql.general_log WHERE command_type = 'Execute'
		AND argument LIKE '%FROM sessions s JOIN users u%' ORDER BY event_time DESC LIMIT 1")
	echo
	echo "== $name ($path): the statements of one request, each with its EXPLAIN"
	# The same statement with other numbers (one per office) is shown once, with its
	# count.  The session's token hash is binary and does not survive the log's text:
	# it is given back as UNHEX(SHA2(token)).
	db -e "SELECT REPLACE(REPLACE(argument, '\n', ' '), '\t', ' ') FROM mysql.general_log
		WHERE command_type = 'Execute' AND thread_id = ${tid:-0} ORDER BY event_time" |
	sed -E "s/s\.token_hash = '.*' AND s\.expires_at/s.token_hash = UNHEX(SHA2('${cookie#*=}', 256)) AND s.expires_at/" |
	awk '{ k = $0; gsub(/[0-9]+/, "N", k); if (!(k in n)) order[++m] = $0; n[k]++; key[$0] = k }
		END { for (i = 1; i <= m; i++) print n[key[order[i]]] "\t" order[i] }' |
	while IFS=$'\t' read -r times sql; do
		echo "-- ${times}x ${sql:0:300}$([ ${#sql} -gt 300 ] && echo ' …')"
		db --table -e "EXPLAIN $sql" 2>&1 | sed 's/^/   /' || true
	done
	# Every worker serves the page (its statements prepared), then 20 more requests.
	wrk -t2 -c8 -d1s ${cookie:+-H "Cookie: $cookie"} "$GEPS_URL$path" >/dev/null 2>&1
	db -e "TRUNCATE mysql.general_log"
	for ((i = 0; i < 20; i++)); do fetch "$path" "$cookie" "$name.explain" >/dev/null; done
	db -e "SELECT CONCAT('   20 more requests: ', SUM(command_type = 'Prepare'), ' prepares, ',
		SUM(command_type = 'Execute'), ' executes (', ROUND(SUM(command_type = 'Execute') / 20, 1),
		' a request), ', SUM(command_type = 'Connect'), ' connects')
		FROM mysql.general_log WHERE thread_id IN (SELECT thread_id FROM mysql.general_log
		WHERE command_type = 'Execute' AND argument LIKE '%FROM sessions s JOIN users u%')"
done
[ ${#dynamic[@]} -eq 0 ] || db -e "SET GLOBAL general_log = 0"

echo
echo "geps workers after the runs: $(for p in $(geps_pids); do
	awk '/VmRSS/ {printf "%.1f MiB ", $2 / 1024}' /proc/"$p"/status; done)(goal <= 16 MiB each)"
[ "$failed" = 0 ] || { echo "bench: FAILED: non-2xx answers or socket errors (see errors)" >&2; exit 1; }
