import { describe, expect, it } from "vitest";
import { storefrontReturnPath } from "./request-path";

describe("storefrontReturnPath", () => {
  it("keeps a storefront path with its query", () => {
    expect(storefrontReturnPath("/register")).toBe("/register");
    expect(storefrontReturnPath("/forgot-password?email=a%40b.c")).toBe("/forgot-password?email=a%40b.c");
  });

  it("sends anything that could leave the storefront of this host home", () => {
    for (const hostile of [null, "", "register", "//evil.example", "/\r\nSet-Cookie: x=1", "/\u0000", "/\u007f", "/\\evil.example", "https://evil.example/", "/ space", "/admin", "/admin/users", "/api/health", "/language?to=de", `/${"a".repeat(2001)}`]) {
      expect(storefrontReturnPath(hostile)).toBe("/");
    }
  });
});
