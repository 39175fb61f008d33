import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { request as playwrightRequest, type Page } from "@playwright/test";
import postgres from "postgres";
import { appEnv, appPort } from "./app-env";
import { activeShopper, classicShop, demoShop, demoShops, expect, newShopper, PASSWORD, shopUrl, signIn, test, uniqueEmail } from "./fixtures";

/**
 * Issue 13, part C: each storefront shows its own shop (name, logo, accent) on its own host, with a footer; new
 * password fields have a show/hide toggle, their policy's rules ticked while typing and a strength meter loaded only
 * when needed, and stay plain password fields without JavaScript; a no-JavaScript form with a field far too long
 * keeps what was typed; the local mailbox shows a whole e-mail.
 */

const CLASSIC_LOGO = `https://images.example/classic-${randomBytes(3).toString("hex")}.png`;

/** "#7c2d12" as the browser computes it: "rgb(124, 45, 18)". */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what}: no horizontal overflow`).toBeLessThanOrEqual(clientWidth);
}

test.describe("each shop's look on its own host", () => {
  test.beforeAll(async ({ sql }) => {
    await sql`update shops set logo_url = ${CLASSIC_LOGO} where code = 'classic'`;
  });
  test.afterAll(async ({ sql }) => {
    await sql`update shops set logo_url = null where code = 'classic' and logo_url = ${CLASSIC_LOGO}`;
  });

  for (const shop of demoShops) {
    test(`${shop.name}: its name, logo and accent in the header, buttons and links; a footer; 390 and 1280 px`, async ({ page, sql }) => {
      const [{ accent }] = await sql<{ accent: string }[]>`select accent_color as accent from shops where code = ${shop.code}`;
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of ["/", "/login", "/register", "/forgot-password"]) {
          await page.goto(shopUrl(shop, path));
          const banner = page.getByRole("banner");
          await expect(banner.getByRole("link", { name: shop.name, exact: true })).toBeVisible();
          const logo = banner.getByTestId("shop-logo");
          if (shop === classicShop) await expect(logo).toHaveAttribute("src", CLASSIC_LOGO);
          else await expect(logo).toHaveCount(0);
          await expect(page.locator(`img[src="${CLASSIC_LOGO}"]`)).toHaveCount(shop === classicShop ? 1 : 0);
          for (const other of demoShops.filter((candidate) => candidate !== shop)) await expect(page.getByText(other.name)).toHaveCount(0);

          const footer = page.getByRole("contentinfo");
          await expect(footer.getByText(shop.name, { exact: true })).toBeVisible();
          for (const name of ["Sign in", "Create account", "Forgot password"]) {
            await expect(footer.getByRole("link", { name, exact: true })).toBeVisible();
          }
          await expect(page.locator("main#content")).toHaveCount(1);
          await expectNoHorizontalOverflow(page, `${shop.name} ${path} at ${width} px`);
        }
      }
      await page.goto(shopUrl(shop, "/login"));
      const button = page.getByRole("main").getByRole("button", { name: "Sign in" });
      expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(rgb(accent));
      const link = page.getByRole("main").getByRole("link", { name: "Forgot your password?" });
      expect(await link.evaluate((element) => getComputedStyle(element).color)).toBe(rgb(accent));
      const createAccount = page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Create account" });
      expect(await createAccount.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(rgb(accent));
    });
  }

  test("signed in, the footer offers My account and Sign out", async ({ page }) => {
    const shopper = await activeShopper(page, "look-footer");
    await signIn(page, shopper.email, shopper.password);
    await expect(page).toHaveURL(/\/account$/);
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByRole("link", { name: "My account" })).toBeVisible();
    await footer.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "Sign in" })).toBeVisible();
  });
});

test("new password: show/hide toggles the input type; rules tick and the strength meter (loaded lazily) update while typing", async ({ page }) => {
  let scriptBytes = 0;
  const scripts: string[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.push(new URL(response.url()).pathname);
    scriptBytes += (await response.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(shopUrl(demoShop, "/register"));
  await page.waitForLoadState("networkidle");
  const password = page.getByLabel("Password", { exact: true });
  const form = page.getByRole("main").locator("form");
  const passwordBlock = form.locator("div.space-y-2").filter({ has: password });
  const toggle = passwordBlock.getByRole("button", { name: "Show password" });
  await expect(password).toHaveAttribute("type", "password");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.press("Enter");
  await expect(password).toHaveAttribute("type", "password");
  // The confirmation has its own toggle.
  await form.locator("div.space-y-2").filter({ has: page.getByLabel("Confirm password") }).getByRole("button", { name: "Show password" }).click();
  await expect(page.getByLabel("Confirm password")).toHaveAttribute("type", "text");

  const rule = (text: string) => passwordBlock.getByRole("listitem").filter({ hasText: text });
  await expect(rule("A digit")).not.toHaveAttribute("data-met");
  const before = scriptBytes;
  const scriptsBefore = scripts.length;
  expect(before, "the page's own scripts").toBeGreaterThan(0);

  await page.getByLabel("Email").fill("ada@example.com");
  await password.pressSequentially("abc");
  await expect(rule("A letter")).toHaveAttribute("data-met", "true");
  await expect(rule("A digit")).toHaveAttribute("data-met", "false");
  await expect(rule("At least 8 characters")).toHaveAttribute("data-met", "false");
  await expect(passwordBlock.getByText(/^Password strength: (very weak|weak)$/)).toBeVisible();
  await expect(rule("Not a commonly used password")).toHaveAttribute("data-met", "true");
  // The dictionaries came only now, once the person typed.
  expect(scriptBytes - before, "zxcvbn and its dictionaries load on typing").toBeGreaterThan(200_000);
  const lazy = scripts.slice(scriptsBefore);

  await password.fill("password1");
  await expect(rule("Not a commonly used password")).toHaveAttribute("data-met", "false");
  await expect(rule("A digit")).toHaveAttribute("data-met", "true");

  await password.fill("ada@example.com");
  await expect(rule("Not your e-mail address")).toHaveAttribute("data-met", "false");

  await password.fill("Plum-tree orchard 42 view");
  for (const text of ["At least 8 characters", "A letter", "A digit", "Not a commonly used password", "Not your e-mail address"]) {
    await expect(rule(text)).toHaveAttribute("data-met", "true");
  }
  await expect(passwordBlock.getByText(/^Password strength: (good|strong)$/)).toBeVisible();
  // Said once typing pauses, politely.
  const live = passwordBlock.locator('[aria-live="polite"]');
  await expect(live).toHaveText("5 of 5 password rules met");
  await expect(password).toHaveAccessibleDescription(/A letter \(met\)/);

  // A page without a new password field never loads them.
  const otherScripts: string[] = [];
  const other = await page.context().newPage();
  other.on("response", (response) => {
    if (response.request().resourceType() === "script") otherScripts.push(new URL(response.url()).pathname);
  });
  await other.goto(shopUrl(demoShop, "/login"));
  await other.waitForLoadState("networkidle");
  expect(otherScripts.length, "the sign-in page's own scripts").toBeGreaterThan(0);
  expect(otherScripts.filter((script) => lazy.includes(script)), "the scripts loaded on typing").toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("new password fields are plain password fields with their rules", async ({ page }) => {
    await page.goto(shopUrl(demoShop, "/register"));
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAttribute("type", "password");
    await expect(page.getByRole("button", { name: "Show password" })).toHaveCount(0);
    await expect(password).toHaveAccessibleDescription(/A letter.*A digit/);
  });

  test("a 70 KB registration keeps what was typed and names the field that is too long", async ({ page }) => {
    await page.goto(shopUrl(demoShop, "/register"));
    const email = uniqueEmail("look-long");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("L".repeat(70 * 1024));
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirm password").fill(PASSWORD);
    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === "POST"),
      page.getByRole("button", { name: "Create account" }).click(),
    ]);
    expect(response.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Create account" })).toBeVisible();
    await expect(page.getByLabel("Last name")).toHaveAccessibleDescription("Use at most 100 characters.");
    await expect(page.getByLabel("Last name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("First name")).toHaveValue("Ada");
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    expect(await page.content()).not.toContain(PASSWORD);
  });
});

test("the body limits still hold: other bodies over 64 KB, forms over 1 MiB", async ({ clientAddress }) => {
  const api = await playwrightRequest.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const post = (headers: Record<string, string>, data: string | Buffer) =>
    api.post(`http://127.0.0.1:${appPort}/register`, { headers: { host: `localhost:${appPort}`, origin: demoShop.origin, ...headers }, data, maxRedirects: 0 });
  const text = await post({ "content-type": "text/plain;charset=UTF-8", "next-action": "00" }, `["${"x".repeat(70 * 1024)}"]`);
  expect(text.status()).toBe(413);
  const form = await post({ "content-type": "application/x-www-form-urlencoded" }, `email=${"x".repeat(1024 * 1024 + 10)}`);
  expect(form.status()).toBe(413);
  expect(await form.text()).toContain("What you sent is too large");
  await api.dispose();
});

