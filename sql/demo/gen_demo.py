#!/usr/bin/env python3
"""Writes sql/demo/0001_demo.sql: demo offices, accounts and two rounds.

Run from anywhere: python3 sql/demo/gen_demo.py.  The output is deterministic (fixed
seed), so a re-run produces the same file.  The SQL it writes only inserts missing
rows (natural keys: national ID, office code, round code), so it can be loaded on top
of itself.  It needs the reference data (sql/reference/) loaded first.
"""
import os
import random

Z = '\u200c'  # zero-width non-joiner, as in official spellings
FA = str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹')
rnd = random.Random(14051)


def national_id():
    """A random checksum-valid national ID (DOMAIN.md), never ten equal digits."""
    while True:
        d = [rnd.randrange(10) for _ in range(9)]
        s = sum(d[i] * (10 - i) for i in range(9))
        r = s % 11
        c = r if r < 2 else 11 - r
        nid = ''.join(map(str, d)) + str(c)
        if len(set(nid)) > 1:
            return nid


def check_national_id(nid):
    d = list(map(int, nid))
    r = sum(d[i] * (10 - i) for i in range(9)) % 11
    return len(set(nid)) > 1 and ((r < 2 and d[9] == r) or (r >= 2 and d[9] == 11 - r))


assert check_national_id('0183382390')

used_ids = set()


def fresh_id():
    while True:
        n = national_id()
        if n not in used_ids:
            used_ids.add(n)
            return n


def q(v):
    if v is None:
        return 'NULL'
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace('\\', '\\\\').replace("'", "''") + "'"


FIRST_M = ['محمد', 'علی', 'حسین', 'رضا', 'مهدی', 'حسن', 'امیر', 'سعید', 'مجید', 'احمد',
           'مصطفی', 'جواد', 'حمید', 'مرتضی', 'کاظم', 'وحید', 'بهروز', 'فرهاد', 'داوود', 'یاسر']
FIRST_F = ['فاطمه', 'زهرا', 'مریم', 'سمیه', 'الهام', 'نرگس', 'لیلا', 'معصومه', 'سارا', 'مهسا',
           'نازنین', 'زینب', 'فرشته', 'طاهره', 'شیما']
LAST = ['محمدی', 'حسینی', 'احمدی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'صادقی', 'رحیمی',
        'قاسمی', 'کاظمی', 'ابراهیمی', 'هاشمی', 'نوری', 'عباسی', 'اکبری' + Z + 'پور', 'جلیلی',
        'توکلی', 'غلام' + Z + 'پور', 'مقدم', 'طاهری', 'سلطانی', 'فرهادی', 'نجفی', 'زارعی',
        'یزدانی', 'شریفی', 'باقری', 'امینی', 'نیک' + Z + 'نام', 'خسروی', 'رستمی', 'بهرامی']
STREETS = ['امام خمینی', 'انقلاب', 'آزادی', 'شهید بهشتی', 'طالقانی', 'مطهری', 'فردوسی',
           'حافظ', 'سعدی', 'جمهوری اسلامی', 'شریعتی', 'کشاورز', 'پاسداران', 'شهید چمران',
           'شهید رجایی', 'امام رضا', 'بسیج', 'ولیعصر', 'معلم', 'فلسطین']
ALLEYS = ['گلستان', 'بهار', 'نسترن', 'لاله', 'یاس', 'شقایق', 'ارغوان', 'نیلوفر', 'صنوبر', 'سرو']
JOBS = ['مدیر دفتر', 'کارشناس', 'کارشناس', 'اپراتور', 'اپراتور', 'متصدی پذیرش', 'حسابدار']

# province code, ISO number, phone area code, urban offices, rural offices, region
PROVINCES = [
    ('IR-23', 23, '021', 52, 8, 1),
    ('IR-25', 25, '025', 12, 3, 1),
    ('IR-01', 1, '013', 21, 5, 2),
    ('IR-19', 19, '024', 10, 2, 2),
    ('IR-26', 26, '028', 10, 2, 2),
    ('IR-10', 10, '031', 30, 5, 6),
    ('IR-09', 9, '051', 34, 6, 5),
]
# Cities per province (code serials) with a weight: the capital gets most offices.
CITY_COUNT = {'IR-23': 18, 'IR-25': 6, 'IR-01': 18, 'IR-19': 8, 'IR-26': 8, 'IR-10': 20, 'IR-09': 18}
VILLAGE_COUNT = {'IR-23': 5, 'IR-25': 4, 'IR-01': 3, 'IR-19': 2, 'IR-26': 2, 'IR-10': 4, 'IR-09': 4}


