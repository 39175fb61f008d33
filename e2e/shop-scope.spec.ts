import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { adminSignIn, expect, expectAccessible, newStaff, passwordIn, STAFF_PASSWORD, test, uniqueEmail, untilFiltersLive } from "./fixtures";
import { waitForEmail } from "./sink";

/** Creates a contact through New contact (JavaScript on) and returns the contact page's path. */
async function newContact(agent: Page, shop: string, email: string): Promise<string> {
  await agent.goto("/admin/contacts/new");
  await agent.waitForLoadState("networkidle");
  await agent.getByLabel("Shop").selectOption({ label: shop });
  await agent.getByLabel("Email").fill(email);
  await agent.getByLabel("First name").fill("Scoped");
  await agent.getByLabel("Last name").fill(shop.replace(" ", ""));
  await agent.getByRole("button", { name: "Create contact" }).click();
  await expect(agent.getByText("The contact has been created")).toBeVisible();
  return new URL(agent.url()).pathname;
}

/** The hidden fields React renders into a form for a no-JavaScript post of its server action, as `as` sees them. */
async function noScriptForm(browser: Browser, as: Page, path: string, button: string): Promise<Record<string, string>> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await as.context().cookies());
  const page = await context.newPage();
  await page.goto(path);
  const form = page.locator("form", { has: page.getByRole("button", { name: button }) });
  const hidden = await form.locator("input[type=hidden]").evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((input) => [input.name, input.value]));
  await context.close();
  return Object.fromEntries(hidden);
}