/** The environment without the Resend settings, so that the server chooses the local mailbox. */
function withoutResend(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...source };
  delete copy.RESEND_API_KEY;
  delete copy.RESEND_BASE_URL;
  return copy;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * The local mailbox exists only with the local transport: a second server of the same build, on a database of its
 * own (so that it never delivers the suite's e-mails), with MAIL_TRANSPORT=local.
 */
async function startLocalMailServer(): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const admin = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `sfa_mailbox_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const databaseUrl = new URL(process.env.E2E_DATABASE_URL!);
  databaseUrl.pathname = `/${name}`;
  const env: Record<string, string> = { ...appEnv() };
  delete env.RESEND_API_KEY;
  delete env.RESEND_BASE_URL;
  const server: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...withoutResend(process.env), ...env, DATABASE_URL: databaseUrl.toString(), MAIL_TRANSPORT: "local", APP_URL: `http://localhost:${port}` },
    detached: true,
    stdio: "ignore",
  });
  const origin = `http://localhost:${port}`;
  const stop = async () => {
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    const answer = await fetch(`http://127.0.0.1:${port}/login`).catch(() => null);
    if (answer?.ok) return { origin, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error("The local-mail server did not start");
}

test("/dev/mailbox shows the whole e-mail: its frame is as tall as the e-mail", async ({ page }) => {
  test.setTimeout(180_000);
  const local = await startLocalMailServer();
  try {
    const shopper = newShopper("look-mailbox");
    await page.goto(`${local.origin}/register`);
    await page.getByLabel("Email").fill(shopper.email);
    await page.getByLabel("First name").fill(shopper.firstName);
    await page.getByLabel("Last name").fill(shopper.lastName);
    await page.getByLabel("Password", { exact: true }).fill(shopper.password);
    await page.getByLabel("Confirm password").fill(shopper.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/check-inbox$/);
    await expect(async () => {
      await page.goto(`${local.origin}/dev/mailbox`);
      await page.getByRole("link", { name: /activat/i }).first().click({ timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    const frame = page.getByTitle("HTML part of the e-mail");
    await expect(frame).toBeVisible();
    await expect(async () => {
      const { frameHeight, contentHeight } = await frame.evaluate((element) => {
        const iframe = element as HTMLIFrameElement;
        return { frameHeight: iframe.clientHeight, contentHeight: iframe.contentDocument?.documentElement.scrollHeight ?? Infinity };
      });
      expect(contentHeight).toBeGreaterThan(100);
      expect(frameHeight).toBeGreaterThanOrEqual(contentHeight);
      // Sized to the e-mail, not merely tall.
      expect(frameHeight).toBeLessThan(contentHeight + 40);
    }).toPass({ timeout: 10_000 });
  } finally {
    await local.stop();
  }
});
