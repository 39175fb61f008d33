import type { Browser, BrowserContext, Page, Response } from "@playwright/test";
import { activeShopper, classicShop, demoShop, demoShops, expect, newStaff, shopUrl, signIn, test } from "./fixtures";

/** A token-shaped path segment (256 bits, base64url): no such token exists. */
const UNKNOWN_TOKEN = "q3C0bXH0nQ7e0Yw9oWq2Jb0rj0o2i4mYx3k1Uo9dY5s";

type Headers = Record<string, string>;

/** The headers every answer carries (issue 10, defect 7); returns the answer's CSP nonce. */
function expectSecured(headers: Headers, referrerPolicy = "strict-origin-when-cross-origin"): string {
  const policy = headers["content-security-policy"] ?? "";
  const directive = (name: string) => policy.split(";").map((part) => part.trim()).find((part) => part.startsWith(`${name} `)) ?? "";
  const nonce = policy.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1] ?? "";
  expect(nonce, "a nonce in the Content-Security-Policy").not.toBe("");
  expect(directive("script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(directive("style-src")).toBe(`style-src 'self' 'nonce-${nonce}'`);
  expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive("form-action")).toBe("form-action 'self'");
  expect(directive("object-src")).toBe("object-src 'none'");
  expect(directive("base-uri")).toBe("base-uri 'none'");
  expect(directive("connect-src")).toBe("connect-src 'self'");
  expect(directive("img-src")).toBe("img-src 'self' data: https:");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe(referrerPolicy);
  expect(headers["permissions-policy"]).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\).*payment=\(\).*usb=\(\)/);
  expect(headers["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
  return nonce;
}

/** Every script and style element of the HTML carries the answer's nonce, and there are scripts to carry it. */
async function expectNoncedHtml(response: Response, nonce: string): Promise<void> {
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, "the page loads Next.js's scripts").toBeGreaterThan(0);
  for (const tag of [...scripts, ...(html.match(/<style\b[^>]*>/g) ?? [])]) expect(tag).toContain(`nonce="${nonce}"`);
}

/** Opens a page and checks its answer; returns the nonce. */
async function visitSecured(page: Page, url: string, status = 200): Promise<string> {
  const response = await page.goto(url);
  expect(response!.status(), url).toBe(status);
  const nonce = expectSecured(response!.headers());
  await expectNoncedHtml(response!, nonce);
  return nonce;
}

/**
 * Collects what the browser reports against the policy: `securitypolicyviolation` events (with JavaScript) and the
 * console's CSP and Permissions-Policy complaints (with or without it), on every page of the context.
 */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  context.on("console", (message) => {
    if (/content security policy|refused to|error with permissions-policy/i.test(message.text())) violations.push(message.text());
  });
  context.on("weberror", (error) => violations.push(`page error: ${error.error().message}`));
  await context.exposeBinding("reportCspViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

/** Next.js's client runtime ran (it sets window.next): the scripts were not blocked. */
async function expectHydrated(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe("string");
}

async function watchedContext(browser: Browser, clientAddress: string, javaScriptEnabled: boolean): Promise<{ context: BrowserContext; violations: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  return { context, violations: await watchViolations(context) };
}

test("storefront pages of both shops, back-office pages and the 404 page send the headers, each answer its own nonce on every script", async ({
  page,
}) => {
  const nonces: string[] = [];
  for (const shop of demoShops) {
    for (const path of ["/", "/login", "/register", "/forgot-password", "/resend-activation", "/activate/invalid"]) {
      nonces.push(await visitSecured(page, shopUrl(shop, path)));
    }
  }
  nonces.push(await visitSecured(page, shopUrl(demoShop, "/login")));
  nonces.push(await visitSecured(page, "/admin/login"));
  nonces.push(await visitSecured(page, shopUrl(demoShop, "/no-such-page"), 404));
  nonces.push(await visitSecured(page, shopUrl(classicShop, "/admin/no-such-page"), 404));
  expect(new Set(nonces).size, "a fresh nonce per answer").toBe(nonces.length);
});

test("route handlers, token links and the proxy's own refusals carry the headers; HSTS only over https behind the trusted proxy", async ({ request }) => {
  for (const path of [`/activate/${UNKNOWN_TOKEN}`, `/reset-password/${UNKNOWN_TOKEN}`]) {
    const link = await request.get(path, { maxRedirects: 0 });
    expect(link.status(), path).toBe(303);
    // The token never leaves in a Referer, not even to the page the link redirects to.
    expectSecured(link.headers(), "no-referrer");
  }
  const cron = await request.get("/api/cron/email-outbox");
  expect(cron.status()).toBe(401);
  expectSecured(cron.headers());

  const tooLarge = await request.post("/login", { data: "x".repeat(70 * 1024), headers: { "content-type": "text/plain" } });
  expect(tooLarge.status()).toBe(413);
  expectSecured(tooLarge.headers());

  const overHttps = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});

for (const shop of demoShops) {
  for (const javaScriptEnabled of [true, false]) {
    test(`${shop.name}, JavaScript ${javaScriptEnabled ? "on" : "off"}: register → activate → sign in → account → sign out without a CSP violation`, async ({
      browser,
      clientAddress,
    }) => {
      const { context, violations } = await watchedContext(browser, clientAddress, javaScriptEnabled);
      const page = await context.newPage();
      const shopper = await activeShopper(page, `csp-${shop.code}-${javaScriptEnabled ? "js" : "nojs"}`, shop);
      await signIn(page, shopper.email, shopper.password, shop);
      await expect(page).toHaveURL(shopUrl(shop, "/account"));
      await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
      if (javaScriptEnabled) await expectHydrated(page);
      await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(shopUrl(shop, "/"));
      await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
      expect(violations).toEqual([]);
      await context.close();
    });
  }
}

for (const javaScriptEnabled of [true, false]) {
  test(`back office, JavaScript ${javaScriptEnabled ? "on" : "off"}: sign in, forced password change, pages and sign-out without a CSP violation`, async ({
    browser,
    clientAddress,
  }) => {
    const { context, violations } = await watchedContext(browser, clientAddress, javaScriptEnabled);
    const { page } = await newStaff(browser, clientAddress, ["customer_service", "user_manager", "shop_admin"], "CSP Staff", context);
    if (javaScriptEnabled) await expectHydrated(page);
    for (const path of ["/admin", "/admin/contacts", "/admin/contacts/new", "/admin/users", "/admin/settings", "/admin/settings/shops/demo", "/admin/activity"]) {
      await visitSecured(page, path);
    }
    await page.goto("/admin/contacts");
    await page.getByRole("banner").locator("summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/admin\/login$/);
    expect(violations).toEqual([]);
    await context.close();
  });
}
