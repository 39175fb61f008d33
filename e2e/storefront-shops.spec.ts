import { spawnSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { appEnv, appPort } from "./app-env";
import {
  activationEmail,
  activeShopper,
  classicShop,
  demoShop,
  demoShops,
  expect,
  linkTo,
  newShopper,
  passwordIn,
  register,
  shopUrl,
  signIn,
  test,
  uniqueEmail,
  type DemoShop,
  type Shopper,
} from "./fixtures";
import { extractLinks, waitForEmail, type SinkEmail } from "./sink";

/**
 * Every storefront flow on both demo shops (SPEC §2, §3): each page, including the one Next.js renders after a
 * server action redirects, shows the shop of the host the person addressed; every e-mail is that shop's.
 */

const PASSWORD_STEM = "Fresh-start-2026";

/** Where /account sends someone who is not signed in (on that shop). */
const signInForAccount = (shop: DemoShop) => new RegExp(`^${shop.origin.replace(/\./g, "\\.")}/login\\?next=(%2F|/)account$`);

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });

/** The page is the shop's own: its origin, its name in the header, nothing of the other shop; signed in or not. */
async function expectShopPage(page: Page, shop: DemoShop, signedIn: boolean): Promise<void> {
  expect(new URL(page.url()).origin).toBe(shop.origin);
  await expect(page.getByRole("banner").getByRole("link", { name: shop.name, exact: true })).toBeVisible();
  for (const other of demoShops.filter((candidate) => candidate !== shop)) {
    await expect(page.getByText(other.name)).toHaveCount(0);
  }
  const nav = accountNav(page);
  if (signedIn) {
    await expect(nav.getByRole("link", { name: "My account" })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Create account" })).toHaveCount(0);
  } else {
    await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Create account" })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  }
}

/** The server runs with EMAIL_FROM in the `Name <address>` form; the demo shops were seeded with its address. */
const emailFrom = appEnv().EMAIL_FROM;
const senderAddress = /<(.+)>$/.exec(emailFrom)?.[1];

/** The e-mail is the shop's: its name in the subject and as sender, every link built from its base URL. */
function expectEmailOf(shop: DemoShop, email: SinkEmail, subject: string): void {
  expect(email.subject).toBe(`${shop.name}: ${subject}`);
  expect(email.from).toBe(`${shop.name} <${senderAddress}>`);
  const links = extractLinks(email);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(new URL(link).origin, link).toBe(shop.origin);
}

/** Uses a reset link as the shop's mode asks; returns the password that now signs in. */
async function useResetLink(page: Page, shop: DemoShop, shopper: Shopper, link: string, round: number): Promise<string> {
  await page.goto(link);
  await expect(page).toHaveURL(shopUrl(shop, "/reset-password"));
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await expectShopPage(page, shop, round === 1);
  if (shop.passwords === "user-controlled") {
    const password = `${PASSWORD_STEM}-${round}`;
    await page.getByLabel("New password").fill(password);
    await page.getByLabel("Confirm password").fill(password);
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByRole("heading", { name: "Your password has been changed" })).toBeVisible();
    // The page after the action's redirect: this shop, and signed out (the reset ended every session).
    await expectShopPage(page, shop, false);
    const done = await waitForEmail({ to: shopper.email, tag: "reset-password-successful" }, { count: round });
    expectEmailOf(shop, done[round - 1], "Reset Password Was Successful");
    expect(passwordIn(done[round - 1].text)).toBe("");
    return password;
  }
  await expect(page.getByLabel("New password")).toHaveCount(0);
  await page.getByRole("button", { name: "Send me a new password" }).click();
  await expect(page.getByRole("heading", { name: "We have e-mailed you a new password" })).toBeVisible();
  await expectShopPage(page, shop, false);
  const done = await waitForEmail({ to: shopper.email, tag: "reset-password-successful" }, { count: round });
  expectEmailOf(shop, done[round - 1], "Reset Password Was Successful");
  const generated = passwordIn(done[round - 1].text);
  expect(generated).toMatch(/^\S{16,}$/);
  return generated;
}

for (const shop of demoShops) {
  test.describe(`${shop.name} (${shop.passwords} passwords)`, () => {
    test("register, activate, sign in, reset from My account and from forgot password, sign out: all on this shop", async ({ page, sql }) => {
      const shopper = newShopper(`shops-${shop.code}`);
      await page.goto(shopUrl(shop, "/"));
      await expect(page.getByRole("heading", { level: 1, name: shop.name })).toBeVisible();
      await expectShopPage(page, shop, false);

      await accountNav(page).getByRole("link", { name: "Create account" }).click();
      await expect(page).toHaveURL(shopUrl(shop, "/register"));
      await expect(page.getByLabel("Password", { exact: true })).toHaveCount(shop.passwords === "user-controlled" ? 1 : 0);
      await register(page, shopper, shopper.password, shop);
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
      await expectShopPage(page, shop, false);

      // The activation e-mail: this shop's, promising what its link will do in this shop's mode.
      const activation = await activationEmail(shopper.email);
      expectEmailOf(shop, activation, "Activate your account");
      expect(activation.text).not.toMatch(/choose a password/i);
      if (shop.passwords === "automatic") expect(activation.text).toContain("we will e-mail you a password");
      else expect(activation.text).not.toMatch(/e-mail you a password/i);

      await page.goto(linkTo(activation, "/activate/"));
      await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
      await expectShopPage(page, shop, false);
      const [welcome] = await waitForEmail({ to: shopper.email, tag: "activation-successful" });
      expectEmailOf(shop, welcome, "Activation was successful");
      let password = shopper.password;
      if (shop.passwords === "automatic") {
        await expect(page.getByRole("main")).toContainText("We have e-mailed you a password");
        password = passwordIn(welcome.text);
        expect(password).toMatch(/^\S{16,}$/);
      } else {
        expect(passwordIn(welcome.text)).toBe("");
      }

      // Sign in: the page rendered after the action's redirect is this shop's, signed in.
      await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
      await expect(page).toHaveURL(shopUrl(shop, "/login"));
      await page.getByLabel("Email").fill(shopper.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(shopUrl(shop, "/account"));
      await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
      await expectShopPage(page, shop, true);
      await expect(page.getByRole("main")).toContainText(shopper.email);
      await expect(page.getByRole("main")).toContainText("Ada Lovelace");
      await expect(page.getByRole("main")).toContainText("Personal");

      await page.getByRole("banner").getByRole("link", { name: shop.name }).click();
      await expect(page).toHaveURL(shopUrl(shop, "/"));
      await expect(page.getByRole("heading", { level: 1, name: shop.name })).toBeVisible();
      await expect(page.getByText("Welcome back, Ada Lovelace.")).toBeVisible();
      await expectShopPage(page, shop, true);

      // My account's "Send password reset link", then the reset in this shop's mode.
      await accountNav(page).getByRole("link", { name: "My account" }).click();
      await page.getByRole("button", { name: "Send password reset link" }).click();
      await expect(page.getByRole("main").getByRole("status")).toContainText(`sent a password reset link to ${shopper.email}`);
      await expectShopPage(page, shop, true);
      const [reset] = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });
      expectEmailOf(shop, reset, "Reset your password");
      password = await useResetLink(page, shop, shopper, linkTo(reset, "/reset-password/"), 1);

      // Forgot password, from the sign-in page (a repeat within the duplicate window would be dropped).
      await sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${shopper.email}`;
      await page.goto(shopUrl(shop, "/login"));
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await expect(page).toHaveURL(shopUrl(shop, "/forgot-password"));
      await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
      await page.getByLabel("Email").fill(shopper.email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
      await expectShopPage(page, shop, false);
      const resets = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" }, { count: 2 });
      expectEmailOf(shop, resets[1], "Reset your password");
      password = await useResetLink(page, shop, shopper, linkTo(resets[1], "/reset-password/"), 2);

      // Sign in with the newest password, then sign out: back on this shop's home page.
      await signIn(page, shopper.email, password, shop);
      await expect(page).toHaveURL(shopUrl(shop, "/account"));
      await expectShopPage(page, shop, true);
      await accountNav(page).getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByRole("heading", { level: 1, name: shop.name })).toBeVisible();
      await expect(page).toHaveURL(shopUrl(shop, "/"));
      await expectShopPage(page, shop, false);
      await page.goto(shopUrl(shop, "/account"));
      await expect(page).toHaveURL(signInForAccount(shop));
      await expectShopPage(page, shop, false);
    });
  });
}

test("without JavaScript, signing in and out on Classic Shop lands on Classic Shop pages", async ({ browser, clientAddress }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const page = await context.newPage();
  const shopper = await activeShopper(page, "nojs-classic", classicShop);
  await signIn(page, shopper.email, shopper.password, classicShop);
  await expect(page).toHaveURL(shopUrl(classicShop, "/account"));
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expectShopPage(page, classicShop, true);
  await accountNav(page).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(shopUrl(classicShop, "/"));
  await expect(page.getByRole("heading", { level: 1, name: "Classic Shop" })).toBeVisible();
  await expectShopPage(page, classicShop, false);
  await context.close();
});

test("sessions are per shop: a Demo Shop session signs nobody in on Classic Shop", async ({ page, context }) => {
  const shopper = await activeShopper(page, "session-demo", demoShop);
  await signIn(page, shopper.email, shopper.password, demoShop);
  await expect(page).toHaveURL(shopUrl(demoShop, "/account"));
  const session = (await context.cookies(demoShop.origin)).find((cookie) => cookie.name === "shop.session");
  expect(session, "the storefront session cookie").toBeTruthy();

  // A browser never sends it to another host; planted there anyway, Classic Shop does not take it.
  await context.addCookies([{ ...session!, domain: "classic.localhost", path: "/" }]);
  expect((await context.cookies(classicShop.origin)).map((cookie) => cookie.name)).toContain(session!.name);
  await page.goto(shopUrl(classicShop, "/"));
  await expectShopPage(page, classicShop, false);
  await page.goto(shopUrl(classicShop, "/account"));
  await expect(page).toHaveURL(signInForAccount(classicShop));
  // Nor do the Demo Shop's credentials: the account belongs to one shop.
  await signIn(page, shopper.email, shopper.password, classicShop);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is incorrect.");

  await page.goto(shopUrl(demoShop, "/account"));
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expectShopPage(page, demoShop, true);
});

test("an unknown host gets No shop here (404) on every path, naming the host and nothing of any shop", async ({ page }) => {
  const origin = `http://nowhere.localhost:${appPort}`;
  const token = "A".repeat(43);
  for (const path of ["/", "/login", "/register", "/account", "/forgot-password", `/activate/${token}`, `/reset-password/${token}`, "/no-such-page"]) {
    const response = await page.goto(`${origin}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "No shop here" })).toBeVisible();
    await expect(page.getByText(`There is no shop at nowhere.localhost:${appPort}.`)).toBeVisible();
    expect(await page.locator("body").innerText(), path).not.toMatch(/Demo Shop|Classic Shop|Sign in|Create account|My account/);
  }
  // A known shop's unknown page is that shop's own not-found page.
  const response = await page.goto(shopUrl(classicShop, "/no-such-page"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to Classic Shop" })).toBeVisible();
});

test("EMAIL_FROM as `Name <address>`: the server and the CLI start, and the back office sends from it", async () => {
  expect(emailFrom).toMatch(/^[^<>]+ <[^<>]+@[^<>]+>$/);
  // The real `npm run admin:create`, in the app's environment: it sends the welcome e-mail itself.
  const email = uniqueEmail("cli");
  const cli = spawnSync("npx", ["tsx", "scripts/admin-create.ts", "--email", email, "--name", "Cli Made", "--roles", "customer_service"], {
    env: { ...process.env, ...appEnv() },
    encoding: "utf8",
  });
  expect(cli.status, cli.stderr).toBe(0);
  const temporary = cli.stdout.match(/Temporary password \(shown once\): (\S+)/)?.[1] ?? "";
  const [created] = await waitForEmail({ to: email, tag: "business-user-account-created" });
  expect(created.from).toBe(emailFrom);
  expect(passwordIn(created.text)).toBe(temporary);
});
