-- 0001_core: geography, offices and their staff, accounts, sessions, password
-- resets, login throttling, the outbox and the audit log.
--
-- Conventions of every migration (see also sql/README.md):
--  * InnoDB, utf8mb4 with utf8mb4_unicode_520_ci for text; codes and keys are ascii
--    with a binary collation; national IDs are CHAR(10) CHARACTER SET ascii.
--  * Times are DATETIME(6) in UTC and their names end in _at; every connection runs
--    with time_zone = '+00:00' (lib/db.c), so CURRENT_TIMESTAMP(6) is UTC.
--  * A deadline is a calendar day in Tehran, stored as the Gregorian DATE of that day
--    in a column named *_date; it ends at 23:59:59.999999 Asia/Tehran.
--  * Points are integers in hundredths of a point, in columns named *_x100.
--  * Persian text is stored normalised (ي->ی, ك->ک, digits folded) by the application:
--    MariaDB's collations do not fold those letters.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE regions (
  id TINYINT UNSIGNED NOT NULL COMMENT 'The region number, 1..9 (منطقه ۱ … ۹)',
  name VARCHAR(100) NOT NULL,
  seat_city_name VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'Where the regional office sits; text to avoid a cycle with cities',
  phone VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_regions_name (name),
  CONSTRAINT ck_regions_id CHECK (id BETWEEN 1 AND 99)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='The regulator''s regional offices (مناطق نه‌گانه); their experts review the files of their provinces';

