#!/usr/bin/env bash
# Deadline day: every office submits on the last day of the window.  On a fresh
# private stack (tests/stack.sh --test, the build's geps, access logs off):
#
#  1. N offices (default 9 000) over the reference provinces, cities and villages,
#     spread like the demo generator, with complete base data, two insured staff
#     and a licensee account each, all with one known password (data.sh, SQL with
#     the SEQUENCE engine); the scrypt hash is made here with `openssl kdf`, at
#     cost ln=14 (16 MiB) by default, DEADLINE_SCRYPT_LN=17 for production's
#     (128 MiB; tests/bench/login.sh measures sign-ins at that cost on their own).
#  2. An open round whose last declaration day is today (Tehran; tomorrow when less
#     than two hours of today are left): `geps round create` (the default rubric)
#     and `geps round open`.  The draft's rubric is first trimmed so that it asks
#     for three documents (the survey report becomes optional): the journey of the
#     issue uploads three files.  DEADLINE_DEFAULT_RUBRIC=1 keeps the default
#     rubric (four documents).
#  3. The plan the client follows, from the database: every section of the rubric
#     in order, each licensee criterion with a valid value (numbers mid-range,
#     choices their first option) and the files the rubric requires (at least
#     DEADLINE_FILES, default 3, in total; PDF, or JPEG for photos).
#  4. client.c (compiled here: cc -O2 ... -lcurl -lpthread) runs every licensee's
#     journey with CONCURRENCY connections: sign in, fill every section, upload,
#     submit, receipt; it prints submissions/s, the latency percentiles of each
#     kind of request and the failures by status.
#  5. The check, from the database: exactly N submitted files (tracking numbers,
#     one submission each, no other file in the round), every value declared,
#     every file linked with its requirement; `geps evidence check` (every object
#     on disk with its size and SHA-256, no orphan) and `geps audit verify`; how
#     sign-in hashing behaved (busy answers, workers lost).  Exit 1 if any of it
#     fails.
#
#   tests/bench/deadline/run.sh [OFFICES] [CONCURRENCY]      (default 9000 32)
#   env: GEPS_BIN (default build/geps), GEPS_WORKERS (4), DEADLINE_SCRYPT_LN (14),
#        DEADLINE_FILES (3), DEADLINE_DEFAULT_RUBRIC=1, GEPS_BENCH_KEEP=1 (leave
#        the stack up), CC (cc)
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-9000}
conc=${2:-32}
bin=${GEPS_BIN:-build/geps}
ln=${DEADLINE_SCRYPT_LN:-14}
minfiles=${DEADLINE_FILES:-3}
here=tests/bench/deadline
round=1399-2
password='deadline day, a fine long passphrase'
[[ $n =~ ^[1-9][0-9]*$ && $conc =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [OFFICES] [CONCURRENCY]" >&2; exit 2; }
[[ $ln =~ ^(1[0-9]|20)$ ]] || { echo "bench: DEADLINE_SCRYPT_LN must be 10..20" >&2; exit 2; }
[[ $minfiles =~ ^[0-9]+$ ]] || { echo "bench: DEADLINE_FILES must be a number" >&2; exit 2; }
[ -x "$bin" ] || { echo "bench: $bin not built" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

stack=$(mktemp -d /tmp/geps-bench-deadline.XXXXXX)
if [ -n "${GEPS_BENCH_KEEP:-}" ]; then
	trap 'echo "stack kept: $stack (tests/stack.sh stop $stack)"' EXIT
else
	trap 'tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"' EXIT
fi
"${CC:-cc}" -O2 -std=c11 -Wall -Wextra -o "$stack/client" "$here/client.c" -lcurl -lpthread
GEPS_BIN=$bin GEPS_ACCESS_LOG=off GEPS_LOG_LEVEL=warn tests/stack.sh start "$stack" --test >/dev/null
. "$stack/stack.env"
export GEPS_CONF="$stack/geps.conf"
db() { mariadb --no-defaults --socket="$stack/mysql.sock" -u"$(id -un)" -N -B geps "$@"; }
t() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(t)" 'BEGIN { printf "%.1f", b - a }'; }
# The bench comes from one address; real licensees come from thousands: lift
# nginx's per-address limit on the sign-in forms (geps's own throttles stay).
sed -i 's/rate=[0-9]*r\/s/rate=10000r\/s/' "$stack/nginx/nginx.conf"
nginx -p "$stack/nginx" -c "$stack/nginx/nginx.conf" -s reload 2>/dev/null
sleep 1

# 1. The offices and their licensees.  The hash: $scrypt$ln=L,r=8,p=1$salt$key,
# base64 without padding (lib/crypto.c), the same string for every account.
t0=$(t)
salt=$(openssl rand -hex 16)
key=$(openssl kdf -binary -keylen 32 -kdfopt pass:"$password" -kdfopt hexsalt:"$salt" \
	-kdfopt n:$((1 << ln)) -kdfopt r:8 -kdfopt p:1 -kdfopt maxmem_bytes:$((300 << 20)) SCRYPT |
	base64 -w0 | tr -d '=')
hash="\$scrypt\$ln=$ln,r=8,p=1\$$(xxd -r -p <<<"$salt" | base64 -w0 | tr -d '=')\$$key"
"$here/data.sh" "$stack" "$n" "$hash"
[ "$(wc -l <"$stack/deadline-accounts.tsv")" = "$n" ] || { echo "bench: data.sh made $(wc -l <"$stack/deadline-accounts.tsv") accounts, not $n" >&2; exit 1; }
echo "data: $n offices in $(db -e 'SELECT COUNT(DISTINCT province_id) FROM offices') provinces and $(db -e 'SELECT COUNT(DISTINCT city_id) FROM offices') cities and villages ($(db -e "SELECT COUNT(*) FROM offices WHERE kind = 'rural_ict'") rural ICT), $(db -e 'SELECT COUNT(*) FROM office_staff') staff, $n licensees (scrypt ln=$ln), $(since "$t0") s"

# 2. The round: its last day is today in Tehran.
today=$(TZ=Asia/Tehran date +%F)
[ "$(TZ=Asia/Tehran date +%H)" -lt 22 ] && end=$today || end=$(date -d "$today + 1 day" +%F)
jal() { "$bin" jalali "$1"; }
"$bin" round create --code "$round" --title 'شبیه‌سازی روز آخر مهلت خوداظهاری' \
	--start "$(jal "$(date -d "$today - 9 days" +%F)")" --end "$(jal "$end")" \
	--review-end "$(jal "$(date -d "$end + 10 days" +%F)")" >/dev/null
rid=$(db -e "SELECT id FROM rounds WHERE code = '$round'")
if [ -z "${DEADLINE_DEFAULT_RUBRIC:-}" ]; then
	db -e "UPDATE evidence_requirements e JOIN rubric_sections s ON s.id = e.section_id
		SET e.min_files = 0 WHERE s.round_id = $rid AND e.code = 'survey_report'"
fi
"$bin" round open "$round" >/dev/null
echo "round $round: open, last day $end ($(jal "$end")), $(db -e "SELECT COUNT(*) FROM rubric_sections WHERE round_id = $rid") sections, $(db -e "SELECT COUNT(*) FROM criteria WHERE round_id = $rid AND filled_by = 'licensee'") licensee criteria"

# 3. The plan.
plan=$stack/deadline-plan.tsv
{
	db -e "SELECT 'S', code FROM rubric_sections WHERE round_id = $rid ORDER BY position, id"
	db -e "SELECT s.code, c.code, c.kind, c.decimals, COALESCE(c.min_value, 0), COALESCE(c.max_value, 100),
		(SELECT o.code FROM criterion_options o WHERE o.criterion_id = c.id ORDER BY o.position, o.id LIMIT 1)
		FROM criteria c JOIN rubric_sections s ON s.id = c.section_id
		WHERE c.round_id = $rid AND c.filled_by = 'licensee' ORDER BY s.position, c.position, c.id" |
	awk -F'\t' -v OFS='\t' '{
		if ($3 == "number") {
			mid = int(($5 + $6) / 2); d = $4 + 0
			v = d > 0 ? sprintf("%." d "f", mid / 10 ^ d) : sprintf("%d", mid)
		} else v = $7
		print "V", $1, "c_" $2, v }'
	# The files: what each requirement asks for (an optional requirement only when
	# the first option, the one the plan picks, makes it required), then more, up to
	# DEADLINE_FILES, where there is room; photos as JPEG, the rest as PDF.
	db -e "SELECT s.code, e.code, e.min_files, e.max_files,
		e.min_files > 0 AND (e.only_if_option_id IS NULL OR e.only_if_option_id =
		  (SELECT o.id FROM criterion_options o WHERE o.criterion_id = e.criterion_id ORDER BY o.position, o.id LIMIT 1))
		FROM evidence_requirements e JOIN rubric_sections s ON s.id = e.section_id
		WHERE s.round_id = $rid ORDER BY s.position, e.position, e.id" |
	awk -F'\t' -v OFS='\t' -v want="$minfiles" '
		{ sec[NR] = $1; req[NR] = $2; mx[NR] = $4; cnt[NR] = $5 ? $3 : 0; total += cnt[NR] }
		END {
			for (more = 1; more && total < want; ) {
				more = 0
				for (i = 1; i <= NR && total < want; i++)
					if (cnt[i] < mx[i]) { cnt[i]++; total++; more = 1 }
			}
			for (i = 1; i <= NR; i++)
				for (k = 0; k < cnt[i]; k++)
					print "U", sec[i], req[i], (req[i] ~ /photo|image|picture/ ? "jpg" : "pdf")
		}'
} >"$plan"
nfiles=$(grep -c '^U' "$plan" || true)
echo "plan: $(grep -c '^S' "$plan") sections, $(grep -c '^V' "$plan") values, $nfiles files ($(awk -F'\t' '$1 == "U" {printf "%s%s/%s %s", s, $2, $3, $4; s = ", "}' "$plan")) a licensee"

# 4. The run.
hz=$(getconf CLK_TCK)
# shellcheck source=tests/bench/proc.sh
. tests/bench/proc.sh
workers0=$(geps_pids | sort | tr '\n' ' ')
# shellcheck disable=SC2046
{ g0=$(ticks $(geps_pids)); n0=$(ticks $(nginx_pids)); d0=$(ticks "$(cat "$stack/mysqld.pid")"); }
echo
echo "== $n licensees, $conc at a time: sign in, $(grep -c '^S' "$plan") sections, $nfiles uploads, submit"
set +e
"$stack/client" "$GEPS_URL" "$stack/deadline-accounts.tsv" "$plan" "$password" "$conc" | tee "$stack/client.out"
client_rc=${PIPESTATUS[0]}
set -e
# shellcheck disable=SC2046
{ g1=$(ticks $(geps_pids)); n1=$(ticks $(nginx_pids)); d1=$(ticks "$(cat "$stack/mysqld.pid")"); }
workers1=$(geps_pids | sort | tr '\n' ' ')
awk -v g=$((g1 - g0)) -v ng=$((n1 - n0)) -v d=$((d1 - d0)) -v hz="$hz" -v n="$n" 'BEGIN {
	printf "CPU during the run: geps workers %.1f s, nginx %.1f s, MariaDB %.1f s (%.0f ms a submission in all)\n",
		g / hz, ng / hz, d / hz, 1000 * (g + ng + d) / hz / n }'

# 5. The check.
echo
echo "== check (database, evidence store, audit chain)"
fail=0
check() {	# name expected actual
	if [ "$2" = "$3" ]; then printf '  ok    %-58s %s\n' "$1" "$3"
	else printf '  FAIL  %-58s %s (expected %s)\n' "$1" "$3" "$2"; fail=1; fi
}
check "files (declarations) in the round" "$n" "$(db -e "SELECT COUNT(*) FROM declarations WHERE round_id = $rid")"
check "submitted, with tracking number and time, submitted once" "$n" "$(db -e "SELECT COUNT(*) FROM declarations
	WHERE round_id = $rid AND state = 'submitted' AND tracking_no IS NOT NULL AND submitted_at IS NOT NULL AND submit_count = 1")"
check "distinct tracking numbers" "$n" "$(db -e "SELECT COUNT(DISTINCT tracking_no) FROM declarations WHERE round_id = $rid")"
check "offices without a submitted file" 0 "$(db -e "SELECT COUNT(*) FROM offices o LEFT JOIN declarations d
	ON d.office_id = o.id AND d.round_id = $rid AND d.state = 'submitted' WHERE d.id IS NULL")"
check "licensee values not declared" 0 "$(db -e "SELECT COUNT(*) FROM declarations d
	JOIN criteria c ON c.round_id = d.round_id AND c.filled_by = 'licensee'
	LEFT JOIN declaration_values v ON v.declaration_id = d.id AND v.criterion_id = c.id
	WHERE d.round_id = $rid AND v.declared_num IS NULL AND v.declared_option_id IS NULL")"
check "files linked to the submitted declarations" "$((n * nfiles))" "$(db -e "SELECT COUNT(*) FROM declaration_evidence WHERE round_id = $rid")"
check "declarations without exactly $nfiles files" 0 "$(db -e "SELECT COUNT(*) FROM (SELECT d.id FROM declarations d
	LEFT JOIN declaration_evidence e ON e.declaration_id = d.id WHERE d.round_id = $rid GROUP BY d.id HAVING COUNT(e.id) <> $nfiles) x")"
check "required documents missing (requirement below its minimum)" 0 "$(db -e "SELECT COUNT(*) FROM declarations d
	JOIN rubric_sections s ON s.round_id = d.round_id JOIN evidence_requirements r ON r.section_id = s.id AND r.min_files > 0
	WHERE d.round_id = $rid AND (SELECT COUNT(*) FROM declaration_evidence e WHERE e.declaration_id = d.id
	  AND e.requirement_id = r.id) < r.min_files")"
check "distinct stored objects (one per uploaded file)" "$((n * nfiles))" "$(db -e "SELECT COUNT(DISTINCT evidence_id) FROM declaration_evidence WHERE round_id = $rid")"
check "objects in the store (evidence rows)" "$((n * nfiles))" "$(db -e "SELECT COUNT(*) FROM evidence")"
check "audited submissions (declaration.submit)" "$n" "$(db -e "SELECT COUNT(*) FROM audit_log WHERE action = 'declaration.submit'")"
check "sessions (one sign-in per licensee)" "$n" "$(db -e "SELECT COUNT(*) FROM sessions")"
set +e
ev_out=$("$bin" evidence check 2>&1); ev_rc=$?
au_out=$("$bin" audit verify 2>&1); au_rc=$?
set -e
check "geps evidence check: exit status (on disk, size, SHA-256)" 0 "$ev_rc"
echo "        $(tail -1 <<<"$ev_out")"
check "geps audit verify: exit status" 0 "$au_rc"
echo "        $(tail -1 <<<"$au_out")"
check "the client: every journey ended with a receipt (exit status)" 0 "$client_rc"

echo
busy_log=$(grep -c 'event=login_busy' "$stack/geps.log" || true)
died=$(grep -c 'event=worker_died' "$stack/geps.log" || true)
read -r signins busy limited fail_login < <(awk '/^RESULT / { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
	print r["signins"], r["busy"], r["limited"], r["fail_login"] }' "$stack/client.out")
echo "== sign-in hashing (scrypt ln=$ln, hash_concurrency $(awk -F' = ' '$1 == "hash_concurrency" {print $2}' "$GEPS_CONF" | grep . || echo 2), $(awk -F' = ' '$1 == "workers" {print $2}' "$GEPS_CONF") workers)"
echo "  $signins sign-ins; $busy tries answered 503 busy (the server logged $busy_log login_busy), each signed in again later;"
echo "  $fail_login sign-ins failed for another reason, $limited answers 429; workers died: $died; workers replaced: $([ "$workers0" = "$workers1" ] && echo no || echo yes)"
if [ "${fail_login:-1}" = 0 ] && [ "$signins" = "$n" ] && [ "$died" = 0 ]; then
	echo "  no request failed because of the hashing: every 503 was answered in time and retried"
else
	echo "  FAIL: sign-ins failed or workers died"; fail=1
fi
[ "$ln" = 17 ] && echo "  (the cost here is production's, ln=17; tests/bench/login.sh measures sign-ins alone at it)" ||
	echo "  (the cost here is ln=$ln; production's ln=17 is $(awk -v l="$ln" 'BEGIN { printf "%g", 2 ^ (17 - l) }')x the work a sign-in: DEADLINE_SCRYPT_LN=17, and tests/bench/login.sh measures sign-ins alone at it)"
echo "geps workers after the run: $(for p in $(geps_pids); do awk '/VmRSS/ {printf "%.1f MiB ", $2 / 1024}' /proc/"$p"/status; done)"
asan=$(grep -c 'ERROR: AddressSanitizer\|runtime error:' "$stack/geps.log" || true)
[ "$asan" = 0 ] || { echo "FAIL: $asan sanitizer reports in $stack/geps.log"; fail=1; }
[ "$fail" = 0 ] || { echo "bench: deadline day FAILED" >&2; exit 1; }
echo "deadline day: ok"
