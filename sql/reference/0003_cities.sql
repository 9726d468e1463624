-- Cities (شهر) and villages (روستا) of seven provinces, enough for the demo and the
-- tests; more come from HQ or a CSV import.  The key is code = province code + serial
-- (001-099 cities, 101-199 villages); add new places with new codes, never reuse one.
-- Names and counties are official, so a re-run corrects them; a re-run of an
-- unchanged file changes nothing.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

-- تهران (IR-23): 18 cities, 5 villages
INSERT INTO cities (code, province_id, kind, name, county)
SELECT v.code, p.id, v.kind, v.name, v.county FROM provinces p JOIN (
  SELECT 'IR-23-001' AS code, 'city' AS kind, 'تهران' AS name, 'تهران' AS county
  UNION ALL SELECT 'IR-23-002', 'city', 'ری', 'ری'
  UNION ALL SELECT 'IR-23-003', 'city', 'اسلامشهر', 'اسلامشهر'
  UNION ALL SELECT 'IR-23-004', 'city', 'شهریار', 'شهریار'
  UNION ALL SELECT 'IR-23-005', 'city', 'قدس', 'قدس'
  UNION ALL SELECT 'IR-23-006', 'city', 'ملارد', 'ملارد'
  UNION ALL SELECT 'IR-23-007', 'city', 'رباط‌کریم', 'رباط‌کریم'
  UNION ALL SELECT 'IR-23-008', 'city', 'ورامین', 'ورامین'
  UNION ALL SELECT 'IR-23-009', 'city', 'پاکدشت', 'پاکدشت'
  UNION ALL SELECT 'IR-23-010', 'city', 'قرچک', 'قرچک'
  UNION ALL SELECT 'IR-23-011', 'city', 'پیشوا', 'پیشوا'
  UNION ALL SELECT 'IR-23-012', 'city', 'دماوند', 'دماوند'
  UNION ALL SELECT 'IR-23-013', 'city', 'فیروزکوه', 'فیروزکوه'
  UNION ALL SELECT 'IR-23-014', 'city', 'پردیس', 'پردیس'
  UNION ALL SELECT 'IR-23-015', 'city', 'لواسان', 'شمیرانات'
  UNION ALL SELECT 'IR-23-016', 'city', 'بومهن', 'پردیس'
  UNION ALL SELECT 'IR-23-017', 'city', 'نسیم‌شهر', 'بهارستان'
  UNION ALL SELECT 'IR-23-018', 'city', 'کهریزک', 'ری'
  UNION ALL SELECT 'IR-23-101', 'village', 'آهار', 'شمیرانات'
  UNION ALL SELECT 'IR-23-102', 'village', 'امامه', 'شمیرانات'
  UNION ALL SELECT 'IR-23-103', 'village', 'آینه‌ورزان', 'دماوند'
  UNION ALL SELECT 'IR-23-104', 'village', 'جابان', 'دماوند'
  UNION ALL SELECT 'IR-23-105', 'village', 'هویر', 'دماوند'
) AS v WHERE p.code = 'IR-23'
ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name), county = VALUES(county);

-- قم (IR-25): 6 cities, 4 villages
INSERT INTO cities (code, province_id, kind, name, county)
SELECT v.code, p.id, v.kind, v.name, v.county FROM provinces p JOIN (
  SELECT 'IR-25-001' AS code, 'city' AS kind, 'قم' AS name, 'قم' AS county
  UNION ALL SELECT 'IR-25-002', 'city', 'جعفریه', 'قم'
  UNION ALL SELECT 'IR-25-003', 'city', 'کهک', 'قم'
  UNION ALL SELECT 'IR-25-004', 'city', 'دستجرد', 'قم'
  UNION ALL SELECT 'IR-25-005', 'city', 'قنوات', 'قم'
  UNION ALL SELECT 'IR-25-006', 'city', 'سلفچگان', 'قم'
  UNION ALL SELECT 'IR-25-101', 'village', 'فردو', 'قم'
  UNION ALL SELECT 'IR-25-102', 'village', 'وشنوه', 'قم'
  UNION ALL SELECT 'IR-25-103', 'village', 'کرمجگان', 'قم'
  UNION ALL SELECT 'IR-25-104', 'village', 'جمکران', 'قم'
) AS v WHERE p.code = 'IR-25'
ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name), county = VALUES(county);