def person():
    female = rnd.random() < 0.35
    return (rnd.choice(FIRST_F if female else FIRST_M), rnd.choice(LAST))


def mobile():
    return '09' + rnd.choice(['12', '13', '19', '35', '36', '37', '01', '02', '21']) + \
        ''.join(str(rnd.randrange(10)) for _ in range(7))


def postal_code():
    # Iranian postal codes: ten digits, the first five without 0 or 2.
    head = ''.join(rnd.choice('13456789') for _ in range(5))
    return head + ''.join(str(rnd.randrange(10)) for _ in range(5))


def fa(n):
    return str(n).translate(FA)


def urban_address():
    s = rnd.choice(STREETS)
    a = rnd.choice(ALLEYS)
    kind = rnd.choice(['خیابان', 'خیابان', 'بلوار'])
    tail = rnd.choice(['', '، طبقه همکف', '، طبقه اول، واحد ' + fa(rnd.randrange(1, 9))])
    return f'{kind} {s}، کوچه {a} {fa(rnd.randrange(1, 30))}، پلاک {fa(rnd.randrange(1, 250))}{tail}'


def rural_address(village):
    near = rnd.choice(['جنب دهیاری', 'روبروی مسجد جامع', 'جنب خانه بهداشت', 'کنار مدرسه ابتدایی'])
    return f'روستای {village}، خیابان اصلی، {near}، پلاک {fa(rnd.randrange(1, 80))}'


# The ranking rule in SQL (the same rule as lib/score): the points of the band that
# holds each verified (else declared) number, or of the chosen option, summed, minus
# the violations that were not revoked; the rank from the round's thresholds.
SCORE_SQL = """UPDATE declarations d
JOIN rounds r ON r.id = d.round_id
JOIN (
  SELECT v.declaration_id, SUM(o.points_x100) AS pts
  FROM declaration_values v
  JOIN criteria c ON c.id = v.criterion_id
  JOIN criterion_options o ON o.criterion_id = c.id AND (
    (c.kind = 'number' AND COALESCE(v.verified_num, v.declared_num) IS NOT NULL
      AND (o.lower_value IS NULL OR o.lower_value <= COALESCE(v.verified_num, v.declared_num))
      AND (o.upper_value IS NULL OR COALESCE(v.verified_num, v.declared_num) < o.upper_value))
    OR (c.kind <> 'number' AND o.id = COALESCE(v.verified_option_id, v.declared_option_id)))
  GROUP BY v.declaration_id
) s ON s.declaration_id = d.id
LEFT JOIN (
  SELECT declaration_id, SUM(CAST(occurrences AS SIGNED) * points_each_x100) AS ded
  FROM violations WHERE revoked_at IS NULL GROUP BY declaration_id
) x ON x.declaration_id = d.id
SET d.%(score)s = s.pts + COALESCE(x.ded, 0),
    d.%(rank)s = CASE WHEN s.pts + COALESCE(x.ded, 0) >= r.rank1_min_x100 THEN 1
                      WHEN s.pts + COALESCE(x.ded, 0) >= r.rank2_min_x100 THEN 2 ELSE 3 END
WHERE r.code = '1404-2' AND %(only)s;"""

OBJECTIONS_SQL = """INSERT INTO objections (declaration_id, body, state, filed_by_user_id, filed_at,
  decided_by_user_id, decided_at, decision_reason)
SELECT t.id, %s, IF(t.n <= 2, 'accepted', 'rejected'), t.licensee, '2026-05-23 07:12:00',
  t.reviewer, '2026-06-02 09:40:00', IF(t.n <= 2, NULL, %s)
FROM (
  SELECT d.id, f.licensee_user_id AS licensee, d.reviewer_user_id AS reviewer,
    ROW_NUMBER() OVER (ORDER BY d.score_x100 DESC, f.code) AS n
  FROM declarations d JOIN offices f ON f.id = d.office_id JOIN rounds r ON r.id = d.round_id
  WHERE r.code = '1404-2' AND d.`rank` = 2
) t WHERE t.n <= 3
ON DUPLICATE KEY UPDATE objections.id = objections.id;"""

