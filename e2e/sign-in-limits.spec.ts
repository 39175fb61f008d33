import type { Page } from "@playwright/test";
import { activeShopper, demoShop, expect, signIn, test } from "./fixtures";

/**
 * Issue 10, defect 1, over HTTP: 50 wrong passwords posted at once to the sign-in form of one account. Every
 * password the server verifies and finds wrong leaves a `customer.sign-in-failed` entry in the activity log, every
 * attempt refused before verification a `customer.sign-in-throttled` one: the log counts the verifications.
 */
const FREE_FAILURES = 5; // lib/limits signInFailuresPerAccount.freeFailures
const ATTEMPTS = 50;

/** The no-JavaScript sign-in form's hidden fields (the server action's reference), to post it without a browser. */
async function signInFormFields(page: Page): Promise<Record<string, string>> {
  await page.goto(`${demoShop.origin}/login`);
  const form = page.locator("form").filter({ has: page.getByLabel("Email") });
  const hidden = await form.locator("input[type=hidden]").evaluateAll((inputs) =>
    inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]),
  );
  return Object.fromEntries(hidden);
}

test("50 simultaneous wrong passwords verify at most the free failures and one more; the owner gets in after the delay", async ({
  page,
  browser,
  request,
  sql,
  clientAddress,
}) => {
  const shopper = await activeShopper(page, "burst");
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const fields = await signInFormFields(await noScript.newPage());
  await noScript.close();

  const responses = await Promise.all(
    Array.from({ length: ATTEMPTS }, () =>
      request.post(`${demoShop.origin}/login`, {
        multipart: { ...fields, email: shopper.email, password: "Wrong-horse-42" },
        headers: { origin: demoShop.origin, "x-forwarded-for": clientAddress },
        maxRedirects: 0,
        timeout: 60_000,
      }),
    ),
  );
  expect(responses.map((response) => response.status()).filter((status) => status >= 400)).toEqual([]);
  const logged = async (action: string) =>
    Number((await sql`select count(*) as n from activity_log where action = ${action} and email = ${shopper.email}`)[0].n);
  expect(await logged("customer.sign-in-failed")).toBeLessThanOrEqual(FREE_FAILURES + 1);
  expect((await logged("customer.sign-in-failed")) + (await logged("customer.sign-in-throttled"))).toBe(ATTEMPTS);

  await signIn(page, shopper.email, shopper.password);
  await expect(page.getByText("Too many unsuccessful attempts")).toBeVisible();
  await sql`update rate_limits set blocked_until = blocked_until - interval '1 hour', window_start = window_start - interval '1 hour'
    where key like ${`signin-account:%:${shopper.email}`}`;
  await signIn(page, shopper.email, shopper.password);
  await expect(page).toHaveURL(/\/account$/);
});