test("a customer-service agent limited to Classic Shop sees only Classic contacts; Demo ones answer 404", async ({ browser, sql, clientAddress }) => {
  const tag = `scope${randomBytes(3).toString("hex")}`;
  const demoEmail = uniqueEmail(`${tag}-demo`);
  const classicEmail = uniqueEmail(`${tag}-classic`);

  // An agent with All shops creates one contact in each shop.
  const everywhere = (await newStaff(browser, clientAddress, ["customer_service"], "All Shops Agent")).page;
  const demoContact = await newContact(everywhere, "Demo Shop", demoEmail);
  const classicContact = await newContact(everywhere, "Classic Shop", classicEmail);
  await everywhere.goto("/admin/contacts/new");
  const demoShopId = await everywhere.getByLabel("Shop").locator("option", { hasText: "Demo Shop" }).getAttribute("value");

  // A user manager creates a customer-service user limited to Classic Shop.
  const manager = (await newStaff(browser, clientAddress, ["user_manager", "customer_service"], "Scope Manager")).page;
  await manager.goto("/admin/users/new");
  await expect(manager.getByRole("group", { name: "Shops", exact: true })).toBeVisible();
  await expect(manager.getByLabel("All shops")).toBeChecked();
  await expectAccessible(manager);
  const agentEmail = uniqueEmail("classic-agent");
  await manager.getByLabel("Email").fill(agentEmail);
  await manager.getByLabel("Name").fill("Clara Classic");
  await manager.getByLabel("Customer service").check();
  // "Only these shops" without a shop is refused with a plain message.
  await manager.getByLabel("Only the shops ticked below").check();
  await manager.getByRole("button", { name: "Create user" }).click();
  await expect(manager.getByText("Choose at least one shop, or All shops.")).toBeVisible();
  await manager.getByLabel("Classic Shop").check();
  await manager.getByRole("button", { name: "Create user" }).click();
  await expect(manager.getByText("The user has been created")).toBeVisible();
  await expect(manager.getByRole("definition").filter({ hasText: /^Classic Shop$/ })).toBeVisible();
  await expect(manager.getByLabel("Classic Shop")).toBeChecked();
  await expect(manager.getByLabel("Demo Shop")).not.toBeChecked();
  await expectAccessible(manager);
  await manager.goto("/admin/users");
  await expect(manager.getByRole("row", { name: /Clara Classic/ })).toContainText("Classic Shop");
  const [logged] = await sql`select details from activity_log where action = 'staff.created' and email = ${agentEmail}`;
  expect(logged.details).toMatchObject({ shops: ["classic"] });

  // The agent's first sign-in forces a new password.
  const [welcome] = await waitForEmail({ to: agentEmail, tag: "business-user-account-created" });
  const agent = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } })).newPage();
  await adminSignIn(agent, agentEmail, passwordIn(welcome.text));
  await agent.getByLabel("Current password").fill(passwordIn(welcome.text));
  await agent.getByLabel("New password", { exact: true }).fill(STAFF_PASSWORD);
  await agent.getByLabel("Confirm new password").fill(STAFF_PASSWORD);
  await agent.getByRole("button", { name: "Change password" }).click();
  await expect(agent.getByRole("heading", { name: /^Welcome/ })).toBeVisible();

  // Office › Contacts finds the Classic contact only, and the Shop filter offers Classic Shop only.
  await agent.goto("/admin/contacts");
  await untilFiltersLive(agent);
  await agent.getByLabel("Search").fill(tag);
  await expect(agent.getByRole("link", { name: classicEmail })).toBeVisible();
  await expect(agent.getByRole("link", { name: demoEmail })).toHaveCount(0);
  await expect(agent.getByLabel("Shop").locator("option")).toHaveText(["All your shops", "Classic Shop"]);
  // A forged shop filter is no shop of theirs: said so, and the list shows their own shops' contacts, none of Demo Shop.
  await agent.goto(`/admin/contacts?q=${tag}&shop=${demoShopId}`);
  await expect(agent.getByText(`Unknown shop “${demoShopId}” — showing all.`)).toBeVisible();
  await expect(agent.getByRole("status")).toHaveText("1 contact");
  await expect(agent.getByRole("link", { name: classicEmail })).toBeVisible();
  await expect(agent.getByRole("link", { name: demoEmail })).toHaveCount(0);
  await expectAccessible(agent);

  // The Demo contact does not exist for the agent; the Classic one does.
  expect((await agent.goto(demoContact))?.status()).toBe(404);
  expect((await agent.goto(classicContact))?.status()).toBe(200);
  await expect(agent.getByRole("heading", { name: "Scoped ClassicShop" })).toBeVisible();

  // New contact offers Classic Shop only, and a forged post for Demo Shop is refused like an unknown shop.
  await agent.goto("/admin/contacts/new");
  await expect(agent.getByLabel("Shop").locator("option")).toHaveText(["Classic Shop"]);
  const forged = uniqueEmail(`${tag}-forged`);
  const hidden = await noScriptForm(browser, agent, "/admin/contacts/new", "Create contact");
  const refused = await agent.request.post("/admin/contacts/new", {
    multipart: { ...hidden, shopId: demoShopId!, customerType: "B2C", email: forged, firstName: "Forged", lastName: "Post" },
    headers: { origin: new URL(agent.url()).origin },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(200);
  expect(await refused.text()).toContain("Choose a shop from the list.");
  expect((await sql`select count(*)::int as n from customers where email = ${forged}`)[0].n).toBe(0);

  // A contact action replayed against the Demo contact answers 404 and changes nothing.
  // (Its confirmation page, where the no-JavaScript form lives, is not found for the agent either.)
  const confirmPage = `${demoContact}/confirm/deactivate`;
  expect((await agent.request.get(confirmPage)).status()).toBe(404);
  const deactivate = await noScriptForm(browser, everywhere, confirmPage, "Confirm");
  const replay = await agent.request.post(confirmPage, {
    multipart: deactivate,
    headers: { origin: new URL(agent.url()).origin },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(404);
  const [demoRow] = await sql`select status from customers where email = ${demoEmail}`;
  expect(demoRow.status).toBe("pending");
  await Promise.all([agent, manager, everywhere].map((page) => page.context().close()));
});
