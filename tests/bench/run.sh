#!/usr/bin/env bash
# Benchmarks (./dev bench): wrk against a fresh stack, each page next to nginx
# serving the same bytes as a static file.  Prints requests/s, latency percentiles
# and the ratio geps/static.  Not a test: it prints figures, it does not judge them.
#
#   tests/bench/run.sh [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
dur=${1:-10}
conns=${2:-64}
stack=$(mktemp -d /tmp/geps-bench.XXXXXX)
trap 'tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"' EXIT
GEPS_ACCESS_LOG=off GEPS_LOG_LEVEL=warn tests/stack.sh start "$stack" --demo >/dev/null
. "$stack/stack.env"

# One wrk run: prints "req/s p50 p90 p99 errors".
run() {
	local url=$1 out
	out=$(wrk -t2 -c"$conns" -d"${dur}s" --latency "$url" 2>&1)
	local rps p50 p90 p99 err
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	err=$( (grep -E 'Non-2xx|Socket errors' <<<"$out" || true) | tr '\n' ' ')
	echo "$rps $p50 $p90 $p99 ${err:-0}"
}

printf '%-22s %10s %8s %8s %8s  %s\n' page 'req/s' p50 p90 p99 errors
for page in / /login; do
	name=${page//\//_}
	# Check the page first: status and a marker of a real rendered page.
	code=$(curl -s -o "$stack/static/page$name.html" -w '%{http_code}' "$GEPS_URL$page")
	[ "$code" = 200 ] && grep -q 'dir="rtl"' "$stack/static/page$name.html" || { echo "bench: $page answered $code" >&2; exit 1; }
	# Warm up, then measure geps and the static copy of the same bytes.
	wrk -t2 -c"$conns" -d2s "$GEPS_URL$page" >/dev/null 2>&1
	read -r g50 gp50 gp90 gp99 gerr < <(run "$GEPS_URL$page")
	read -r s50 sp50 sp90 sp99 serr < <(run "$GEPS_URL/_static/page$name.html")
	printf '%-22s %10s %8s %8s %8s  %s\n' "geps $page" "$g50" "$gp50" "$gp90" "$gp99" "$gerr"
	printf '%-22s %10s %8s %8s %8s  %s\n' "nginx static" "$s50" "$sp50" "$sp90" "$sp99" "$serr"
	awk -v g="$g50" -v s="$s50" 'BEGIN { printf "%-22s %9.1f%%\n", "ratio geps/static", 100 * g / s }'
done
