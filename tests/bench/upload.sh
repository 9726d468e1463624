#!/usr/bin/env bash
# Evidence upload throughput through nginx, next to nginx reading and discarding
# the same bodies.  A fresh stack (production settings, demo data); prints MB/s
# and files/s for each concurrency.  Not a test: it prints figures.
#
#   tests/bench/upload.sh [FILES] [SIZE_BYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-150}
size=${2:-1048576}
stack=$(mktemp -d /tmp/geps-bench.XXXXXX)
trap 'tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"' EXIT
GEPS_ACCESS_LOG=off GEPS_LOG_LEVEL=warn tests/stack.sh start "$stack" --demo >/dev/null
set -a; . "$stack/stack.env"; set +a
for c in 1 4 16; do
	node tests/bench/upload.mjs "$files" "$c" "$size"
done
