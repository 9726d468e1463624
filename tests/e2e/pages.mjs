// The public pages that every browser and validator test visits: the Nu validator
// (vnu.test.mjs) and axe (a11y.test.mjs) run over each of them. Adding a page is one
// line: its path, the HTTP status it must answer with, and a short name used for
// screenshots and temp files.
export const pages = [
  { name: 'home', path: '/', status: 200 },
  { name: 'login', path: '/login', status: 200 },
  { name: 'not-found', path: '/no-such-page', status: 404 },
];
