import { randomBytes } from "node:crypto";
import { activationEmail, activeShopper, expect, linkTo, newShopper, passwordIn, register, signIn, test, uniqueEmail } from "./fixtures";
import { sinkEmails, waitForEmail } from "./sink";

const NEW_PASSWORD = "Fresh-start-2026";

async function requestReset(page: import("@playwright/test").Page, email: string): Promise<string> {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  return page.getByRole("main").innerText();
}

const resetEmails = (email: string, count = 1) => waitForEmail({ to: email, tag: "storefront-password-reset" }, { count });

test("forgot password: the same answer for every address, a link only for an active account", async ({ page }) => {
  const shopper = await activeShopper(page, "forgot");
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);

  const known = await requestReset(page, shopper.email);
  const unknownEmail = uniqueEmail("unknown");
  const unknown = await requestReset(page, unknownEmail);
  const pending = newShopper("pending-forgot");
  await register(page, pending);
  await activationEmail(pending.email);
  const pendingAnswer = await requestReset(page, pending.email);
  expect(unknown).toBe(known);
  expect(pendingAnswer).toBe(known);

  const [reset] = await resetEmails(shopper.email);
  expect(reset.subject).toContain("Reset your password");
  await waitForEmail({ to: pending.email, tag: "storefront-account-activation" }, { count: 1 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await sinkEmails({ to: unknownEmail })).toHaveLength(0);
  expect(await sinkEmails({ to: pending.email, tag: "storefront-password-reset" })).toHaveLength(0);
});

test("a reset link sets a new password, ends other sessions, and works once", async ({ page, browser }) => {
  const shopper = await activeShopper(page, "reset");
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(other, shopper.email, shopper.password);
  await expect(other).toHaveURL(/\/account$/);

  await requestReset(page, shopper.email);
  const link = linkTo((await resetEmails(shopper.email))[0], "/reset-password/");
  const response = await page.goto(link);
  const linkResponse = await response?.request().redirectedFrom()?.response();
  expect(linkResponse?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Your password has been changed" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  const [done] = await waitForEmail({ to: shopper.email, tag: "reset-password-successful" });
  expect(done.text).not.toContain(NEW_PASSWORD);

  await other.goto("/account");
  await expect(other).toHaveURL(/\/login/);
  await elsewhere.close();

  await signIn(page, shopper.email, shopper.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is incorrect.");
  await signIn(page, shopper.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This reset link is not valid" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Request a new reset link" })).toBeVisible();
});

