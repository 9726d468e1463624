-- The default rubric: what a round starts from when there is no earlier round to
-- copy (`geps round create`), and the rubric of the demo rounds.  Plain SQL for the
-- draft round whose id is in the session variable @round_id; idempotent (natural
-- keys), so loading it twice changes nothing.  Not applied by `geps migrate`: the
-- reference loader reads only the .sql files directly in sql/reference.
--
-- The published criteria of DOMAIN.md; the official points (tables 5-1 and 5-2 of
-- resolution 3 of session 289) are not public, so these are ours, calibrated so that
-- on the demo data about 60 % of the offices reach rank 1, 39 % rank 2 and 1 % rank
-- 3 (tests/integration/rubric_default.test.mjs checks the shares).  The best answer
-- of every criterion adds up to 100 points; points are in hundredths (x100), number
-- bands are half-open [lower, upper).
--
-- Codes are a contract: lib/model/declaration.c computes the system criteria
-- (staff_count, staff_insured, staff_disabled, accessibility, data_complete) and
-- prefills area_m2 from the office's base data.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

INSERT INTO rubric_sections (round_id, code, title, help_text, position) VALUES
  (@round_id, 'space', 'فضا و امکانات دفتر',
   'مساحت مفید دفتر مطابق سند یا اجاره‌نامه، و امکاناتی که برای دسترسی جانبازان، معلولان و سالمندان فراهم است.', 1),
  (@round_id, 'staff', 'کارکنان دفتر',
   'این بخش از فهرست کارکنان دفتر محاسبه می‌شود؛ برای تغییر آن، فهرست کارکنان را در اطلاعات دفتر به‌روز کنید و فهرست بیمه را بارگذاری کنید.', 2),
  (@round_id, 'location', 'مکان استقرار',
   'محل استقرار دفتر نسبت به معابر اصلی شهر یا مرکز روستا.', 3),
  (@round_id, 'performance', 'سابقه فعالیت و رضایتمندی',
   'سابقه فعالیت دارنده پروانه، نتیجه نظرسنجی رضایتمندی مردم و کامل بودن اطلاعات ثبتی دفتر.', 4),
  (@round_id, 'association', 'امتیاز انجمن صنفی استان',
   'این امتیاز را کارشناس منطقه بر اساس ارزیابی انجمن صنفی استان ثبت می‌کند.', 5)
ON DUPLICATE KEY UPDATE id = id;

SET @s_space = (SELECT id FROM rubric_sections WHERE round_id = @round_id AND code = 'space');
SET @s_staff = (SELECT id FROM rubric_sections WHERE round_id = @round_id AND code = 'staff');
SET @s_location = (SELECT id FROM rubric_sections WHERE round_id = @round_id AND code = 'location');
SET @s_performance = (SELECT id FROM rubric_sections WHERE round_id = @round_id AND code = 'performance');
SET @s_association = (SELECT id FROM rubric_sections WHERE round_id = @round_id AND code = 'association');

INSERT INTO criteria (round_id, section_id, code, title, help_text, kind, unit, decimals,
    min_value, max_value, required, filled_by, prefill, position) VALUES
  (@round_id, @s_space, 'area_m2', 'مساحت مفید دفتر', 'به متر مربع، مطابق سند یا اجاره‌نامه.',
   'number', 'متر مربع', 0, 1, 10000, 1, 'licensee', 'office', 1),
  (@round_id, @s_space, 'accessibility', 'امکانات دسترسی معلولان و سالمندان',
   'شمار امکاناتی (رمپ، آسانسور، سرویس بهداشتی مناسب، باجه ویژه) که در اطلاعات دفتر علامت خورده است.',
   'number', 'مورد', 0, 0, 4, 1, 'system', 'none', 2),
  (@round_id, @s_staff, 'staff_count', 'تعداد کارکنان', NULL,
   'number', 'نفر', 0, 0, 1000, 1, 'system', 'none', 1),
  (@round_id, @s_staff, 'staff_insured', 'کارکنان بیمه‌شده', NULL,
   'number', 'نفر', 0, 0, 1000, 1, 'system', 'none', 2),
  (@round_id, @s_staff, 'staff_disabled', 'کارکنان دارای معلولیت', NULL,
   'number', 'نفر', 0, 0, 1000, 1, 'system', 'none', 3),
  (@round_id, @s_location, 'location', 'محل استقرار دفتر', NULL,
   'choice', '', 0, NULL, NULL, 1, 'licensee', 'previous_round', 1),
  (@round_id, @s_performance, 'activity_years', 'سابقه فعالیت دارنده پروانه',
   'سال‌های فعالیت دارنده پروانه در دفاتر پیشخوان یا ICT روستایی.',
   'number', 'سال', 0, 0, 60, 1, 'licensee', 'previous_round', 1),
  (@round_id, @s_performance, 'satisfaction', 'رضایتمندی مردم بر اساس نظرسنجی',
   'درصد رضایت در آخرین نظرسنجی اعلام‌شده برای دفتر.',
   'number', 'درصد', 0, 0, 100, 1, 'licensee', 'previous_round', 2),
  (@round_id, @s_performance, 'data_complete', 'تکمیل و صحت اطلاعات ثبتی دفتر',
   'بله، وقتی نشانی، کد پستی، تلفن، ساعات کار، مساحت و کارکنان دفتر ثبت شده باشد.',
   'yesno', '', 0, NULL, NULL, 1, 'system', 'none', 3),
  (@round_id, @s_association, 'association', 'امتیاز انجمن صنفی استان', 'از ۰ تا ۱۰۰.',
   'number', 'امتیاز', 0, 0, 100, 0, 'reviewer', 'none', 1)
