import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, hotpValue, matchingStep, otpauthUri, sameCode, timeStep, totp } from "./totp";

/** The key of RFC 4226 Appendix D and of RFC 6238 Appendix B's SHA1 rows. */
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");

describe("base32 (RFC 4648 §10 test vectors, without padding)", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ];

  it.each(vectors)("encodes %j as %s and back", (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(plain);
  });

  it("reads padded, lower-case and spaced input, and refuses what is not base32", () => {
    expect(base32Decode("MZXW6YTBOI======")?.toString()).toBe("foobar");
    expect(base32Decode("mzxw 6ytb oi")?.toString()).toBe("foobar");
    expect(base32Decode("MZXW1")).toBeNull();
    expect(base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).toEqual(RFC_KEY);
  });
});

describe("HOTP (RFC 4226 Appendix D)", () => {
  it("truncates the HMAC of counter 0 as the appendix shows", () => {
    expect(hotpValue(RFC_KEY, 0)).toBe(1284755224);
    expect(hotpValue(RFC_KEY, 1)).toBe(1094287082);
  });

  it.each([
    [0, "755224"],
    [1, "287082"],
    [2, "359152"],
    [3, "969429"],
    [4, "338314"],
    [5, "254676"],
    [6, "287922"],
    [7, "162583"],
    [8, "399871"],
    [9, "520489"],
  ])("counter %i gives %s", (counter, code) => {
    expect(hotp(RFC_KEY, counter)).toBe(code);
  });
});

describe("TOTP (RFC 6238 Appendix B, SHA1 rows)", () => {
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("at %i seconds gives %s (and its last six digits)", (seconds, code) => {
    const at = new Date(seconds * 1000);
    expect(totp(RFC_KEY, at, 8)).toBe(code);
    expect(totp(RFC_KEY, at)).toBe(code.slice(2));
  });

  it("steps every 30 seconds from the Unix epoch", () => {
    expect(timeStep(new Date(29_999))).toBe(0);
    expect(timeStep(new Date(30_000))).toBe(1);
    expect(timeStep(new Date(1111111109_000))).toBe(0x23523ec);
  });
});

describe("code matching", () => {
  const now = new Date(1_800_000_000_000);
  const at = (steps: number) => new Date(now.getTime() + steps * 30_000);

  it("accepts the codes of one step either side of now, not two", () => {
    const step = timeStep(now);
    expect(matchingStep(RFC_KEY, totp(RFC_KEY, now), now)).toBe(step);
    expect(matchingStep(RFC_KEY, totp(RFC_KEY, at(-1)), now)).toBe(step - 1);
    expect(matchingStep(RFC_KEY, totp(RFC_KEY, at(1)), now)).toBe(step + 1);
    expect(matchingStep(RFC_KEY, totp(RFC_KEY, at(-2)), now)).toBeNull();
    expect(matchingStep(RFC_KEY, totp(RFC_KEY, at(2)), now)).toBeNull();
  });

  it("refuses anything that is not six digits", () => {
    const code = totp(RFC_KEY, now);
    for (const wrong of ["", `${code}0`, code.slice(1), ` ${code}`, "12345a", "１２３４５６"]) {
      expect(matchingStep(RFC_KEY, wrong, now)).toBeNull();
    }
  });

  it("compares codes exactly", () => {
    expect(sameCode("123456", "123456")).toBe(true);
    expect(sameCode("123456", "123457")).toBe(false);
    expect(sameCode("123456", "1234567")).toBe(false);
  });
});

describe("otpauth URI", () => {
  it("names issuer and account and spells out every parameter", () => {
    expect(otpauthUri({ issuer: "Storefront Accounts", account: "ada+ops@example.com", secret: "JBSWY3DPEHPK3PXP" })).toBe(
      "otpauth://totp/Storefront%20Accounts:ada%2Bops%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Storefront%20Accounts&algorithm=SHA1&digits=6&period=30",
    );
  });
});