ACCEPTED_SQL = """UPDATE declaration_values v
JOIN objections j ON j.declaration_id = v.declaration_id AND j.state = 'accepted'
JOIN criteria c ON c.id = v.criterion_id AND c.code = 'association'
SET v.verify_state = 'corrected', v.verified_num = 100,
    v.verify_note = 'پس از بررسی اعتراض، امتیاز انجمن صنفی اصلاح شد.'
WHERE v.verified_num <> 100;"""

# The spread of the offices' quality in 1404-2 (see main()), chosen so that the
# default rubric ranks about 60 % of them 1, 39 % 2 and 1 % 3.
QUALITY_MEAN = 0.1
QUALITY_SD = 0.8


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    w = out.append
    w('-- Demo data for ./dev up and the tests; never loaded in production.')
    w('-- Generated by sql/demo/gen_demo.py (edit that, then re-run it); loads on top of')
    w('-- the reference data and only inserts what is missing.')
    w('SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;')
    w('')

    # Staff accounts: one HQ admin, and a reviewer for each region with demo offices.
    # No passwords: the accounts issue sets them (password_kind 'none' cannot log in).
    staff = [('hq', None, 'مدیر', 'ستاد')]
    for region in sorted({p[5] for p in PROVINCES}):
        staff.append(('reviewer', region, 'کارشناس', 'منطقه ' + fa(region)))
    w('-- Staff accounts (no usable password yet).')
    w('INSERT INTO users (national_id, role, region_id, first_name, last_name, mobile, email) VALUES')
    rows = []
    for role, region, fn, ln in staff:
        nid = fresh_id()
        email = f'{role}{region or ""}@geps.example'
        rows.append(f'  ({q(nid)}, {q(role)}, {q(region)}, {q(fn)}, {q(ln)}, {q(mobile())}, {q(email)})')
    w(',\n'.join(rows))
    w('ON DUPLICATE KEY UPDATE id = id;')
    w('')

    # Offices and their licensees; about one licensee in ten holds two offices.
    offices = []
    licensees = []
    serial = {}
    for pcode, iso, area, n_urban, n_rural, region in PROVINCES:
        places = [('city', f'{pcode}-{i:03d}') for i in range(1, CITY_COUNT[pcode] + 1)]
        villages = [f'{pcode}-{i:03d}' for i in range(101, 101 + VILLAGE_COUNT[pcode])]
        for k in range(n_urban + n_rural):
            rural = k >= n_urban
            if rural:
                city = villages[(k - n_urban) % len(villages)]
            else:
                # Half the offices in the capital, the rest spread over the other cities.
                city = places[0][1] if rnd.random() < 0.5 else rnd.choice(places)[1]
            serial[pcode] = serial.get(pcode, 0) + 1
            s = serial[pcode]
            code = f'{2 if rural else 1}{iso:02d}{s:05d}'
            year = rnd.choice([1390, 1392, 1394, 1395, 1396, 1397, 1398, 1399, 1400, 1401])
            lic = f'{iso:02d}-{year}-{s:04d}'
            if licensees and rnd.random() < 0.1 and licensees[-1][3] == pcode:
                lic_nid = licensees[-1][0]
            else:
                fn, ln = person()
                lic_nid = fresh_id()
                licensees.append((lic_nid, fn, ln, pcode))
            offices.append(dict(code=code, rural=rural, pcode=pcode, city=city, lic=lic,
                                nid=lic_nid, area=area, s=s, year=year))

    w(f'-- {len(licensees)} licensees (no usable password yet).')
    w('INSERT INTO users (national_id, role, first_name, last_name, mobile, email) VALUES')
    rows = []
    for nid, fn, ln, _ in licensees:
        email = f'lic{nid[-4:]}@mail.example' if rnd.random() < 0.5 else None
        rows.append(f'  ({q(nid)}, \'licensee\', {q(fn)}, {q(ln)}, {q(mobile())}, {q(email)})')
    w(',\n'.join(rows))
    w('ON DUPLICATE KEY UPDATE id = id;')
    w('')

    w(f'-- {len(offices)} offices.')
    w('INSERT INTO offices (code, kind, name, license_no, license_expires_date, province_id, region_id, city_id,')
    w('  address, postal_code, phone, opening_hours, area_m2, accessibility_json, licensee_user_id) VALUES')
    rows = []
    city_name = {}
    for o in offices:
        kind = 'rural_ict' if o['rural'] else 'urban'
        name = ('دفتر ICT روستایی شماره ' if o['rural'] else 'دفتر پیشخوان خدمات دولت شماره ') + fa(o['s'])
        addr = rural_address('{v}') if o['rural'] else urban_address()
        phone = o['area'] + ''.join(str(rnd.randrange(10)) for _ in range(8))
        hours = 'شنبه تا چهارشنبه ۸ تا ۱۶، پنجشنبه ۸ تا ۱۲' if not o['rural'] else 'شنبه تا پنجشنبه ۸ تا ۱۴'
        area_m2 = rnd.randint(14, 30) if o['rural'] else rnd.randint(20, 120)
        ramp = rnd.random() < 0.7
        lift, toilet, counter = rnd.random() < 0.2, rnd.random() < 0.3, rnd.random() < 0.8
        acc = '{"ramp": %s, "lift": %s, "toilet": %s, "priority_counter": %s}' % (
            str(ramp).lower(), str(lift).lower(), str(toilet).lower(), str(counter).lower())
        o['access'] = ramp + lift + toilet + counter
        expires = f'{2027 + rnd.randrange(4)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}'
        if o['rural']:
            # The village name goes into the address through SQL, from the cities table.
            addr_sql = ("CONCAT('روستای ', (SELECT name FROM cities WHERE code = %s), %s)"
                        % (q(o['city']), q(addr[len('روستای {v}'):])))
        else:
            addr_sql = q(addr)
        rows.append('  (%s, %s, %s, %s, %s, (SELECT id FROM provinces WHERE code = %s), '
                    '(SELECT region_id FROM provinces WHERE code = %s), '
                    '(SELECT id FROM cities WHERE code = %s),\n   %s, %s, %s, %s, %d, %s, '
                    '(SELECT id FROM users WHERE national_id = %s))' % (
                        q(o['code']), q(kind), q(name), q(o['lic']), q(expires), q(o['pcode']),
                        q(o['pcode']), q(o['city']), addr_sql, q(postal_code()), q(phone), q(hours), area_m2,
                        q(acc), q(o['nid'])))
        o['area_m2'] = area_m2
    w(',\n'.join(rows))
    w('ON DUPLICATE KEY UPDATE id = id;')
    w('')

    w('-- Office staff (کاربران دفتر).')
    w('INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, insured, disabled) VALUES')
    rows = []
    for o in offices:
        n = rnd.randint(1, 3) if o['rural'] else rnd.randint(2, 6)
        o['staff'], o['insured'], o['disabled'] = n, 0, 0
        for j in range(n):
            fn, ln = person()
            job = 'مدیر دفتر' if j == 0 else rnd.choice(JOBS[1:])
            insured = 1 if rnd.random() < 0.8 else 0
            disabled = 1 if rnd.random() < 0.06 else 0
            o['insured'] += insured
            o['disabled'] += disabled
            rows.append('  ((SELECT id FROM offices WHERE code = %s), %s, %s, %s, %s, %d, %d)' % (
                q(o['code']), q(fresh_id()), q(fn), q(ln), q(job), insured, disabled))
    w(',\n'.join(rows))
    w('ON DUPLICATE KEY UPDATE id = id;')
    w('')

    # Rounds.  1404-2 ran 17 Farvardin - 5 Ordibehesht 1405 (the seed's dates) and is
    # final.  1405-1 is open around the day the demo is loaded (from a week before to
    # twelve days after), so that ./dev up always has a round to declare in.
    w('-- Rounds: a final past round and the open one.')
    w('INSERT INTO rounds (code, title, state, decl_start_date, decl_end_date, review_end_date,')
    w('  correction_days, objection_days, objection_end_date, rank1_min_x100, rank2_min_x100,')
    w('  nonsubmit_rule, rubric_frozen_at, ranked_at, published_at, final_published_at) VALUES')
    w("  ('1404-2', 'ارزیابی نیمسال دوم ۱۴۰۴', 'final', '2026-04-06', '2026-04-25', '2026-05-05',")
    w("   5, 7, '2026-05-27', 7000, 4000, 'last_known', '2026-04-05 20:30:00', '2026-05-19 08:00:00',")
    w("   '2026-05-20 05:30:00', '2026-06-10 06:00:00'),")
    w("  ('1405-1', 'ارزیابی نیمسال اول ۱۴۰۵', 'open', CURDATE() - INTERVAL 7 DAY,")
    w("   CURDATE() + INTERVAL 12 DAY, CURDATE() + INTERVAL 22 DAY,")
    w("   5, 7, NULL, 7000, 4000, 'last_known', UTC_TIMESTAMP(6) - INTERVAL 8 DAY, NULL, NULL, NULL)")
    w('ON DUPLICATE KEY UPDATE id = id;')
    w('UPDATE rounds SET copied_from_round_id = (SELECT id FROM (SELECT id FROM rounds WHERE code = \'1404-2\') AS p)')
    w("  WHERE code = '1405-1' AND copied_from_round_id IS NULL;")
    w('')

    # Both rounds use the default rubric: one source, sql/reference/rubric/default.sql.
    with open(os.path.join(here, '..', 'reference', 'rubric', 'default.sql'), encoding='utf-8') as fh:
        rubric = fh.read()
    for code in ('1404-2', '1405-1'):
        w(f'-- The default rubric for {code} (sql/reference/rubric/default.sql).')
        w(f"SET @round_id = (SELECT id FROM rounds WHERE code = '{code}');")
        w(rubric)

    # 1404-2: every office but five took part; the region verified the values, and the
    # score follows from them by the ranking rule (computed in SQL below, the rule of
    # lib/score).  Values come from each office's data (area, accessibility, staff) and
    # from a per-office quality that moves location, satisfaction and the association's
    # score together; three weak offices, with violations, make up the bottom.
    q2 = random.Random(14052)
    ranked = list(offices)
    q2.shuffle(ranked)
    absent = {o['code'] for o in ranked[:5]}
    weak = {o['code'] for o in ranked[5:8]}

    w('-- Files of 1404-2; their scores and ranks are computed from the values below.')
    w('INSERT INTO declarations (round_id, office_id, province_id, region_id, state, version, tracking_no, due_date,')
    w('  first_submitted_at, submitted_at, submit_count, return_count, reviewer_user_id, reviewed_at,')
    w('  rank_basis, scored_at, final_at) VALUES')
    rows = []
    values = []
    for o in ranked:
        region = next(p[5] for p in PROVINCES if p[0] == o['pcode'])
        rev = "(SELECT id FROM users WHERE role = 'reviewer' AND region_id = %d ORDER BY id LIMIT 1)" % region
        if o['code'] in absent:
            rows.append("  ((SELECT id FROM rounds WHERE code = '1404-2'), (SELECT id FROM offices WHERE code = %s), "
                        "(SELECT id FROM provinces WHERE code = %s), (SELECT region_id FROM provinces WHERE code = %s), "
                        "'not_submitted', 0, NULL, NULL,\n"
                        "   NULL, NULL, 0, 0, NULL, NULL, 'not_evaluated', '2026-05-19 08:00:00', '2026-06-10 06:00:00')"
                        % (q(o['code']), q(o['pcode']), q(o['pcode'])))
            continue
        day = q2.randint(6, 25)
        sub = f'2026-04-{day:02d} {q2.randint(4, 19):02d}:{q2.randint(0, 59):02d}:{q2.randint(0, 59):02d}'
        returned = 1 if q2.random() < 0.12 else 0
        reviewed = f'2026-05-{q2.randint(1, 5):02d} {q2.randint(4, 13):02d}:{q2.randint(0, 59):02d}:00'
        rows.append("  ((SELECT id FROM rounds WHERE code = '1404-2'), (SELECT id FROM offices WHERE code = %s), "
                    "(SELECT id FROM provinces WHERE code = %s), (SELECT region_id FROM provinces WHERE code = %s), "
                    "'reviewed', %d, %s, NULL,\n"
                    "   %s, %s, %d, %d, %s, %s, 'declared', '2026-05-19 08:00:00', '2026-06-10 06:00:00')"
                    % (q(o['code']), q(o['pcode']), q(o['pcode']), 3 + 2 * returned, q(f'14042{o["code"]}'), q(sub), q(sub),
                       1 + returned, returned, rev, q(reviewed)))
        k = -2.2 if o['code'] in weak else q2.gauss(QUALITY_MEAN, QUALITY_SD)
        if o['rural']:
            loc = 'village_center' if q2.random() < 0.45 + 0.15 * k else 'village_other'
        else:
            r = q2.random() - 0.12 * k
            loc = 'main_street' if r < 0.35 else 'side_street' if r < 0.65 else 'mall' if r < 0.85 else 'alley'
        sat = int(min(99, max(30, q2.gauss(80 + 8 * k, 6))))
        assoc = int(min(100, max(20, q2.gauss(72 + 10 * k, 8))))
        complete = 'yes' if k > -1.5 and q2.random() < 0.93 else 'no'
        area = o['area_m2'] if k > -1.5 else min(o['area_m2'], 18)
        years = max(0, 1404 - o['year'] + q2.randint(-1, 1))
        nums = {'area_m2': area, 'accessibility': o['access'], 'staff_count': o['staff'],
                'staff_insured': o['insured'], 'staff_disabled': o['disabled'],
                'activity_years': years, 'satisfaction': sat, 'association': assoc}
        for crit, v in nums.items():
            values.append((o['code'], crit, v, None))
        values.append((o['code'], 'location', None, loc))
        values.append((o['code'], 'data_complete', None, complete))
        if o['code'] in weak:
            o['violation'] = q2.choice(['forgery', 'overcharge'])
    w(',\n'.join(rows))
    w('ON DUPLICATE KEY UPDATE id = id;')
    w('')

    w('-- Values of 1404-2 as declared and as the region verified them (alike: confirmed).')
    w('INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num, declared_option_id,')
    w("  verify_state, verified_num, verified_option_id, verified_by_user_id, verified_at)")
    w("SELECT d.id, d.round_id, c.id, v.num, o.id, 'confirmed', v.num, o.id, d.reviewer_user_id, d.reviewed_at")
    w('FROM (')
    w('\n  UNION ALL\n'.join('  SELECT %s AS office, %s AS crit, %s AS num, %s AS opt' % (q(c), q(k), q(n), q(p))
                           for c, k, n, p in values))
    w(') v')
    w('JOIN offices f ON f.code = v.office')
    w("JOIN rounds r ON r.code = '1404-2'")
    w('JOIN declarations d ON d.office_id = f.id AND d.round_id = r.id')
    w('JOIN criteria c ON c.round_id = r.id AND c.code = v.crit')
    w('LEFT JOIN criterion_options o ON o.criterion_id = c.id AND o.code = v.opt')
    w('ON DUPLICATE KEY UPDATE declaration_values.id = declaration_values.id;')
    w('')

    w('-- Violations the region recorded against the weak offices.')
    w('INSERT INTO violations (declaration_id, round_id, violation_type_id, occurrences, points_each_x100, note,')
    w('  created_by_user_id, created_at)')
    w('\nUNION ALL\n'.join(
        "SELECT d.id, d.round_id, t.id, 1, rt.points_x100, 'ثبت در بازدید منطقه', d.reviewer_user_id,"
        " '2026-05-02 08:00:00' FROM declarations d JOIN offices f ON f.id = d.office_id"
        " JOIN rounds r ON r.id = d.round_id JOIN violation_types t ON t.code = %s"
        " JOIN round_violation_types rt ON rt.round_id = r.id AND rt.violation_type_id = t.id"
        " WHERE f.code = %s AND r.code = '1404-2'"
        " AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.declaration_id = d.id)"
        % (q(o['violation']), q(o['code'])) for o in offices if o.get('violation')) + ';')
    w('')

    w('-- Scores and ranks of 1404-2 by the ranking rule: each criterion scores the points of')
    w('-- the band holding its verified value ([lower, upper)) or of the chosen option; the')
    w('-- violations deduct; rank 1 from rank1_min_x100, rank 2 from rank2_min_x100.')
    w(SCORE_SQL % {'score': 'score_x100', 'rank': '`rank`', 'only': 'd.score_x100 IS NULL'})
    w('')

    w('-- Objections to 1404-2: the three best rank-2 files objected; two were accepted.')
    w(OBJECTIONS_SQL % (
        q('مساحت دفتر و تعداد کارکنان بیمه‌شده مطابق مدارک بارگذاری‌شده محاسبه نشده است؛ '
          'سند اجاره و لیست بیمه اسفند ۱۴۰۴ پیوست پرونده است.'.replace('‌', Z)),
        q('لیست بیمه ارائه‌شده مربوط به دوره ارزیابی نیست و امتیاز تغییر نمی‌کند.'.replace('‌', Z))))
    w('')
    w('-- An accepted objection: the region corrected the association score to 100 after')
    w('-- re-examining the documents; the final scores and ranks follow from the values.')
    w(ACCEPTED_SQL)
    w(SCORE_SQL % {'score': 'final_score_x100', 'rank': 'final_rank', 'only': 'd.final_score_x100 IS NULL'})
    w('')

    for nid in used_ids:
        assert check_national_id(nid), nid
    with open(os.path.join(here, '0001_demo.sql'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(out))
    print(f'{len(offices)} offices, {len(licensees)} licensees, {len(offices) - len(absent)} files in 1404-2')


if __name__ == '__main__':
    main()
