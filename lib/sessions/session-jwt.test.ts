import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { encodeSessionJwt } from "./session-jwt";

describe("encodeSessionJwt", () => {
  const secret = "a-test-secret-of-enough-length-0123456789";
  const claims = { sub: "1f0c4a52-5d7e-4c55-9d43-3f1a2b3c4d5e", email: "ada@example.com", name: "Ada", sessionId: "c2d6a7e4-1111-4222-8333-944455556666" };

  it("writes what next-auth's decode reads, for the cookie name it was made for", async () => {
    const token = encodeSessionJwt(claims, secret, "shop.session", 3600, Date.UTC(2020, 0, 1));
    const now = Date.now();
    const fresh = encodeSessionJwt(claims, secret, "shop.session", 3600, now);
    expect(await decode({ token: fresh, secret, salt: "shop.session" })).toMatchObject({ ...claims, exp: Math.floor(now / 1000) + 3600 });
    await expect(decode({ token, secret, salt: "shop.session" })).rejects.toThrow(); // expired
  });

  it("cannot be read under another cookie's name or secret, and refuses a changed byte", async () => {
    const token = encodeSessionJwt(claims, secret, "shop.session", 3600);
    await expect(decode({ token, secret, salt: "admin.session" })).rejects.toThrow();
    await expect(decode({ token, secret: `${secret}x`, salt: "shop.session" })).rejects.toThrow();
    const parts = token.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    parts[3] = body.toString("base64url");
    await expect(decode({ token: parts.join("."), secret, salt: "shop.session" })).rejects.toThrow();
  });

  it("has the header next-auth's own encode writes (same key id), and a new IV and id each time", async () => {
    const theirs = await encode({ token: claims, secret, salt: "__Host-shop.session", maxAge: 60 });
    const ours = encodeSessionJwt(claims, secret, "__Host-shop.session", 60);
    const header = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString("utf8"));
    expect(header(ours)).toEqual(header(theirs));
    const again = encodeSessionJwt(claims, secret, "__Host-shop.session", 60);
    expect(again.split(".")[2]).not.toEqual(ours.split(".")[2]);
    const [first, second] = await Promise.all([ours, again].map((token) => decode({ token, secret, salt: "__Host-shop.session" })));
    expect(first?.jti).not.toEqual(second?.jti);
  });
});
