import { createHmac } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { waitForEmail } from "./sink";
import { adminSignIn, confirmAction, expect, expectAccessible, newStaff, passwordIn, STAFF_PASSWORD, test, uniqueEmail } from "./fixtures";

/**
 * The back office's second factor (issue 14, SPEC §10) as a person meets it: set up from the key the page shows (the
 * codes computed here, as an authenticator app would: RFC 6238 with HMAC-SHA1, 30-second steps, six digits), asked
 * for after the password, each code once, recovery codes once each, required by the preference, reset by a user
 * manager. The app's own TOTP module is not used here: this is the independent app.
 */

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Key(text: string): Buffer {
  let bits = "";
  for (const character of text.replace(/\s/g, "").toUpperCase()) {
    const value = BASE32.indexOf(character);
    if (value < 0) throw new Error(`not base32: ${character}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

const stepNow = () => Math.floor(Date.now() / 1000 / 30);

function codeAt(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

/** An authenticator app: each code it gives is for a later time step than the last (the server takes each step once). */
function authenticatorApp(secret: string) {
  const key = base32Key(secret);
  let last = -1;
  return {
    /** A code never given before: this step's, or (±1 step is accepted) the next one's, else wait for time to pass. */
    async nextCode(): Promise<string> {
      while (Math.max(stepNow(), last + 1) > stepNow() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
      last = Math.max(stepNow(), last + 1);
      return codeAt(key, last);
    },
  };
}

type App = ReturnType<typeof authenticatorApp>;

async function signOut(page: Page): Promise<void> {
  const menu = page.locator("header details summary");
  if (await menu.count()) await menu.click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
}

async function enterCode(page: Page, label: string | RegExp, code: string, button: string): Promise<void> {
  await page.getByLabel(label).fill(code);
  await page.getByRole("button", { name: button }).click();
}

/**
 * From "Set up authenticator app" to the ten recovery codes; returns the app made from the shown key, and the codes.
 * `thorough` also looks at the page with axe and tries a wrong code first.
 */
async function setUpAuthenticator(page: Page, thorough = false): Promise<{ app: App; recoveryCodes: string[]; secret: string }> {
  await expect(page).toHaveURL(/\/admin\/second-factor\/set-up$/);
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code to add the back office to your authenticator app" })).toBeVisible();
  const shown = (await page.getByTestId("totp-secret").textContent()) ?? "";
  expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = shown.replace(/\s/g, "");
  expect(page.url()).not.toContain(secret);
  const app = authenticatorApp(secret);
  if (thorough) {
    await expectAccessible(page);
    await enterCode(page, "6-digit code", "000000", "Turn on two-step sign-in");
    await expect(page.getByText("That code is not right.")).toBeVisible();
    await expect(page.getByTestId("totp-secret")).toHaveText(shown);
  }
  await enterCode(page, "6-digit code", await app.nextCode(), "Turn on two-step sign-in");
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  await expect(page.getByText("they will not be shown again")).toBeVisible();
  if (thorough) await expectAccessible(page);
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
  return { app, recoveryCodes, secret };
}

async function newBrowserPage(browser: Browser, clientAddress: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress }, javaScriptEnabled });
  return context.newPage();
}

test.describe("second factor", () => {
  test("set up from the shown key, then each sign-in asks for a code: used once each, recovery codes once, held before any page", async ({
    browser,
    clientAddress,
    sql,
  }) => {
    const { page, email } = await newStaff(browser, clientAddress, ["user_manager"], "Tess Totp");
    const twoStep = page.getByRole("region", { name: "Two-step sign-in" });
    await expect(twoStep).toContainText("Off");
    await twoStep.getByRole("link", { name: "Set up two-step sign-in" }).click();
    const setUpPage = await page.request.get("/admin/second-factor/set-up");
    expect(setUpPage.headers()["cache-control"]).toContain("no-store");
    await expectAccessible(page);
    const { app, recoveryCodes } = await setUpAuthenticator(page, true);
    await page.getByRole("link", { name: "Continue to the back office" }).click();
    await expect(twoStep).toContainText("On: after your password");
    await expect(twoStep).toContainText("10 unused recovery codes left.");

    // The hidden fields of the New user form as the browser posts it without JavaScript, for a replay below.
    const formContext = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    await formContext.addCookies(await page.context().cookies());
    const formPage = await formContext.newPage();
    await formPage.goto("/admin/users/new");
    const hidden = await formPage
      .locator("form", { has: formPage.getByRole("button", { name: "Create user" }) })
      .locator("input[type=hidden]")
      .evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((input) => [input.name, input.value]));
    await formContext.close();

    // Password only: held at the second step; no other page, not even the user's own, until a code is accepted.
    await signOut(page);
    await adminSignIn(page, email, STAFF_PASSWORD);
    await expect(page).toHaveURL(/\/admin\/second-factor$/);
    await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
    await expect(page.getByLabel("6-digit code")).toHaveAttribute("autocomplete", "one-time-code");
    await expect(page.getByLabel("6-digit code")).toHaveAttribute("inputmode", "numeric");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Use a recovery code instead" }).click();
    await expect(page.getByLabel("Recovery code")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Use a code from your authenticator app instead" }).click();
    await expect(page.getByLabel("6-digit code")).toBeVisible();
    for (const path of ["/admin", "/admin/users", "/admin/activity", "/admin/change-password", "/admin/second-factor/set-up"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/admin\/second-factor$/);
    }
    // Nor any action: the New user form posted by the waiting session is sent to the second step and creates nobody.
    const forged = uniqueEmail("pending-forged");
    const replayed = await page.request.post("/admin/users/new", {
      multipart: { ...Object.fromEntries(hidden), email: forged, name: "Forged", roles: "user_manager" },
      headers: { origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    expect(replayed.status()).toBe(303);
    expect(replayed.headers()["location"]).toContain("/admin/second-factor");
    expect((await sql`select count(*)::int as n from staff_users where email = ${forged}`)[0].n).toBe(0);
    // The cookie of the waiting session is worth nothing once the code has been given (a new session is opened).
    const copy = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    await copy.addCookies(await page.context().cookies());
    const used = await app.nextCode();
    await enterCode(page, "6-digit code", used, "Verify");
    await expect(page.getByRole("heading", { name: "Welcome, Tess Totp" })).toBeVisible();
    const thief = await copy.newPage();
    await thief.goto("/admin");
    await expect(thief).toHaveURL(/\/admin\/(login|second-factor)$/);
    await expect(thief.getByRole("heading", { name: /^Welcome/ })).toHaveCount(0);
    await copy.close();
    await signOut(page);

    // Without JavaScript: the same code again is refused; a recovery code is accepted once, and not a second time.
    const plain = await newBrowserPage(browser, clientAddress, false);
    await adminSignIn(plain, email, STAFF_PASSWORD);
    await expect(plain).toHaveURL(/\/admin\/second-factor$/);
    await enterCode(plain, "6-digit code", used, "Verify");
    await expect(plain.getByText("That code is not right or has already been used.")).toBeVisible();
    await expect(plain).toHaveURL(/\/admin\/second-factor$/);
    await plain.getByRole("link", { name: "Use a recovery code instead" }).click();
    await expect(plain.getByLabel("Recovery code")).toBeVisible();
    await enterCode(plain, "Recovery code", recoveryCodes[0], "Verify");
    await expect(plain.getByRole("heading", { name: "Welcome, Tess Totp" })).toBeVisible();
    await expect(plain.getByRole("region", { name: "Two-step sign-in" })).toContainText("9 unused recovery codes left.");
    await signOut(plain);
    await adminSignIn(plain, email, STAFF_PASSWORD);
    await plain.goto("/admin/second-factor?method=recovery");
    await enterCode(plain, "Recovery code", recoveryCodes[0], "Verify");
    await expect(plain.getByText("That recovery code is not right or has already been used.")).toBeVisible();
    await plain.getByRole("link", { name: "Use a code from your authenticator app instead" }).click();
    await enterCode(plain, "6-digit code", await app.nextCode(), "Verify");
    await expect(plain.getByRole("heading", { name: "Welcome, Tess Totp" })).toBeVisible();

    // Every step is in the activity log, in words.
    await plain.goto(`/admin/activity?person=${encodeURIComponent(email)}`);
    const log = plain.getByRole("table");
    for (const label of ["Authenticator app added", "Authenticator code accepted", "Authenticator or recovery code refused", "Recovery code used"]) {
      await expect(log.getByRole("cell", { name: new RegExp(`^${label} staff\\.`) }).first()).toBeVisible();
    }
    await plain.context().close();
  });

  test("a user manager resets another user's second factor: their session ends and their password alone signs in again", async ({
    browser,
    clientAddress,
  }) => {
    const manager = await newStaff(browser, clientAddress, ["user_manager"], "Mona Manager");
    const user = await newStaff(browser, clientAddress, ["customer_service"], "Lou Lostphone");
    await user.page.getByRole("link", { name: "Set up two-step sign-in" }).click();
    await setUpAuthenticator(user.page);
    await user.page.getByRole("link", { name: "Continue to the back office" }).click();
    await expect(user.page.getByRole("heading", { name: "Welcome, Lou Lostphone" })).toBeVisible();

    const office = manager.page;
    await office.goto("/admin/users");
    await office.getByRole("link", { name: user.email }).or(office.getByRole("link", { name: "Lou Lostphone" })).first().click();
    const section = office.getByRole("region", { name: "Two-step sign-in" });
    await expect(section).toContainText("On (10 recovery codes left).");
    await expectAccessible(office);
    await confirmAction(office, "Reset second factor");
    await expect(office.getByText(`The second factor of ${user.email} has been reset and their sessions have ended.`)).toBeVisible();
    await expect(section).toContainText("Off.");
    await expect(section.getByRole("button", { name: "Reset second factor" })).toHaveCount(0);

    await user.page.goto("/admin");
    await expect(user.page).toHaveURL(/\/admin\/login$/);
    await adminSignIn(user.page, user.email, STAFF_PASSWORD);
    await expect(user.page.getByRole("heading", { name: "Welcome, Lou Lostphone" })).toBeVisible();
    await expect(user.page.getByRole("region", { name: "Two-step sign-in" })).toContainText("Off");

    await office.goto("/admin/activity?action=staff.second-factor-reset");
    await expect(office.getByRole("table").getByText("Second factor reset by user manager").first()).toBeVisible();
  });

  test("wrong codes count on the sign-in limits: then the limit's message, and not even the right code is looked at", async ({ browser, clientAddress }) => {
    const { page, email } = await newStaff(browser, clientAddress, ["customer_service"], "Wes Wrongcode");
    await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
    const { app } = await setUpAuthenticator(page);
    await page.getByRole("link", { name: "Continue to the back office" }).click();
    await expect(page.getByRole("heading", { name: "Welcome, Wes Wrongcode" })).toBeVisible();
    await signOut(page);
    await page.context().close();
    // Without JavaScript, so that each try is one whole answer before the next.
    const plain = await newBrowserPage(browser, clientAddress, false);
    await adminSignIn(plain, email, STAFF_PASSWORD);
    await expect(plain).toHaveURL(/\/admin\/second-factor$/);
    const limited = plain.getByText(/^Too many unsuccessful attempts\. Please wait \d+ (second|minute)s? and try again\.$/);
    for (let attempt = 0; attempt < 10 && !(await limited.isVisible()); attempt += 1) {
      await enterCode(plain, "6-digit code", "000000", "Verify");
      await expect(plain.getByText("That code is not right or has already been used.").or(limited)).toBeVisible();
    }
    await expect(limited).toBeVisible();
    await enterCode(plain, "6-digit code", await app.nextCode(), "Verify");
    await expect(limited).toBeVisible();
    await expect(plain).toHaveURL(/\/admin\/second-factor$/);
    await plain.context().close();
  });

  test("with the preference on, a new user sets up the second factor right after the forced password change", async ({ browser, clientAddress, sql }) => {
    const admin = await newStaff(browser, clientAddress, ["customer_service", "user_manager", "shop_admin"], "Pat Policy");
    const office = admin.page;
    const email = uniqueEmail("forced");
    await office.goto("/admin/users/new");
    await office.getByLabel("Email").fill(email);
    await office.getByLabel("Name").fill("Nia Newcomer");
    await office.getByLabel("Customer service").check();
    await office.getByRole("button", { name: "Create user" }).click();
    await expect(office.getByText("The user has been created")).toBeVisible();
    const [welcome] = await waitForEmail({ to: email, tag: "business-user-account-created" });
    const temporary = passwordIn(welcome.text);

    try {
      await office.goto("/admin/settings");
      await office.getByLabel("Require a second factor for business users").check();
      await office.getByRole("button", { name: "Update requirement" }).click();
      await expect(office.getByText("Saved. Business users without a second factor now set one up before anything else.")).toBeVisible();

      // Password, then the forced change of the temporary one, then the set-up, before any other page.
      const newcomer = await newBrowserPage(browser, clientAddress);
      await adminSignIn(newcomer, email, temporary);
      await expect(newcomer).toHaveURL(/\/admin\/change-password$/);
      await newcomer.goto("/admin/second-factor/set-up");
      await expect(newcomer).toHaveURL(/\/admin\/change-password$/);
      await newcomer.getByLabel("Current password").fill(temporary);
      await newcomer.getByLabel("New password", { exact: true }).fill(STAFF_PASSWORD);
      await newcomer.getByLabel("Confirm new password").fill(STAFF_PASSWORD);
      await newcomer.getByRole("button", { name: "Change password" }).click();
      await expect(newcomer).toHaveURL(/\/admin\/second-factor\/set-up$/);
      await expect(newcomer.getByText("Two-step sign-in is required for the back office.")).toBeVisible();
      await expectAccessible(newcomer);
      await newcomer.goto("/admin/contacts");
      await expect(newcomer).toHaveURL(/\/admin\/second-factor\/set-up$/);
      await setUpAuthenticator(newcomer);
      await newcomer.getByRole("link", { name: "Continue to the back office" }).click();
      await expect(newcomer.getByRole("heading", { name: "Welcome, Nia Newcomer" })).toBeVisible();
      await newcomer.goto("/admin/contacts");
      await expect(newcomer).toHaveURL(/\/admin\/contacts$/);
      await newcomer.context().close();

      // The preference holds the one who turned it on too, at their next page.
      await office.goto("/admin/settings");
      await expect(office).toHaveURL(/\/admin\/second-factor\/set-up$/);
      await setUpAuthenticator(office);
      await office.goto("/admin/settings");
      await office.getByLabel("Require a second factor for business users").uncheck();
      await office.getByRole("button", { name: "Update requirement" }).click();
      await expect(office.getByText("Saved. A second factor is now each business user's choice.")).toBeVisible();
    } finally {
      // Other specs sign in with passwords alone: whatever happened above, the preference ends off.
      await sql`update system_preferences set value = 'false' where key = 'REQUIRE_SECOND_FACTOR'`;
    }
  });
});
