# Sourced by the bench scripts: CPU time and processes of a stack from /proc.
# $stack must name the stack's directory (tests/stack.sh) before the *_pids calls.
# shellcheck shell=bash

# CPU ticks (utime + stime) of the processes whose pids are given (CLK_TCK a second).
ticks() {
	local p s=0 v
	for p in "$@"; do
		v=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') || v=0
		s=$((s + ${v:-0}))
	done
	echo "$s"
}
children() { cat /proc/"$1"/task/*/children 2>/dev/null; }
geps_pids() { children "$(cat "$stack/geps.pid")"; }
# shellcheck disable=SC2046
nginx_pids() { local m; m=$(cat "$stack/nginx.pid"); echo "$m" $(children "$m"); }
db_pids() { cat "$stack/mysqld.pid"; }
