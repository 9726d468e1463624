// The pages that every browser and validator test visits: the Nu validator
// (vnu.test.mjs) and axe (a11y.test.mjs) run over each of them. Adding a page is one
// line: its path, the HTTP status it must answer with, a short name used for
// screenshots and temp files, and for a signed-in page the role (`as`) whose demo
// account's session it is fetched with (see lib/session.mjs). A path may be a
// function of the demo data (ids are looked up when the test runs).
export const pages = [
  { name: 'home', path: '/', status: 200 },
  { name: 'login', path: '/login', status: 200 },
  { name: 'not-found', path: '/no-such-page', status: 404 },
  { name: 'forgot', path: '/password/forgot', status: 200 },
  { name: 'account', path: '/account', status: 200, as: 'licensee' },
  { name: 'password-change', path: '/password/change', status: 200, as: 'licensee' },
  { name: 'office', path: (ids) => `/office/${ids.licenseeOffice}`, status: 200, as: 'licensee' },
  { name: 'dashboard', path: '/dashboard', status: 200, as: 'licensee' },
  { name: 'decl', path: (ids) => `/decl/${ids.licenseeOffice}`, status: 200, as: 'licensee' },
  { name: 'office-data', path: (ids) => `/office-data/${ids.licenseeOffice}`, status: 200, as: 'licensee' },
  { name: 'decl-section', path: (ids) => `/decl/${ids.licenseeOffice}/section/space`, status: 200, as: 'licensee' },
  { name: 'hq-staff', path: '/hq/staff', status: 200, as: 'hq' },
  { name: 'hq-rounds', path: '/hq/rounds', status: 200, as: 'hq' },
  { name: 'hq-round', path: (ids) => `/hq/round/${ids.openRound}`, status: 200, as: 'hq' },
  { name: 'hq-rubric', path: (ids) => `/hq/rubric/${ids.openRound}`, status: 200, as: 'hq' },
  { name: 'hq-staff-new', path: '/hq/staff/new', status: 200, as: 'hq' },
  { name: 'hq-audit', path: '/hq/audit', status: 200, as: 'hq' },
  { name: 'hq-outbox', path: '/hq/outbox', status: 200, as: 'hq' },
  { name: 'forbidden', path: '/hq/staff', status: 403, as: 'licensee' },
  // hq_results.c, objection.c: results, the licensee's breakdown, objections.
  { name: 'hq-results', path: (ids) => `/hq/round/${ids.finalRound}/results`, status: 200, as: 'hq' },
  { name: 'result', path: (ids) => `/result/${ids.licenseeOffice}`, status: 200, as: 'licensee' },
  { name: 'objections', path: '/review/objections', status: 200, as: 'reviewer' },
  { name: 'objection', path: (ids) => `/review/objection/${ids.objection}`, status: 200, as: 'hq' },
  // end hq_results.c
  // public.c (public pages): demo office 12300001 (Tehran, IR-23) in the final round 1404-2.
  { name: 'verify', path: '/verify', status: 200 },
  { name: 'verify-office', path: '/verify?code=12300001', status: 200 },
  { name: 'verify-unknown', path: '/verify?code=ZZ-NO-SUCH-9', status: 404 },
  { name: 'verify-bad', path: '/verify?code=%3Cscript%3E', status: 400 },
  { name: 'certificate', path: '/certificate?office=12300001&round=1404-2', status: 200 },
  { name: 'ranks', path: '/ranks', status: 200 },
  { name: 'ranks-province', path: '/ranks?round=1404-2&province=IR-23&page=2', status: 200 },
  // end public.c
  // review.c (regional review): the demo reviewer is of region 1; demo file 156 is
  // office 12300001's (Tehran, region 1) reviewed file in 1404-2, file 1 a region-5 one.
  { name: 'review-queue', path: '/review', status: 200, as: 'reviewer' },
  { name: 'review-queue-filtered', path: '/review?state=reviewed&page=2', status: 200, as: 'reviewer' },
  { name: 'review-file', path: '/review/file/156', status: 200, as: 'reviewer' },
  { name: 'review-file-other-region', path: '/review/file/1', status: 404, as: 'reviewer' },
  { name: 'review-queue-hq', path: '/review', status: 200, as: 'hq' },
  { name: 'review-file-hq', path: '/review/file/1', status: 200, as: 'hq' },
  { name: 'hq-review-overdue', path: '/hq/review/overdue', status: 200, as: 'hq' },
  // end review.c
  // hq_services.c (services by rank): demo office 14 (12300014, Tehran, rank 3 in
  // 1404-2) holds every service of its city, over its quota; province 1 is Tehran
  // (IR-23); service 1 is nocr.smart-card (sql/reference/0005_services.sql).
  { name: 'hq-services', path: '/hq/services', status: 200, as: 'hq' },
  { name: 'hq-services-areas', path: '/hq/services/areas?province=1', status: 200, as: 'hq' },
  { name: 'hq-services-city', path: '/hq/services/city?code=IR-23-001', status: 200, as: 'hq' },
  { name: 'hq-services-over', path: '/hq/services/over-quota', status: 200, as: 'hq' },
  { name: 'hq-services-offices', path: '/hq/services/offices?service=1&province=1', status: 200, as: 'hq' },
  { name: 'hq-services-office', path: '/hq/services/office/14', status: 200, as: 'hq' },
  { name: 'hq-services-office-licensee', path: (ids) => `/hq/services/office/${ids.licenseeOffice}`, status: 200, as: 'hq' },
  { name: 'hq-services-forbidden', path: '/hq/services', status: 403, as: 'licensee' },
  // end hq_services.c
];
