import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { customers, shops, type Shop } from "@/db/schema";
import { hashPassword } from "@/lib/passwords/hash";
import { describeOnDatabases } from "@/lib/testing/databases";
import { authenticateCustomer } from "./sign-in";

describeOnDatabases("authenticateCustomer", (db) => {
  let demo: Shop;
  let classic: Shop;
  const password = "correct horse 1";

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
    const passwordHash = await hashPassword(password);
    await db()
      .insert(customers)
      .values([
        { shopId: demo.id, customerType: "B2C", email: "active@example.com", passwordHash, status: "active" },
        { shopId: demo.id, customerType: "B2C", email: "pending@example.com", passwordHash, status: "pending" },
        { shopId: demo.id, customerType: "B2C", email: "disabled@example.com", passwordHash, status: "disabled" },
      ]);
  });

  it("signs in an active customer with the right password, in any letter case", async () => {
    const result = await authenticateCustomer(db(), demo, { email: "Active@Example.com", password }, null);
    expect(result).toMatchObject({ ok: true, customer: { email: "active@example.com" } });
  });

  it("gives one generic answer for a wrong password, an unknown e-mail, a disabled account and another shop", async () => {
    const attempts = [
      { email: "active@example.com", password: "wrong password 1" },
      { email: "nobody@example.com", password },
      { email: "disabled@example.com", password },
      { email: "not an email", password },
      { email: "active@example.com", password: "x".repeat(10_000) },
      { email: ["active@example.com"], password: { $ne: "" } },
    ];
    for (const credentials of attempts) {
      expect(await authenticateCustomer(db(), demo, credentials, null)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticateCustomer(db(), classic, { email: "active@example.com", password }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("tells a pending account to activate only when its password is right", async () => {
    expect(await authenticateCustomer(db(), demo, { email: "pending@example.com", password }, null)).toEqual({
      ok: false,
      reason: "pending",
    });
    expect(await authenticateCustomer(db(), demo, { email: "pending@example.com", password: "wrong one 1" }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("rehashes a password stored with older argon2 parameters", async () => {
    const weak = await hash(password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await db().update(customers).set({ passwordHash: weak }).where(eq(customers.email, "active@example.com"));
    expect(await authenticateCustomer(db(), demo, { email: "active@example.com", password }, null)).toMatchObject({ ok: true });
    const [customer] = await db().select().from(customers).where(eq(customers.email, "active@example.com"));
    expect(customer.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
