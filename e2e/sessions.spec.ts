import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import {
  confirmAction,
  activeShopper,
  adminSignIn,
  demoShop,
  demoShops,
  expect,
  newStaff,
  shopUrl,
  signIn,
  STAFF_PASSWORD,
  test,
  type DemoShop,
} from "./fixtures";

/**
 * Server-side sessions (issue 10, defect 4): signing out ends the session on the server, so a copy of the cookie
 * taken before is worthless; "Signed-in devices" lists each open session (browser, address, last seen) and "Sign out
 * everywhere else" ends the others. Storefront on both shops, and the back office.
 */

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

function otherAddress(): string {
  const [a, b] = randomBytes(2);
  return `198.19.${a}.${b}`;
}

/** Another browser: its own cookies, address and (unless told) Firefox on Windows as its user agent. */
async function secondBrowser(browser: Browser, address: string, options: { javaScriptEnabled?: boolean; userAgent?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address }, userAgent: options.userAgent ?? FIREFOX_ON_WINDOWS, javaScriptEnabled: options.javaScriptEnabled });
}

const devices = (page: Page) => page.getByRole("table", { name: "Signed-in devices" });
const deviceRows = (page: Page) => devices(page).getByRole("row").filter({ hasNot: page.getByRole("columnheader") });

/** The devices list: one row per open session, this one marked, each with its browser and address. */
async function expectDevices(page: Page, expected: { browser: string; address: string; current: boolean }[]): Promise<void> {
  await expect(deviceRows(page)).toHaveCount(expected.length);
  for (const device of expected) {
    const row = deviceRows(page).filter({ hasText: device.address });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(device.browser);
    await expect(row).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/);
    if (device.current) await expect(row).toContainText("This device");
    else await expect(row).not.toContainText("This device");
  }
  await expect(devices(page).getByText("This device")).toHaveCount(1);
}

/** Where /account sends someone who is not signed in (on that shop). */
const signInForAccount = (shop: DemoShop) => new RegExp(`^${shop.origin.replace(/\./g, "\\.")}/login\\?next=(%2F|/)account$`);

for (const shop of demoShops) {
  test.describe(`${shop.name}`, () => {
    test("a copy of the session cookie taken before sign-out no longer opens My account", async ({ page, context, browser }) => {
      const shopper = await activeShopper(page, `copy-${shop.code}`, shop);
      await signIn(page, shopper.email, shopper.password, shop);
      await expect(page).toHaveURL(shopUrl(shop, "/account"));

      const copy = await browser.newContext();
      await copy.addCookies(await context.cookies());
      const thief = await copy.newPage();
      await thief.goto(shopUrl(shop, "/account"));
      await expect(thief.getByRole("heading", { name: "My account" })).toBeVisible();

      await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(shopUrl(shop, "/"));
      await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();

      await thief.goto(shopUrl(shop, "/account"));
      await expect(thief).toHaveURL(signInForAccount(shop));
      await expect(thief.getByRole("heading", { name: "My account" })).toHaveCount(0);
      await copy.close();
    });

    // Demo Shop with JavaScript, Classic Shop without: the button is a plain form either way.
    const javaScriptEnabled = shop === demoShop;
    test(`signed-in devices lists both browsers; "Sign out everywhere else" ends the other (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
      browser,
      clientAddress,
    }) => {
      const here = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
      const page = await here.newPage();
      const shopper = await activeShopper(page, `devices-${shop.code}`, shop);
      await signIn(page, shopper.email, shopper.password, shop);
      await expect(page).toHaveURL(shopUrl(shop, "/account"));

      const address = otherAddress();
      const there = await secondBrowser(browser, address);
      const other = await there.newPage();
      await signIn(other, shopper.email, shopper.password, shop);
      await expect(other).toHaveURL(shopUrl(shop, "/account"));
      await expectDevices(other, [
        { browser: "Firefox on Windows", address, current: true },
        { browser: "Chrome on Linux", address: clientAddress, current: false },
      ]);

      await page.reload();
      await expectDevices(page, [
        { browser: "Chrome on Linux", address: clientAddress, current: true },
        { browser: "Firefox on Windows", address, current: false },
      ]);
      await confirmAction(page, "Sign out everywhere else", javaScriptEnabled);
      await expect(page.getByRole("main").getByRole("status")).toHaveText("Signed out 1 other device.");
      await page.goto(shopUrl(shop, "/account"));
      await expectDevices(page, [{ browser: "Chrome on Linux", address: clientAddress, current: true }]);

      await other.goto(shopUrl(shop, "/account"));
      await expect(other).toHaveURL(signInForAccount(shop));

      // Nothing else left: the button says so.
      await confirmAction(page, "Sign out everywhere else", javaScriptEnabled);
      await expect(page.getByRole("main").getByRole("status")).toHaveText("You are not signed in anywhere else.");
      await expect(page.getByRole("heading", { name: javaScriptEnabled ? "My account" : "Sign out everywhere else?" })).toBeVisible();
      await here.close();
      await there.close();
    });
  });
}

test("back office: a copied cookie dies with sign-out; signed-in devices on the user's own page; sign out everywhere else", async ({
  browser,
  clientAddress,
}) => {
  const { page, email } = await newStaff(browser, clientAddress, ["customer_service"]);

  const address = otherAddress();
  const there = await secondBrowser(browser, address, { javaScriptEnabled: false });
  const other = await there.newPage();
  await adminSignIn(other, email, STAFF_PASSWORD);
  await expect(other.getByRole("heading", { name: /^Welcome/ })).toBeVisible();

  await page.goto("/admin");
  await expectDevices(page, [
    { browser: "Chrome on Linux", address: clientAddress, current: true },
    { browser: "Firefox on Windows", address, current: false },
  ]);
  await other.goto("/admin");
  await expectDevices(other, [
    { browser: "Firefox on Windows", address, current: true },
    { browser: "Chrome on Linux", address: clientAddress, current: false },
  ]);

  // Without JavaScript, from the second browser: the first one is signed out.
  await confirmAction(other, "Sign out everywhere else", false);
  await expect(other.getByRole("main").getByRole("status")).toHaveText("Signed out 1 other device.");
  await other.goto("/admin");
  await expectDevices(other, [{ browser: "Firefox on Windows", address, current: true }]);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);

  // A copy of the remaining session's cookie stops working when that session signs out.
  const copy = await browser.newContext();
  await copy.addCookies(await there.cookies());
  const thief = await copy.newPage();
  await thief.goto("/admin");
  await expect(thief.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await other.locator("summary").click();
  await other.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(other).toHaveURL(/\/admin\/login$/);
  await thief.goto("/admin");
  await expect(thief).toHaveURL(/\/admin\/login$/);
  await copy.close();
  await there.close();
});
