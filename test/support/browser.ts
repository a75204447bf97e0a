import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Browser globals inside page.evaluate callbacks (this project compiles without the DOM lib). */
declare const window: object;
declare const document: unknown;
type Document = unknown;


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the browser tests keep a picture of each page (git-ignored). */
export const SCREENSHOT_DIR = path.join(root, 'test/e2e/__screenshots__');
const AXE_SOURCE = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Debian's chromium (`.ci/run` installs it), never a downloaded one. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser profile signed in through the local sign-in page as a seeded user ("org_demo:agent"). */
export async function signedInPage(browser: Browser, consoleUrl: string, user: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser ${user}]`, error.message));
  await page.goto(consoleUrl);
  await page.locator(`[data-user="${user}"]`).click();
  await page.locator('header.topbar').waitFor();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: AxeViolation[] }> } })
      .axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * One chromium for a test file, and signed-in pages that close after each test (an open
 * console follows its organization live and would load the runtime the other files share).
 * `open(user, path)` signs in as a seeded user and goes to `#<path>` of the console.
 */
export function consoleSession(consoleUrl: string, hooks: {
  beforeAll(fn: () => Promise<void>): void; afterEach(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void;
}) {
  let browser: Browser;
  const pages: Page[] = [];
  hooks.beforeAll(async () => {
    browser = await launchBrowser();
  });
  hooks.afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close().catch(() => undefined)));
  });
  hooks.afterAll(async () => {
    await browser?.close();
  });
  return async (user: string, hashPath: string): Promise<Page> => {
    const { page } = await signedInPage(browser, consoleUrl, user);
    pages.push(page);
    await page.goto(`${consoleUrl}/#${hashPath}`);
    return page;
  };
}
