import type { Browser, Page } from "@playwright/test";
import { activeShopper, expect, expectAccessible, linkTo, newShopper, newStaff, STAFF_PASSWORD, test } from "./fixtures";
import { waitForEmail } from "./sink";

/** The same signed-in session in a browser without JavaScript: what the server itself answers. */
async function withoutJavaScript(browser: Browser, page: Page, clientAddress: string): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "x-forwarded-for": clientAddress },
  });
  return context.newPage();
}

test("Demo Shop's registration shows the letter-and-digit rule before typing and names it on refusal", async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const shopper = newShopper("rules");
    await page.goto("/register");
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveValue("");
    await expect(password).toHaveAccessibleDescription(/At least 8 characters.*A letter.*A digit.*Not a commonly used password.*Not your e-mail address/);
    await expect(page.getByRole("listitem").filter({ hasText: "A digit" })).toBeVisible();

    await page.getByLabel("Email").fill(shopper.email);
    await page.getByLabel("First name").fill(shopper.firstName);
    await page.getByLabel("Last name").fill(shopper.lastName);
    await password.fill("plumtreeorchardview");
    await page.getByLabel("Confirm password").fill("plumtreeorchardview");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least one letter and one digit.")).toBeVisible();
    await expect(password).toHaveAccessibleDescription(/A digit.*Use at least one letter and one digit\./);
    await expect(page).toHaveURL(/\/register/);
    if (javaScriptEnabled) await expectAccessible(page);
    await context.close();
  }
});

test("the reset form shows the shop's rules before typing", async ({ page }) => {
  const shopper = await activeShopper(page, "reset-rules");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const [reset] = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });
  await page.goto(linkTo(reset, "/reset-password/"));
  await expect(page.getByLabel("New password")).toHaveAccessibleDescription(/A letter.*A digit/);
  await page.getByLabel("New password").fill("onlyletterspassword");
  await page.getByLabel("Confirm password").fill("onlyletterspassword");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Use at least one letter and one digit.")).toBeVisible();
});

test("the back office lists the manager rules before typing and names the rule a new password breaks", async ({ browser, clientAddress }) => {
  const { page } = await newStaff(browser, clientAddress, ["customer_service"]);
  await page.getByRole("banner").getByText(/^Staff customer_service/).click();
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/admin\/change-password$/);
  const newPassword = page.getByLabel("New password", { exact: true });
  await expect(newPassword).toHaveAccessibleDescription(
    /At least \d+ characters.*A digit.*A lower-case letter.*An upper-case letter.*One of @#\$%\^&\+=.*No spaces/,
  );
  await expectAccessible(page);

  const lacksUpper = "tulip#garden42x";
  await page.getByLabel("Current password").fill(STAFF_PASSWORD);
  await newPassword.fill(lacksUpper);
  await page.getByLabel("Confirm new password").fill(lacksUpper);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Add an upper-case letter.")).toBeVisible();

  // The server names the same rule when no script checked first.
  const plain = await withoutJavaScript(browser, page, clientAddress);
  await plain.goto("/admin/change-password");
  await plain.getByLabel("Current password").fill(STAFF_PASSWORD);
  await plain.getByLabel("New password", { exact: true }).fill(lacksUpper);
  await plain.getByLabel("Confirm new password").fill(lacksUpper);
  await plain.getByRole("button", { name: "Change password" }).click();
  await expect(plain.getByText("Your password was not changed.")).toBeVisible();
  await expect(plain.getByText("Add an upper-case letter.")).toBeVisible();
  await expect(plain.getByText(/Add a digit|Add a lower-case letter|Add one of/)).toHaveCount(0);
  await plain.context().close();
});

test("MANAGER_PASSWORD_REGEX's description says its rules in words, following what is typed", async ({ browser, clientAddress }) => {
  const { page } = await newStaff(browser, clientAddress, ["shop_admin"]);
  await page.goto("/admin/settings");
  const field = page.getByLabel("MANAGER_PASSWORD_REGEX");
  await expect(field).toHaveAccessibleDescription(/A digit.*A lower-case letter.*An upper-case letter/);
  await field.fill("^(?=.*[0-9]).{12,}$");
  await expect(field).toHaveAccessibleDescription(/At least 12 characters.*A digit/);
  await expect(field).not.toHaveAccessibleDescription(/upper-case/);
});
