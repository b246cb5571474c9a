/**
 * What the browser suites share: the service on a free port, headless Chromium (Debian's package, driven by
 * playwright-core), logging in through the page, and screenshots at phone and desktop widths.
 * Needs `npm run build` (dist/web) and /usr/bin/chromium; without them the suites are skipped with a message.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp, type TestUser, USER_PASSWORD } from '../support/app';

const CHROMIUM = '/usr/bin/chromium';
const WEB = join(__dirname, '../../dist/web/index.html');
export const SHOTS = join(__dirname, '../../test-output/screenshots');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1440, height: 900 };

const missing = [
  !existsSync(CHROMIUM) && `${CHROMIUM} (apt-get install -y chromium)`,
  !existsSync(WEB) && 'dist/web (npm run build)',
].filter(Boolean);
if (missing.length) console.warn(`test/web skipped: missing ${missing.join(' and ')}`);
export const browserSuite = missing.length ? describe.skip : describe;

export interface Web {
  t: TestApp;
  browser: Browser;
  base: string;
  /** A new page (own storage, so the language choice does not leak) logged in as `user`. */
  open(user: TestUser, size?: { width: number; height: number }): Promise<Page>;
  /** Logs in on an open page, e.g. as the bootstrap admin. */
  login(page: Page, username: string, password: string, submit?: string): Promise<void>;
  shoot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWeb(): Promise<Web> {
  mkdirSync(SHOTS, { recursive: true });
  const t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const login = async (page: Page, username: string, password: string, submit = '登录') => {
    await page.getByLabel(/用户名|Username/).fill(username);
    await page.getByLabel(/密码|Password/).fill(password);
    await page.getByRole('button', { name: submit, exact: true }).click();
  };
  // Anything the Content-Security-Policy blocked would be a broken screen: collected here, asserted on close.
  const cspViolations: string[] = [];
  const open = async (user: TestUser, size = DESKTOP) => {
    const page = await browser.newPage({ viewport: size, locale: 'zh-CN' });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
        cspViolations.push(`${page.url()}: ${m.text()}`);
    });
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/`);
    await login(page, user.username, USER_PASSWORD);
    // attached, not visible: on a phone it sits in the header's menu
    await page.getByRole('button', { name: '退出登录', includeHidden: true }).waitFor({ state: 'attached' });
    return page;
  };
  const shoot = async (page: Page, name: string) => {
    for (const [w, size] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(size);
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`), fullPage: false });
    }
  };
  const close = async () => {
    await browser.close();
    await t.close();
    expect(cspViolations).toEqual([]);
  };
  return { t, browser, base, open, login, shoot, close };
}

/** A document with the given versions, the last one released to `group` for comment (open since a minute, for a day). */
export async function consultedDocument(
  t: TestApp,
  drafter: TestUser,
  group: string,
  title: string,
  versions: { text: string; label: string; stage?: string; note?: string }[],
) {
  const doc = await t.http().post('/api/documents').set(drafter.auth).send({ title }).expect(201);
  for (const v of versions)
    await t.http().post(`/api/documents/${doc.body.id}/versions`).set(drafter.auth).send(v).expect(201);
  const now = Date.now();
  await t
    .http()
    .post(`/api/documents/${doc.body.id}/consultations`)
    .set(drafter.auth)
    .send({
      versionNumber: versions.length,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      audience: [group],
      visibility: 'drafters',
    })
    .expect(201);
  return doc.body.id as string;
}

/** 1..999 as a Chinese numeral (一, 十二, 一百零五, 五百). */
export function zhNumber(n: number): string {
  const d = '零一二三四五六七八九';
  const h = Math.floor(n / 100),
    tens = Math.floor((n % 100) / 10),
    u = n % 10;
  let s = h ? d[h] + '百' : '';
  if (tens) s += (h && tens === 1 ? '一' : tens === 1 && !h ? '' : d[tens]) + '十';
  else if (h && u) s += '零';
  if (u) s += d[u];
  return s;
}
