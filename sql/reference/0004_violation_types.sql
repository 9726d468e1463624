-- The violation kinds named by the regulator (DOMAIN.md, "Negative points") with
-- default negative points per occurrence, in hundredths of a point (-500 = -5
-- points).  The official values are not public; HQ sets each round's points in
-- round_violation_types.  Titles are official wording, so a re-run corrects them; the
-- default points and the active flag are HQ's and are set only on first insert.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

INSERT INTO violation_types (code, title, default_points_x100, position) VALUES
  ('overcharge', 'دریافت وجوه مازاد بر تعرفه خدمات ابلاغی', -500, 1),
  ('forgery', 'جعل یا مخدوش کردن پرونده و مدارک', -1000, 2),
  ('relocation', 'تغییر مکان و نشانی دفتر بدون موافقت منطقه', -500, 3),
  ('accessibility', 'عدم وجود امکانات لازم برای ارائه خدمات به جانبازان، معلولان و سالمندان', -300, 4)
ON DUPLICATE KEY UPDATE title = VALUES(title);