CREATE TABLE provinces (
  id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'ISO 3166-2:IR code, e.g. IR-23 (Tehran)',
  name VARCHAR(100) NOT NULL COMMENT 'Official Persian name',
  region_id TINYINT UNSIGNED NOT NULL COMMENT 'Grouping is HQ data, editable; reference data only sets it on insert',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_provinces_code (code),
  UNIQUE KEY uq_provinces_name (name),
  KEY ix_provinces_region (region_id),
  CONSTRAINT fk_provinces_region FOREIGN KEY (region_id) REFERENCES regions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='The 31 provinces (استان), each served by one region';

CREATE TABLE cities (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Stable key: province code + serial, e.g. IR-23-001; the key of reference data and CSV imports',
  province_id TINYINT UNSIGNED NOT NULL,
  kind ENUM('city','village') NOT NULL COMMENT 'city (شهر): urban offices; village (روستا): rural ICT offices',
  name VARCHAR(100) NOT NULL,
  county VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'شهرستان; tells apart villages of the same name',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_cities_code (code),
  UNIQUE KEY uq_cities_place (province_id, county, kind, name),
  KEY ix_cities_province_kind_name (province_id, kind, name),
  CONSTRAINT fk_cities_province FOREIGN KEY (province_id) REFERENCES provinces (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Cities and villages; services are made available per city or village';

CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  national_id CHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'کد ملی, digits folded and checksum-valid; the login name',
  role ENUM('licensee','reviewer','hq') NOT NULL,
  region_id TINYINT UNSIGNED NULL COMMENT 'The region a reviewer works for; NULL for other roles',
  first_name VARCHAR(100) NOT NULL DEFAULT '',
  last_name VARCHAR(100) NOT NULL DEFAULT '',
  mobile CHAR(11) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT '09xxxxxxxxx; reset codes go only here and to email',
  email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_general_ci NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'scrypt with its parameters, e.g. $scrypt$ln=17,r=8,p=1$<salt>$<hash>; NULL: no usable password, login refused',
  password_kind ENUM('none','initial','chosen') NOT NULL DEFAULT 'none' COMMENT 'initial: a one-time secret (random code or the regulator convention) that must be changed at first login',
  password_changed_at DATETIME(6) NULL,
  initial_secret_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'Hash of the one-time initial secret, kept so that it is refused as a chosen password forever',
  prev_password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'Hash of the previous chosen password, refused on change',
  totp_secret VARBINARY(64) NULL COMMENT 'TOTP key (RFC 6238), staff only; set at enrolment',
  totp_enrolled_at DATETIME(6) NULL COMMENT 'NULL: second factor not enrolled (staff must enrol at next login)',
  totp_last_step BIGINT UNSIGNED NULL COMMENT 'Last accepted TOTP time step; a code of that step or older is refused (no replay)',
  disabled_at DATETIME(6) NULL COMMENT 'Set: the account cannot log in',
  last_login_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_national_id (national_id),
  KEY ix_users_region_role (region_id, role),
  KEY ix_users_role (role),
  CONSTRAINT fk_users_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT ck_users_national_id CHECK (national_id REGEXP '^[0-9]{10}$'),
  CONSTRAINT ck_users_mobile CHECK (mobile IS NULL OR mobile REGEXP '^09[0-9]{9}$'),
  CONSTRAINT ck_users_region CHECK ((role = 'reviewer') = (region_id IS NOT NULL)),
  CONSTRAINT ck_users_password CHECK ((password_kind = 'none') = (password_hash IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Accounts: licensees (دارنده پروانه), regional reviewers, HQ. One account per national ID';

CREATE TABLE offices (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'The office code of the registry, public (verification page)',
  kind ENUM('urban','rural_ict') NOT NULL COMMENT 'urban: دفتر پیشخوان خدمات دولت; rural_ict: دفتر ICT روستایی',
  name VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'Display name, e.g. دفتر پیشخوان شماره ۱۲',
  license_no VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Number of the license (پروانه)',
  license_expires_date DATE NULL,
  province_id TINYINT UNSIGNED NOT NULL,
  city_id INT UNSIGNED NOT NULL COMMENT 'The city, or the village for rural ICT offices',
  address VARCHAR(500) NOT NULL DEFAULT '',
  postal_code CHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
  phone VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  opening_hours VARCHAR(200) NOT NULL DEFAULT '',
  area_m2 SMALLINT UNSIGNED NULL COMMENT 'Office space in square metres as last declared',
  accessibility_json LONGTEXT NULL COMMENT 'JSON of the accessibility facilities (ramp, lift, …) as last declared',
  licensee_user_id INT UNSIGNED NOT NULL COMMENT 'The license holder; one account may hold several offices',
  status ENUM('active','suspended','closed') NOT NULL DEFAULT 'active' COMMENT 'Only active offices take part in a new round',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_offices_code (code),
  UNIQUE KEY uq_offices_license_no (license_no),
  UNIQUE KEY uq_offices_id_province (id, province_id) COMMENT 'Target of declarations(office_id, province_id)',
  KEY ix_offices_licensee (licensee_user_id, code),
  KEY ix_offices_province_city (province_id, city_id),
  KEY ix_offices_city (city_id),
  CONSTRAINT fk_offices_province FOREIGN KEY (province_id) REFERENCES provinces (id),
  CONSTRAINT fk_offices_city FOREIGN KEY (city_id) REFERENCES cities (id),
  CONSTRAINT fk_offices_licensee FOREIGN KEY (licensee_user_id) REFERENCES users (id),
  CONSTRAINT ck_offices_code CHECK (code REGEXP '^[0-9A-Za-z-]{3,16}$'),
  CONSTRAINT ck_offices_postal_code CHECK (postal_code IS NULL OR postal_code REGEXP '^[0-9]{10}$'),
  CONSTRAINT ck_offices_accessibility CHECK (accessibility_json IS NULL OR JSON_VALID(accessibility_json))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Government service counter offices and rural ICT offices, from the license registry. The application keeps province_id equal to the city''s province';

CREATE TABLE office_staff (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  office_id INT UNSIGNED NOT NULL,
  national_id CHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  job_title VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'Role in the office as declared (مدیر، کارشناس، …)',
  insured TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'Has social insurance (بیمه)',
  disabled TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'Person with a disability (معلولیت)',
  active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '0: left the office; kept for history',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_office_staff_person (office_id, national_id),
  KEY ix_office_staff_national_id (national_id),
  CONSTRAINT fk_office_staff_office FOREIGN KEY (office_id) REFERENCES offices (id) ON DELETE CASCADE,
  CONSTRAINT ck_office_staff_national_id CHECK (national_id REGEXP '^[0-9]{10}$'),
  CONSTRAINT ck_office_staff_flags CHECK (insured IN (0,1) AND disabled IN (0,1) AND active IN (0,1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='People working in an office (کاربران دفتر), declared by the licensee';

CREATE TABLE sessions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash BINARY(32) NOT NULL COMMENT 'SHA-256 of the 256-bit cookie token; the token itself is never stored',
  user_id INT UNSIGNED NOT NULL,
  csrf_secret BINARY(32) NOT NULL COMMENT 'Random per session; CSRF tokens are derived from it',
  mfa_at DATETIME(6) NULL COMMENT 'When the second factor was passed; NULL: staff session limited to the TOTP pages',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_seen_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Idle timeout (30 min) counts from here',
  expires_at DATETIME(6) NOT NULL COMMENT 'Absolute timeout: created_at + 12 h',
  client_addr VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  user_agent VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY uq_sessions_token_hash (token_hash),
  KEY ix_sessions_user (user_id, last_seen_at),
  KEY ix_sessions_expires (expires_at),
  KEY ix_sessions_last_seen (last_seen_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Login sessions; a row is deleted at logout, password change or reset';

CREATE TABLE password_resets (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id INT UNSIGNED NOT NULL,
  code_hash BINARY(32) NOT NULL COMMENT 'HMAC-SHA256(server key, 6-digit code): a plain hash of 10^6 codes is brute-forced at once',
  attempts TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'Wrong codes entered; the 6th try is refused',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  expires_at DATETIME(6) NOT NULL COMMENT 'created_at + 10 minutes',
  used_at DATETIME(6) NULL COMMENT 'Set when the code was accepted; single use',
  client_addr VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_password_resets_user (user_id, created_at),
  KEY ix_password_resets_expires (expires_at),
  CONSTRAINT fk_password_resets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT ck_password_resets_attempts CHECK (attempts <= 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='One-time reset codes; only the newest unused, unexpired row of a user is valid';

CREATE TABLE login_throttle (
  scope ENUM('login_account','login_addr','reset_account','reset_addr','totp_account') NOT NULL,
  subject VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'The typed national ID (folded; also for IDs without an account, so the answer leaks nothing), or the client address (IPv6: its /64)',
  failures SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'Failures (or requests, for reset scopes) since window_start_at',
  window_start_at DATETIME(6) NOT NULL COMMENT 'Start of the current one-hour counting window',
  last_failure_at DATETIME(6) NOT NULL,
  locked_until_at DATETIME(6) NULL COMMENT 'Soft lock: attempts refused until then',
  PRIMARY KEY (scope, subject),
  KEY ix_login_throttle_last (last_failure_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Failure counters per account and per client address for login, reset and TOTP; rows older than a day may be deleted';

CREATE TABLE outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  channel ENUM('sms','email') NOT NULL,
  recipient VARCHAR(254) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL COMMENT 'Mobile 09xxxxxxxxx or email address',
  user_id INT UNSIGNED NULL COMMENT 'The account the message is about, if any',
  template VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'What kind of message, e.g. reset_code, initial_secret, send_back, published',
  subject VARCHAR(200) NOT NULL DEFAULT '',
  body TEXT NOT NULL COMMENT 'May hold a one-time code: cleared (set to empty) once sent',
  state ENUM('queued','sending','sent','failed') NOT NULL DEFAULT 'queued' COMMENT 'failed: gave up after max attempts, visible to HQ; can be re-queued',
  attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT 'Backoff: not sent before this time',
  locked_until_at DATETIME(6) NULL COMMENT 'A sender claimed it (state sending) until then; after it another sender may retry',
  last_error VARCHAR(500) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  sent_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  KEY ix_outbox_due (state, next_attempt_at),
  KEY ix_outbox_user (user_id, created_at),
  CONSTRAINT fk_outbox_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='SMS and email waiting to be delivered by geps outbox send';

CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  actor_user_id INT UNSIGNED NULL COMMENT 'NULL: no logged-in actor (failed login, CLI, system timer)',
  actor_label VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'cli, system, or the masked typed ID of an anonymous attempt (never a full national ID of a non-user)',
  client_addr VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  action VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'e.g. login.ok, login.fail, reset.request, decl.submit, review.value, round.publish',
  entity_type VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '' COMMENT 'user, office, round, declaration, objection, …',
  entity_id BIGINT UNSIGNED NULL,
  old_json LONGTEXT NULL COMMENT 'Values before the change (never secrets)',
  new_json LONGTEXT NULL COMMENT 'Values after the change (never secrets)',
  prev_hash BINARY(32) NOT NULL COMMENT 'row_hash of the previous row; 32 zero bytes for the first row',
  row_hash BINARY(32) NOT NULL COMMENT 'SHA-256(prev_hash || canonical encoding of this row''s other columns), computed by lib/audit',
  PRIMARY KEY (id),
  UNIQUE KEY uq_audit_log_prev_hash (prev_hash) COMMENT 'The chain cannot fork: two concurrent appends on the same tail collide, one retries',
  UNIQUE KEY uq_audit_log_row_hash (row_hash),
  KEY ix_audit_log_created (created_at),
  KEY ix_audit_log_actor (actor_user_id, created_at),
  KEY ix_audit_log_entity (entity_type, entity_id, created_at),
  KEY ix_audit_log_action (action, created_at),
  CONSTRAINT fk_audit_log_actor FOREIGN KEY (actor_user_id) REFERENCES users (id),
  CONSTRAINT ck_audit_log_old_json CHECK (old_json IS NULL OR JSON_VALID(old_json)),
  CONSTRAINT ck_audit_log_new_json CHECK (new_json IS NULL OR JSON_VALID(new_json))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Append-only, hash-chained audit trail; the application account should have INSERT and SELECT only on it';
