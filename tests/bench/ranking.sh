#!/usr/bin/env bash
# Ranking a national round end to end with the database: N offices (default 30 000)
# over the reference provinces and cities, a 25-criterion rubric (5 sections of 5
# criteria: number criteria with 4 bands, choice criteria with 3 options), one
# previous ranked round (so that the offices that do not submit are ranked on
# their last known data), 95 % of the files reviewed with 25 values each, a few
# violations; then `geps rank` (one transaction: every file scored by lib/score.c,
# score, rank and breakdown stored, audited), twice, and the HQ button once
# (POST /hq/round/<id>/rank through nginx).  Prints the times and the distribution.
#
#   tests/bench/ranking.sh [OFFICES]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-30000}
bin=${GEPS_BIN:-build/geps}
stack=$(mktemp -d /tmp/geps-bench-rank.XXXXXX)
# GEPS_BENCH_KEEP=1 leaves the stack running for a look at the data afterwards.
[ -n "${GEPS_BENCH_KEEP:-}" ] || trap 'tests/stack.sh stop "$stack" >/dev/null 2>&1; rm -rf "$stack"' EXIT
GEPS_BIN=$bin GEPS_ACCESS_LOG=off GEPS_LOG_LEVEL=warn tests/stack.sh start "$stack" --test >/dev/null
. "$stack/stack.env"
db() { mariadb --no-defaults --socket="$stack/mysql.sock" -u"$(id -un)" -N -B geps "$@"; }
t() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(t)" 'BEGIN { printf "%.2f", b - a }'; }

t0=$(t)
db <<SQL
SET time_zone = '+00:00';
INSERT INTO users (national_id, role, first_name, last_name, mobile)
SELECT 8000000000 + seq, 'licensee', 'دارنده', CONCAT('شماره ', seq), CONCAT('091', LPAD(seq, 8, '0'))
FROM seq_1_to_$n;
SET @ncity = (SELECT COUNT(*) FROM cities);
CREATE TEMPORARY TABLE cix (k INT PRIMARY KEY, id INT, province_id INT, region_id INT)
  SELECT ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS k, c.id, c.province_id, p.region_id
  FROM cities c JOIN provinces p ON p.id = c.province_id;
INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, licensee_user_id)
SELECT CONCAT('B', LPAD(s.seq, 7, '0')), 'urban', CONCAT('دفتر ', s.seq), CONCAT('L', s.seq),
       c.province_id, c.region_id, c.id, u.id
FROM seq_1_to_$n s JOIN cix c ON c.k = s.seq MOD @ncity
JOIN users u ON u.national_id = CAST(8000000000 + s.seq AS CHAR);

-- Two rounds with the same 25-criterion rubric: 1390-1 (earlier) and 1390-2.
INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date,
  rank1_min_x100, rank2_min_x100, rubric_frozen_at)
VALUES ('1390-1', 'محک ۱', 'review', '2011-04-01', '2011-04-20', '2011-04-30', 5000, 4000, NOW(6)),
       ('1390-2', 'محک ۲', 'review', '2011-10-01', '2011-10-20', '2011-10-30', 5000, 4000, NOW(6));
INSERT INTO rubric_sections (round_id, code, title, position)
SELECT r.id, CONCAT('s', s.seq), CONCAT('بخش ', s.seq), s.seq
FROM rounds r JOIN seq_1_to_5 s WHERE r.code LIKE '1390-%';
INSERT INTO criteria (round_id, section_id, code, title, kind, position, filled_by, prefill)
SELECT sec.round_id, sec.id, CONCAT('c', (sec.position - 1) * 5 + k.seq), CONCAT('شاخص ', (sec.position - 1) * 5 + k.seq),
       IF(k.seq = 5, 'choice', 'number'), k.seq, 'licensee', 'none'
FROM rubric_sections sec JOIN seq_1_to_5 k
JOIN rounds r ON r.id = sec.round_id WHERE r.code LIKE '1390-%';
-- Number criteria: bands [..25) 0, [25, 50) 1, [50, 75) 2, [75, ..) 4 points.
INSERT INTO criterion_options (criterion_id, code, title, lower_value, upper_value, points_x100, position)
SELECT c.id, CONCAT('b', b.seq), CONCAT('بازه ', b.seq),
       IF(b.seq = 1, NULL, (b.seq - 1) * 25), IF(b.seq = 4, NULL, b.seq * 25),
       ELT(b.seq, 0, 100, 200, 400), b.seq
