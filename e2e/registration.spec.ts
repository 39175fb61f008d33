import { randomBytes } from "node:crypto";
import { activationEmail, expect, expectAccessible, linkTo, newShopper, register, signIn, test } from "./fixtures";
import { sinkEmails, waitForEmail } from "./sink";

test("a shopper registers, activates from the e-mail, signs in, sees who they are and signs out", async ({ page }) => {
  const shopper = newShopper("journey");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Demo Shop" })).toBeVisible();
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/register$/);
  await register(page, shopper);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const activation = await activationEmail(shopper.email);
  expect(activation.subject).toContain("Demo Shop");
  expect(activation.html).toContain("/activate/");
  expect(activation.text).toContain("/activate/");
  expect(activation.tags).toContainEqual({ name: "notification", value: "storefront-account-activation" });

  const response = await page.goto(linkTo(activation, "/activate/"));
  const linkResponse = await response?.request().redirectedFrom()?.response();
  expect(linkResponse?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(page.url()).not.toContain(new URL(linkTo(activation, "/activate/")).pathname);
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
  const [success] = await waitForEmail({ to: shopper.email, tag: "activation-successful" });
  expect(success.text).toContain("/login");

  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(shopper.email.toUpperCase());
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expect(page.getByText(shopper.email)).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Welcome back, Ada Lovelace.")).toBeVisible();

  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)account$/);
});

test("new, pending and active e-mails get the same answer; only the e-mails differ", async ({ page, sql }) => {
  const answer = async (email: string) => {
    await register(page, { ...newShopper("same"), email });
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    return { url: page.url(), text: await page.getByRole("main").innerText() };
  };
  const pending = newShopper("pending");
  const fresh = await answer(pending.email);
  await activationEmail(pending.email);
  await sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${pending.email}`;
  const again = await answer(pending.email);
  const emails = await waitForEmail({ to: pending.email, tag: "storefront-account-activation" }, { count: 2 });

  const active = newShopper("active");
  await answer(active.email);
  await page.goto(linkTo(await activationEmail(active.email), "/activate/"));
  await sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${active.email}`;
  const existing = await answer(active.email);

  expect(again).toEqual(fresh);
  expect(existing).toEqual(fresh);
  await waitForEmail({ to: active.email, tag: "storefront-account-exists" });
  // The older link was superseded by the fresh one.
  await page.goto(linkTo(emails[0], "/activate/"));
  await expect(page.getByRole("heading", { name: "This activation link is not valid" })).toBeVisible();
  await page.goto(linkTo(emails[1], "/activate/"));
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
});

test("a reused link says already active; expired and unknown links offer a new activation e-mail", async ({ page, sql }) => {
  const shopper = newShopper("links");
  await register(page, shopper);
  const link = linkTo(await activationEmail(shopper.email), "/activate/");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Your account is already active" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeVisible();

  const late = newShopper("expired");
  await register(page, late);
  const lateLink = linkTo(await activationEmail(late.email), "/activate/");
  await sql`update account_tokens set expires_at = now() - interval '1 minute'
    where customer_id = (select id from customers where email = ${late.email})`;
  await sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${late.email}`;
  await page.goto(lateLink);
  await expect(page.getByRole("heading", { name: "This activation link is not valid" })).toBeVisible();
  await page.getByRole("link", { name: "Resend activation email" }).click();
  await page.getByLabel("Email").fill(late.email);
  await page.getByRole("button", { name: "Resend activation email" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(linkTo(await activationEmail(late.email, 2), "/activate/"));
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();

  for (const bogus of [randomBytes(32).toString("base64url"), "x", "%27%20or%201%3D1--", "a".repeat(3000)]) {
    const response = await page.goto(`/activate/${bogus}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "This activation link is not valid" })).toBeVisible();
  }
});