ON DUPLICATE KEY UPDATE id = id;

-- Bands and options: (criterion code, option code, title, lower, upper, points x100, position).
INSERT INTO criterion_options (criterion_id, code, title, lower_value, upper_value, points_x100, position)
SELECT c.id, o.code, o.title, o.lo, o.hi, o.pts, o.pos
FROM criteria c JOIN (
  SELECT 'area_m2' AS crit, 'lt20' AS code, 'کمتر از ۲۰ متر مربع' AS title, NULL AS lo, 20 AS hi, 400 AS pts, 1 AS pos
  UNION ALL SELECT 'area_m2', 'm20_30', '۲۰ تا کمتر از ۳۰ متر مربع', 20, 30, 800, 2
  UNION ALL SELECT 'area_m2', 'm30_50', '۳۰ تا کمتر از ۵۰ متر مربع', 30, 50, 1200, 3
  UNION ALL SELECT 'area_m2', 'm50_80', '۵۰ تا کمتر از ۸۰ متر مربع', 50, 80, 1600, 4
  UNION ALL SELECT 'area_m2', 'ge80', '۸۰ متر مربع و بیشتر', 80, NULL, 2000, 5
  UNION ALL SELECT 'accessibility', 'a0', 'هیچ', NULL, 1, 0, 1
  UNION ALL SELECT 'accessibility', 'a1', 'یک مورد', 1, 2, 200, 2
  UNION ALL SELECT 'accessibility', 'a2', 'دو مورد', 2, 3, 400, 3
  UNION ALL SELECT 'accessibility', 'a3', 'سه مورد', 3, 4, 600, 4
  UNION ALL SELECT 'accessibility', 'a4', 'چهار مورد', 4, NULL, 800, 5
  UNION ALL SELECT 'staff_count', 's1', 'یک نفر', NULL, 2, 200, 1
  UNION ALL SELECT 'staff_count', 's2', 'دو نفر', 2, 3, 500, 2
  UNION ALL SELECT 'staff_count', 's3_4', 'سه یا چهار نفر', 3, 5, 800, 3
  UNION ALL SELECT 'staff_count', 's5', 'پنج نفر و بیشتر', 5, NULL, 1000, 4
  UNION ALL SELECT 'staff_insured', 'i0', 'هیچ', NULL, 1, 0, 1
  UNION ALL SELECT 'staff_insured', 'i1', 'یک نفر', 1, 2, 300, 2
  UNION ALL SELECT 'staff_insured', 'i2', 'دو نفر', 2, 3, 600, 3
  UNION ALL SELECT 'staff_insured', 'i3', 'سه نفر و بیشتر', 3, NULL, 800, 4
  UNION ALL SELECT 'staff_disabled', 'd0', 'هیچ', NULL, 1, 0, 1
  UNION ALL SELECT 'staff_disabled', 'd1', 'یک نفر و بیشتر', 1, NULL, 400, 2
  UNION ALL SELECT 'location', 'main_street', 'بر خیابان اصلی', NULL, NULL, 1200, 1
  UNION ALL SELECT 'location', 'side_street', 'بر خیابان فرعی', NULL, NULL, 900, 2
  UNION ALL SELECT 'location', 'mall', 'در مجتمع تجاری یا اداری', NULL, NULL, 800, 3
  UNION ALL SELECT 'location', 'alley', 'در کوچه', NULL, NULL, 500, 4
  UNION ALL SELECT 'location', 'village_center', 'در مرکز روستا', NULL, NULL, 1200, 5
  UNION ALL SELECT 'location', 'village_other', 'سایر نقاط روستا', NULL, NULL, 700, 6
  UNION ALL SELECT 'activity_years', 'y0_2', 'کمتر از ۲ سال', NULL, 2, 200, 1
  UNION ALL SELECT 'activity_years', 'y2_5', '۲ تا کمتر از ۵ سال', 2, 5, 500, 2
  UNION ALL SELECT 'activity_years', 'y5_10', '۵ تا کمتر از ۱۰ سال', 5, 10, 800, 3
  UNION ALL SELECT 'activity_years', 'y10', '۱۰ سال و بیشتر', 10, NULL, 1000, 4
  UNION ALL SELECT 'satisfaction', 'p0_50', 'کمتر از ۵۰ درصد', NULL, 50, 0, 1
  UNION ALL SELECT 'satisfaction', 'p50_70', '۵۰ تا کمتر از ۷۰ درصد', 50, 70, 500, 2
  UNION ALL SELECT 'satisfaction', 'p70_85', '۷۰ تا کمتر از ۸۵ درصد', 70, 85, 1000, 3
  UNION ALL SELECT 'satisfaction', 'p85', '۸۵ درصد و بیشتر', 85, NULL, 1400, 4
  UNION ALL SELECT 'data_complete', 'yes', 'بله', NULL, NULL, 400, 1
  UNION ALL SELECT 'data_complete', 'no', 'خیر', NULL, NULL, 0, 2
  UNION ALL SELECT 'association', 'b0_40', 'کمتر از ۴۰', NULL, 40, 0, 1
  UNION ALL SELECT 'association', 'b40_60', '۴۰ تا کمتر از ۶۰', 40, 60, 300, 2
  UNION ALL SELECT 'association', 'b60_80', '۶۰ تا کمتر از ۸۰', 60, 80, 600, 3
  UNION ALL SELECT 'association', 'b80', '۸۰ و بیشتر', 80, NULL, 1000, 4
) o ON o.crit = c.code
WHERE c.round_id = @round_id
ON DUPLICATE KEY UPDATE criterion_options.id = criterion_options.id;

