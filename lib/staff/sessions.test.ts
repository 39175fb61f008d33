import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activityLog, staffSessions } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { authenticateStaff, backOfficeBranding, createStaffUser, endStaffSession, signOutOtherStaffSessions, staffDevices, validateStaffSession } from "./users";

const office = { branding: backOfficeBranding("http://localhost:3000"), ip: null };
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

describeOnDatabases("business users' sessions", (db) => {
  let counter = 0;

  async function staffWithPassword() {
    const email = `sessions${++counter}-${Date.now()}@example.com`;
    const created = await createStaffUser(db(), null, { email, name: "Grace", roles: ["customer_service"] }, office);
    if (!created.ok) throw new Error("could not create");
    return { email, password: created.password };
  }

  async function signIn(credentials: { email: string; password: string }, client: { ip: string | null; userAgent: string | null } | null) {
    const result = await authenticateStaff(db(), credentials, client);
    if (!result.ok) throw new Error(`could not sign in: ${result.reason}`);
    return result;
  }

  it("records the client of each sign-in; lists open sessions as devices, this one marked, without ids", async () => {
    const grace = await staffWithPassword();
    const here = await signIn(grace, { ip: "203.0.113.20", userAgent: "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/142.0.0.0 Safari/537.36" });
    const there = await signIn(grace, { ip: "198.51.100.21", userAgent: FIREFOX });
    const signedOut = await signIn(grace, null);
    await endStaffSession(db(), signedOut.sessionId);
    const [row] = await db().select().from(staffSessions).where(eq(staffSessions.id, there.sessionId));
    expect(row).toMatchObject({ ip: "198.51.100.21", userAgent: FIREFOX });

    const devices = await staffDevices(db(), here, 30);
    expect(devices).toHaveLength(2);
    expect(devices[0]).toMatchObject({ browser: "Chrome on Linux", ip: "203.0.113.20", current: true });
    expect(devices[1]).toMatchObject({ browser: "Firefox on Windows", ip: "198.51.100.21", current: false });
    expect(JSON.stringify(devices)).not.toContain(here.sessionId);
    expect(JSON.stringify(devices)).not.toContain(there.sessionId);
  });

  it("does not list sessions idle past the back office's limit", async () => {
    const grace = await staffWithPassword();
    const here = await signIn(grace, null);
    const idle = await signIn(grace, null);
    await db().update(staffSessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(staffSessions.id, idle.sessionId));
    expect(await staffDevices(db(), here, 30)).toHaveLength(1);
  });

  it("sign out everywhere else ends only the user's other sessions, and is logged with how many", async () => {
    const grace = await staffWithPassword();
    const here = await signIn(grace, { ip: "203.0.113.30", userAgent: null });
    const there = await signIn(grace, null);
    const third = await signIn(grace, null);
    const someoneElse = await signIn(await staffWithPassword(), null);

    expect(await signOutOtherStaffSessions(db(), here, "203.0.113.30")).toBe(2);
    expect(await validateStaffSession(db(), here.sessionId, 30)).not.toBeNull();
    expect(await validateStaffSession(db(), there.sessionId, 30)).toBeNull();
    expect(await validateStaffSession(db(), third.sessionId, 30)).toBeNull();
    expect(await validateStaffSession(db(), someoneElse.sessionId, 30)).not.toBeNull();
    expect(await staffDevices(db(), here, 30)).toEqual([expect.objectContaining({ current: true })]);
    expect(await signOutOtherStaffSessions(db(), here, "203.0.113.30")).toBe(0);

    const log = await db()
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.staffId, here.staff.id), eq(activityLog.action, "staff.signed-out-elsewhere")));
    expect(log.map((entry) => entry.details)).toEqual(expect.arrayContaining([{ sessions: 2 }, { sessions: 0 }]));
    expect(log[0]).toMatchObject({ actorId: here.staff.id, ip: "203.0.113.30" });
    expect(JSON.stringify(log)).not.toContain(there.sessionId);
  });

  it("sign-out ends the session: its id no longer validates", async () => {
    const grace = await staffWithPassword();
    const here = await signIn(grace, null);
    expect(await validateStaffSession(db(), here.sessionId, 30)).not.toBeNull();
    await endStaffSession(db(), here.sessionId);
    expect(await validateStaffSession(db(), here.sessionId, 30)).toBeNull();
  });
});