FROM criteria c JOIN seq_1_to_4 b JOIN rounds r ON r.id = c.round_id
WHERE r.code LIKE '1390-%' AND c.kind = 'number';
INSERT INTO criterion_options (criterion_id, code, title, points_x100, position)
SELECT c.id, CONCAT('o', o.seq), CONCAT('گزینه ', o.seq), ELT(o.seq, 400, 200, 0), o.seq
FROM criteria c JOIN seq_1_to_3 o JOIN rounds r ON r.id = c.round_id
WHERE r.code LIKE '1390-%' AND c.kind = 'choice';
INSERT INTO round_violation_types (round_id, violation_type_id, points_x100, max_count)
SELECT r.id, v.id, v.default_points_x100, 3 FROM rounds r JOIN violation_types v
WHERE r.code LIKE '1390-%';
SQL

# The files: in 1390-1 every office submits; in 1390-2, 95 % (the other 5 % are
# ranked on their 1390-1 values); 1 % with a violation.
for code in 1390-1 1390-2; do
	db <<SQL
SET @r = (SELECT id FROM rounds WHERE code = '$code');
SET @skip = IF('$code' = '1390-2', 20, 1000000000);
INSERT INTO declarations (round_id, office_id, province_id, region_id, state, submitted_at, submit_count)
SELECT @r, o.id, o.province_id, o.region_id, IF(o.id MOD @skip = 0, 'draft', 'reviewed'),
       IF(o.id MOD @skip = 0, NULL, NOW(6)), IF(o.id MOD @skip = 0, 0, 1)
FROM offices o WHERE o.code LIKE 'B%';
INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num,
  declared_option_id, verify_state)
SELECT d.id, @r, c.id, IF(c.kind = 'number', (d.office_id * 7 + c.id * 13 + @r) MOD 100, NULL),
       o.id, 'confirmed'
FROM declarations d JOIN criteria c ON c.round_id = d.round_id
LEFT JOIN criterion_options o ON c.kind = 'choice' AND o.criterion_id = c.id
  AND o.position = 1 + (d.office_id + c.id) MOD 3
WHERE d.round_id = @r AND d.state = 'reviewed';
INSERT INTO violations (declaration_id, round_id, violation_type_id, occurrences, points_each_x100, created_by_user_id)
SELECT d.id, @r, t.violation_type_id, 1 + d.office_id MOD 4, t.points_x100, (SELECT MIN(id) FROM users)
FROM declarations d JOIN round_violation_types t ON t.round_id = d.round_id
WHERE d.round_id = @r AND d.office_id MOD 100 = 7;
SQL
done
echo "data: $n offices, 2 rounds x 25 criteria, $(db -e 'SELECT COUNT(*) FROM declaration_values') values, $(since "$t0") s"
db -e "ANALYZE TABLE declarations, declaration_values, violations" >/dev/null

export GEPS_CONF="$stack/geps.conf"
"$bin" rank 1390-1 >/dev/null
for run in 1 2; do
	t1=$(t)
	out=$("$bin" rank 1390-2)
	echo "geps rank 1390-2 (run $run): $(since "$t1") s wall; $out"
done

# The HQ button: the same transaction in a worker, through nginx.
hq=$(db -e "INSERT INTO users (national_id, role, first_name, last_name) VALUES ('7999999990', 'hq', 'ستاد', 'محک'); SELECT LAST_INSERT_ID()")
token=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
db -e "SET time_zone = '+00:00'; INSERT INTO sessions (token_hash, user_id, csrf_secret, mfa_at, created_at, last_seen_at, expires_at)
	VALUES (UNHEX(SHA2('$token', 256)), $hq, UNHEX('$secret'), NOW(6), NOW(6), NOW(6), NOW(6) + INTERVAL 1 HOUR)"
csrf=$(printf 'csrf' | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$secret" | awk '{print $NF}')
rid=$(db -e "SELECT id FROM rounds WHERE code = '1390-2'")
t1=$(t)
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 600 -b "__Host-geps=$token" \
	--data "csrf=$csrf" "$GEPS_URL/hq/round/$rid/rank")
echo "HQ button POST /hq/round/$rid/rank: HTTP $status in $(since "$t1") s"
[ "$status" = 303 ] || { echo "bench: the HQ button answered $status" >&2; exit 1; }
db -e "SELECT CONCAT('distribution 1390-2: ', GROUP_CONCAT(CONCAT(COALESCE(\`rank\`, '-'), '/', rank_basis, ' ', n) SEPARATOR ', '))
	FROM (SELECT \`rank\`, rank_basis, COUNT(*) n FROM declarations WHERE round_id = $rid GROUP BY 1, 2) x"
[ -z "${GEPS_BENCH_KEEP:-}" ] || echo "stack kept: $stack"
echo "worker RSS after (KiB): $(for p in $(cat /proc/"$(cat "$stack/geps.pid")"/task/*/children); do awk '/VmRSS/ {printf "%s ", $2}' /proc/"$p"/status; done)"