-- گیلان (IR-01): 18 cities, 3 villages
INSERT INTO cities (code, province_id, kind, name, county)
SELECT v.code, p.id, v.kind, v.name, v.county FROM provinces p JOIN (
  SELECT 'IR-01-001' AS code, 'city' AS kind, 'رشت' AS name, 'رشت' AS county
  UNION ALL SELECT 'IR-01-002', 'city', 'بندر انزلی', 'بندر انزلی'
  UNION ALL SELECT 'IR-01-003', 'city', 'لاهیجان', 'لاهیجان'
  UNION ALL SELECT 'IR-01-004', 'city', 'لنگرود', 'لنگرود'
  UNION ALL SELECT 'IR-01-005', 'city', 'آستارا', 'آستارا'
  UNION ALL SELECT 'IR-01-006', 'city', 'هشتپر', 'تالش'
  UNION ALL SELECT 'IR-01-007', 'city', 'فومن', 'فومن'
  UNION ALL SELECT 'IR-01-008', 'city', 'صومعه‌سرا', 'صومعه‌سرا'
  UNION ALL SELECT 'IR-01-009', 'city', 'آستانه اشرفیه', 'آستانه اشرفیه'
  UNION ALL SELECT 'IR-01-010', 'city', 'رودسر', 'رودسر'
  UNION ALL SELECT 'IR-01-011', 'city', 'رودبار', 'رودبار'
  UNION ALL SELECT 'IR-01-012', 'city', 'منجیل', 'رودبار'
  UNION ALL SELECT 'IR-01-013', 'city', 'ماسال', 'ماسال'
  UNION ALL SELECT 'IR-01-014', 'city', 'شفت', 'شفت'
  UNION ALL SELECT 'IR-01-015', 'city', 'سیاهکل', 'سیاهکل'
  UNION ALL SELECT 'IR-01-016', 'city', 'املش', 'املش'
  UNION ALL SELECT 'IR-01-017', 'city', 'خمام', 'رشت'
  UNION ALL SELECT 'IR-01-018', 'city', 'ماسوله', 'فومن'
  UNION ALL SELECT 'IR-01-101', 'village', 'پسیخان', 'رشت'
  UNION ALL SELECT 'IR-01-102', 'village', 'ماکلوان', 'فومن'
  UNION ALL SELECT 'IR-01-103', 'village', 'سوستان', 'لاهیجان'
) AS v WHERE p.code = 'IR-01'
ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name), county = VALUES(county);

-- اصفهان (IR-10): 20 cities, 4 villages
INSERT INTO cities (code, province_id, kind, name, county)
SELECT v.code, p.id, v.kind, v.name, v.county FROM provinces p JOIN (
  SELECT 'IR-10-001' AS code, 'city' AS kind, 'اصفهان' AS name, 'اصفهان' AS county
  UNION ALL SELECT 'IR-10-002', 'city', 'کاشان', 'کاشان'
  UNION ALL SELECT 'IR-10-003', 'city', 'خمینی‌شهر', 'خمینی‌شهر'
  UNION ALL SELECT 'IR-10-004', 'city', 'نجف‌آباد', 'نجف‌آباد'
  UNION ALL SELECT 'IR-10-005', 'city', 'شاهین‌شهر', 'شاهین‌شهر و میمه'
  UNION ALL SELECT 'IR-10-006', 'city', 'شهرضا', 'شهرضا'
  UNION ALL SELECT 'IR-10-007', 'city', 'فولادشهر', 'لنجان'
  UNION ALL SELECT 'IR-10-008', 'city', 'زرین‌شهر', 'لنجان'
  UNION ALL SELECT 'IR-10-009', 'city', 'مبارکه', 'مبارکه'
  UNION ALL SELECT 'IR-10-010', 'city', 'آران و بیدگل', 'آران و بیدگل'
  UNION ALL SELECT 'IR-10-011', 'city', 'گلپایگان', 'گلپایگان'
  UNION ALL SELECT 'IR-10-012', 'city', 'خوانسار', 'خوانسار'
  UNION ALL SELECT 'IR-10-013', 'city', 'نطنز', 'نطنز'
  UNION ALL SELECT 'IR-10-014', 'city', 'اردستان', 'اردستان'
  UNION ALL SELECT 'IR-10-015', 'city', 'نائین', 'نائین'
  UNION ALL SELECT 'IR-10-016', 'city', 'فلاورجان', 'فلاورجان'
  UNION ALL SELECT 'IR-10-017', 'city', 'سمیرم', 'سمیرم'
  UNION ALL SELECT 'IR-10-018', 'city', 'فریدون‌شهر', 'فریدون‌شهر'
  UNION ALL SELECT 'IR-10-019', 'city', 'تیران', 'تیران و کرون'
  UNION ALL SELECT 'IR-10-020', 'city', 'قمصر', 'کاشان'
  UNION ALL SELECT 'IR-10-101', 'village', 'ابیانه', 'نطنز'
  UNION ALL SELECT 'IR-10-102', 'village', 'مصر', 'خور و بیابانک'
  UNION ALL SELECT 'IR-10-103', 'village', 'فرخی', 'خور و بیابانک'
  UNION ALL SELECT 'IR-10-104', 'village', 'کامو', 'کاشان'
) AS v WHERE p.code = 'IR-10'
ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name), county = VALUES(county);

