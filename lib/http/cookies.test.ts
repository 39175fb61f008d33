import { describe, expect, it } from "vitest";
import { authCookies, cookieName, forwardedHttps, realmCookie } from "./cookies";

/** What a browser demands of prefixed cookies (RFC 6265bis §4.1.3): checked on every cookie a realm may set. */
function prefixRulesHold(cookie: { name: string; options: { secure: boolean; path: string } }): boolean {
  if (cookie.name.startsWith("__Host-")) return cookie.options.secure && cookie.options.path === "/";
  if (cookie.name.startsWith("__Secure-")) return cookie.options.secure;
  return true;
}

describe("realm cookies (issue 10, defect 10)", () => {
  it("names the storefront's cookies shop.* at / and the back office's admin.* under /admin, over http", () => {
    const shop = authCookies("shop", false);
    const admin = authCookies("admin", false);
    expect(shop.sessionToken).toEqual({ name: "shop.session", options: { httpOnly: true, sameSite: "lax", secure: false, path: "/" } });
    expect(shop.callbackUrl.name).toBe("shop.callback-url");
    expect(shop.csrfToken.name).toBe("shop.csrf-token");
    expect(admin.sessionToken).toEqual({ name: "admin.session", options: { httpOnly: true, sameSite: "lax", secure: false, path: "/admin" } });
    expect(admin.callbackUrl).toMatchObject({ name: "admin.callback-url", options: { path: "/admin" } });
    expect(admin.csrfToken).toMatchObject({ name: "admin.csrf-token", options: { path: "/admin" } });
    for (const cookie of Object.values(admin)) expect(cookie.options.path).toBe("/admin");
    for (const cookie of Object.values(shop)) expect(cookie.name).toMatch(/^shop\./);
  });

  it("over https prefixes / cookies with __Host- and path-scoped ones with __Secure-, all Secure", () => {
    const shop = authCookies("shop", true);
    const admin = authCookies("admin", true);
    expect(shop.sessionToken).toEqual({ name: "__Host-shop.session", options: { httpOnly: true, sameSite: "lax", secure: true, path: "/" } });
    expect(shop.callbackUrl.name).toBe("__Host-shop.callback-url");
    expect(shop.csrfToken.name).toBe("__Host-shop.csrf-token");
    expect(admin.sessionToken).toEqual({ name: "__Secure-admin.session", options: { httpOnly: true, sameSite: "lax", secure: true, path: "/admin" } });
    expect(admin.callbackUrl.name).toBe("__Secure-admin.callback-url");
    expect(admin.csrfToken.name).toBe("__Secure-admin.csrf-token");
    const all = [...Object.values(shop), ...Object.values(admin), realmCookie("shop", "reset-token", true, "/reset-password")];
    for (const cookie of all) {
      expect(cookie.options.secure).toBe(true);
      expect(prefixRulesHold(cookie), cookie.name).toBe(true);
    }
  });

  it("gives the storefront's token cookies their form's path and the prefix that path allows", () => {
    expect(realmCookie("shop", "reset-token", false, "/reset-password")).toEqual({
      name: "shop.reset-token",
      options: { httpOnly: true, sameSite: "lax", secure: false, path: "/reset-password" },
    });
    expect(realmCookie("shop", "activation-token", true, "/activate").name).toBe("__Secure-shop.activation-token");
    expect(cookieName("x", "/", true)).toBe("__Host-x");
    expect(cookieName("x", "/a", true)).toBe("__Secure-x");
    expect(cookieName("x", "/", false)).toBe("x");
  });

  it("reads https from the first X-Forwarded-Proto entry only", () => {
    expect(forwardedHttps("https")).toBe(true);
    expect(forwardedHttps("HTTPS, http")).toBe(true);
    expect(forwardedHttps("http, https")).toBe(false);
    expect(forwardedHttps(null)).toBe(false);
    expect(forwardedHttps("")).toBe(false);
  });
});
