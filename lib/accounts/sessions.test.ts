import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { activityLog, customerSessions, customers, shops, type Customer, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import {
  CUSTOMER_SESSION_SECONDS,
  customerDevices,
  endAllCustomerSessions,
  endCustomerSession,
  openCustomerSession,
  sessionCustomer,
  signOutOtherCustomerSessions,
} from "./sessions";

const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

describeOnDatabases("customer sessions", (db) => {
  let demo: Shop;
  let classic: Shop;
  let counter = 0;

  const shop = async (code: string) => (await db().select().from(shops).where(eq(shops.code, code)))[0];
  beforeAll(async () => {
    demo = await shop("demo");
    classic = await shop("classic");
  });

  async function customer(): Promise<Customer> {
    const [row] = await db()
      .insert(customers)
      .values({ shopId: demo.id, customerType: "B2C", email: `sessions${++counter}-${Date.now()}@example.com`, status: "active" })
      .returning();
    return row;
  }

  const row = async (id: string) => (await db().select().from(customerSessions).where(eq(customerSessions.id, id)))[0];

  it("opens a session at sign-in that names its customer only in its own shop, with an unguessable id", async () => {
    const ada = await customer();
    const id = await openCustomerSession(db(), ada, { ip: "203.0.113.5", userAgent: CHROME_LINUX });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await sessionCustomer(db(), demo.id, id)).toMatchObject({ customer: { id: ada.id }, sessionId: id });
    expect(await sessionCustomer(db(), classic.id, id)).toBeNull();
    expect(await sessionCustomer(db(), demo.id, "not-a-uuid")).toBeNull();
    expect(await sessionCustomer(db(), demo.id, crypto.randomUUID())).toBeNull();
    expect(await row(id)).toMatchObject({ shopId: demo.id, ip: "203.0.113.5", userAgent: CHROME_LINUX, endedAt: null });
  });

  it("sign-out ends the session: the same id (a copy of the cookie) no longer signs anyone in", async () => {
    const ada = await customer();
    const id = await openCustomerSession(db(), ada, null);
    const other = await openCustomerSession(db(), ada, null);
    await endCustomerSession(db(), id);
    expect(await sessionCustomer(db(), demo.id, id)).toBeNull();
    expect((await row(id)).endedAt).not.toBeNull();
    expect(await sessionCustomer(db(), demo.id, other)).not.toBeNull();
  });

  it("ends with a password reset (session version) and with deactivation, even if the row were left open", async () => {
    const ada = await customer();
    const id = await openCustomerSession(db(), ada, null);
    await db().update(customers).set({ sessionVersion: ada.sessionVersion + 1 }).where(eq(customers.id, ada.id));
    expect(await sessionCustomer(db(), demo.id, id)).toBeNull();
    const bob = await customer();
    const bobs = await openCustomerSession(db(), bob, null);
    await db().update(customers).set({ status: "disabled" }).where(eq(customers.id, bob.id));
    expect(await sessionCustomer(db(), demo.id, bobs)).toBeNull();
  });

  it("writes last seen at most every 30 seconds, and ends a session idle for longer than its cookie lives", async () => {
    const ada = await customer();
    const id = await openCustomerSession(db(), ada, null);
    const opened = (await row(id)).lastSeenAt;
    await sessionCustomer(db(), demo.id, id, new Date(opened.getTime() + 10_000));
    expect((await row(id)).lastSeenAt).toEqual(opened);
    const later = new Date(opened.getTime() + 45_000);
    await sessionCustomer(db(), demo.id, id, later);
    expect((await row(id)).lastSeenAt).toEqual(later);
    const stale = new Date(later.getTime() + CUSTOMER_SESSION_SECONDS * 1000 + 1000);
    expect(await sessionCustomer(db(), demo.id, id, stale)).toBeNull();
    expect((await row(id)).endedAt).not.toBeNull();
  });

  it("lists the open sessions as devices, this one first and marked, without ids; ends the others on request, logged", async () => {
    const ada = await customer();
    const here = await openCustomerSession(db(), ada, { ip: "203.0.113.7", userAgent: CHROME_LINUX });
    await openCustomerSession(db(), ada, { ip: "198.51.100.8", userAgent: SAFARI_IPHONE });
    await openCustomerSession(db(), ada, { ip: null, userAgent: null });
    const ended = await openCustomerSession(db(), ada, null);
    await endCustomerSession(db(), ended);
    const bob = await customer();
    const bobs = await openCustomerSession(db(), bob, null);

    const context = (await sessionCustomer(db(), demo.id, here))!;
    const devices = await customerDevices(db(), context);
    expect(devices).toHaveLength(3);
    expect(devices[0]).toMatchObject({ browser: "Chrome on Linux", ip: "203.0.113.7", current: true });
    expect(devices.slice(1).map((device) => device.browser).sort()).toEqual(["Safari on iPhone", "Unknown browser"]);
    expect(devices.filter((device) => device.current)).toHaveLength(1);
    expect(JSON.stringify(devices)).not.toContain(here);

    expect(await signOutOtherCustomerSessions(db(), context, "203.0.113.7")).toBe(2);
    expect(await customerDevices(db(), context)).toEqual([expect.objectContaining({ current: true })]);
    expect(await sessionCustomer(db(), demo.id, here)).not.toBeNull();
    expect(await sessionCustomer(db(), demo.id, bobs)).not.toBeNull();
    expect(await signOutOtherCustomerSessions(db(), context, "203.0.113.7")).toBe(0);
    const log = await db()
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.customerId, ada.id), eq(activityLog.action, "customer.signed-out-elsewhere")));
    expect(log.map((entry) => entry.details)).toEqual(expect.arrayContaining([{ sessions: 2 }, { sessions: 0 }]));
    expect(log[0]).toMatchObject({ shopId: demo.id, ip: "203.0.113.7", actorType: "customer" });
    expect(JSON.stringify(log)).not.toContain(here);
  });

  it("does not list sessions from before a password reset, nor ones idle past their lifetime", async () => {
    const ada = await customer();
    const old = await openCustomerSession(db(), ada, null);
    await db().update(customers).set({ sessionVersion: ada.sessionVersion + 1 }).where(eq(customers.id, ada.id));
    const here = await openCustomerSession(db(), { ...ada, sessionVersion: ada.sessionVersion + 1 }, null);
    const stale = await openCustomerSession(db(), { ...ada, sessionVersion: ada.sessionVersion + 1 }, null);
    await db()
      .update(customerSessions)
      .set({ lastSeenAt: new Date(Date.now() - CUSTOMER_SESSION_SECONDS * 1000 - 60_000) })
      .where(eq(customerSessions.id, stale));
    const context = (await sessionCustomer(db(), demo.id, here))!;
    expect(await customerDevices(db(), context)).toHaveLength(1);
    expect(old).not.toBe(here);
  });

  it("ends every session of a customer at once (reset, generated password, deactivation)", async () => {
    const ada = await customer();
    const ids = [await openCustomerSession(db(), ada, null), await openCustomerSession(db(), ada, null)];
    await endAllCustomerSessions(db(), ada.id);
    for (const id of ids) expect(await sessionCustomer(db(), demo.id, id)).toBeNull();
  });
});