test("My account sends the reset link; there is no change-password form", async ({ page }) => {
  const shopper = await activeShopper(page, "account-reset");
  await signIn(page, shopper.email, shopper.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
  await page.getByRole("button", { name: "Send password reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`sent a password reset link to ${shopper.email}`);
  const [reset] = await resetEmails(shopper.email);
  expect(linkTo(reset, "/reset-password/")).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
});

test("right after using a reset link, My account's \"Send password reset link\" sends another one", async ({ page }) => {
  const shopper = await activeShopper(page, "reset-again");
  await requestReset(page, shopper.email);
  const used = linkTo((await resetEmails(shopper.email))[0], "/reset-password/");
  await page.goto(used);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Your password has been changed" })).toBeVisible();

  await signIn(page, shopper.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("button", { name: "Send password reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`sent a password reset link to ${shopper.email}`);
  const [, again] = await resetEmails(shopper.email, 2);
  const fresh = linkTo(again, "/reset-password/");
  expect(fresh).not.toBe(used);
  await page.goto(fresh);
  await expect(page.getByLabel("New password")).toBeVisible();
});

test("weak, common and policy-breaking passwords are refused with their messages", async ({ page }) => {
  const shopper = await activeShopper(page, "weak");
  await requestReset(page, shopper.email);
  await page.goto(linkTo((await resetEmails(shopper.email))[0], "/reset-password/"));
  const attempt = async (password: string, message: string) => {
    await page.getByLabel("New password").fill(password);
    await page.getByLabel("Confirm password").fill(password);
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByRole("main").getByText(message)).toBeVisible();
  };
  await attempt("Password1", "This password is too common and easy to guess.");
  await attempt("onlyletters", "Use at least one letter and one digit.");
  await attempt("short1", "Use at least 8 characters.");
  await attempt(shopper.email, "Your password must not be your e-mail address.");
  await attempt(NEW_PASSWORD, "Your password has been changed");
});

test("superseded, expired and tampered links explain themselves and change nothing", async ({ page, sql }) => {
  const shopper = await activeShopper(page, "links");
  await requestReset(page, shopper.email);
  const first = linkTo((await resetEmails(shopper.email))[0], "/reset-password/");
  await sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${shopper.email}`;
  await requestReset(page, shopper.email);
  const second = linkTo((await resetEmails(shopper.email, 2))[1], "/reset-password/");
  await page.goto(first);
  await expect(page.getByRole("heading", { name: "This reset link is not valid" })).toBeVisible();

  await sql`update account_tokens set expires_at = now() - interval '1 second'
    where customer_id = (select id from customers where email = ${shopper.email}) and purpose = 'reset'`;
  await page.goto(second);
  await expect(page.getByRole("heading", { name: "This reset link is not valid" })).toBeVisible();

  for (const bogus of [randomBytes(32).toString("base64url"), "x", "%3Cscript%3E", "'%20or%20'1'%3D'1", "z".repeat(5000)]) {
    const response = await page.goto(`/reset-password/${bogus}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "This reset link is not valid" })).toBeVisible();
  }
  await signIn(page, shopper.email, shopper.password);
  await expect(page).toHaveURL(/\/account$/);
});

test("without JavaScript the reset form works, and a tampered token is refused", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const shopper = await activeShopper(page, "tamper");
  await requestReset(page, shopper.email);
  const link = linkTo((await resetEmails(shopper.email))[0], "/reset-password/");
  await page.goto(link);
  await expect(page).toHaveURL(/\/reset-password$/);
  const [cookie] = (await context.cookies()).filter((candidate) => candidate.name === "shop.reset-token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/reset-password" });
  await context.addCookies([{ ...cookie, value: `${cookie.value.slice(0, -1)}${cookie.value.endsWith("A") ? "B" : "A"}` }]);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "This reset link is not valid" })).toBeVisible();

  await page.goto(link);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Your password has been changed" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  await context.close();
});

test("in automatic mode the reset e-mails a generated password after a POST", async ({ page, baseURL }) => {
  const classic = new URL(baseURL!);
  classic.hostname = "classic.localhost";
  const email = uniqueEmail("classic");
  await page.goto(`${classic.origin}/register`);
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("First name").fill("Clara");
  await page.getByLabel("Last name").fill("Schumann");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const activation = await activationEmail(email);
  expect(linkTo(activation, "/activate/")).toContain("classic.localhost");
  await page.goto(linkTo(activation, "/activate/"));
  const [welcome] = await waitForEmail({ to: email, tag: "activation-successful" });
  const first = passwordIn(welcome.text);
  expect(first).toBeTruthy();

  await page.goto(`${classic.origin}/forgot-password`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const link = linkTo((await resetEmails(email))[0], "/reset-password/");
  await page.goto(link);
  await page.goto(link); // following the link (as a mail scanner would) changes nothing
  await page.getByRole("button", { name: "Send me a new password" }).click();
  await expect(page.getByRole("heading", { name: "We have e-mailed you a new password" })).toBeVisible();
  const [done] = await waitForEmail({ to: email, tag: "reset-password-successful" });
  const generated = passwordIn(done.text);
  expect(generated).toBeTruthy();
  expect(generated).not.toBe(first);
  await page.goto(`${classic.origin}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(generated!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/classic\.localhost:\d+\/account$/);
});

test("repeated failed sign-ins are slowed down with a message that says when to try again", async ({ page }) => {
  const shopper = await activeShopper(page, "throttle");
  for (let i = 0; i < 6; i++) {
    await signIn(page, shopper.email, `Wrong-guess-${i}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is incorrect.");
  }
  await signIn(page, shopper.email, shopper.password);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many unsuccessful attempts\. Please wait \d+ seconds?/);
});

test("forgot password answers malformed addresses next to the field, with or without JavaScript", async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    for (const [value, message] of [
      ["", "Enter your e-mail address."],
      ["<script>alert(1)</script>", "Enter a valid e-mail address, like name@example.com."],
      ["' OR 1=1 --@x", "Enter a valid e-mail address, like name@example.com."],
      [`${"a".repeat(300)}@example.com`, "Use at most 254 characters."],
    ]) {
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill(value);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("main").getByText(message)).toBeVisible();
      await expect(page).toHaveURL(/\/forgot-password$/);
    }
    await context.close();
  }
});
