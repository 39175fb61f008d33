import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, MAX_FORM_BODY_BYTES, maxBodyBytes, methodAllowed, readableBody, readableUrl, readBounded, replyResolves, validHost } from "./request-guard";

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

  it("gives forms a hard cap of 1 MiB and other bodies 64 KB", () => {
    expect(MAX_FORM_BODY_BYTES).toBe(1024 * 1024);
    expect(MAX_BODY_BYTES).toBe(64 * 1024);
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=XYZ", "Multipart/Form-Data;boundary=a", "application/x-www-form-urlencoded;charset=UTF-8"]) {
      expect(maxBodyBytes(type), type).toBe(MAX_FORM_BODY_BYTES);
    }
    for (const type of ["", "text/plain;charset=UTF-8", "application/json", "multipart/mixed; boundary=XYZ", "application/x-www-form-urlencodedx", "multipart/form-datax"]) {
      expect(maxBodyBytes(type), type).toBe(MAX_BODY_BYTES);
    }
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
    // Arguments that refer to parts the body does not have.
    expect(await readableBody(body('["$@5"]'), "text/plain;charset=UTF-8", true)).toBe(false);
    expect(await readableBody(body(`${field("0", '["$@5",{},"$K1"]')}--XYZ--\r\n`), type, true)).toBe(false);
    expect(await readableBody(body(`${field("0", '["$@1",{},"$K2"]')}${field("1", '"abc"')}--XYZ--\r\n`), type, true)).toBe(true);
  });

  describe("a server action's arguments in React's reply encoding", () => {
    const text = (root: string) => (key: string) => (key === "0" ? root : null);
    const parts = (entries: Record<string, string | Blob>) => (key: string) => entries[key] ?? null;

    it("accepts what React sends for our forms: plain JSON, escaped strings, forms, values without a part", () => {
      for (const root of [
        "[]",
        '[{},"$K1"]',
        '["3f2b8c1e-5d4a-4f6b-9c7d-1a2b3c4d5e6f",{"values":{"email":"$$@5"}},"$K1"]',
        '["$undefined","$Infinity","$-Infinity","$-0","$NaN","$D2026-12-01T00:00:00.000Z","$n12345678901234567890"]',
        '[{"a":{"b":1}},"$0:0:a"]',
      ]) {
        expect(replyResolves(text(root)), root).toBe(true);
      }
    });

    it("accepts references to parts the body has: models (and models within them), files", () => {
      expect(replyResolves(parts({ "0": '["$@1","$Q2","$W3","$4:x"]', "1": '"a"', "2": "[[1,2]]", "3": '["$5"]', "4": '{"x":1}', "5": "1" }))).toBe(true);
      expect(replyResolves(parts({ "0": '["$B1"]', "1": new Blob(["x"]) }))).toBe(true);
      expect(replyResolves(parts({ "0": '["$1"]', "1": '["$0", "$1"]' })), "cycles").toBe(true);
    });

    it.each([
      ["a root that is not an array", "{}"],
      ["a root that is not JSON", "$@5"],
      ["a missing promise", '["$@5"]'],
      ["a missing model", '["$1"]'],
      ["a missing Map", '["$Q1",{},"$K1"]'],
      ["a missing Set", '["$W1"]'],
      ["a missing iterator", '["$i1"]'],
      ["a missing file", '["$B1"]'],
      ["a missing typed array", '["$A1"]'],
      ["a server function", '["$h1"]'],
      ["a stream", '["$R1"]'],
      ["an async iterable", '["$x1"]'],
      ["a value that stays on the client", '["$T"]'],
      ["an unreadable bigint", '["$nabc"]'],
      ["an unknown tag", '["$zz"]'],
      ["a lone dollar", '["$"]'],
      ["a path into the prototype", '[{},"$0:__proto__:then"]'],
      ["a path on a promise", '["$@0:x"]'],
      ["a reference deep inside", '[{"a":[{"b":["$@7"]}]}]'],
    ])("refuses %s", (_name, root) => {
      expect(replyResolves(text(root))).toBe(false);
    });

    it("refuses references to parts that are not what they must be", () => {
      expect(replyResolves(parts({ "0": '["$@1"]', "1": "not json" })), "a model part that is not JSON").toBe(false);
      expect(replyResolves(parts({ "0": '["$@1"]', "1": new Blob(["1"]) })), "a model part that is a file").toBe(false);
      expect(replyResolves(parts({ "0": '["$B1"]', "1": "text" })), "a file part that is text").toBe(false);
      expect(replyResolves(parts({ "0": '["$1"]', "1": '["$@9"]' })), "a missing part behind a present one").toBe(false);
    });

    it("checks deeply nested arguments without overflowing the stack", () => {
      const deep = `${"[".repeat(20_000)}"$@5"${"]".repeat(20_000)}`;
      expect(replyResolves(text(deep))).toBe(false);
    });
  });
});
