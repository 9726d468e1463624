#!/usr/bin/env bash
# Bench data for the page benchmarks (tests/bench/run.sh), added to a stack that
# has the demo data: N more offices (default 9 000) with their licensees over the
# reference provinces and cities, a round with final public ranks (1390-1: every
# office ranked, the public list and the verification page read it) and a round
# under review (1390-2: every office's file in the regions' queues, 90 % submitted,
# the rest returned or resubmitted, with due dates).  Plain SQL with the SEQUENCE
# engine (seq_1_to_N), like tests/bench/ranking.sh; a few seconds for 9 000 offices.
#
#   tests/bench/pages_data.sh STACK_DIR [OFFICES]
set -euo pipefail
stack=${1:?usage: pages_data.sh STACK_DIR [OFFICES]}
n=${2:-9000}
db() { mariadb --no-defaults --socket="$stack/mysql.sock" -u"$(id -un)" -N -B geps "$@"; }

db <<SQL
SET time_zone = '+00:00';
INSERT INTO users (national_id, role, first_name, last_name, mobile)
SELECT 8100000000 + seq, 'licensee', 'دارنده', CONCAT('محک ', seq), CONCAT('091', LPAD(seq, 8, '0'))
FROM seq_1_to_$n;
CREATE TEMPORARY TABLE cix (k INT PRIMARY KEY, id INT, province_id INT, region_id INT, kind VARCHAR(8))
  SELECT ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS k, c.id, c.province_id, p.region_id, c.kind
  FROM cities c JOIN provinces p ON p.id = c.province_id;
SET @ncity = (SELECT COUNT(*) FROM cix);
INSERT INTO offices (code, kind, name, license_no, province_id, region_id, city_id, address,
  licensee_user_id)
SELECT CONCAT('P', LPAD(s.seq, 7, '0')), IF(c.kind = 'village', 'rural_ict', 'urban'),
       CONCAT(IF(c.kind = 'village', 'دفتر ICT روستایی شماره ', 'دفتر پیشخوان خدمات دولت شماره '), s.seq),
       CONCAT('PL', s.seq), c.province_id, c.region_id, c.id, CONCAT('خیابان ', s.seq MOD 97, '، پلاک ', s.seq),
       u.id
FROM seq_1_to_$n s JOIN cix c ON c.k = s.seq MOD @ncity
JOIN users u ON u.national_id = CAST(8100000000 + s.seq AS CHAR);

-- 1390-1: final, public.  1390-2: under review (the queue), review window open.
INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date,
  objection_end_date, rank1_min_x100, rank2_min_x100, rubric_frozen_at, ranked_at,
  published_at, final_published_at)
VALUES ('1390-1', 'ارزیابی محک نیمسال اول ۱۳۹۰', 'final', '2011-04-01', '2011-04-20',
        '2011-04-30', '2011-05-12', 5000, 4000, NOW(6), NOW(6), NOW(6), NOW(6));
INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date,
  rank1_min_x100, rank2_min_x100, rubric_frozen_at)
VALUES ('1390-2', 'ارزیابی محک نیمسال دوم ۱۳۹۰', 'review', '2011-10-01', '2011-10-20',
        '2037-12-30', 5000, 4000, NOW(6));
SET @r1 = (SELECT id FROM rounds WHERE code = '1390-1');
SET @r2 = (SELECT id FROM rounds WHERE code = '1390-2');
-- Ranks 1/2/3 about 60/38/2 %, one office in 200 not evaluated.
INSERT INTO declarations (round_id, office_id, province_id, region_id, state, tracking_no,
  first_submitted_at, submitted_at, submit_count, reviewed_at, score_x100, \`rank\`, rank_basis,
  scored_at, final_score_x100, final_rank, final_at)
SELECT @r1, o.id, o.province_id, o.region_id, 'reviewed', CONCAT('T1390-', o.id), NOW(6), NOW(6), 1, NOW(6),
       s.score, s.rk, IF(s.rk IS NULL, 'not_evaluated', 'declared'), NOW(6), s.score, s.rk, NOW(6)
FROM offices o JOIN (
  SELECT id, IF(id MOD 200 = 0, NULL, 3000 + (id * 37) MOD 4000) AS score,
         CASE WHEN id MOD 200 = 0 THEN NULL WHEN (id * 37) MOD 100 < 60 THEN 1
              WHEN (id * 37) MOD 100 < 98 THEN 2 ELSE 3 END AS rk
  FROM offices WHERE code LIKE 'P%') s ON s.id = o.id;
INSERT INTO declarations (round_id, office_id, province_id, region_id, state, tracking_no, due_date,
  first_submitted_at, submitted_at, submit_count, return_count)
SELECT @r2, o.id, o.province_id, o.region_id,
       ELT(1 + IF(o.id MOD 10 = 0, 1 + o.id MOD 20 DIV 10, 0), 'submitted', 'returned', 'resubmitted'),
       CONCAT('T1390B-', o.id), DATE('2011-10-30') + INTERVAL (o.id MOD 40) DAY,
       NOW(6) - INTERVAL (o.id MOD 5000) MINUTE, NOW(6) - INTERVAL (o.id MOD 5000) MINUTE, 1,
       IF(o.id MOD 10 = 0, 1, 0)
FROM offices o WHERE o.code LIKE 'P%';
SQL
db -e "ANALYZE TABLE users, offices, declarations, rounds" >/dev/null
