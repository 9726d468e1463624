// Shared helpers for the browser tests: where the server is, launching Debian's
// chromium through playwright-core (no browser download), and one function that
// opens a page and runs axe on it. Every test file uses these, so a page is always
// checked the same way.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));

// The server under test, e.g. http://127.0.0.1:18080 (no trailing slash).
export const baseUrl = (process.env.GEPS_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

// Where screenshots go; created on first use.
export const screenshotDir = process.env.GEPS_SCREENSHOTS || path.resolve(here, '..', 'screenshots');

export const CHROMIUM = process.env.GEPS_CHROMIUM || '/usr/bin/chromium';

export const viewports = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
};

export function url(p) {
  return baseUrl + p;
}

// Debian's chromium, headless, with everything that would phone home turned off:
// the tests must pass on a machine without internet.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Axe rules whose violations fail a test: the WCAG 2.x A/AA rules plus axe's best
// practices; only serious and critical impacts count (the suite's bar).
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

// Opens `p` (a path under baseUrl) in a fresh context of `browser` with the given
// viewport, waits until it and its fonts have loaded, and runs axe. Returns the page
// (the caller closes page.context()), the navigation response, and the serious or
// critical axe violations (an empty array when the page is clean). Console errors
// and CSP violations reported by the page are collected in `consoleErrors`.
export async function openAndAxe(browser, p, { viewport = viewports.desktop, cookie = null } = {}) {
  // A signed-in page: the session cookie geps would have set at login, sent as a
  // header (Chrome refuses to plant a Secure cookie for an http URL through CDP).
  const context = await browser.newContext({ viewport, locale: 'fa-IR',
    extraHTTPHeaders: cookie ? { cookie: `__Host-geps=${cookie}` } : {} });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  const response = await page.goto(url(p), { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
  return { page, context, response, violations, consoleErrors };
}

// A readable report of axe violations, one block per rule with the offending nodes.
export function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`);
    return `  [${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
  }).join('\n');
}

// Full-page screenshot into screenshotDir as NAME.png; returns the file path.
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
