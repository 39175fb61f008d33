import { randomBytes } from "node:crypto";
import type { Locator } from "@playwright/test";
import { confirmAction, expect, expectAccessible, newStaff, test } from "./fixtures";

const LIST = "/admin/settings/attributes";

/** A colour of an element as [r, g, b], whatever notation the browser computes it in (Tailwind's are oklch). */
async function rgbOf(locator: Locator, property: "background-color" | "color"): Promise<number[]> {
  return locator.evaluate((element, name) => {
    const context = document.createElement("canvas").getContext("2d")!;
    context.fillStyle = getComputedStyle(element).getPropertyValue(name);
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, property);
}

/** WCAG's contrast ratio of two sRGB colours. */
function contrast(a: number[], b: number[]): number {
  const luminance = (rgb: number[]) =>
    rgb.map((value) => value / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, index) => sum + c * [0.2126, 0.7152, 0.0722][index], 0);
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The danger look: a red button whose text reads at 4.5:1 or better, with a focus ring once focused. */
async function expectDanger(button: Locator): Promise<void> {
  const [red, green, blue] = await rgbOf(button, "background-color");
  expect(red, "a red background").toBeGreaterThan(2 * Math.max(green, blue));
  expect(contrast(await rgbOf(button, "color"), [red, green, blue])).toBeGreaterThanOrEqual(4.5);
  await button.focus();
  await expect(button).not.toHaveCSS("box-shadow", "none");
}

test("a shop administrator creates, edits and deletes attribute definitions; bad patterns and codes are refused", async ({
  browser,
  clientAddress,
  sql,
}) => {
  const { page, email } = await newStaff(browser, clientAddress, ["shop_admin"]);
  const code = `longPassword${randomBytes(3).toString("hex")}`;

  await page.goto(LIST);
  await expect(page.getByRole("heading", { name: "Attribute definitions" })).toBeVisible();
  const emailRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "email", exact: true }) });
  await expect(emailRow).toContainText("Yes");
  await expect(emailRow).toContainText(/\d+ forms/);
  await expectAccessible(page);

  await page.getByRole("link", { name: "New attribute" }).click();
  await expect(page).toHaveURL(/\/admin\/settings\/attributes\/new$/);
  const before = (await sql`select count(*)::int as n from attribute_definitions`)[0].n;
  const save = page.getByRole("button", { name: "Save attribute" });
  await page.getByLabel("Code").fill("<script>alert(1)</script>");
  await page.getByLabel("Label").fill("x".repeat(101));
  await save.click();
  await expect(page.getByText("Start with a letter, then use only letters, digits and underscores")).toBeVisible();
  await expect(page.getByText("Use at most 100 characters.")).toBeVisible();

  await page.getByLabel("Code").fill("EMAIL");
  await page.getByLabel("Label").fill("Long password");
  await page.getByLabel("Value kind").selectOption("password");
  await expect(page.getByLabel("Required")).toBeChecked();
  await page.getByLabel("Validation pattern").fill("^(a+)+$");
  await page.getByLabel("Pattern message").fill("Use at least 14 characters.");
  await save.click();
  await expect(page.getByText(/too long to check some passwords/)).toBeVisible();
  await expect(page.getByText(/The code email is already taken/)).toHaveCount(0); // the pattern is refused before the code is looked up

  await page.getByLabel("Validation pattern").fill("^[0-9]+$");
  await save.click();
  await expect(page.getByText(/Generated passwords .* cannot satisfy this pattern/)).toBeVisible();

  await page.getByLabel("Validation pattern").fill("(");
  await save.click();
  await expect(page.getByText(/This is not a valid regular expression/)).toBeVisible();

  await page.getByLabel("Validation pattern").fill("^.{14,}$");
  await save.click();
  await expect(page.getByText("The code email is already taken (codes are compared regardless of letter case).")).toBeVisible();
  expect((await sql`select count(*)::int as n from attribute_definitions`)[0].n).toBe(before);

  await page.getByLabel("Code").fill(code);
  await page.getByLabel("Pattern message").fill("");
  await save.click();
  await expect(page.getByText("Enter the message shown when a value does not match the pattern.")).toBeVisible();
  await page.getByLabel("Pattern message").fill("Use at least 14 characters.");
  // The pattern as customers will read it, before saving.
  await expect(page.getByRole("region", { name: "What customers will read" })).toContainText("At least 14 characters");
  await save.click();
  await expect(page).toHaveURL(new RegExp(`${LIST}/${code}\\?created=1$`));
  await expect(page.getByText("The attribute definition has been created.")).toBeVisible();
  await expect(page.getByText("No registration form", { exact: true })).toBeVisible();
  await expectAccessible(page);
  const [created] = await sql`select * from attribute_definitions where code = ${code}`;
  expect(created).toMatchObject({ label: "Long password", value_kind: "password", required: true, regex: "^.{14,}$" });

  await page.getByLabel("Label").fill("Long password (14+)");
  await page.getByLabel("Required").uncheck();
  await save.click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const [changed] = await sql`select details from activity_log where action = 'settings.attribute.changed' and email = ${email}`;
  expect(changed.details).toEqual({
    code,
    from: { label: "Long password", required: true },
    to: { label: "Long password (14+)", required: false },
  });

  await page.goto(`${LIST}/email`);
  await page.getByLabel("Value kind").selectOption("text");
  await save.click();
  await expect(page.getByText(/This value kind cannot be used while the .* form uses this attribute: The form needs an e-mail attribute: customers sign in with it\./)).toBeVisible();
  await confirmAction(page, "Delete attribute");
  await expect(page.getByText(/This attribute is used by \d+ registration forms\. Remove it from those forms before deleting it\./)).toBeVisible();
  expect((await sql`select value_kind from attribute_definitions where code = 'email'`)[0].value_kind).toBe("email");

  // Delete asks first, in a dialog with the danger look; Cancel keeps the definition.
  await page.goto(`${LIST}/${code}`);
  const remove = page.getByRole("button", { name: "Delete attribute" });
  await expectDanger(remove);
  await remove.click();
  const dialog = page.getByRole("dialog", { name: `Delete the attribute Long password (14+) (${code})?` });
  await expect(dialog).toContainText("can no longer be added to a registration form");
  await expectDanger(dialog.getByRole("button", { name: "Confirm" }));
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await page.reload();
  expect((await sql`select count(*)::int as n from attribute_definitions where code = ${code}`)[0].n).toBe(1);
  await confirmAction(page, "Delete attribute");
  await expect(page).toHaveURL(/\/admin\/settings\/attributes\?deleted=1$/);
  await expect(page.getByText("The attribute definition has been deleted.")).toBeVisible();
  await expect(page.getByRole("link", { name: code })).toHaveCount(0);
  const actions = await sql`select action from activity_log where email = ${email} and action like 'settings.attribute.%' order by at`;
  expect(actions.map((row) => row.action)).toEqual(["settings.attribute.created", "settings.attribute.changed", "settings.attribute.deleted"]);

  for (const unknown of [code, "nope", "%3Cscript%3E", "x".repeat(300)]) {
    const response = await page.goto(`${LIST}/${unknown}`);
    expect(response?.status(), unknown).toBe(404);
  }
});

