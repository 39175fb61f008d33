import type { BrowserContext } from "@playwright/test";
import { activeShopper, demoShop, expect, newStaff, shopUrl, signIn, test } from "./fixtures";

type SetCookie = { url: string; name: string; attributes: Map<string, string> };

/** Every Set-Cookie line the server sends in this context, parsed (issue 10, defect 10). */
function recordSetCookies(context: BrowserContext): { lines: SetCookie[]; settled: () => Promise<void> } {
  const lines: SetCookie[] = [];
  const pending: Promise<void>[] = [];
  context.on("response", (response) => {
    pending.push(
      response.headerValues("set-cookie").then((values) => {
        for (const value of values.flatMap((joined) => joined.split("\n"))) {
          const [pair, ...rest] = value.split(";").map((part) => part.trim());
          const attributes = new Map(rest.map((attribute) => {
            const [key, ...parts] = attribute.split("=");
            return [key.toLowerCase(), parts.join("=")] as [string, string];
          }));
          lines.push({ url: response.url(), name: pair.slice(0, pair.indexOf("=")), attributes });
        }
      }, () => undefined),
    );
  });
  return { lines, settled: async () => void (await Promise.all(pending)) };
}

test("each realm sets only its own cookies: shop.* at / for the storefront, admin.* under /admin for the back office", async ({
  browser,
  clientAddress,
}) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const recorded = recordSetCookies(context);
  const page = await context.newPage();
  const shopper = await activeShopper(page, "realm-cookies");
  await signIn(page, shopper.email, shopper.password);
  await expect(page).toHaveURL(shopUrl(demoShop, "/account"));
  await recorded.settled();
  const storefront = recorded.lines.splice(0);
  expect(storefront.map((line) => line.name)).toContain("shop.session");
  for (const line of storefront) {
    expect(line.name, "storefront cookies are named shop.*").toMatch(/^shop\./);
    expect(line.attributes.has("httponly"), `${line.name} HttpOnly`).toBe(true);
    expect(line.attributes.get("samesite")?.toLowerCase(), `${line.name} SameSite`).toBe("lax");
  }
  const session = (await context.cookies(demoShop.origin)).find((cookie) => cookie.name === "shop.session");
  expect(session).toMatchObject({ path: "/", httpOnly: true, sameSite: "Lax", secure: false });

  await newStaff(browser, clientAddress, ["customer_service"], "Cookie Staff", context);
  await recorded.settled();
  const backOffice = recorded.lines.filter((line) => new URL(line.url).pathname.startsWith("/admin"));
  expect(backOffice.map((line) => line.name)).toContain("admin.session");
  for (const line of backOffice) {
    expect(line.name, "back-office cookies are named admin.*").toMatch(/^admin\./);
    expect(line.attributes.get("path"), `${line.name} stays under /admin`).toBe("/admin");
    expect(line.attributes.has("httponly"), `${line.name} HttpOnly`).toBe(true);
    expect(line.attributes.get("samesite")?.toLowerCase(), `${line.name} SameSite`).toBe("lax");
  }

  // What the browser now sends to storefront pages: nothing of the back office's, and no next-auth default names.
  const toStorefront = (await context.cookies(shopUrl(demoShop, "/account"))).map((cookie) => cookie.name);
  expect(toStorefront).toContain("shop.session");
  expect(toStorefront.filter((name) => !name.startsWith("shop."))).toEqual([]);
  // To /admin it sends the admin session; a browser cannot keep a `/` cookie away from a sub-path, so the storefront
  // session comes along, but under its own name (the back office reads only admin.session, encrypted under that name).
  const toAdmin = (await context.cookies(shopUrl(demoShop, "/admin/contacts"))).map((cookie) => cookie.name);
  expect(toAdmin).toContain("admin.session");
  expect(toAdmin.filter((name) => !name.startsWith("shop.") && !name.startsWith("admin."))).toEqual([]);
  await context.close();
});

test("over https, as the proxy in front reports it, storefront cookies are __Host-shop.* and back-office ones __Secure-admin.*, all Secure", async ({
  browser,
  clientAddress,
}) => {
  // Chromium takes Secure (and prefixed) cookies from http://localhost as from a secure origin; the server learns
  // the scheme from X-Forwarded-Proto, as behind a TLS-terminating proxy.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress, "x-forwarded-proto": "https" } });
  const recorded = recordSetCookies(context);
  const page = await context.newPage();
  const shopper = await activeShopper(page, "https-cookies");
  await signIn(page, shopper.email, shopper.password);
  await expect(page).toHaveURL(shopUrl(demoShop, "/account"));
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await recorded.settled();
  const storefront = recorded.lines.splice(0);
  expect(storefront.map((line) => line.name)).toContain("__Host-shop.session");
  for (const line of storefront) {
    expect(line.name).toMatch(/^__Host-shop\./);
    expect(line.attributes.has("secure"), `${line.name} Secure`).toBe(true);
    expect(line.attributes.get("path")).toBe("/");
    expect(line.attributes.has("domain"), `${line.name} has no Domain`).toBe(false);
  }

  const { page: office } = await newStaff(browser, clientAddress, ["customer_service"], "Https Staff", context);
  await expect(office.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await recorded.settled();
  const backOffice = recorded.lines.filter((line) => new URL(line.url).pathname.startsWith("/admin"));
  expect(backOffice.map((line) => line.name)).toContain("__Secure-admin.session");
  for (const line of backOffice) {
    expect(line.name).toMatch(/^__Secure-admin\./);
    expect(line.attributes.has("secure"), `${line.name} Secure`).toBe(true);
    expect(line.attributes.get("path")).toBe("/admin");
  }
  await context.close();
});
