-- The 31 provinces of Iran with their official Persian names and ISO 3166-2:IR codes.
-- Names are official, so a re-run corrects them; the region of a province is HQ's
-- data (editable), so it is set only when the province is first inserted.  The
-- default grouping follows the sources where they say something (Gilan, Zanjan and
-- Qazvin are served by one region) and is otherwise a plausible guess.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

INSERT INTO provinces (code, name, region_id) VALUES
  ('IR-23', 'تهران', 1),
  ('IR-30', 'البرز', 1),
  ('IR-25', 'قم', 1),
  ('IR-00', 'مرکزی', 1),
  ('IR-01', 'گیلان', 2),
  ('IR-19', 'زنجان', 2),
  ('IR-26', 'قزوین', 2),
  ('IR-03', 'آذربایجان شرقی', 3),
  ('IR-04', 'آذربایجان غربی', 3),
  ('IR-24', 'اردبیل', 3),
  ('IR-12', 'کردستان', 3),
  ('IR-02', 'مازندران', 4),
  ('IR-27', 'گلستان', 4),
  ('IR-20', 'سمنان', 4),
  ('IR-09', 'خراسان رضوی', 5),
  ('IR-28', 'خراسان شمالی', 5),
  ('IR-29', 'خراسان جنوبی', 5),
  ('IR-10', 'اصفهان', 6),
  ('IR-21', 'یزد', 6),
  ('IR-14', 'چهارمحال و بختیاری', 6),
  ('IR-07', 'فارس', 7),
  ('IR-18', 'بوشهر', 7),
  ('IR-17', 'کهگیلویه و بویراحمد', 7),
  ('IR-22', 'هرمزگان', 7),
  ('IR-05', 'کرمانشاه', 8),
  ('IR-13', 'همدان', 8),
  ('IR-16', 'ایلام', 8),
  ('IR-15', 'لرستان', 8),
  ('IR-06', 'خوزستان', 8),
  ('IR-08', 'کرمان', 9),
  ('IR-11', 'سیستان و بلوچستان', 9)
ON DUPLICATE KEY UPDATE name = VALUES(name);