test("a pending account is told to activate and can resend the e-mail; wrong credentials get one message", async ({ page, sql }) => {
  const shopper = newShopper("pending-login");
  await register(page, shopper);
  await activationEmail(shopper.email);

  await signIn(page, shopper.email, "Wrong-password-1");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is incorrect.");
  await signIn(page, "nobody-" + shopper.email, shopper.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is incorrect.");

  await signIn(page, shopper.email, shopper.password);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not activated yet");
  await sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${shopper.email}`;
  await page.getByRole("button", { name: "Resend activation email" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(linkTo(await activationEmail(shopper.email, 2), "/activate/"));
  await signIn(page, shopper.email, shopper.password);
  await expect(page).toHaveURL(/\/account$/);
});

test("sign-in only redirects to same-origin paths", async ({ page }) => {
  const shopper = newShopper("redirect");
  await register(page, shopper);
  await page.goto(linkTo(await activationEmail(shopper.email), "/activate/"));
  await page.goto("/login?next=//evil.example/steal");
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/account$/);
});

test("the raw token from the e-mail occurs nowhere in the database", async ({ page, sql }) => {
  const shopper = newShopper("raw-token");
  await register(page, shopper);
  const link = linkTo(await activationEmail(shopper.email), "/activate/");
  const token = new URL(link).pathname.split("/").pop()!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const columns = await sql<{ table_schema: string; table_name: string; column_name: string }[]>`
    select table_schema, table_name, column_name from information_schema.columns
    where table_schema not in ('pg_catalog', 'information_schema')
      and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')`;
  expect(columns.length).toBeGreaterThan(10);
  for (const { table_schema, table_name, column_name } of columns) {
    const [row] = await sql`select count(*)::int as n from ${sql(table_schema)}.${sql(table_name)}
      where position(${token} in ${sql(column_name)}::text) > 0`;
    expect(row.n, `${table_name}.${column_name}`).toBe(0);
  }
});

test("bad input gets field errors and stores nothing", async ({ browser, sql }) => {
  // Without JavaScript the server's own validation answers, which is what a hostile client meets.
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const long = `${"a".repeat(300)}@example.com`;
    await page.goto("/register");
    await page.getByLabel("Email").fill(long);
    await page.getByLabel("First name").fill("<script>alert(1)</script>");
    await page.getByLabel("Last name").fill("'); DROP TABLE customers;--");
    await page.getByLabel("Password", { exact: true }).fill("Secret-one-1");
    await page.getByLabel("Confirm password").fill("Secret-two-2");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at most 254 characters.")).toBeVisible();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    await expect(page.getByLabel("First name")).toHaveValue("<script>alert(1)</script>");
    if (!javaScriptEnabled) await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

    await page.goto("/register");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
    await expect(page.getByText("Enter your first name.")).toBeVisible();
    await expect(page.getByText("Choose a password.")).toBeVisible();
    await context.close();
  }
  const [row] = await sql`select count(*)::int as n from customers where email like ${"a".repeat(300) + "%"} or first_name like '<script>%'`;
  expect(row.n).toBe(0);
});

test("an oversized form keeps what was typed and names the field; one over the 1 MiB cap is refused; neither stores anything", async ({ browser, sql }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const shopper = newShopper("oversized");
  await page.goto("/register");
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("First name").fill("x".repeat(100_000));
  let response = page.waitForResponse((candidate) => candidate.request().method() === "POST");
  await page.getByRole("button", { name: "Create account" }).click();
  expect((await response).status()).toBe(200);
  await expect(page.getByLabel("First name")).toHaveAccessibleDescription("Use at most 100 characters.");
  await expect(page.getByLabel("Email")).toHaveValue(shopper.email);

  await page.getByLabel("First name").fill("x".repeat(1_100_000));
  response = page.waitForResponse((candidate) => candidate.request().method() === "POST");
  await page.getByRole("button", { name: "Create account" }).click();
  expect((await response).status()).toBe(413);
  await expect(page.getByRole("heading", { name: "What you sent is too large" })).toBeVisible();
  const [row] = await sql`select count(*)::int as n from customers where email = ${shopper.email}`;
  expect(row.n).toBe(0);
  await context.close();
});

