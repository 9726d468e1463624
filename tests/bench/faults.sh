#!/usr/bin/env bash
# The fault tests at length (./dev bench faults), against fresh stacks with
# production settings (no test clock): a load of submissions (saves, uploads,
# submits) while a worker is killed every second for 30 s, MariaDB is away for
# 10 s, the configuration is reloaded 10 times, 24 clients send bodies slowly or
# stall until nginx's client_body_timeout, and (a second stack whose evidence
# directory is a 2 MiB tmpfs) the evidence disk fills for 10 s.  After each, the
# database and the store are checked against what the clients saw succeed.
# Prints the figures; exits non-zero when a scenario had a problem.
#
#   tests/bench/faults.sh [--only kill,db,hup,slow,disk]
#   FAULTS_KILL_SECONDS=30 FAULTS_DB_DOWN_SECONDS=10 FAULTS_RELOADS=10 FAULTS_DISK_FULL_SECONDS=10
#   GEPS_BIN=build-asan/geps tests/bench/faults.sh     (an AddressSanitizer build)
set -euo pipefail
cd "$(dirname "$0")/../.."
top=$(pwd)
stack=$(mktemp -d /tmp/geps-faults.XXXXXX)
disk=$(mktemp -d /tmp/geps-faults-disk.XXXXXX)
mounted=0
cleanup() {
	tests/stack.sh stop "$stack" >/dev/null 2>&1 || true
	tests/stack.sh stop "$disk" >/dev/null 2>&1 || true
	[ $mounted = 0 ] || umount "$disk/evidence" 2>/dev/null || true
	if [ -n "${FAULTS_KEEP:-}" ]; then echo "kept $stack $disk"; else rm -rf "$stack" "$disk"; fi
}
trap cleanup EXIT
export GEPS_ACCESS_LOG=off
echo "starting the stacks ($(basename "${GEPS_BIN:-$top/build/geps}"), $(nproc) cores)"
tests/stack.sh start "$stack" --demo >/dev/null
# The disk-full stack: its evidence directory is a small tmpfs, when mounting works.
mkdir -p "$disk/evidence"
if mount -t tmpfs -o size=2m,mode=0750 tmpfs "$disk/evidence" 2>/dev/null; then
	mounted=1
	tests/stack.sh start "$disk" --demo >/dev/null
	diskargs=("$disk" "$disk/evidence")
else
	echo "no tmpfs (mount needs root and CAP_SYS_ADMIN): the disk-full scenario is skipped"
	diskargs=()
fi
rc=0
GEPS_SRCDIR=$top node tests/bench/faults/run.mjs "$stack" "${diskargs[@]}" "$@" || rc=$?
for d in "$stack" "$disk"; do
	[ -f "$d/geps.log" ] || continue
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$d/geps.log"; then
		echo "sanitizer report in $d/geps.log:"
		grep -E -A20 'AddressSanitizer|LeakSanitizer|runtime error:' "$d/geps.log" | head -60
		rc=1
	fi
done
exit $rc
