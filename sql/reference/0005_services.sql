-- The executive agencies (دستگاه‌های خدمات‌دهنده) and their service catalogue: the
-- services government service counter offices sell for them (18 agencies, 48 services).
-- The key of each is its code; an agency's name is official wording, so a re-run
-- corrects it.  A service's title and its active flag are HQ's (the catalogue page,
-- `geps services import`): they are set only on first insert, and a re-run of this
-- file changes nothing HQ did.  Which services each city or village has is HQ data
-- (the area pages, the CSV import), not reference data.  Digits in titles are ASCII,
-- as the application stores them after folding.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

INSERT INTO agencies (code, name) VALUES
  ('nocr', 'سازمان ثبت احوال کشور'),
  ('tax', 'سازمان امور مالیاتی کشور'),
  ('tamin', 'سازمان تأمین اجتماعی'),
  ('police10', 'پلیس+10 فراجا'),
  ('rahvar', 'پلیس راهور فراجا'),
  ('vazife', 'سازمان وظیفه عمومی فراجا'),
  ('passport', 'پلیس مهاجرت و گذرنامه فراجا'),
  ('sabt', 'سازمان ثبت اسناد و املاک کشور'),
  ('post', 'شرکت ملی پست جمهوری اسلامی ایران'),
  ('tci', 'شرکت مخابرات ایران'),
  ('tavanir', 'شرکت توانیر'),
  ('abfa', 'شرکت مهندسی آب و فاضلاب کشور'),
  ('gas', 'شرکت ملی گاز ایران'),
  ('subsidy', 'سازمان هدفمندسازی یارانه‌ها'),
  ('salamat', 'سازمان بیمه سلامت ایران'),
  ('behzisti', 'سازمان بهزیستی کشور'),
  ('labor', 'وزارت تعاون، کار و رفاه اجتماعی'),
  ('hajj', 'سازمان حج و زیارت')
ON DUPLICATE KEY UPDATE name = VALUES(name);

