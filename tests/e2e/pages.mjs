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
];