-- Documents per section: (section, code, title, help, min, max, position).
INSERT INTO evidence_requirements (section_id, code, title, help_text, min_files, max_files, position)
SELECT s.id, e.code, e.title, e.help, e.mn, e.mx, e.pos
FROM rubric_sections s JOIN (
  SELECT 'space' AS sec, 'lease' AS code, 'سند مالکیت یا اجاره‌نامه دفتر' AS title,
    'تصویر خوانای همه صفحه‌ها؛ مساحت باید در آن دیده شود.' AS help, 1 AS mn, 3 AS mx, 1 AS pos
  UNION ALL SELECT 'space', 'access_photos', 'تصاویر امکانات دسترسی معلولان و سالمندان', NULL, 0, 5, 2
  UNION ALL SELECT 'staff', 'insurance_list', 'فهرست بیمه کارکنان (آخرین ماه)', 'فهرست ارسالی به سازمان تأمین اجتماعی.', 1, 3, 1
  UNION ALL SELECT 'staff', 'disability_cert', 'مدرک معلولیت کارکنان', NULL, 0, 5, 2
  UNION ALL SELECT 'location', 'location_photo', 'تصویر نمای بیرونی دفتر', 'تابلو و ورودی دفتر در تصویر دیده شود.', 1, 3, 1
  UNION ALL SELECT 'performance', 'survey_report', 'گزارش نتیجه نظرسنجی', NULL, 1, 2, 1
  UNION ALL SELECT 'performance', 'license_copy', 'تصویر پروانه و سوابق فعالیت', NULL, 0, 3, 2
) e ON e.sec = s.code
WHERE s.round_id = @round_id
ON DUPLICATE KEY UPDATE evidence_requirements.id = evidence_requirements.id;

INSERT INTO round_violation_types (round_id, violation_type_id, points_x100, max_count)
SELECT @round_id, id, default_points_x100, NULL FROM violation_types WHERE active = 1
ON DUPLICATE KEY UPDATE round_violation_types.round_id = round_violation_types.round_id;

-- Rank thresholds: rank 1 from 70 points, rank 2 from 40 (the best answer of every
-- criterion adds up to 100).
UPDATE rounds SET rank1_min_x100 = 7000, rank2_min_x100 = 4000
WHERE id = @round_id AND state = 'draft';
