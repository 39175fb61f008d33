import type { Browser, Locator, Page } from "@playwright/test";
import { activationEmail, expect, expectAccessible, linkTo, newShopper, newStaff, passwordIn, test, uniqueEmail, type Shopper, confirmAction } from "./fixtures";
import { sinkEmails, waitForEmail } from "./sink";

// Settings › Shops (SPEC §4): shops, customer types and registration forms, edited in the back office and in force
// on the storefront at once. Other spec files share the database: seeded shops are left as they were found.

// Whole flows across the back office and a storefront: longer than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

const shopAdmin = (browser: Browser, clientAddress: string) => newStaff(browser, clientAddress, ["shop_admin", "customer_service"], "Shop Admin");

function origin(page: Page, host: string): string {
  const url = new URL(page.url());
  url.hostname = host;
  return url.origin;
}

async function openShop(admin: Page, code: string): Promise<void> {
  await admin.goto(`/admin/settings/shops/${code}`);
  // React sets a select's value when it hydrates: change it only once the page is interactive.
  await admin.waitForLoadState("networkidle");
}

/** Fills the shop form (new or existing) with the values given, by their labels. */
async function fillShop(form: Page | Locator, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    if (label === "Call-centre reset") await form.getByLabel(label).selectOption({ label: value });
    else await form.getByLabel(label, { exact: true }).fill(value);
  }
}

function typeRegion(admin: Page, name: string, code: string): Locator {
  return admin.getByRole("region", { name: `${name} (${code})` });
}

/** The rows of a type's registration form editor, and one row by its label. */
function formEditor(region: Locator, typeName: string) {
  const list = region.getByRole("list", { name: `Registration form of ${typeName}` });
  const rows = list.getByRole("listitem");
  const row = (label: string) => rows.filter({ has: region.page().getByText(label, { exact: true }) });
  return { list, rows, row };
}

async function addAttributes(region: Locator, typeName: string, codes: string[]): Promise<void> {
  const { rows } = formEditor(region, typeName);
  for (const code of codes) {
    const before = await rows.count();
    await region.getByLabel("Attribute to add").selectOption(code);
    await region.getByRole("button", { name: "Add attribute" }).click();
    await expect(rows).toHaveCount(before + 1);
  }
}

async function addCustomerType(admin: Page, code: string, name: string): Promise<Locator> {
  const add = admin.getByRole("region", { name: "Add customer type" });
  await add.getByLabel("Code").fill(code);
  await add.getByLabel("Name").fill(name);
  await add.getByRole("button", { name: "Add customer type" }).click();
  await expect(admin.getByText(`Customer type ${code} added`)).toBeVisible();
  return typeRegion(admin, name, code);
}

async function turnOnSelfRegistration(region: Locator): Promise<void> {
  await region.getByLabel("Self-registration").check();
  await region.getByRole("button", { name: "Save type" }).click();
  await expect(region.getByText("Customer type saved.")).toBeVisible();
}

async function registerOn(page: Page, url: string, shopper: Shopper, withPassword = true): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("First name").fill(shopper.firstName);
  await page.getByLabel("Last name").fill(shopper.lastName);
  if (withPassword) {
    await page.getByLabel("Password", { exact: true }).fill(shopper.password);
    await page.getByLabel("Confirm password").fill(shopper.password);
  }
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

