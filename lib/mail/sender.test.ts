import { describe, expect, it } from "vitest";
import { formatSender, parseSender } from "./sender";

describe("formatSender", () => {
  it("writes Name <address>, or the bare address without a name", () => {
    expect(formatSender({ name: "Classic Shop", address: "shop@example.com" })).toBe("Classic Shop <shop@example.com>");
    expect(formatSender({ name: null, address: "shop@example.com" })).toBe("shop@example.com");
    expect(formatSender({ name: "  ", address: "shop@example.com" })).toBe("shop@example.com");
  });

  it("quotes names with specials and keeps admin input from changing the address or adding a header", () => {
    expect(formatSender({ name: "Müller, Söhne & Co.", address: "m@example.com" })).toBe('"Müller, Söhne & Co." <m@example.com>');
    expect(formatSender({ name: 'The "Best" Shop', address: "b@example.com" })).toBe('"The \\"Best\\" Shop" <b@example.com>');
    expect(formatSender({ name: "Evil <evil@attacker.example>", address: "shop@example.com" })).toBe('"Evil evil@attacker.example" <shop@example.com>');
    expect(formatSender({ name: "Two\r\nBcc: victim@example.com", address: "shop@example.com" })).toBe('"Two Bcc: victim@example.com" <shop@example.com>');
  });

  it("reads back what it writes", () => {
    for (const sender of [
      { name: "Classic Shop", address: "shop@example.com" },
      { name: "Shop, Inc.", address: "shop@example.com" },
      { name: 'The "Best" Shop', address: "b@example.com" },
      { name: null, address: "x@example.com" },
    ]) {
      expect(parseSender(formatSender(sender))).toEqual(sender);
    }
  });
});
