import { expect, newShopper, register, test } from "./fixtures";

const MIXED = "This address mixes letters of different alphabets (for example a Cyrillic а among Latin letters); type it again.";
const INVISIBLE = "Remove the invisible characters from the e-mail address.";

// Issue 10, defect 6: each look-alike of alice@… became its own account next to the real one.
test("a Cyrillic or invisible look-alike address is refused next to the Email field, with and without JavaScript", async ({ browser, sql }) => {
  const shopper = newShopper("alice");
  const cyrillic = `\u0430${shopper.email.slice(1)}`; // а is U+0430 CYRILLIC SMALL LETTER A
  const zeroWidth = shopper.email.replace("@", "\u200B@");
  const override = `\u202E${shopper.email}`;
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    for (const [email, message] of [
      [cyrillic, MIXED],
      [zeroWidth, INVISIBLE],
      [override, INVISIBLE],
    ]) {
      await register(page, { ...shopper, email });
      await expect(page.getByLabel("Email")).toHaveAccessibleDescription(message);
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toHaveCount(0);
    }
    await context.close();
  }
  const [row] = await sql`select count(*)::int as n from customers where email like ${`%${shopper.email.slice(1)}%`}`;
  expect(row.n).toBe(0);
});

test("a full-width look-alike registers as the real address, not as a second customer", async ({ browser, sql }) => {
  const shopper = newShopper("alice");
  const fullWidth = `\uFF41${shopper.email.slice(1)}`; // ａ is U+FF41 FULLWIDTH LATIN SMALL LETTER A
  for (const [javaScriptEnabled, email] of [
    [true, shopper.email],
    [false, fullWidth],
  ] as const) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await register(page, { ...shopper, email });
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    await context.close();
  }
  const rows = await sql`select email from customers where email like ${`%${shopper.email.slice(1)}`}`;
  expect(rows.map((customer) => customer.email)).toEqual([shopper.email]);
});
