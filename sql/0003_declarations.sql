-- 0003_declarations: an office's file in a round (declaration), its values, the
-- evidence store's index and the links to it, send-backs, violations and objections.
--
-- Composite foreign keys carry round_id into the child tables so that a value, an
-- uploaded file or a violation cannot point at a criterion, section or violation
-- type of another round.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE declarations (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  round_id INT UNSIGNED NOT NULL,
  office_id INT UNSIGNED NOT NULL,
  province_id TINYINT UNSIGNED NOT NULL COMMENT 'Copy of offices.province_id, kept equal by the composite foreign key (ON UPDATE CASCADE), so that the review queue and the public list are indexed',
  state ENUM('draft','submitted','returned','resubmitted','reviewed','not_submitted') NOT NULL DEFAULT 'draft'
    COMMENT 'draft: licensee editing; submitted: in the region''s queue; returned: sent back for correction; resubmitted: corrected, back in the queue; reviewed: review completed and locked (HQ can reopen); not_submitted: window closed without a submission',
  version INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'Optimistic lock: every write does UPDATE … SET version = version + 1 WHERE id = ? AND version = ?',
  tracking_no VARCHAR(24) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'Receipt number (کد رهگیری), given at the first submission',
  due_date DATE NULL COMMENT 'Tehran day by which the current step must be done: the correction deadline while returned, else the review deadline; the queue sorts on it',
  first_submitted_at DATETIME(6) NULL,
  submitted_at DATETIME(6) NULL COMMENT 'Latest submission or resubmission',
  submit_count SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  return_count SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'How many times the file was sent back',
  reviewer_user_id INT UNSIGNED NULL COMMENT 'The reviewer who completed the review',
  reviewed_at DATETIME(6) NULL,
  score_x100 INT NULL COMMENT 'Total score in hundredths of a point (criteria + association - violations) at ranking',
  `rank` TINYINT UNSIGNED NULL COMMENT '1, 2 or 3 as first published; NULL: not ranked (yet) or not evaluated',
  rank_basis ENUM('declared','last_known','not_evaluated') NULL COMMENT 'What the rank rests on: this round''s verified data, the last known data (non-submitter), or nothing',
  breakdown_json LONGTEXT NULL COMMENT 'The engine''s breakdown at ranking: points per criterion and band, association points, each deduction',
  scored_at DATETIME(6) NULL,
  final_score_x100 INT NULL COMMENT 'Score after the objection stage; equals score_x100 when there was no accepted objection',
  final_rank TINYINT UNSIGNED NULL,
  final_breakdown_json LONGTEXT NULL,
  final_at DATETIME(6) NULL,
  public_rank TINYINT UNSIGNED AS (COALESCE(final_rank, `rank`)) PERSISTENT COMMENT 'Generated: the rank to show (final if set); key of the public list',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_declarations_office_round (office_id, round_id) COMMENT 'One declaration per office per round; also the office history and public lookup',
  UNIQUE KEY uq_declarations_id_round (id, round_id) COMMENT 'Target of the composite keys of child rows',
  UNIQUE KEY uq_declarations_tracking_no (tracking_no),
  KEY ix_declarations_office_province (office_id, province_id),
  KEY ix_declarations_queue (round_id, province_id, state, due_date),
  KEY ix_declarations_public (round_id, province_id, public_rank, office_id),
  KEY ix_declarations_round_state (round_id, state),
  KEY ix_declarations_round_rank (round_id, public_rank),
  KEY ix_declarations_reviewer (reviewer_user_id),
  CONSTRAINT fk_declarations_round FOREIGN KEY (round_id) REFERENCES rounds (id),
  CONSTRAINT fk_declarations_office FOREIGN KEY (office_id, province_id) REFERENCES offices (id, province_id) ON UPDATE CASCADE,
  CONSTRAINT fk_declarations_reviewer FOREIGN KEY (reviewer_user_id) REFERENCES users (id),
  CONSTRAINT ck_declarations_rank CHECK (`rank` IS NULL OR `rank` BETWEEN 1 AND 3),
  CONSTRAINT ck_declarations_final_rank CHECK (final_rank IS NULL OR final_rank BETWEEN 1 AND 3),
  CONSTRAINT ck_declarations_ranked CHECK (`rank` IS NULL OR (score_x100 IS NOT NULL AND rank_basis IN ('declared','last_known'))),
  CONSTRAINT ck_declarations_submitted CHECK (state IN ('draft','not_submitted') OR submitted_at IS NOT NULL),
  CONSTRAINT ck_declarations_breakdown CHECK (breakdown_json IS NULL OR JSON_VALID(breakdown_json)),
  CONSTRAINT ck_declarations_final_breakdown CHECK (final_breakdown_json IS NULL OR JSON_VALID(final_breakdown_json))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='An office''s file (پرونده) in a round: self-declaration, review state, score and rank';

CREATE TABLE declaration_values (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  declaration_id INT UNSIGNED NOT NULL,
  round_id INT UNSIGNED NOT NULL COMMENT 'The declaration''s round; pins the criterion to it',
  criterion_id INT UNSIGNED NOT NULL,
  declared_num BIGINT NULL COMMENT 'number criteria: value * 10^criteria.decimals as declared',
  declared_option_id INT UNSIGNED NULL COMMENT 'choice and yes/no criteria: the option declared',
  verify_state ENUM('pending','confirmed','corrected') NOT NULL DEFAULT 'pending'
    COMMENT 'pending: not yet reviewed; confirmed: the region accepts the declared value; corrected: the region entered another value with a note',
  verified_num BIGINT NULL COMMENT 'The value the region verified (also the association score, which only the region enters)',
  verified_option_id INT UNSIGNED NULL,
  verify_note VARCHAR(2000) NULL COMMENT 'Required when the region corrects a value',
  verified_by_user_id INT UNSIGNED NULL,
  verified_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_declaration_values_criterion (declaration_id, criterion_id),
  KEY ix_declaration_values_declaration_round (declaration_id, round_id),
  KEY ix_declaration_values_criterion (criterion_id, round_id),
  KEY ix_declaration_values_declared_option (declared_option_id, criterion_id),
  KEY ix_declaration_values_verified_option (verified_option_id, criterion_id),
  KEY ix_declaration_values_verified_by (verified_by_user_id),
  CONSTRAINT fk_declaration_values_declaration FOREIGN KEY (declaration_id, round_id) REFERENCES declarations (id, round_id) ON DELETE CASCADE,
  CONSTRAINT fk_declaration_values_criterion FOREIGN KEY (criterion_id, round_id) REFERENCES criteria (id, round_id),
  CONSTRAINT fk_declaration_values_declared_option FOREIGN KEY (declared_option_id, criterion_id) REFERENCES criterion_options (id, criterion_id),
  CONSTRAINT fk_declaration_values_verified_option FOREIGN KEY (verified_option_id, criterion_id) REFERENCES criterion_options (id, criterion_id),
  CONSTRAINT fk_declaration_values_verified_by FOREIGN KEY (verified_by_user_id) REFERENCES users (id),
  CONSTRAINT ck_declaration_values_declared CHECK (declared_num IS NULL OR declared_option_id IS NULL),
  CONSTRAINT ck_declaration_values_verified CHECK (verified_num IS NULL OR verified_option_id IS NULL),
  CONSTRAINT ck_declaration_values_note CHECK (verify_state <> 'corrected' OR (verify_note IS NOT NULL AND verify_note <> ''))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Declared and verified value of each criterion of a declaration';

CREATE TABLE send_backs (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  declaration_id INT UNSIGNED NOT NULL,
  remarks TEXT NOT NULL COMMENT 'What is wrong, in general; per-section remarks are in send_back_sections',
  due_date DATE NOT NULL COMMENT 'Last Tehran day to correct: the send-back day + rounds.correction_days',
  created_by_user_id INT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  resubmitted_at DATETIME(6) NULL COMMENT 'When the licensee resubmitted; NULL while the correction is open',
  PRIMARY KEY (id),
  KEY ix_send_backs_declaration (declaration_id, created_at),
  KEY ix_send_backs_created_by (created_by_user_id),
  CONSTRAINT fk_send_backs_declaration FOREIGN KEY (declaration_id) REFERENCES declarations (id) ON DELETE CASCADE,
  CONSTRAINT fk_send_backs_created_by FOREIGN KEY (created_by_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='History of the times a file was sent back for correction (ارجاع برای اصلاح)';

CREATE TABLE send_back_sections (
  send_back_id INT UNSIGNED NOT NULL,
  section_id INT UNSIGNED NOT NULL,
  remark VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'What to correct in this section',
  PRIMARY KEY (send_back_id, section_id),
  KEY ix_send_back_sections_section (section_id),
  CONSTRAINT fk_send_back_sections_send_back FOREIGN KEY (send_back_id) REFERENCES send_backs (id) ON DELETE CASCADE,
  CONSTRAINT fk_send_back_sections_section FOREIGN KEY (section_id) REFERENCES rubric_sections (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='The sections marked in a send-back: the only ones the licensee may edit during the correction';

CREATE TABLE evidence (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  sha256 BINARY(32) NOT NULL COMMENT 'SHA-256 of the content; the same bytes are stored once',
  size_bytes INT UNSIGNED NOT NULL,
  mime ENUM('application/pdf','image/jpeg','image/png') NOT NULL COMMENT 'Type decided from the content (libmagic)',
  storage_name VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'Random file name (relative path) in the evidence store; never derived from the client''s name',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_evidence_sha256 (sha256),
  UNIQUE KEY uq_evidence_storage_name (storage_name),
  KEY ix_evidence_created (created_at),
  CONSTRAINT ck_evidence_size CHECK (size_bytes > 0),
  CONSTRAINT ck_evidence_storage_name CHECK (storage_name REGEXP '^[0-9A-Za-z_][0-9A-Za-z_./-]*$' AND storage_name NOT LIKE '%..%')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Stored files (content-addressed); the client''s file name is on each link row, since the same bytes can be uploaded under several names';

CREATE TABLE declaration_evidence (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  declaration_id INT UNSIGNED NOT NULL,
  round_id INT UNSIGNED NOT NULL COMMENT 'The declaration''s round; pins the section to it',
  section_id INT UNSIGNED NOT NULL,
  requirement_id INT UNSIGNED NULL COMMENT 'The evidence requirement this file answers; NULL: extra document for the section',
  evidence_id BIGINT UNSIGNED NOT NULL,
  original_name VARCHAR(255) NOT NULL COMMENT 'The client''s file name, sanitised (no control or bidi characters); shown only, never used as a path',
  send_back_id INT UNSIGNED NULL COMMENT 'Uploaded while correcting this send-back',
  uploaded_by_user_id INT UNSIGNED NOT NULL,
  uploaded_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_declaration_evidence_file (declaration_id, section_id, evidence_id),
  KEY ix_declaration_evidence_declaration_round (declaration_id, round_id),
  KEY ix_declaration_evidence_section (section_id, round_id),
  KEY ix_declaration_evidence_requirement (requirement_id, section_id),
  KEY ix_declaration_evidence_evidence (evidence_id),
  KEY ix_declaration_evidence_send_back (send_back_id),
  KEY ix_declaration_evidence_uploaded_by (uploaded_by_user_id),
  CONSTRAINT fk_declaration_evidence_declaration FOREIGN KEY (declaration_id, round_id) REFERENCES declarations (id, round_id) ON DELETE CASCADE,
  CONSTRAINT fk_declaration_evidence_section FOREIGN KEY (section_id, round_id) REFERENCES rubric_sections (id, round_id),
  CONSTRAINT fk_declaration_evidence_requirement FOREIGN KEY (requirement_id, section_id) REFERENCES evidence_requirements (id, section_id),
  CONSTRAINT fk_declaration_evidence_evidence FOREIGN KEY (evidence_id) REFERENCES evidence (id),
  CONSTRAINT fk_declaration_evidence_send_back FOREIGN KEY (send_back_id) REFERENCES send_backs (id),
  CONSTRAINT fk_declaration_evidence_uploaded_by FOREIGN KEY (uploaded_by_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Files uploaded for a section of a declaration; a row may be deleted by the licensee before submission';

CREATE TABLE violations (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  declaration_id INT UNSIGNED NOT NULL,
  round_id INT UNSIGNED NOT NULL COMMENT 'The declaration''s round; pins the violation type to the round''s rubric',
  violation_type_id SMALLINT UNSIGNED NOT NULL,
  occurrences SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  points_each_x100 INT NOT NULL COMMENT 'Copy of round_violation_types.points_x100 when recorded (<= 0)',
  note VARCHAR(2000) NOT NULL DEFAULT '',
  created_by_user_id INT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  revoked_at DATETIME(6) NULL COMMENT 'Set when the region withdraws it; kept for history, not counted',
  revoked_by_user_id INT UNSIGNED NULL,
  revoke_reason VARCHAR(2000) NULL,
  PRIMARY KEY (id),
  KEY ix_violations_declaration (declaration_id, round_id),
  KEY ix_violations_type (round_id, violation_type_id),
  KEY ix_violations_violation_type (violation_type_id),
  KEY ix_violations_created_by (created_by_user_id),
  KEY ix_violations_revoked_by (revoked_by_user_id),
  CONSTRAINT fk_violations_declaration FOREIGN KEY (declaration_id, round_id) REFERENCES declarations (id, round_id) ON DELETE CASCADE,
  CONSTRAINT fk_violations_round_type FOREIGN KEY (round_id, violation_type_id) REFERENCES round_violation_types (round_id, violation_type_id),
  CONSTRAINT fk_violations_type FOREIGN KEY (violation_type_id) REFERENCES violation_types (id),
  CONSTRAINT fk_violations_created_by FOREIGN KEY (created_by_user_id) REFERENCES users (id),
  CONSTRAINT fk_violations_revoked_by FOREIGN KEY (revoked_by_user_id) REFERENCES users (id),
  CONSTRAINT ck_violations_occurrences CHECK (occurrences >= 1),
  CONSTRAINT ck_violations_points CHECK (points_each_x100 <= 0),
  CONSTRAINT ck_violations_revoked CHECK ((revoked_at IS NULL) = (revoked_by_user_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Violations (تخلف) recorded by the region against a file; each deducts occurrences * points_each_x100';

CREATE TABLE violation_evidence (
  violation_id INT UNSIGNED NOT NULL,
  evidence_id BIGINT UNSIGNED NOT NULL,
  original_name VARCHAR(255) NOT NULL,
  uploaded_by_user_id INT UNSIGNED NOT NULL,
  uploaded_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (violation_id, evidence_id),
  KEY ix_violation_evidence_evidence (evidence_id),
  KEY ix_violation_evidence_uploaded_by (uploaded_by_user_id),
  CONSTRAINT fk_violation_evidence_violation FOREIGN KEY (violation_id) REFERENCES violations (id) ON DELETE CASCADE,
  CONSTRAINT fk_violation_evidence_evidence FOREIGN KEY (evidence_id) REFERENCES evidence (id),
  CONSTRAINT fk_violation_evidence_uploaded_by FOREIGN KEY (uploaded_by_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Optional documents of a violation, uploaded by the region';

CREATE TABLE objections (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  declaration_id INT UNSIGNED NOT NULL,
  body TEXT NOT NULL COMMENT 'The licensee''s written objection (اعتراض)',
  state ENUM('filed','accepted','rejected') NOT NULL DEFAULT 'filed',
  filed_by_user_id INT UNSIGNED NOT NULL,
  filed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  decided_by_user_id INT UNSIGNED NULL,
  decided_at DATETIME(6) NULL,
  decision_reason TEXT NULL COMMENT 'Required when rejected',
  PRIMARY KEY (id),
  UNIQUE KEY uq_objections_declaration (declaration_id) COMMENT 'One objection per office and round',
  KEY ix_objections_state (state, filed_at),
  KEY ix_objections_filed_by (filed_by_user_id),
  KEY ix_objections_decided_by (decided_by_user_id),
  CONSTRAINT fk_objections_declaration FOREIGN KEY (declaration_id) REFERENCES declarations (id) ON DELETE CASCADE,
  CONSTRAINT fk_objections_filed_by FOREIGN KEY (filed_by_user_id) REFERENCES users (id),
  CONSTRAINT fk_objections_decided_by FOREIGN KEY (decided_by_user_id) REFERENCES users (id),
  CONSTRAINT ck_objections_decided CHECK ((state = 'filed') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by_user_id IS NULL)),
  CONSTRAINT ck_objections_reason CHECK (state <> 'rejected' OR (decision_reason IS NOT NULL AND decision_reason <> ''))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Objections to a published rank, decided by the region';

CREATE TABLE objection_criteria (
  objection_id INT UNSIGNED NOT NULL,
  criterion_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (objection_id, criterion_id),
  KEY ix_objection_criteria_criterion (criterion_id),
  CONSTRAINT fk_objection_criteria_objection FOREIGN KEY (objection_id) REFERENCES objections (id) ON DELETE CASCADE,
  CONSTRAINT fk_objection_criteria_criterion FOREIGN KEY (criterion_id) REFERENCES criteria (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='The criteria an objection concerns';

CREATE TABLE objection_evidence (
  objection_id INT UNSIGNED NOT NULL,
  evidence_id BIGINT UNSIGNED NOT NULL,
  original_name VARCHAR(255) NOT NULL,
  uploaded_by_user_id INT UNSIGNED NOT NULL,
  uploaded_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (objection_id, evidence_id),
  KEY ix_objection_evidence_evidence (evidence_id),
  KEY ix_objection_evidence_uploaded_by (uploaded_by_user_id),
  CONSTRAINT fk_objection_evidence_objection FOREIGN KEY (objection_id) REFERENCES objections (id) ON DELETE CASCADE,
  CONSTRAINT fk_objection_evidence_evidence FOREIGN KEY (evidence_id) REFERENCES evidence (id),
  CONSTRAINT fk_objection_evidence_uploaded_by FOREIGN KEY (uploaded_by_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Optional documents attached to an objection';