test("without JavaScript the server refuses the same input and keeps what was typed", async ({ browser, clientAddress, sql }) => {
  const { page } = await newStaff(browser, clientAddress, ["shop_admin"]);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "x-forwarded-for": clientAddress },
  });
  const plain = await context.newPage();
  const code = `nickname${randomBytes(3).toString("hex")}`;
  await plain.goto(`${LIST}/new`);
  await plain.getByLabel("Code").fill(code);
  await plain.getByLabel("Label").fill("Nick\u0007name");
  await plain.getByLabel("Validation pattern").fill("^[a-z]+$");
  await plain.getByRole("button", { name: "Save attribute" }).click();
  await expect(plain.getByText("Remove the control characters.")).toBeVisible();
  await expect(plain.getByText("Enter the message shown when a value does not match the pattern.")).toBeVisible();
  await expect(plain.getByLabel("Code")).toHaveValue(code);
  await expect(plain.getByLabel("Validation pattern")).toHaveValue("^[a-z]+$");
  expect((await sql`select count(*)::int as n from attribute_definitions where code = ${code}`)[0].n).toBe(0);

  await plain.getByLabel("Label").fill("Nickname");
  await plain.getByLabel("Pattern message").fill("Lower-case letters only.");
  await plain.getByLabel("Value kind").selectOption("text");
  await plain.getByRole("button", { name: "Save attribute" }).click();
  await expect(plain).toHaveURL(new RegExp(`${LIST}/${code}\\?created=1$`));

  // Delete is a link to a page that asks first: Cancel goes back and keeps the definition, Confirm deletes it.
  const exists = async () => (await sql`select count(*)::int as n from attribute_definitions where code = ${code}`)[0].n;
  await expectDanger(plain.getByRole("link", { name: "Delete attribute" }));
  await plain.getByRole("link", { name: "Delete attribute" }).click();
  await expect(plain).toHaveURL(new RegExp(`${LIST}/${code}/confirm/delete$`));
  await expect(plain.getByRole("heading", { name: `Delete the attribute Nickname (${code})?` })).toBeVisible();
  await expectDanger(plain.getByRole("button", { name: "Confirm" }));
  expect(await exists()).toBe(1);
  await plain.getByRole("link", { name: "Cancel" }).click();
  await expect(plain).toHaveURL(new RegExp(`${LIST}/${code}$`));
  expect(await exists()).toBe(1);
  await confirmAction(plain, "Delete attribute", false);
  await expect(plain).toHaveURL(new RegExp(`${LIST}\\?deleted=1$`));
  await expect(plain.getByText("The attribute definition has been deleted.")).toBeVisible();
  expect(await exists()).toBe(0);
  expect((await plain.goto(`${LIST}/${code}/confirm/delete`))?.status()).toBe(404);
  await context.close();
});

test("only shop administrators reach attribute definitions", async ({ browser, clientAddress }) => {
  const { page } = await newStaff(browser, clientAddress, ["customer_service"]);
  const response = await page.goto(LIST);
  expect(response?.status()).toBe(403);
  expect((await page.goto(`${LIST}/email`))?.status()).toBe(403);
});