test("two simultaneous registrations make one customer and one activation e-mail", async ({ browser, sql }) => {
  const shopper = newShopper("twice");
  const pages = await Promise.all([browser.newPage(), browser.newPage()]);
  for (const page of pages) {
    await page.goto("/register");
    await page.getByLabel("Email").fill(shopper.email);
    await page.getByLabel("First name").fill(shopper.firstName);
    await page.getByLabel("Last name").fill(shopper.lastName);
    await page.getByLabel("Password", { exact: true }).fill(shopper.password);
    await page.getByLabel("Confirm password").fill(shopper.password);
  }
  await Promise.all(pages.map((page) => page.getByRole("button", { name: "Create account" }).click()));
  for (const page of pages) await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await activationEmail(shopper.email);
  await pause(2000);
  expect(await sinkEmails({ to: shopper.email })).toHaveLength(1);
  const [row] = await sql`select count(*)::int as n from customers where email = ${shopper.email}`;
  expect(row.n).toBe(1);
});

test("an unknown host gets a 404 that names no shop", async ({ page, baseURL }) => {
  const url = new URL(baseURL!);
  url.hostname = "unknown.localhost";
  const response = await page.goto(url.toString());
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No shop here" })).toBeVisible();
  await expect(page.getByText("Demo Shop")).toHaveCount(0);
  url.hostname = "classic.localhost";
  await page.goto(url.toString());
  await expect(page.getByRole("heading", { level: 1, name: "Classic Shop" })).toBeVisible();
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

test("switching between Personal and Business keeps what was typed, in place; Business registers", async ({ page, sql }) => {
  const shopper = newShopper("switch");
  await page.goto("/register");
  const types = page.getByRole("navigation", { name: "Account type" });
  const personal = types.getByRole("link", { name: "Personal account" });
  const business = types.getByRole("link", { name: "Business account" });
  await expect(personal).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Company")).toHaveCount(0);
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("First name").fill(shopper.firstName);
  await page.getByLabel("Last name").fill(shopper.lastName);
  await page.getByLabel("Password", { exact: true }).fill(shopper.password);

  // A full navigation would drop this marker: switching happens in place.
  await page.evaluate(() => Object.assign(window, { stillHere: true }));
  await business.click();
  await expect(page).toHaveURL(/\/register\?type=B2B$/);
  await expect(business).toHaveAttribute("aria-current", "page");
  await expect(personal).not.toHaveAttribute("aria-current", "page");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await expect(page.getByLabel("Email")).toHaveValue(shopper.email);
  await expect(page.getByLabel("First name")).toHaveValue(shopper.firstName);
  await expect(page.getByLabel("Last name")).toHaveValue(shopper.lastName);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue(shopper.password);
  await expect(page.getByRole("status")).toHaveText("Business account form. What you typed is kept.");
  const company = page.getByLabel("Company");
  await expect(company).toBeVisible();
  await expect(company).toHaveAttribute("required", "");
  await expectAccessible(page);

  await personal.click();
  await expect(page).toHaveURL(/\/register\?type=B2C$/);
  await expect(page.getByLabel("Company")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(shopper.email);
  await expect(page.getByLabel("Last name")).toHaveValue(shopper.lastName);

  await business.click();
  await page.getByLabel("Password", { exact: true }).fill(shopper.password);
  await page.getByLabel("Confirm password").fill(shopper.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your company.")).toBeVisible();
  await company.fill("Analytical Engines Ltd");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await activationEmail(shopper.email);
  const [row] = await sql`select customer_type, attributes from customers where email = ${shopper.email}`;
  expect(row.customer_type).toBe("B2B");
  expect(row.attributes).toMatchObject({ company: "Analytical Engines Ltd" });
});

test("without JavaScript the account-type links still switch the form", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByRole("navigation", { name: "Account type" }).getByRole("link", { name: "Business account" }).click();
  await expect(page).toHaveURL(/\/register\?type=B2B$/);
  await expect(page.getByLabel("Company")).toBeVisible();
  await expect(page.getByRole("link", { name: "Business account" })).toHaveAttribute("aria-current", "page");
  await context.close();
});