-- خراسان رضوی (IR-09): 18 cities, 4 villages
INSERT INTO cities (code, province_id, kind, name, county)
SELECT v.code, p.id, v.kind, v.name, v.county FROM provinces p JOIN (
  SELECT 'IR-09-001' AS code, 'city' AS kind, 'مشهد' AS name, 'مشهد' AS county
  UNION ALL SELECT 'IR-09-002', 'city', 'نیشابور', 'نیشابور'
  UNION ALL SELECT 'IR-09-003', 'city', 'سبزوار', 'سبزوار'
  UNION ALL SELECT 'IR-09-004', 'city', 'تربت حیدریه', 'تربت حیدریه'
  UNION ALL SELECT 'IR-09-005', 'city', 'قوچان', 'قوچان'
  UNION ALL SELECT 'IR-09-006', 'city', 'کاشمر', 'کاشمر'
  UNION ALL SELECT 'IR-09-007', 'city', 'تربت جام', 'تربت جام'
  UNION ALL SELECT 'IR-09-008', 'city', 'گناباد', 'گناباد'
  UNION ALL SELECT 'IR-09-009', 'city', 'چناران', 'چناران'
  UNION ALL SELECT 'IR-09-010', 'city', 'طرقبه', 'طرقبه شاندیز'
  UNION ALL SELECT 'IR-09-011', 'city', 'شاندیز', 'طرقبه شاندیز'
  UNION ALL SELECT 'IR-09-012', 'city', 'فریمان', 'فریمان'
  UNION ALL SELECT 'IR-09-013', 'city', 'سرخس', 'سرخس'
  UNION ALL SELECT 'IR-09-014', 'city', 'تایباد', 'تایباد'
  UNION ALL SELECT 'IR-09-015', 'city', 'بردسکن', 'بردسکن'
  UNION ALL SELECT 'IR-09-016', 'city', 'درگز', 'درگز'
  UNION ALL SELECT 'IR-09-017', 'city', 'خواف', 'خواف'
  UNION ALL SELECT 'IR-09-018', 'city', 'فیروزه', 'فیروزه'
  UNION ALL SELECT 'IR-09-101', 'village', 'کنگ', 'طرقبه شاندیز'
  UNION ALL SELECT 'IR-09-102', 'village', 'زشک', 'طرقبه شاندیز'
  UNION ALL SELECT 'IR-09-103', 'village', 'ابرده', 'طرقبه شاندیز'
  UNION ALL SELECT 'IR-09-104', 'village', 'اخلمد', 'چناران'
) AS v WHERE p.code = 'IR-09'
ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name), county = VALUES(county);

-- زنجان (IR-19): 8 cities, 2 villages
INSERT INTO cities (code, province_id, kind, name, county)
SELECT v.code, p.id, v.kind, v.name, v.county FROM provinces p JOIN (
  SELECT 'IR-19-001' AS code, 'city' AS kind, 'زنجان' AS name, 'زنجان' AS county
  UNION ALL SELECT 'IR-19-002', 'city', 'ابهر', 'ابهر'
  UNION ALL SELECT 'IR-19-003', 'city', 'خرمدره', 'خرمدره'
  UNION ALL SELECT 'IR-19-004', 'city', 'قیدار', 'خدابنده'
  UNION ALL SELECT 'IR-19-005', 'city', 'هیدج', 'ابهر'
  UNION ALL SELECT 'IR-19-006', 'city', 'ماهنشان', 'ماهنشان'
  UNION ALL SELECT 'IR-19-007', 'city', 'آب‌بر', 'طارم'
  UNION ALL SELECT 'IR-19-008', 'city', 'سلطانیه', 'سلطانیه'
  UNION ALL SELECT 'IR-19-101', 'village', 'گاوازنگ', 'زنجان'
  UNION ALL SELECT 'IR-19-102', 'village', 'سهرین', 'زنجان'
) AS v WHERE p.code = 'IR-19'
ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name), county = VALUES(county);

-- قزوین (IR-26): 8 cities, 2 villages
INSERT INTO cities (code, province_id, kind, name, county)
SELECT v.code, p.id, v.kind, v.name, v.county FROM provinces p JOIN (
  SELECT 'IR-26-001' AS code, 'city' AS kind, 'قزوین' AS name, 'قزوین' AS county
  UNION ALL SELECT 'IR-26-002', 'city', 'تاکستان', 'تاکستان'
  UNION ALL SELECT 'IR-26-003', 'city', 'الوند', 'البرز'
  UNION ALL SELECT 'IR-26-004', 'city', 'بوئین‌زهرا', 'بوئین‌زهرا'
  UNION ALL SELECT 'IR-26-005', 'city', 'آبیک', 'آبیک'
  UNION ALL SELECT 'IR-26-006', 'city', 'محمدیه', 'البرز'
  UNION ALL SELECT 'IR-26-007', 'city', 'اقبالیه', 'قزوین'
  UNION ALL SELECT 'IR-26-008', 'city', 'آوج', 'آوج'
  UNION ALL SELECT 'IR-26-101', 'village', 'گازرخان', 'قزوین'
  UNION ALL SELECT 'IR-26-102', 'village', 'اوان', 'قزوین'
) AS v WHERE p.code = 'IR-26'
ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name), county = VALUES(county);
