import { describe, expect, it } from "vitest";
import { methodAllowed, readableBody, readableUrl, readBounded, validHost } from "./request-guard";

describe("requests no page can answer (issue 10, defect 5)", () => {
  it("accepts host names a browser sends and refuses malformed ones", () => {
    for (const host of ["localhost", "localhost:3000", "classic.localhost:3107", "127.0.0.1", "[::1]:3000", "shop.example.com"]) {
      expect(validHost(host), host).toBe(true);
    }
    for (const host of ["localhost:99999", "localhost:0", "localhost.", "localhost:", "a..b", "-a.example", "a b", "évil.example", "x".repeat(300), "localhost:3000:1", ""]) {
      expect(validHost(host), host).toBe(false);
    }
  });

  it("refuses paths whose escapes do not decode and URLs that carry a NUL", () => {
    expect(readableUrl("/activate/abc_-DEF")).toBe(true);
    expect(readableUrl("/admin/contacts", "?q=ab%20c")).toBe(true);
    expect(readableUrl("/activate/%E0%A4%A")).toBe(false);
    expect(readableUrl("/reset-password/%")).toBe(false);
    expect(readableUrl("/activate/%00")).toBe(false);
    expect(readableUrl("/admin/contacts", "?q=a%00b")).toBe(false);
  });

  it("allows GET, HEAD, POST and OPTIONS only", () => {
    expect(["GET", "head", "POST", "OPTIONS"].every(methodAllowed)).toBe(true);
    expect(["TRACE", "TRACK", "PUT", "DELETE", "PATCH", "PROPFIND"].some(methodAllowed)).toBe(false);
  });

  it("reads a body only up to the limit, with or without a length", async () => {
    const stream = (size: number) => new Blob([new Uint8Array(size)]).stream();
    expect(await readBounded(stream(1024 * 1024), 64 * 1024)).toBeNull();
    expect((await readBounded(stream(1000), 64 * 1024))?.byteLength).toBe(1000);
    expect((await readBounded(null, 10))?.byteLength).toBe(0);
  });

  it("tells bodies that can be read from broken ones: multipart that parses, an action's arguments as an array", async () => {
    const type = "multipart/form-data; boundary=XYZ";
    const body = (text: string) => new TextEncoder().encode(text);
    const field = (name: string, value: string) => `--XYZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    expect(await readableBody(body(`${field("email", "a@b.c")}--XYZ--\r\n`), type, false)).toBe(true);
    expect(await readableBody(body(`--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nabc`), type, false)).toBe(false);
    expect(await readableBody(body("email=a"), "multipart/form-data", false)).toBe(false);
    expect(await readableBody(body("email=a"), "application/x-www-form-urlencoded", false)).toBe(true);
    expect(await readableBody(body(`${field("0", '[{},"$K1"]')}--XYZ--\r\n`), type, true)).toBe(true);
    expect(await readableBody(body(`${field("0", "{}")}--XYZ--\r\n`), type, true)).toBe(false);
    expect(await readableBody(body("--XYZ--\r\n"), type, true)).toBe(false);
    // An action without arguments (a sign-out button) is posted as the text `[]`.
    expect(await readableBody(body("[]"), "text/plain;charset=UTF-8", true)).toBe(true);
    expect(await readableBody(body("{}"), "text/plain;charset=UTF-8", true)).toBe(false);
    expect(await readableBody(body("hello"), "text/plain;charset=UTF-8", true)).toBe(false);
  });
});