async function signInOn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${base}/account`);
}

test("a shop administrator creates a third shop whose shoppers register, activate and sign in on its own host", async ({
  browser,
  clientAddress,
  page,
  sql,
}) => {
  const { page: admin } = await shopAdmin(browser, clientAddress);
  const third = origin(admin, "third.localhost");
  await admin.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Settings" }).click();
  await admin.getByRole("link", { name: "Shops", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Shops" })).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: "Classic Shop" })).toContainText("classic.localhost");
  await expectAccessible(admin);

  await admin.getByRole("link", { name: "New shop" }).click();
  await expect(admin).toHaveTitle(/New shop/);
  await expect(admin.getByLabel("Call-centre reset")).toHaveValue("link");
  await expect(admin.getByLabel("Reset link lifetime (minutes)")).toHaveValue("60");
  await fillShop(admin, {
    Code: "third",
    Name: "Third Shop",
    "Host names": "Third.localhost\n\nthird.localhost",
    "Base URL": `${third}/`,
    "Sender name": "Third Shop",
    "Sender e-mail": "hello@third.example",
    "Accent colour": "#0F766E",
    "Activation link lifetime (hours)": "48",
  });
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Save shop" }).click();
  await expect(admin.getByText("The shop has been created")).toBeVisible();
  await expect(admin).toHaveURL(/\/admin\/settings\/shops\/third\?created=1$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Third Shop");
  await expect(admin.getByLabel("Host names")).toHaveValue("third.localhost");
  await expect(admin.getByLabel("Base URL")).toHaveValue(third);
  const [stored] = await sql`select s.base_url, s.accent_color, s.activation_ttl_minutes, array_agg(h.host) as hosts
    from shops s join shop_hosts h on h.shop_id = s.id where s.code = 'third' group by s.id`;
  expect(stored).toEqual({ base_url: third, accent_color: "#0f766e", activation_ttl_minutes: 48 * 60, hosts: ["third.localhost"] });
  const [created] = await sql`select details from activity_log where action = 'settings.shop.created' and details->>'code' = 'third'`;
  expect(created.details.changes.baseUrl).toEqual({ from: null, to: third });

  // Its own password policy: a definition that demands 14 characters, made in Settings › Attribute definitions.
  await admin.goto("/admin/settings/attributes/new");
  await admin.getByLabel("Code").fill("thirdPassword");
  await admin.getByLabel("Label").fill("Password");
  await admin.getByLabel("Value kind").selectOption("password");
  await admin.getByLabel("Validation pattern").fill("^.{14,}$");
  await admin.getByLabel("Pattern message").fill("Use at least 14 characters.");
  await admin.getByRole("button", { name: "Save attribute" }).click();
  await expect(admin).toHaveURL(/\/admin\/settings\/attributes\/thirdPassword/);
  await openShop(admin, "third");

  // A B2C type with a form where customers choose their password under that policy.
  const b2c = await addCustomerType(admin, "B2C", "Personal");
  const { rows, row } = formEditor(b2c, "Personal");
  await expect(rows).toHaveCount(1);
  await expect(b2c.getByText("Passwords are generated and e-mailed")).toBeVisible();
  await addAttributes(b2c, "Personal", ["lastName", "firstName", "company", "thirdPassword", "confirmPassword"]);
  // Reordering and removing answer a draft from the server; nothing is saved until "Save form".
  await row("First name").getByRole("button", { name: "Move up" }).click();
  await expect(rows.nth(1)).toContainText("First name");
  await row("Company").getByRole("button", { name: "Remove" }).click();
  await expect(rows).toHaveCount(5);
  await row("Confirm password").getByRole("button", { name: "Remove" }).click();
  await expect(b2c.getByText("Not saved yet.")).toBeVisible();
  await b2c.getByRole("button", { name: "Save form" }).click();
  await expect(b2c.getByRole("alert")).toContainText("come together");
  expect((await sql`select attribute_code from registration_attributes ra join shops s on s.id = ra.shop_id where s.code = 'third'`).map((r) => r.attribute_code)).toEqual(["email"]);
  await addAttributes(b2c, "Personal", ["confirmPassword"]);
  await b2c.getByRole("button", { name: "Save form" }).click();
  await expect(b2c.getByText("Form saved. Customers choose their password.")).toBeVisible();
  await expect(b2c.getByText("Customers choose their password.", { exact: true })).toBeVisible();
  await expect(rows).toHaveText([/^Email/, /^First name/, /^Last name/, /^Password/, /^Confirm password/]);
  // The preview shows the shopper's form: the same labels, disabled.
  for (const label of ["Email", "First name", "Last name"]) await expect(b2c.getByRole("textbox", { name: label, exact: true })).toBeDisabled();
  await expect(b2c.getByLabel("Password", { exact: true })).toBeDisabled();
  await turnOnSelfRegistration(b2c);
  await expectAccessible(admin);
  const [formChange] = await sql`select details from activity_log where action = 'settings.registration-form.changed' order by at desc limit 1`;
  expect(formChange.details).toMatchObject({ customerType: "B2C", from: ["email"], to: ["email", "firstName", "lastName", "thirdPassword", "confirmPassword"] });

  // A shopper on the new host sees the new shop and its policy: 13 characters are refused with the pattern's message.
  const shopper = newShopper("third");
  await page.goto(`${third}/register`);
  await expect(page.getByText("At least 14 characters")).toBeVisible();
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("First name").fill(shopper.firstName);
  await page.getByLabel("Last name").fill(shopper.lastName);
  await page.getByLabel("Password", { exact: true }).fill("Short-pass-13");
  await page.getByLabel("Confirm password").fill("Short-pass-13");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 14 characters.")).toBeVisible();
  expect((await sql`select count(*)::int as n from customers where email = ${shopper.email}`)[0].n).toBe(0);
  // Every link leads back to the new shop.
  await registerOn(page, `${third}/register`, shopper);
  await expect(page.getByRole("banner").getByRole("link", { name: "Third Shop" })).toBeVisible();
  const activation = await activationEmail(shopper.email);
  expect(activation.from).toBe("Third Shop <hello@third.example>");
  const link = linkTo(activation, "/activate/");
  expect(link.startsWith(`${third}/activate/`)).toBe(true);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
  await signInOn(page, third, shopper.email, shopper.password);
  await expect(page.getByRole("banner").getByRole("link", { name: "Third Shop" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  const [{ shop }] = await sql`select s.code as shop from customers c join shops s on s.id = c.shop_id where c.email = ${shopper.email}`;
  expect(shop).toBe("third");

  // The list counts the new customer.
  await admin.goto("/admin/settings/shops");
  await expect(admin.getByRole("row").filter({ hasText: "Third Shop" }).getByRole("cell").last()).toHaveText("1");

  // Its languages: German by default, offering German and Ukrainian only. A browser asking for English gets German,
  // the switcher offers the two, and the shop's own e-mails follow the customer's stored language.
  await admin.goto("/admin/settings/shops/third");
  await admin.getByLabel("Default language").selectOption("de");
  const offered = admin.getByRole("group", { name: "Languages offered" });
  await offered.getByLabel("English").uncheck();
  await offered.getByLabel("Русский").uncheck();
  await admin.getByRole("button", { name: "Save shop" }).click();
  await expect(admin.getByText("Shop saved.", { exact: false })).toBeVisible();
  const [languages] = await sql`select default_locale, locales from shops where code = 'third'`;
  expect(languages).toEqual({ default_locale: "de", locales: ["de", "uk"] });
  const visitor = await (await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "x-forwarded-for": clientAddress } })).newPage();
  await visitor.goto(`${third}/`);
  await expect(visitor.locator("html")).toHaveAttribute("lang", "de");
  const switcher = visitor.getByRole("navigation", { name: "Sprache" });
  await expect(switcher.getByRole("listitem")).toHaveText(["Deutsch", "Українська"]);
  await switcher.getByRole("link", { name: "Українська" }).click();
  await expect(visitor.locator("html")).toHaveAttribute("lang", "uk");
  // A language the shop no longer offers is not taken from the switcher's link either.
  await visitor.goto(`${third}/language?to=en&back=/`);
  await expect(visitor.locator("html")).toHaveAttribute("lang", "uk");
  await visitor.context().close();
  // The default must be offered: refused with a message, nothing stored.
  await admin.getByLabel("Default language").selectOption("ru");
  await admin.getByRole("button", { name: "Save shop" }).click();
  await expect(admin.getByText("Offer the default language too.")).toBeVisible();
  expect((await sql`select default_locale from shops where code = 'third'`)[0].default_locale).toBe("de");

  // On a phone the pages fit the screen: nothing scrolls sideways.
  await admin.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/admin/settings/shops", "/admin/settings/shops/third", "/admin/settings/shops/new"]) {
    await admin.goto(path);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  await admin.context().close();
});

test("the shop form refuses hostile input with clear messages and stores nothing, with and without JavaScript", async ({
  browser,
  clientAddress,
  sql,
}) => {
  const { page: admin } = await shopAdmin(browser, clientAddress);
  const shopCount = async () => Number((await sql`select count(*) as n from shops`)[0].n);
  const before = await shopCount();
  const valid = {
    Code: "hostile",
    Name: "Hostile Shop",
    "Host names": "hostile.localhost",
    "Base URL": "https://hostile.localhost",
    "Sender name": "Hostile Shop",
    "Sender e-mail": "hostile@example.com",
  };

  // With JavaScript, what the browser can check is refused before anything is sent.
  await admin.goto("/admin/settings/shops/new");
  await admin.waitForLoadState("networkidle");
  await fillShop(admin, { ...valid, Name: "x".repeat(101), "Logo URL": "javascript:alert(1)", "Accent colour": "#ffff00" });
  await admin.getByRole("button", { name: "Save shop" }).click();
  await expect(admin.getByText("Use at most 100 characters.")).toBeVisible();
  await expect(admin.getByText("Use an https:// address for the logo, or leave it empty.")).toBeVisible();
  await expect(admin.getByText("White text on #ffff00 has a contrast ratio of only 1.07:1; choose a darker colour (at least 4.5:1).")).toBeVisible();
  await expect(admin.getByLabel("Accent colour")).toHaveAttribute("aria-invalid", "true");

  // Markup in a name is refused (names go into e-mail sender lines as plain text), as are a taken code and host.
  await fillShop(admin, { ...valid, Code: "demo", Name: "<script>alert(1)</script>", "Host names": "hostile.localhost\nclassic.localhost", "Logo URL": "", "Accent colour": "#1d4ed8" });
  await admin.getByRole("button", { name: "Save shop" }).click();
  await expect(admin.getByText("Leave out < and >: a name is plain text.")).toBeVisible();
  await fillShop(admin, { Name: "Hostile Shop" });
  await admin.getByRole("button", { name: "Save shop" }).click();
  await expect(admin.getByText("A shop with the code “demo” already exists.")).toBeVisible();
  await expect(admin.getByText("classic.localhost is already used by Classic Shop.")).toBeVisible();
  expect(await shopCount()).toBe(before);
  expect(await sql`select host from shop_hosts where host = 'hostile.localhost'`).toHaveLength(0);
  expect((await sql`select name from shops where code = 'demo'`)[0].name).toBe("Demo Shop");

  // Without JavaScript the server says the same, all at once, and keeps what was typed.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await admin.context().storageState(),
    extraHTTPHeaders: { "x-forwarded-for": clientAddress },
  });
  const plain = await noScript.newPage();
  await plain.goto("/admin/settings/shops/new");
  await fillShop(plain, {
    ...valid,
    Code: "demo",
    Name: "<b>Bold</b>\u0007",
    "Host names": "hostile.localhost\nlocalhost\nhttp://evil.example/path",
    "Base URL": "javascript:alert(1)",
    "Sender name": "x".repeat(300),
    "Logo URL": "http://insecure.example/logo.png",
    "Accent colour": "#ffff00",
    "Reset link lifetime (minutes)": "1",
  });
  await plain.getByRole("button", { name: "Save shop" }).click();
  await expect(plain.getByRole("alert").first()).toHaveText("Please correct the fields marked below.");
  for (const message of [
    "A shop with the code “demo” already exists.",
    "localhost is already used by Demo Shop.",
    "Use between 5 and 1440 minutes.",
    "Use an https:// address for the logo, or leave it empty.",
    "White text on #ffff00 has a contrast ratio of only 1.07:1; choose a darker colour (at least 4.5:1).",
  ]) {
    await expect(plain.getByText(message)).toBeVisible();
  }
  await expect(plain.getByLabel("Name", { exact: true })).toHaveValue("<b>Bold</b>\u0007");
  expect(await shopCount()).toBe(before);

  // …and a valid shop saves without JavaScript, then changes.
  await fillShop(plain, {
    ...valid,
    Code: "no-script",
    Name: "No Script & Co",
    "Host names": "no-script.localhost",
    "Base URL": "https://no-script.localhost",
    "Sender name": "No Script",
    "Logo URL": "https://cdn.example.com/logo.png",
    "Accent colour": "#1d4ed8",
    "Reset link lifetime (minutes)": "60",
  });
  await plain.getByRole("button", { name: "Save shop" }).click();
  await expect(plain.getByText("The shop has been created")).toBeVisible();
  await expect(plain.getByRole("heading", { level: 1 })).toHaveText("No Script & Co");
  await fillShop(plain, { "Host names": "no-script.localhost\nwww.no-script.localhost", "Reset link lifetime (minutes)": "15" });
  await plain.getByRole("button", { name: "Save shop" }).click();
  await expect(plain.getByText("Shop saved.")).toBeVisible();
  const [saved] = await sql`select reset_ttl_minutes, logo_url, array(select host from shop_hosts h where h.shop_id = s.id order by host) as hosts from shops s where code = 'no-script'`;
  expect(saved).toEqual({ reset_ttl_minutes: 15, logo_url: "https://cdn.example.com/logo.png", hosts: ["no-script.localhost", "www.no-script.localhost"] });
  const [change] = await sql`select details from activity_log where action = 'settings.shop.changed' and details->>'code' = 'no-script'`;
  expect(change.details.changes).toEqual({
    resetTtlMinutes: { from: 60, to: 15 },
    hostNames: { from: ["no-script.localhost"], to: ["no-script.localhost", "www.no-script.localhost"] },
  });

  // The customer-type forms and the registration form editor work without JavaScript too.
  const add = plain.getByRole("region", { name: "Add customer type" });
  await add.getByLabel("Code").fill("B2B");
  await add.getByLabel("Name").fill("Business");
  await add.getByRole("button", { name: "Add customer type" }).click();
  await expect(plain.getByText("Customer type B2B added")).toBeVisible();
  const b2b = typeRegion(plain, "Business", "B2B");
  const { rows, row } = formEditor(b2b, "Business");
  await b2b.getByLabel("Attribute to add").selectOption("company");
  await b2b.getByRole("button", { name: "Add attribute" }).click();
  await expect(rows).toHaveCount(2);
  await row("Company").getByRole("button", { name: "Move up" }).click();
  await expect(rows.first()).toContainText("Company");
  await expect(b2b.getByText("Not saved yet.")).toBeVisible();
  await b2b.getByRole("button", { name: "Save form" }).click();
  await expect(b2b.getByText("Form saved. Passwords are generated and e-mailed.")).toBeVisible();
  const form = await sql`select attribute_code from registration_attributes ra join shops s on s.id = ra.shop_id
    where s.code = 'no-script' and ra.customer_type = 'B2B' order by position`;
  expect(form.map((entry) => entry.attribute_code)).toEqual(["company", "email"]);
  await b2b.getByLabel("Self-registration").check();
  await b2b.getByRole("button", { name: "Save type" }).click();
  await expect(typeRegion(plain, "Business", "B2B").getByText("Customer type saved.")).toBeVisible();
  await typeRegion(plain, "Business", "B2B").getByRole("button", { name: "Remove type" }).click();
  await expect(plain.getByText("Customer type B2B removed.")).toBeVisible();
  await noScript.close();
  await admin.context().close();
});

test("switching Classic Shop's call-centre reset to a link makes the next reset from Office › Contacts send one", async ({
  browser,
  clientAddress,
  page,
  sql,
}) => {
  const { page: admin } = await shopAdmin(browser, clientAddress);
  const classic = origin(admin, "classic.localhost");
  const shopper = newShopper("classic-cc");
  await registerOn(page, `${classic}/register`, shopper, false);
  await page.goto(linkTo(await activationEmail(shopper.email), "/activate/"));
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();

  const setMode = async (label: string) => {
    await openShop(admin, "classic");
    const settings = admin.getByRole("region", { name: "Shop settings" });
    await settings.getByLabel("Call-centre reset").selectOption({ label });
    await settings.getByRole("button", { name: "Save shop" }).click();
    await expect(admin.getByText("Shop saved.")).toBeVisible();
  };
  const mode = async () => (await sql`select call_centre_reset_mode from shops where code = 'classic'`)[0].call_centre_reset_mode;
  expect(await mode()).toBe("generated");
  try {
    await setMode("E-mail a reset link");
    expect(await mode()).toBe("link");
    await expect(admin.getByLabel("Call-centre reset")).toHaveValue("link");

    await admin.goto(`/admin/contacts?q=${encodeURIComponent(shopper.email)}`);
    await admin.getByRole("link", { name: shopper.email }).click();
    await confirmAction(admin, "Send password reset");
    await expect(admin.getByText("A password reset link was e-mailed")).toBeVisible();
    const [reset] = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });
    expect(linkTo(reset, "/reset-password/").startsWith(`${classic}/reset-password/`)).toBe(true);
    expect(await sinkEmails({ to: shopper.email, tag: "reset-password-successful" })).toHaveLength(0);

    await setMode("E-mail a generated password");
    expect(await mode()).toBe("generated");
    const changes = await sql`select details from activity_log where action = 'settings.shop.changed' and details->>'code' = 'classic' order by at`;
    expect(changes.slice(-2).map((entry) => entry.details.changes)).toEqual([
      { callCentreResetMode: { from: "generated", to: "link" } },
      { callCentreResetMode: { from: "link", to: "generated" } },
    ]);
  } finally {
    // Only if a step above failed: the seeded shop goes back to how the other spec files expect it.
    await sql`update shops set call_centre_reset_mode = 'generated' where code = 'classic' and call_centre_reset_mode <> 'generated'`;
  }
  await admin.context().close();
});

test("a Demo Shop type switched to automatic makes a reset link sent earlier issue a generated password", async ({
  browser,
  clientAddress,
  page,
  sql,
}) => {
  const { page: admin } = await shopAdmin(browser, clientAddress);
  const shopper = { ...newShopper("employee"), email: uniqueEmail("employee") };
  try {
    await openShop(admin, "demo");
    const b2e = await addCustomerType(admin, "B2E", "Employee");
    await addAttributes(b2e, "Employee", ["firstName", "lastName", "password", "confirmPassword"]);
    await b2e.getByRole("button", { name: "Save form" }).click();
    await expect(b2e.getByText("Form saved. Customers choose their password.")).toBeVisible();
    await turnOnSelfRegistration(b2e);

    await registerOn(page, "/register?type=B2E", shopper);
    await page.goto(linkTo(await activationEmail(shopper.email), "/activate/"));
    await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
    const [{ customer_type }] = await sql`select customer_type from customers where email = ${shopper.email}`;
    expect(customer_type).toBe("B2E");
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(shopper.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    const [reset] = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });

    // The link was sent while customers chose their passwords; the form changes before it is used.
    const { row } = formEditor(b2e, "Employee");
    await row("Confirm password").getByRole("button", { name: "Remove" }).click();
    await row("Password").getByRole("button", { name: "Remove" }).click();
    await expect(b2e.getByText("Passwords are generated and e-mailed.")).toBeVisible();
    await b2e.getByRole("button", { name: "Save form" }).click();
    await expect(b2e.getByText("Form saved. Passwords are generated and e-mailed.")).toBeVisible();

    await page.goto(linkTo(reset, "/reset-password/"));
    await expect(page.getByLabel("New password")).toHaveCount(0);
    await page.getByRole("button", { name: "Send me a new password" }).click();
    await expect(page.getByRole("heading", { name: "We have e-mailed you a new password" })).toBeVisible();
    const [done] = await waitForEmail({ to: shopper.email, tag: "reset-password-successful" });
    const generated = passwordIn(done.text);
    expect(generated).not.toBe("");
    await signInOn(page, origin(page, "localhost"), shopper.email, generated);

    // A type that customers belong to cannot be removed; without them it can.
    await b2e.getByRole("button", { name: "Remove type" }).click();
    await expect(b2e.getByText("A customer belongs to this type, so it cannot be removed.")).toBeVisible();
    await sql`delete from customers where email = ${shopper.email}`;
    await openShop(admin, "demo");
    await typeRegion(admin, "Employee", "B2E").getByRole("button", { name: "Remove type" }).click();
    await expect(admin.getByText("Customer type B2E removed.")).toBeVisible();
    const [removed] = await sql`select details from activity_log where action = 'settings.customer-type.removed' order by at desc limit 1`;
    expect(removed.details).toMatchObject({ customerType: "B2E", attributes: ["email", "firstName", "lastName"] });
  } finally {
    // Leave the Demo Shop as the other spec files expect it (a no-op when the steps above passed).
    await sql`delete from customers where email = ${shopper.email}`;
    await sql`delete from customer_types where code = 'B2E' and shop_id = (select id from shops where code = 'demo')`;
  }
  expect(await sql`select ct.code from customer_types ct join shops s on s.id = ct.shop_id where s.code = 'demo' order by position`).toEqual([{ code: "B2C" }, { code: "B2B" }]);
  await admin.context().close();
});
