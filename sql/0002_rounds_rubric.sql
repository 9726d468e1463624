-- 0002_rounds_rubric: evaluation rounds and their rubric (sections, criteria, bands
-- and choices, evidence requirements), violation types and their points per round,
-- and per-office deadline extensions.
--
-- The rubric belongs to a round: a new round starts from a copy of the previous
-- round's rubric, HQ edits it while the round is a draft, and it is frozen
-- (rounds.rubric_frozen_at) when the round opens.  Points are integers in
-- hundredths of a point (*_x100): 12.5 points is 1250.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE rounds (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Jalali year and half, e.g. 1405-1',
  title VARCHAR(200) NOT NULL COMMENT 'Persian title, e.g. ارزیابی نیمسال اول ۱۴۰۵',
  state ENUM('draft','open','review','scoring','published','objection','final','closed') NOT NULL DEFAULT 'draft'
    COMMENT 'draft: rubric editable; open: declarations; review: regional review; scoring: ranks computed, not public; published: ranks public; objection: objection window; final: final ranks published; closed: archived',
  decl_start_date DATE NOT NULL COMMENT 'Gregorian date of the first Tehran day of the declaration window',
  decl_end_date DATE NOT NULL COMMENT 'Gregorian date of the last Tehran day of the declaration window (ends 23:59:59 Tehran)',
  review_end_date DATE NOT NULL COMMENT 'Last Tehran day of the regional review; the review starts the day after decl_end_date',
  correction_days TINYINT UNSIGNED NOT NULL DEFAULT 5 COMMENT 'Days a licensee has to correct a file sent back',
  objection_days TINYINT UNSIGNED NOT NULL DEFAULT 7 COMMENT 'Days after publication to file an objection',
  objection_end_date DATE NULL COMMENT 'Last Tehran day for objections; set at publication from published_at + objection_days',
  rank1_min_x100 INT NOT NULL DEFAULT 0 COMMENT 'Total score (x100) from which an office gets rank 1',
  rank2_min_x100 INT NOT NULL DEFAULT 0 COMMENT 'Total score (x100) from which an office gets rank 2; below it rank 3',
  quota_rank1_pct TINYINT UNSIGNED NOT NULL DEFAULT 100 COMMENT 'Share of the services of its city/village a rank-1 office may offer',
  quota_rank2_pct TINYINT UNSIGNED NOT NULL DEFAULT 70,
  quota_rank3_pct TINYINT UNSIGNED NOT NULL DEFAULT 30,
  nonsubmit_rule ENUM('last_known','not_evaluated') NOT NULL DEFAULT 'last_known'
    COMMENT 'How offices that never submitted are ranked: on their last known data, or shown as not evaluated (no rank)',
  copied_from_round_id INT UNSIGNED NULL COMMENT 'The round whose rubric this one started from',
  rubric_frozen_at DATETIME(6) NULL COMMENT 'Set when the round opens; the rubric is read-only after it',
  ranked_at DATETIME(6) NULL COMMENT 'Last time geps rank computed the round',
  published_at DATETIME(6) NULL COMMENT 'Publication of the (first) ranks',
  final_published_at DATETIME(6) NULL COMMENT 'Publication of the final ranks, after objections',
  open_flag TINYINT AS (IF(state = 'open', 1, NULL)) PERSISTENT COMMENT 'Generated: 1 while open, else NULL; unique, so at most one round is open',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_rounds_code (code),
  UNIQUE KEY uq_rounds_open (open_flag),
  KEY ix_rounds_state (state, decl_start_date),
  KEY ix_rounds_decl_start (decl_start_date),
  KEY ix_rounds_copied_from (copied_from_round_id),
  CONSTRAINT fk_rounds_copied_from FOREIGN KEY (copied_from_round_id) REFERENCES rounds (id),
  CONSTRAINT ck_rounds_code CHECK (code REGEXP '^1[0-9]{3}-[12]$'),
  CONSTRAINT ck_rounds_windows CHECK (decl_end_date >= decl_start_date AND review_end_date > decl_end_date),
  CONSTRAINT ck_rounds_days CHECK (correction_days BETWEEN 1 AND 60 AND objection_days BETWEEN 1 AND 60),
  CONSTRAINT ck_rounds_thresholds CHECK (rank1_min_x100 >= rank2_min_x100),
  CONSTRAINT ck_rounds_quota CHECK (quota_rank1_pct <= 100 AND quota_rank2_pct <= quota_rank1_pct AND quota_rank3_pct <= quota_rank2_pct),
  CONSTRAINT ck_rounds_published CHECK (state IN ('draft','open','review','scoring') OR published_at IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Evaluation rounds (دوره ارزیابی), two per Jalali year, with their windows, thresholds and quotas';

CREATE TABLE rubric_sections (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  round_id INT UNSIGNED NOT NULL,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Stable key across rounds, e.g. space, staff, location',
  title VARCHAR(200) NOT NULL,
  help_text TEXT NULL,
  position SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'Order of the declaration pages',
  PRIMARY KEY (id),
  UNIQUE KEY uq_rubric_sections_code (round_id, code),
  UNIQUE KEY uq_rubric_sections_id_round (id, round_id) COMMENT 'Target of composite keys that pin a section to a round',
  KEY ix_rubric_sections_position (round_id, position),
  CONSTRAINT fk_rubric_sections_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Sections of a round''s rubric; one declaration page each; the unit of a send-back';

CREATE TABLE criteria (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  round_id INT UNSIGNED NOT NULL COMMENT 'Equal to the section''s round (enforced by the composite foreign key)',
  section_id INT UNSIGNED NOT NULL,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Stable key across rounds, e.g. area_m2, staff_insured, association',
  title VARCHAR(200) NOT NULL,
  help_text TEXT NULL,
  kind ENUM('number','choice','yesno') NOT NULL COMMENT 'number: points from bands; choice: points per option; yesno: options yes and no',
  unit VARCHAR(32) NOT NULL DEFAULT '' COMMENT 'Shown after a number, e.g. متر مربع, نفر, سال, درصد',
  decimals TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'A number value v is stored as v * 10^decimals',
  min_value BIGINT NULL COMMENT 'Smallest accepted number (scaled), NULL: no bound',
  max_value BIGINT NULL COMMENT 'Largest accepted number (scaled), NULL: no bound',
  required TINYINT(1) NOT NULL DEFAULT 1 COMMENT 'Submission refused while a required criterion has no value',
  filled_by ENUM('licensee','reviewer','system') NOT NULL DEFAULT 'licensee'
    COMMENT 'licensee: declared; reviewer: entered by the region only (association score); system: computed (e.g. staff counts from office_staff)',
  prefill ENUM('none','previous_round','office') NOT NULL DEFAULT 'previous_round' COMMENT 'Where the declaration form takes its initial value from',
  position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_criteria_code (round_id, code),
  UNIQUE KEY uq_criteria_id_round (id, round_id),
  KEY ix_criteria_section (section_id, round_id, position),
  CONSTRAINT fk_criteria_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  CONSTRAINT fk_criteria_section FOREIGN KEY (section_id, round_id) REFERENCES rubric_sections (id, round_id) ON DELETE CASCADE,
  CONSTRAINT ck_criteria_range CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value),
  CONSTRAINT ck_criteria_decimals CHECK (decimals <= 4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Criteria (شاخص) of a round''s rubric';

CREATE TABLE criterion_options (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  criterion_id INT UNSIGNED NOT NULL,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Band or choice key; yes/no criteria use yes and no',
  title VARCHAR(200) NOT NULL COMMENT 'Label of the choice, or a description of the band (e.g. ۲۰ تا ۳۰ متر)',
  lower_value BIGINT NULL COMMENT 'number bands: the band applies when lower_value <= v (scaled); NULL: no lower bound',
  upper_value BIGINT NULL COMMENT 'number bands: … and v < upper_value (half-open); NULL: no upper bound',
  points_x100 INT NOT NULL DEFAULT 0,
  position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_criterion_options_code (criterion_id, code),
  UNIQUE KEY uq_criterion_options_id_criterion (id, criterion_id) COMMENT 'Target of composite keys that pin an option to its criterion',
  KEY ix_criterion_options_position (criterion_id, position),
  CONSTRAINT fk_criterion_options_criterion FOREIGN KEY (criterion_id) REFERENCES criteria (id) ON DELETE CASCADE,
  CONSTRAINT ck_criterion_options_band CHECK (lower_value IS NULL OR upper_value IS NULL OR lower_value < upper_value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Bands of a number criterion ([lower, upper), no overlaps; checked by the rubric editor) or options of a choice/yes-no criterion, with points';

CREATE TABLE evidence_requirements (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  section_id INT UNSIGNED NOT NULL,
  criterion_id INT UNSIGNED NULL COMMENT 'NULL: the documents belong to the section as a whole',
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title VARCHAR(200) NOT NULL COMMENT 'What to upload, e.g. تصویر سند یا اجاره‌نامه',
  help_text TEXT NULL,
  min_files TINYINT UNSIGNED NOT NULL DEFAULT 1 COMMENT '0: optional',
  max_files TINYINT UNSIGNED NOT NULL DEFAULT 5,
  only_if_option_id INT UNSIGNED NULL COMMENT 'Required only when the criterion''s value is this option (e.g. only when yes)',
  position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_evidence_requirements_code (section_id, code),
  UNIQUE KEY uq_evidence_requirements_id_section (id, section_id),
  KEY ix_evidence_requirements_criterion (criterion_id),
  KEY ix_evidence_requirements_option (only_if_option_id, criterion_id),
  CONSTRAINT fk_evidence_requirements_section FOREIGN KEY (section_id) REFERENCES rubric_sections (id) ON DELETE CASCADE,
  CONSTRAINT fk_evidence_requirements_criterion FOREIGN KEY (criterion_id) REFERENCES criteria (id) ON DELETE CASCADE,
  CONSTRAINT fk_evidence_requirements_option FOREIGN KEY (only_if_option_id, criterion_id) REFERENCES criterion_options (id, criterion_id) ON DELETE CASCADE,
  CONSTRAINT ck_evidence_requirements_files CHECK (min_files <= max_files AND max_files >= 1),
  CONSTRAINT ck_evidence_requirements_option CHECK (only_if_option_id IS NULL OR criterion_id IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Documents (مدارک و مستندات) a section or criterion requires, and how many files';

CREATE TABLE violation_types (
  id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title VARCHAR(300) NOT NULL,
  default_points_x100 INT NOT NULL COMMENT 'Negative points per occurrence copied into a new round',
  active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '0: not offered for new rounds',
  position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_violation_types_code (code),
  CONSTRAINT ck_violation_types_points CHECK (default_points_x100 <= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Kinds of violation (تخلف) with negative points; HQ may add more';

CREATE TABLE round_violation_types (
  round_id INT UNSIGNED NOT NULL,
  violation_type_id SMALLINT UNSIGNED NOT NULL,
  points_x100 INT NOT NULL COMMENT 'Negative points per occurrence in this round',
  max_count SMALLINT UNSIGNED NULL COMMENT 'Occurrences counted at most; NULL: no cap',
  PRIMARY KEY (round_id, violation_type_id),
  KEY ix_round_violation_types_type (violation_type_id),
  CONSTRAINT fk_round_violation_types_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  CONSTRAINT fk_round_violation_types_type FOREIGN KEY (violation_type_id) REFERENCES violation_types (id),
  CONSTRAINT ck_round_violation_types_points CHECK (points_x100 <= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='The violation types of a round''s rubric with their points (frozen with the rubric)';

CREATE TABLE office_extensions (
  round_id INT UNSIGNED NOT NULL,
  office_id INT UNSIGNED NOT NULL,
  decl_end_date DATE NOT NULL COMMENT 'This office''s last Tehran day of the declaration window',
  reason VARCHAR(1000) NOT NULL,
  created_by_user_id INT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (round_id, office_id),
  KEY ix_office_extensions_office (office_id),
  KEY ix_office_extensions_created_by (created_by_user_id),
  CONSTRAINT fk_office_extensions_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  CONSTRAINT fk_office_extensions_office FOREIGN KEY (office_id) REFERENCES offices (id),
  CONSTRAINT fk_office_extensions_created_by FOREIGN KEY (created_by_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Declaration window extended for one office (audited); an extension for everyone changes rounds.decl_end_date';
