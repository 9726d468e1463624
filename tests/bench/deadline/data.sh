#!/usr/bin/env bash
# The offices of the deadline-day bench (tests/bench/deadline/run.sh), in a stack
# without the demo data: N offices (default 9 000) spread over the reference
# provinces, cities and villages the way sql/demo/gen_demo.py spreads the demo's
# (the same provinces in the same proportions, 200 offices of which 53 rural; half
# the urban offices of a province in its capital, the rest over its other cities;
# rural ICT offices in its villages), each with complete base data (address, postal
# code, phone, opening hours, area, accessibility JSON), two insured staff and a
# licensee account of its own whose password hash is HASH (one scrypt string for
# all: the server takes the cost from the hash).  Plain SQL inside the stack with
# the SEQUENCE engine (seq_1_to_N); deterministic (CRC32 of the office's number
# stands in for the generator's random choices).
#
#   tests/bench/deadline/data.sh STACK_DIR N HASH
# Writes STACK_DIR/deadline-accounts.tsv: "national_id<TAB>office_id" a line.
set -euo pipefail
stack=${1:?usage: data.sh STACK_DIR N HASH}
n=${2:?usage: data.sh STACK_DIR N HASH}
hash=${3:?usage: data.sh STACK_DIR N HASH}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "data.sh: N must be a positive number" >&2; exit 2; }
[[ $hash =~ ^\$scrypt\$ln=[0-9]+,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$ ]] ||
	{ echo "data.sh: HASH is not a scrypt hash string" >&2; exit 2; }
db() { mariadb --no-defaults --socket="$stack/mysql.sock" -u"$(id -un)" -N -B geps "$@"; }

# A checksum-valid national ID (DOMAIN.md) from the SQL expression of 9 digits.
nid() {
	local d="LPAD($1, 9, '0')" s="" i
	for ((i = 1; i <= 9; i++)); do s+="SUBSTRING($d, $i, 1) * $((11 - i)) + "; done
	s="(${s}0) MOD 11"
	echo "CONCAT($d, IF($s < 2, $s, 11 - $s))"
}
# The SQL expression's number in Persian digits.
fa() {
	local e="CAST($1 AS CHAR)" i
	local digits=(۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹)
	for ((i = 0; i < 10; i++)); do e="REPLACE($e, '$i', '${digits[$i]}')"; done
	echo "$e"
}
first_names="'محمد', 'علی', 'حسین', 'رضا', 'مهدی', 'حسن', 'امیر', 'سعید', 'مجید', 'احمد', 'فاطمه', 'زهرا', 'مریم', 'سمیه', 'الهام', 'نرگس', 'لیلا', 'معصومه', 'سارا', 'مهسا'"
last_names="'محمدی', 'حسینی', 'احمدی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'صادقی', 'رحیمی', 'قاسمی', 'کاظمی', 'ابراهیمی', 'هاشمی', 'نوری', 'عباسی', 'جلیلی', 'توکلی', 'مقدم', 'طاهری', 'سلطانی', 'فرهادی', 'نجفی', 'زارعی', 'یزدانی', 'شریفی', 'باقری', 'امینی', 'خسروی', 'رستمی', 'بهرامی'"
streets="'امام خمینی', 'انقلاب', 'آزادی', 'شهید بهشتی', 'طالقانی', 'مطهری', 'فردوسی', 'حافظ', 'سعدی', 'جمهوری اسلامی', 'شریعتی', 'کشاورز', 'پاسداران', 'شهید چمران', 'شهید رجایی', 'امام رضا', 'بسیج', 'ولیعصر', 'معلم', 'فلسطین'"
alleys="'گلستان', 'بهار', 'نسترن', 'لاله', 'یاس', 'شقایق', 'ارغوان', 'نیلوفر', 'صنوبر', 'سرو'"

db >"$stack/deadline-accounts.tsv" <<SQL
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;
SET time_zone = '+00:00';
SET @hash = '$hash';
-- The demo generator's provinces: (code, ISO number, phone area code, urban and
-- rural offices out of 200, and the range [lo, hi) of each within 0..199).
CREATE TEMPORARY TABLE dprov (code CHAR(5) PRIMARY KEY, iso TINYINT, area CHAR(3),
  urban INT, rural INT, lo INT, hi INT);
