import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

describe("safeRedirectPath", () => {
  it("keeps same-origin paths", () => {
    expect(safeRedirectPath("/account", "/")).toBe("/account");
    expect(safeRedirectPath("/account?tab=1#top", "/")).toBe("/account?tab=1#top");
  });

  it("refuses anything that could leave the origin", () => {
    for (const hostile of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "evil", "/\t/evil.example", 42, null, `/${"a".repeat(600)}`]) {
      expect(safeRedirectPath(hostile, "/account")).toBe("/account");
    }
  });
});
