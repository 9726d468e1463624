-- Demo services (after 0001_demo.sql and sql/reference/0005_services.sql): the
-- services available in the demo provinces' cities and villages, and grants to demo
-- offices by their rank in the final round 1404-2, including the rank-3 offices
-- granted every service of their area: over their quota (30 %), so that HQ's
-- over-quota list shows them.  Like 0001_demo.sql it only inserts missing rows.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

-- Each province capital (serial 001) offers the whole catalogue.
INSERT IGNORE INTO city_services (city_id, service_id)
SELECT c.id, s.id FROM cities c JOIN provinces p ON p.id = c.province_id
JOIN services s ON s.active = 1
WHERE c.kind = 'city' AND c.code LIKE '%-001'
  AND p.code IN ('IR-23', 'IR-25', 'IR-01', 'IR-19', 'IR-26', 'IR-10', 'IR-09');

-- Other cities: the 25 everyday services.
INSERT IGNORE INTO city_services (city_id, service_id)
SELECT c.id, s.id FROM cities c JOIN provinces p ON p.id = c.province_id
JOIN services s ON s.code IN ('nocr.smart-card', 'nocr.birth-cert-replace',
  'nocr.birth-cert-change', 'nocr.birth-register', 'tax.return', 'tax.clearance',
  'tamin.history', 'tamin.voluntary', 'tamin.self-employed', 'police10.fines-inquiry',
  'police10.criminal-record', 'rahvar.license-renew', 'rahvar.fines-payment',
  'vazife.study-exemption', 'vazife.dispatch', 'post.parcel', 'post.postcode-cert',
  'tci.landline', 'tci.adsl', 'tavanir.branch', 'abfa.branch', 'gas.branch',
  'subsidy.register', 'subsidy.head-change', 'salamat.universal')
WHERE c.kind = 'city' AND c.code NOT LIKE '%-001'
  AND p.code IN ('IR-23', 'IR-25', 'IR-01', 'IR-19', 'IR-26', 'IR-10', 'IR-09');

-- Villages: the 10 services a rural ICT office sells most.
INSERT IGNORE INTO city_services (city_id, service_id)
SELECT c.id, s.id FROM cities c JOIN provinces p ON p.id = c.province_id
JOIN services s ON s.code IN ('nocr.smart-card', 'nocr.birth-register', 'tamin.voluntary',
  'post.parcel', 'tci.landline', 'subsidy.register', 'subsidy.head-change', 'salamat.rural',
  'police10.fines-inquiry', 'tavanir.branch')
WHERE c.kind = 'village'
  AND p.code IN ('IR-23', 'IR-25', 'IR-01', 'IR-19', 'IR-26', 'IR-10', 'IR-09');

-- Grants by the rank of 1404-2, made by the first HQ account: in each city or
-- village, the first three rank-1 offices (by code) hold the first ten services of
-- their area, the first two rank-2 offices six (both within their quota), and every
-- rank-3 office holds all of them, which is over its quota.
SET @demo_hq = (SELECT id FROM users WHERE role = 'hq' ORDER BY id LIMIT 1);
SET @demo_round = (SELECT id FROM rounds WHERE code = '1404-2');
INSERT IGNORE INTO office_services (office_id, service_id, round_id, granted_by_user_id, granted_at)
SELECT x.office_id, x.service_id, @demo_round, @demo_hq, '2026-06-15 06:30:00' FROM (
  SELECT o.id AS office_id, s.id AS service_id, d.public_rank AS rk,
    ROW_NUMBER() OVER (PARTITION BY o.id ORDER BY s.code) AS service_no,
    DENSE_RANK() OVER (PARTITION BY o.city_id, d.public_rank ORDER BY o.code) AS office_no
  FROM offices o
  JOIN declarations d ON d.office_id = o.id AND d.round_id = @demo_round
  JOIN city_services cs ON cs.city_id = o.city_id
  JOIN services s ON s.id = cs.service_id AND s.active = 1
  WHERE d.public_rank IS NOT NULL AND o.status = 'active'
) AS x
WHERE @demo_hq IS NOT NULL
  AND ((x.rk = 1 AND x.office_no <= 3 AND x.service_no <= 10)
    OR (x.rk = 2 AND x.office_no <= 2 AND x.service_no <= 6)
    OR x.rk = 3);
