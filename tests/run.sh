#!/usr/bin/env bash
# The whole suite, as `./dev test` runs it (after installing and building build/):
#   1. unit tests (Check) in build/
#   2. the same unit tests under AddressSanitizer + UBSan (build-asan/), make distcheck
#   3. every libFuzzer target for a few seconds (build-fuzz/, clang)
#   4. a fresh stack (MariaDB + geps + nginx in a temp dir, free port, test clock on)
#      and the integration and browser tests against it (node:test, Debian chromium)
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
passed=0
failed=0
t0=$(date +%s)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail_stage() { echo "FAILED: $*"; failed=$((failed + 1)); }

# Adds up Check's summary lines ("100%: Checks: 12, Failures: 0, Errors: 0").
count_check() {
	local dir=$1 line c f e
	while read -r line; do
		c=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
		f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
		e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
		passed=$((passed + c - f - e))
		failed=$((failed + f + e))
	done < <(cat "$dir"/tests/unit/*.log 2>/dev/null | grep -E '^[0-9]+%: Checks: ')
}

unit() {
	local dir=$1 label=$2 before=$failed
	say "unit tests ($label)"
	rm -f "$dir"/tests/unit/*.log
	# test_db needs a database: it skips here and runs against the stack in step 4.
	if ! env -u GEPS_CONF make -C "$dir" -j"$(nproc)" check >"$dir/check.log" 2>&1; then
		grep -E '^(FAIL|ERROR)|: (F|E):' "$dir/check.log" "$dir"/tests/unit/*.log 2>/dev/null | head -40
		count_check "$dir"
		[ $failed -gt $before ] || fail_stage "make check in $dir"
		return
	fi
	count_check "$dir"
	grep -hE '^[0-9]+%: Checks: ' "$dir"/tests/unit/*.log | sed 's/^/  /'
}

# 1 and 2.
unit build "build/"
if ./dev build-asan >/dev/null 2>&1; then
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		unit build-asan "ASan + UBSan"
else
	fail_stage "building build-asan (see build-asan/build.log)"
fi

# make distcheck: the tarball builds, passes its unit tests, installs and uninstalls.
say "make distcheck"
if make -C build distcheck >build/distcheck.log 2>&1; then
	passed=$((passed + 1))
	echo "  ok"
else
	tail -20 build/distcheck.log
	fail_stage "make distcheck (see build/distcheck.log)"
fi
rm -f build/geps-*.tar.gz

# 3.
say "fuzz targets (${FUZZ_SECONDS:=10}s each)"
if ./dev build-fuzz >/dev/null 2>&1; then
	for t in build-fuzz/tests/fuzz/fuzz_*; do
		[ -x "$t" ] || continue
		name=${t##*/}
		work=$(mktemp -d)
		if "$t" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 "$work" \
			"tests/fuzz/corpus/${name#fuzz_}" >"build-fuzz/$name.log" 2>&1; then
			echo "  $name: $(grep -E '^stat::number_of_executed_units' "build-fuzz/$name.log" | awk '{print $2}') execs, ok"
			passed=$((passed + 1))
		else
			grep -E 'ERROR|SUMMARY' "build-fuzz/$name.log" | head -5
			fail_stage "$name (see build-fuzz/$name.log)"
		fi
		rm -rf "$work"
	done
else
	fail_stage "building build-fuzz (see build-fuzz/build.log)"
fi

# 4.
say "integration and browser tests"
stack=$(mktemp -d /tmp/geps-test.XXXXXX)
cleanup() { tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"; }
trap cleanup EXIT
if tests/stack.sh start "$stack" --test --demo >"$stack.start.log" 2>&1; then
	set -a
	# shellcheck disable=SC1091
	. "$stack/stack.env"
	set +a
	export GEPS_SRCDIR=$top GEPS_SCREENSHOTS=${GEPS_SCREENSHOTS:-$top/tests/e2e/screenshots}
	# The database layer's unit tests, against the stack's real MariaDB.
	for t in build/tests/unit/test_db build-asan/tests/unit/test_db \
	    build/tests/unit/test_audit build-asan/tests/unit/test_audit; do
		d=$t
		[ -x "$t" ] || { fail_stage "$t not built"; continue; }
		out=$("$t" 2>&1) || true
		line=$(grep -E '^[0-9]+%: Checks: ' <<<"$out" || true)
		if [ -z "$line" ]; then
			echo "$out" | tail -20
			fail_stage "$d/tests/unit/test_db"
			continue
		fi
		echo "  $t: $line"
		grep -E ':[EF]:' <<<"$out" || true
		c=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
		f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
		e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
		passed=$((passed + c - f - e))
		failed=$((failed + f + e))
	done
	node --test --test-concurrency=1 \
		--test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=tap --test-reporter-destination="$stack/tap.out" \
		tests/integration/*.test.mjs tests/e2e/*.test.mjs
	p=$(grep -E '^# pass ' "$stack/tap.out" | awk '{print $3}')
	f=$(grep -E '^# fail ' "$stack/tap.out" | awk '{print $3}')
	if [ -z "$p" ]; then
		fail_stage "node tests produced no summary"
	else
		passed=$((passed + p))
		failed=$((failed + ${f:-0}))
	fi
else
	cat "$stack.start.log"
	fail_stage "starting the test stack"
fi
rm -f "$stack.start.log"

echo "suite time: $(( $(date +%s) - t0 ))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