INSERT INTO dprov VALUES ('IR-23', 23, '021', 52, 8, 0, 60), ('IR-25', 25, '025', 12, 3, 60, 75),
  ('IR-01', 1, '013', 21, 5, 75, 101), ('IR-19', 19, '024', 10, 2, 101, 113),
  ('IR-26', 26, '028', 10, 2, 113, 125), ('IR-10', 10, '031', 30, 5, 125, 160),
  ('IR-09', 9, '051', 34, 6, 160, 200);
-- The places of each province, numbered by code within (province, kind): the
-- capital is the city with the smallest code (serial 001).
CREATE TEMPORARY TABLE dplace (province_id INT, kind VARCHAR(8), k INT, id INT, name VARCHAR(100),
  PRIMARY KEY (province_id, kind, k))
  SELECT province_id, kind, ROW_NUMBER() OVER (PARTITION BY province_id, kind ORDER BY code) - 1 AS k,
         id, name FROM cities;
CREATE TEMPORARY TABLE dcount (province_id INT, kind VARCHAR(8), n INT, PRIMARY KEY (province_id, kind))
  SELECT province_id, kind, COUNT(*) AS n FROM cities GROUP BY province_id, kind;

CREATE TEMPORARY TABLE dgen (s INT PRIMARY KEY, province_id INT, iso INT, area CHAR(3),
  rural TINYINT, serial INT, h BIGINT, h2 BIGINT, place_k INT, city_id INT, city_name VARCHAR(100),
  code VARCHAR(16), nid CHAR(10), KEY (code));
-- Office s takes place k = (s - 1) * 83 mod 200 of its block of 200 (83 is prime to
-- 200: a permutation), so that even a few offices spread over every province.
INSERT INTO dgen (s, province_id, iso, area, rural, serial, h, h2)
SELECT q.seq, p.id, d.iso, d.area, q.k - d.lo >= d.urban,
       ((q.seq - 1) DIV 200) * (d.hi - d.lo) + q.k - d.lo + 1,
       CRC32(CONCAT('geps-office-', q.seq)), CRC32(CONCAT('geps-base-', q.seq))
FROM (SELECT seq, (seq - 1) * 83 MOD 200 AS k FROM seq_1_to_$n) q
JOIN dprov d ON q.k >= d.lo AND q.k < d.hi
JOIN provinces p ON p.code = d.code;
-- Half the urban offices in the capital, the rest over all the cities; villages in turn.
UPDATE dgen g JOIN dcount c ON c.province_id = g.province_id AND c.kind = IF(g.rural, 'village', 'city')
SET g.place_k = IF(g.rural, g.h MOD c.n, IF(g.h MOD 2 = 0, 0, (g.h DIV 2) MOD c.n));
UPDATE dgen g JOIN dplace p ON p.province_id = g.province_id AND p.kind = IF(g.rural, 'village', 'city')
  AND p.k = g.place_k
SET g.city_id = p.id, g.city_name = p.name;
UPDATE dgen SET code = CONCAT(IF(rural, 2, 1), LPAD(iso, 2, '0'), LPAD(1000 + serial, 5, '0')),
  nid = $(nid "600000000 + s");

INSERT INTO users (national_id, role, first_name, last_name, mobile, email, password_hash,
  password_kind, password_changed_at)
SELECT nid, 'licensee', ELT(1 + h MOD 20, $first_names), ELT(1 + (h DIV 20) MOD 30, $last_names),
       CONCAT('0912', LPAD(s, 7, '0')), IF(h2 MOD 2 = 0, CONCAT('lic', s, '@mail.example'), NULL),
       @hash, 'chosen', UTC_TIMESTAMP(6)
FROM dgen;

INSERT INTO offices (code, kind, name, license_no, license_expires_date, province_id, region_id,
  city_id, address, postal_code, phone, opening_hours, area_m2, accessibility_json, licensee_user_id)
