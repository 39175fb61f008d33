import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

const FALLBACK = "/account";

/** Known open-redirect bypasses (issue 10, defect 2), each with what the helper must answer. */
const bypasses: [unknown, string][] = [
  // Dot segments that the browser removes, leaving `//evil.example` (what today's helper let through).
  ["/.//evil.example", FALLBACK],
  ["/%2e//evil.example", FALLBACK],
  ["/%2E%2E//evil.example", FALLBACK],
  ["/a/..//evil.example", FALLBACK],
  ["/a/%2e%2e//evil.example", FALLBACK],
  ["/./\\evil.example", FALLBACK],
  // Scheme-relative and absolute.
  ["//evil.example", FALLBACK],
  ["///evil.example", FALLBACK],
  ["/\\evil.example", FALLBACK],
  ["\\\\evil.example", FALLBACK],
  ["\\/evil.example", FALLBACK],
  ["https://evil.example", FALLBACK],
  ["http:evil.example", FALLBACK],
  ["http:/evil.example", FALLBACK],
  ["javascript:alert(1)", FALLBACK],
  ["data:text/html,<script>alert(1)</script>", FALLBACK],
  ["evil.example", FALLBACK],
  // Browsers strip tabs and newlines before resolving: `/\t/evil.example` is `//evil.example` to them.
  ["/\t/evil.example", FALLBACK],
  ["/\n/evil.example", FALLBACK],
  ["/\r\n/evil.example", FALLBACK],
  ["/\u0000/evil.example", FALLBACK],
  [" //evil.example", FALLBACK],
  // Encoded slashes and backslashes: a path that becomes scheme-relative once decoded is refused.
  ["%2F%2Fevil.example", FALLBACK],
  ["/%2F/evil.example", FALLBACK],
  ["/%2f%2fevil.example", FALLBACK],
  ["/%5C/evil.example", FALLBACK],
  ["/%5cevil.example", FALLBACK],
  ["/%09/evil.example", FALLBACK],
  ["/%0A/evil.example", FALLBACK],
  ["/%zz", FALLBACK],
  // Unicode slashes: raw, and percent-encoded ones that NFKC folds to `/`.
  ["/\u2215\u2215evil.example", FALLBACK],
  ["/\uff0f\uff0fevil.example", FALLBACK],
  ["/\uff3c\uff3cevil.example", FALLBACK],
  ["/%EF%BC%8F%EF%BC%8Fevil.example", FALLBACK],
  ["/%EF%BC%BCevil.example", FALLBACK],
  // `@` in a path is only a path: the browser stays on our origin, so it is kept (and Next answers 404 there).
  ["/@evil.example", "/@evil.example"],
  ["/@/evil.example", "/@/evil.example"],
  // Not a string, or too long.
  [42, FALLBACK],
  [null, FALLBACK],
  [undefined, FALLBACK],
  [["/account", "//evil.example"], FALLBACK],
  [`/${"a".repeat(600)}`, FALLBACK],
];

describe("safeRedirectPath", () => {
  it("keeps same-origin paths, with query and fragment", () => {
    expect(safeRedirectPath("/account", "/")).toBe("/account");
    expect(safeRedirectPath("/account?x=1#y", "/")).toBe("/account?x=1#y");
    expect(safeRedirectPath("/account?tab=1#top", "/")).toBe("/account?tab=1#top");
    expect(safeRedirectPath("/admin/contacts?q=a%2Fb", "/")).toBe("/admin/contacts?q=a%2Fb");
    expect(safeRedirectPath("/account?next=//evil.example", "/")).toBe("/account?next=//evil.example");
    expect(safeRedirectPath("/", "/account")).toBe("/");
  });

  it("returns the normalised path, as the browser would resolve it", () => {
    expect(safeRedirectPath("/a/../account", "/")).toBe("/account");
    expect(safeRedirectPath("/%2e/account", "/")).toBe("/account");
    expect(safeRedirectPath("/account with space", "/")).toBe("/account%20with%20space");
  });

  it.each(bypasses)("answers %j with %j", (candidate, expected) => {
    expect(safeRedirectPath(candidate, FALLBACK)).toBe(expected);
  });

  it("never answers anything a browser resolves off the origin, whatever the page it is sent from", () => {
    for (const [candidate] of bypasses) {
      const answer = safeRedirectPath(candidate, FALLBACK);
      expect(answer).toMatch(/^\/(?![/\\])/);
      for (const base of ["http://localhost:3000/login", "https://shop.example/a/b/c?next=x"]) {
        const origin = new URL(base).origin;
        // A browser strips tabs and newlines before it resolves, so resolve what it would.
        expect(new URL(answer.replace(/[\t\n\r]/g, ""), base).origin, `${JSON.stringify(candidate)} → ${answer}`).toBe(origin);
      }
    }
  });
});