INSERT INTO services (agency_id, code, title)
SELECT a.id, v.code, v.title FROM agencies a JOIN (
  SELECT 'nocr' AS agency, 'nocr.smart-card' AS code, 'ثبت‌نام کارت هوشمند ملی' AS title
  UNION ALL SELECT 'nocr', 'nocr.smart-card-replace', 'درخواست المثنی کارت هوشمند ملی'
  UNION ALL SELECT 'nocr', 'nocr.birth-cert-replace', 'صدور المثنی شناسنامه'
  UNION ALL SELECT 'nocr', 'nocr.birth-cert-change', 'تعویض شناسنامه'
  UNION ALL SELECT 'nocr', 'nocr.birth-register', 'ثبت ولادت و صدور شناسنامه'
  UNION ALL SELECT 'nocr', 'nocr.death-register', 'ثبت واقعه فوت'
  UNION ALL SELECT 'tax', 'tax.return', 'تسلیم اظهارنامه مالیاتی'
  UNION ALL SELECT 'tax', 'tax.clearance', 'صدور گواهی مفاصاحساب مالیاتی'
  UNION ALL SELECT 'tax', 'tax.vat-register', 'ثبت‌نام در نظام مالیات بر ارزش افزوده'
  UNION ALL SELECT 'tax', 'tax.taxpayer-system', 'ثبت‌نام در سامانه مؤدیان'
  UNION ALL SELECT 'tamin', 'tamin.history', 'صدور گواهی سابقه بیمه'
  UNION ALL SELECT 'tamin', 'tamin.voluntary', 'ثبت‌نام بیمه اختیاری'
  UNION ALL SELECT 'tamin', 'tamin.self-employed', 'ثبت‌نام بیمه مشاغل آزاد'
  UNION ALL SELECT 'tamin', 'tamin.pension-cert', 'صدور گواهی حقوق بازنشستگی'
  UNION ALL SELECT 'tamin', 'tamin.dependents', 'ثبت افراد تحت تکفل'
  UNION ALL SELECT 'police10', 'police10.fines-inquiry', 'استعلام خلافی خودرو'
  UNION ALL SELECT 'police10', 'police10.criminal-record', 'درخواست گواهی عدم سوء پیشینه'
  UNION ALL SELECT 'police10', 'police10.weapon-license', 'تمدید پروانه سلاح شکاری'
  UNION ALL SELECT 'rahvar', 'rahvar.license-renew', 'تمدید گواهینامه رانندگی'
  UNION ALL SELECT 'rahvar', 'rahvar.license-replace', 'صدور المثنی گواهینامه رانندگی'
  UNION ALL SELECT 'rahvar', 'rahvar.fines-payment', 'پرداخت جریمه تخلفات رانندگی'
  UNION ALL SELECT 'vazife', 'vazife.study-exemption', 'درخواست معافیت تحصیلی'
  UNION ALL SELECT 'vazife', 'vazife.dispatch', 'درخواست اعزام به خدمت'
  UNION ALL SELECT 'vazife', 'vazife.exit-permit', 'درخواست مجوز خروج از کشور مشمولان'
  UNION ALL SELECT 'passport', 'passport.issue', 'درخواست صدور گذرنامه'
  UNION ALL SELECT 'sabt', 'sabt.company', 'ثبت شرکت و آگهی تغییرات'
  UNION ALL SELECT 'sabt', 'sabt.trademark', 'درخواست ثبت علامت تجاری'
  UNION ALL SELECT 'sabt', 'sabt.deed-replace', 'درخواست المثنی سند مالکیت'
  UNION ALL SELECT 'post', 'post.parcel', 'پذیرش مرسولات پستی'
  UNION ALL SELECT 'post', 'post.registered', 'ارسال مرسوله سفارشی'
  UNION ALL SELECT 'post', 'post.postcode-cert', 'صدور گواهی کد پستی'
  UNION ALL SELECT 'tci', 'tci.landline', 'درخواست تلفن ثابت'
  UNION ALL SELECT 'tci', 'tci.adsl', 'درخواست اینترنت پرسرعت ADSL'
  UNION ALL SELECT 'tci', 'tci.transfer', 'انتقال مالکیت تلفن ثابت'
  UNION ALL SELECT 'tavanir', 'tavanir.branch', 'درخواست انشعاب برق'
  UNION ALL SELECT 'tavanir', 'tavanir.name-change', 'تغییر نام مشترک برق'
  UNION ALL SELECT 'abfa', 'abfa.branch', 'درخواست انشعاب آب و فاضلاب'
  UNION ALL SELECT 'abfa', 'abfa.name-change', 'تغییر نام مشترک آب'
  UNION ALL SELECT 'gas', 'gas.branch', 'درخواست انشعاب گاز'
  UNION ALL SELECT 'gas', 'gas.name-change', 'تغییر نام مشترک گاز'
  UNION ALL SELECT 'subsidy', 'subsidy.register', 'ثبت‌نام یارانه نقدی'
  UNION ALL SELECT 'subsidy', 'subsidy.head-change', 'تغییر سرپرست خانوار'
  UNION ALL SELECT 'salamat', 'salamat.universal', 'ثبت‌نام بیمه سلامت همگانی'
  UNION ALL SELECT 'salamat', 'salamat.rural', 'ثبت‌نام بیمه روستاییان و عشایر'
  UNION ALL SELECT 'behzisti', 'behzisti.disability-card', 'درخواست کارت معلولیت'
  UNION ALL SELECT 'labor', 'labor.unemployment', 'ثبت‌نام بیمه بیکاری'
  UNION ALL SELECT 'labor', 'labor.job-seeker', 'ثبت‌نام کارجویان'
  UNION ALL SELECT 'hajj', 'hajj.atabat', 'ثبت‌نام سفر عتبات عالیات'
) AS v ON v.agency = a.code
ON DUPLICATE KEY UPDATE services.id = services.id;
