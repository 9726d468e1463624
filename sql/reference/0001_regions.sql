-- The regulator's nine regions (مناطق نه‌گانه رگولاتوری).  The real grouping of the
-- provinces is not public: the seats below are a plausible default.  HQ edits regions
-- in the application, so this file only inserts missing rows and never overwrites an
-- existing one (re-running it changes nothing).
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

INSERT INTO regions (id, name, seat_city_name) VALUES
  (1, 'منطقه ۱', 'تهران'),
  (2, 'منطقه ۲', 'رشت'),
  (3, 'منطقه ۳', 'تبریز'),
  (4, 'منطقه ۴', 'ساری'),
  (5, 'منطقه ۵', 'مشهد'),
  (6, 'منطقه ۶', 'اصفهان'),
  (7, 'منطقه ۷', 'شیراز'),
  (8, 'منطقه ۸', 'کرمانشاه'),
  (9, 'منطقه ۹', 'کرمان')
ON DUPLICATE KEY UPDATE id = id;
