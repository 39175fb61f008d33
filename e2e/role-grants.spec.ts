import type { Page } from "@playwright/test";
import { expect, expectAccessible, newStaff, test, uniqueEmail } from "./fixtures";

/** What a forged request does: the disabled checkbox enabled and ticked before the form is sent. */
async function forgeShopAdmin(page: Page): Promise<void> {
  await page.locator('input[name="roles"][value="shop_admin"]').evaluate((input) => ((input as HTMLInputElement).disabled = false));
  await page.getByLabel("Shop administrator").check();
}

test("a user manager grants only roles they hold, and on their own account can only drop roles", async ({ browser, clientAddress, sql }) => {
  const name = `Roles ${uniqueEmail("m").slice(2, 10)}`;
  const { page, email } = await newStaff(browser, clientAddress, ["user_manager", "customer_service"], name);
  const rolesOf = async (address: string) =>
    (await sql`select array_to_string(roles, ',') as roles from staff_users where email = ${address}`).map((row) => row.roles);

  // New user: Shop administrator is not on offer; a forged request with it is refused and stores nothing.
  await page.goto("/admin/users/new");
  await expect(page.getByLabel("Shop administrator")).toBeDisabled();
  await expect(page.getByLabel("Customer service")).toBeEnabled();
  await expect(page.getByText("You can grant or take away only the roles you hold yourself.")).toBeVisible();
  await expectAccessible(page);
  const forged = uniqueEmail("forged-admin");
  await page.getByLabel("Email").fill(forged);
  await page.getByLabel("Name").fill("Forged Admin");
  await page.getByLabel("Customer service").check();
  await forgeShopAdmin(page);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("You can only grant roles you hold yourself: Shop administrator.")).toBeVisible();
  expect(await rolesOf(forged)).toEqual([]);
  const [trace] = await sql`select count(*)::int as n from activity_log where action = 'staff.roles-refused' and email = ${forged}`;
  expect(trace.n).toBe(1);

  // Their own page: only dropping is possible; adding Shop administrator by a forged request is refused.
  await page.goto("/admin/users");
  await page.getByRole("link", { name }).click();
  await expect(page.getByText("On your own account you can only drop roles.")).toBeVisible();
  await expect(page.getByLabel("Shop administrator")).toBeDisabled();
  await expectAccessible(page);
  await forgeShopAdmin(page);
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByText("You cannot give yourself roles; another user manager who holds them can: Shop administrator.")).toBeVisible();
  expect(await rolesOf(email)).toEqual(["user_manager,customer_service"]);

  // Dropping one of their own roles works and is logged before → after.
  await page.reload();
  await page.getByLabel("Customer service").uncheck();
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByText("Roles saved.")).toBeVisible();
  expect(await rolesOf(email)).toEqual(["user_manager"]);
  const [changed] = await sql`select details from activity_log where action = 'staff.roles-changed' and email = ${email}`;
  expect(changed.details).toEqual({ from: ["user_manager", "customer_service"], to: ["user_manager"] });
  await page.context().close();
});
