-- 0004_services: the service catalogue of the executive agencies, the services
-- available in each city or village, and the services granted to each office within
-- its rank quota (floor(share x services of its area), share from rounds.quota_*).
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE agencies (
  id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name VARCHAR(200) NOT NULL COMMENT 'e.g. سازمان ثبت احوال کشور',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_agencies_code (code),
  UNIQUE KEY uq_agencies_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Executive agencies (دستگاه‌های خدمات‌دهنده) whose services offices sell';

CREATE TABLE services (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  agency_id SMALLINT UNSIGNED NOT NULL,
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title VARCHAR(300) NOT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1 COMMENT '0: withdrawn; no new grants',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_services_code (code),
  UNIQUE KEY uq_services_agency_title (agency_id, title),
  CONSTRAINT fk_services_agency FOREIGN KEY (agency_id) REFERENCES agencies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='The service catalogue';

CREATE TABLE city_services (
  city_id INT UNSIGNED NOT NULL,
  service_id INT UNSIGNED NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (city_id, service_id),
  KEY ix_city_services_service (service_id, city_id),
  CONSTRAINT fk_city_services_city FOREIGN KEY (city_id) REFERENCES cities (id) ON DELETE CASCADE,
  CONSTRAINT fk_city_services_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Services available in a city or village; the base of every office''s quota there';

CREATE TABLE office_services (
  office_id INT UNSIGNED NOT NULL,
  service_id INT UNSIGNED NOT NULL,
  round_id INT UNSIGNED NULL COMMENT 'The round whose rank justified the grant',
  granted_by_user_id INT UNSIGNED NOT NULL,
  granted_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (office_id, service_id),
  KEY ix_office_services_service (service_id, office_id) COMMENT 'Agency view: offices allowed to offer a service',
  KEY ix_office_services_round (round_id),
  KEY ix_office_services_granted_by (granted_by_user_id),
  CONSTRAINT fk_office_services_office FOREIGN KEY (office_id) REFERENCES offices (id) ON DELETE CASCADE,
  CONSTRAINT fk_office_services_service FOREIGN KEY (service_id) REFERENCES services (id),
  CONSTRAINT fk_office_services_round FOREIGN KEY (round_id) REFERENCES rounds (id),
  CONSTRAINT fk_office_services_granted_by FOREIGN KEY (granted_by_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='Services granted to an office by HQ within its quota; a withdrawal deletes the row (audited)';
