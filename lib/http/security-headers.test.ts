import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, mustNotBeStored, newNonce, PERMISSIONS_POLICY, referrerPolicy, wantsStrictTransport } from "./security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split("; ").map((part) => {
    const [name, ...sources] = part.split(" ");
    return [name, sources];
  }));
}

describe("Content-Security-Policy (issue 10, defect 7)", () => {
  it("allows scripts only with the nonce (and what they load), never inline or eval in production", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc", development: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc'"]);
    expect(policy.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "https:"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("adds eval and inline styles only for next dev", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc", development: true }));
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("style-src")).toContain("'unsafe-inline'");
  });

  it("lets shops' https logos show (storefront header, e-mail previews), but no plain http images", () => {
    const images = directives(contentSecurityPolicy({ nonce: "n", development: false })).get("img-src");
    expect(images).toContain("https:");
    expect(images).not.toContain("http:");
    expect(images).not.toContain("*");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when APP_URL is https, or a trusted proxy says the request came over https", () => {
    expect(wantsStrictTransport({ appUrl: "https://shop.example", trustProxy: false, forwardedProto: null })).toBe(true);
    expect(wantsStrictTransport({ appUrl: "http://localhost:3000", trustProxy: true, forwardedProto: "https" })).toBe(true);
    expect(wantsStrictTransport({ appUrl: "http://localhost:3000", trustProxy: false, forwardedProto: "https" })).toBe(false);
    expect(wantsStrictTransport({ appUrl: "http://localhost:3000", trustProxy: true, forwardedProto: "http" })).toBe(false);
  });
});

describe("Permissions-Policy", () => {
  it("turns off camera, microphone, geolocation, payment and usb", () => {
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
  });
});

describe("Referrer-Policy", () => {
  it("is no-referrer on token links and the local mailbox, strict-origin-when-cross-origin elsewhere", () => {
    const token = "q3C0bXH0nQ7e0Yw9oWq2Jb0rj0o2i4mYx3k1Uo9dY5s";
    for (const path of [`/activate/${token}`, `/reset-password/${token}`, "/activate/x%00y", "/dev/mailbox", "/dev/mailbox/12"]) {
      expect(referrerPolicy(path), path).toBe("no-referrer");
    }
    for (const path of ["/", "/login", "/activate/done", "/activate/invalid", "/activate/set-password", "/reset-password", "/reset-password/done", "/admin", `/activate/${token}/x`]) {
      expect(referrerPolicy(path), path).toBe("strict-origin-when-cross-origin");
    }
  });
});

describe("Cache-Control: no-store", () => {
  it("is asked for on the second-factor pages, which show the authenticator key and recovery codes, and nowhere else", () => {
    for (const path of ["/admin/second-factor", "/admin/second-factor/set-up"]) expect(mustNotBeStored(path), path).toBe(true);
    for (const path of ["/admin", "/admin/second-factorx", "/second-factor", "/admin/users"]) expect(mustNotBeStored(path), path).toBe(false);
  });
});
