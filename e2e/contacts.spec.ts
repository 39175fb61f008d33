import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, linkTo, newStaff, passwordIn, signIn as customerSignIn, test, uniqueEmail, confirmAction, untilFiltersLive } from "./fixtures";
import { createContact, submitNewContact } from "./pages";
import { waitForEmail } from "./sink";

const roleCodes: Record<string, string> = { "Customer service": "customer_service", "User manager": "user_manager" };

async function staffWithRoles(browser: Browser, clientAddress: string, roles: string[]): Promise<Page> {
  return (await newStaff(browser, clientAddress, roles.map((role) => roleCodes[role]), `Staff ${roles.join(" ")}`)).page;
}

test("an agent onboards a contact who sets a password from the link, then resets it both ways, deactivates and reactivates", async ({
  browser,
  sql,
  clientAddress,
  page,
}) => {
  const agent = await staffWithRoles(browser, clientAddress, ["Customer service"]);
  await agent.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Office › Contacts" }).click();
  await expect(agent).toHaveTitle(/Contacts/);
  await expectAccessible(agent);
  await agent.getByRole("link", { name: "New contact" }).click();
  await expect(agent).toHaveTitle(/New contact/);
  const email = uniqueEmail("onboarded");
  await createContact(agent, { email, firstName: "Olu", lastName: "Adeyemi", type: "B2C" });
  await expect(agent.getByText("by Staff Customer service")).toBeVisible();
  await expectAccessible(agent);
  const contactUrl = agent.url();

  // The same e-mail again in that shop is named plainly.
  await submitNewContact(agent, { email, firstName: "Olu", lastName: "Again" });
  await expect(agent.getByText("A contact with this e-mail address already exists in this shop.")).toBeVisible();

  // The customer chooses a password from the link, then signs in on the storefront.
  const [activation] = await waitForEmail({ to: email, tag: "storefront-account-activation" });
  await page.goto(linkTo(activation, "/activate/"));
  await expect(page).toHaveURL(/\/activate\/set-password$/);
  await page.getByLabel("New password").fill("Olu-chose-2026");
  await page.getByLabel("Confirm password").fill("Olu-chose-2026");
  await page.getByRole("button", { name: "Set password and activate" }).click();
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
  await waitForEmail({ to: email, tag: "activation-successful" });
  await customerSignIn(page, email, "Olu-chose-2026");
  await expect(page).toHaveURL(/\/account$/);

  // Type-ahead search finds the contact by a fragment of the name.
  await agent.goto("/admin/contacts");
  await untilFiltersLive(agent);
  await agent.getByLabel("Search").fill("adeyem");
  await expect(agent.getByRole("link", { name: email })).toBeVisible();

  // Call-centre reset, mode "link": the customer completes it.
  await agent.goto(contactUrl);
  await confirmAction(agent, "Send password reset");
  await expect(agent.getByText("A password reset link was e-mailed")).toBeVisible();
  const [reset] = await waitForEmail({ to: email, tag: "storefront-password-reset" });
  expect(reset.text).toMatch(/customer service/i);
  await page.goto(linkTo(reset, "/reset-password/"));
  await page.getByLabel("New password").fill("Olu-second-2026");
  await page.getByLabel("Confirm password").fill("Olu-second-2026");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Your password has been changed" })).toBeVisible();

  // Call-centre reset, mode "generated": a new password arrives at once.
  await sql`update shops set call_centre_reset_mode = 'generated' where code = 'demo'`;
  try {
    await agent.reload();
    await confirmAction(agent, "Send password reset");
    await expect(agent.getByText("A new password was generated and e-mailed")).toBeVisible();
  } finally {
    await sql`update shops set call_centre_reset_mode = 'link' where code = 'demo'`;
  }
  const [generated] = await waitForEmail({ to: email, tag: "reset-password-successful" }, { count: 2 }).then((mails) => mails.slice(-1));
  const password = passwordIn(generated.text);
  expect(password).not.toBe("");
  await customerSignIn(page, email, password);
  await expect(page).toHaveURL(/\/account$/);

  // Deactivation ends the customer's session and blocks sign-in; reactivation restores it.
  await agent.reload();
  await confirmAction(agent, "Deactivate");
  await expect(agent.getByText("deactivated and its sessions ended")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await customerSignIn(page, email, "Wrong-guess-2026");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is incorrect.");
  await customerSignIn(page, email, password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This account has been deactivated. Please contact Demo Shop if you think this is a mistake.",
  );
  await agent.reload();
  await agent.getByRole("button", { name: "Reactivate" }).click();
  await expect(agent.getByText("has been reactivated")).toBeVisible();
  await customerSignIn(page, email, password);
  await expect(page).toHaveURL(/\/account$/);

  // The contact page lists the e-mails (no secrets) and the agent's actions.
  await agent.reload();
  await expect(agent.getByRole("cell", { name: "Storefront password reset" })).toBeVisible();
  await expect(agent.getByText("contact.deactivated")).toBeVisible();
  expect(await agent.getByRole("main").innerText()).not.toContain(password);
  await agent.context().close();
});

test("a user manager without customer service gets a 403 on Office › Contacts", async ({ browser, clientAddress }) => {
  const manager = await staffWithRoles(browser, clientAddress, ["User manager"]);
  await expect(manager.getByRole("navigation", { name: "Back office" })).not.toContainText("Office › Contacts");
  for (const path of ["/admin/contacts", "/admin/contacts/new"]) {
    const response = await manager.goto(path);
    expect(response?.status()).toBe(403);
  }
  await manager.context().close();
});

test("New contact follows the chosen type's registration form: Demo Shop Business asks for the Company, with or without JavaScript", async ({
  browser,
  clientAddress,
  sql,
}) => {
  const agent = await staffWithRoles(browser, clientAddress, ["Customer service"]);
  await agent.goto("/admin/contacts/new");
  await agent.waitForLoadState("networkidle");
  await expect(agent.getByRole("button", { name: "Choose shop and type" })).toHaveCount(0);
  await agent.getByLabel("Shop").selectOption({ label: "Demo Shop" });
  await agent.getByLabel("Customer type").selectOption("B2C");
  await expect(agent.getByLabel("Company")).toHaveCount(0);
  await agent.getByLabel("Customer type").selectOption("B2B");
  const company = agent.getByLabel("Company");
  await expect(company).toBeVisible();
  await expect(company).toHaveAttribute("required", "");
  await expect(agent.getByLabel("Password")).toHaveCount(0);
  const email = uniqueEmail("business");
  await agent.getByLabel("Email").fill(email);
  await agent.getByLabel("First name").fill("Bea");
  await agent.getByLabel("Last name").fill("Business");
  await agent.getByRole("button", { name: "Create contact" }).click();
  await expect(agent.getByText("Enter your company.")).toBeVisible();
  await company.fill("Acme <Widgets> Ltd");
  await agent.getByRole("button", { name: "Create contact" }).click();
  await expect(agent.getByText("The contact has been created")).toBeVisible();
  await expect(agent.getByRole("term").filter({ hasText: "Company" })).toBeVisible();
  await expect(agent.getByRole("definition").filter({ hasText: "Acme <Widgets> Ltd" })).toBeVisible();
  await expectAccessible(agent);

  // Without JavaScript, "Choose shop and type" brings the chosen type's fields back with what was typed so far.
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  await context.addCookies(await agent.context().cookies());
  const page = await context.newPage();
  await page.goto("/admin/contacts/new?shop=nonsense&type=%3Cb%3E");
  const second = uniqueEmail("business-nojs");
  await page.getByLabel("Shop").selectOption({ label: "Demo Shop" });
  await page.getByLabel("Email").fill(second);
  await page.getByRole("button", { name: "Choose shop and type" }).click();
  await page.getByLabel("Customer type").selectOption("B2B");
  await page.getByRole("button", { name: "Choose shop and type" }).click();
  await expect(page.getByLabel("Company")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(second);
  await page.getByLabel("First name").fill("Nora");
  await page.getByLabel("Last name").fill("Noscript");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("Enter your company.")).toBeVisible();
  await page.getByLabel("Company").fill("Plain Forms GmbH");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("The contact has been created")).toBeVisible();
  const [stored] = await sql`select customer_type, attributes from customers where email = ${second}`;
  expect(stored).toEqual({ customer_type: "B2B", attributes: { company: "Plain Forms GmbH" } });
  await context.close();
  await agent.context().close();
});