SELECT g.code, IF(g.rural, 'rural_ict', 'urban'),
       CONCAT(IF(g.rural, 'دفتر ICT روستایی شماره ', 'دفتر پیشخوان خدمات دولت شماره '), $(fa "g.serial")),
       CONCAT(LPAD(g.iso, 2, '0'), '-', ELT(1 + (g.h DIV 7) MOD 10, 1390, 1392, 1394, 1395, 1396,
         1397, 1398, 1399, 1400, 1401), '-', LPAD(1000 + g.serial, 5, '0')),
       DATE('2027-01-01') + INTERVAL (g.h2 MOD 1400) DAY, g.province_id, p.region_id, g.city_id,
       IF(g.rural,
          CONCAT('روستای ', g.city_name, '، خیابان اصلی، ', ELT(1 + (g.h2 DIV 3) MOD 4, 'جنب دهیاری',
            'روبروی مسجد جامع', 'جنب خانه بهداشت', 'کنار مدرسه ابتدایی'), '، پلاک ',
            $(fa "1 + (g.h2 DIV 17) MOD 79")),
          CONCAT(ELT(1 + (g.h2 DIV 3) MOD 3, 'خیابان', 'خیابان', 'بلوار'), ' ',
            ELT(1 + (g.h2 DIV 9) MOD 20, $streets), '، کوچه ', ELT(1 + (g.h2 DIV 180) MOD 10, $alleys),
            ' ', $(fa "1 + (g.h2 DIV 1800) MOD 29"), '، پلاک ', $(fa "1 + (g.h DIV 1000) MOD 249"))),
       -- Postal codes: ten digits, the first five without 0 or 2.
       CONCAT(SUBSTRING('13456789', 1 + g.h MOD 8, 1), SUBSTRING('13456789', 1 + (g.h DIV 8) MOD 8, 1),
              SUBSTRING('13456789', 1 + (g.h DIV 64) MOD 8, 1), SUBSTRING('13456789', 1 + (g.h DIV 512) MOD 8, 1),
              SUBSTRING('13456789', 1 + (g.h2 DIV 5) MOD 8, 1), LPAD(g.s * 7919 MOD 100000, 5, '0')),
       CONCAT(g.area, LPAD((g.h2 * 31 + g.s) MOD 100000000, 8, '0')),
       IF(g.rural, 'شنبه تا پنجشنبه ۸ تا ۱۴', 'شنبه تا چهارشنبه ۸ تا ۱۶، پنجشنبه ۸ تا ۱۲'),
       IF(g.rural, 14 + g.h2 MOD 17, 20 + g.h2 MOD 101),
       CONCAT('{"ramp": ', IF((g.h DIV 16) MOD 10 < 7, 'true', 'false'),
              ', "lift": ', IF((g.h DIV 160) MOD 10 < 2, 'true', 'false'),
              ', "toilet": ', IF((g.h DIV 1600) MOD 10 < 3, 'true', 'false'),
              ', "priority_counter": ', IF((g.h DIV 16000) MOD 10 < 8, 'true', 'false'), '}'),
       u.id
FROM dgen g JOIN users u ON u.national_id = g.nid JOIN provinces p ON p.id = g.province_id;

-- Two insured staff each: the manager and an expert.
INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured, disabled)
SELECT o.id, $(nid "700000000 + 2 * g.s + k.seq"), ELT(1 + (g.h2 + k.seq * 7) MOD 20, $first_names),
       ELT(1 + (g.h2 DIV 20 + k.seq * 11) MOD 30, $last_names), IF(k.seq = 1, 'مدیر دفتر', 'کارشناس'), 1, 0
FROM dgen g JOIN offices o ON o.code = g.code JOIN seq_1_to_2 k;

-- The accounts file (the only output).
SELECT g.nid, o.id FROM dgen g JOIN offices o ON o.code = g.code ORDER BY g.s;
SQL
db -e "ANALYZE TABLE users, offices, office_staff" >/dev/null
