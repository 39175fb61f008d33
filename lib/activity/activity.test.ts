import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { shops, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { activityActions, listActivity, pageActivity, recordActivity, type ActivityEntry } from "./index";

const viewerId = "00000000-0000-4000-8000-0000000000a1";
const otherStaffId = "00000000-0000-4000-8000-0000000000b2";

describeOnDatabases("activity log by shop scope", (db) => {
  let demo: Shop;
  let classic: Shop;
  const tag = `act${Date.now().toString(36)}`;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
    const entry = (action: string, extra: Partial<ActivityEntry>) =>
      recordActivity(db(), { action: `${tag}.${action}`, actorType: "staff", email: `${action}@example.com`, ...extra });
    await entry("demo-contact", { actorId: otherStaffId, shopId: demo.id });
    await entry("classic-contact", { actorId: otherStaffId, shopId: classic.id });
    await entry("other-sign-in", { actorId: otherStaffId, staffId: otherStaffId });
    await entry("own-sign-in", { actorId: viewerId, staffId: viewerId });
    await entry("own-reset", { actorId: otherStaffId, staffId: viewerId });
    await entry("anonymous", { actorType: "anonymous" });
  });

  const seen = async (shopIds: string[] | null, filter = {}) =>
    (await listActivity(db(), { id: viewerId, shopIds }, filter))
      .map((row) => row.action)
      .filter((action) => action.startsWith(tag))
      .map((action) => action.slice(tag.length + 1))
      .sort();

  it("shows everything to All shops", async () => {
    expect(await seen(null)).toEqual(["anonymous", "classic-contact", "demo-contact", "other-sign-in", "own-reset", "own-sign-in"]);
  });

  it("shows a limited user their shops' entries and, of the shop-less ones, only those about themselves", async () => {
    expect(await seen([classic.id])).toEqual(["classic-contact", "own-reset", "own-sign-in"]);
    expect(await seen([demo.id, classic.id])).toEqual(["classic-contact", "demo-contact", "own-reset", "own-sign-in"]);
    expect(await seen([])).toEqual(["own-reset", "own-sign-in"]);
    // A filter cannot reach past the scope.
    expect(await seen([classic.id], { action: `${tag}.demo-contact` })).toEqual([]);
    expect(await seen([classic.id], { person: "demo-contact@example.com" })).toEqual([]);
    const actions = (await activityActions(db(), { id: viewerId, shopIds: [classic.id] })).filter((action) => action.startsWith(tag));
    expect(actions).toEqual([`${tag}.classic-contact`, `${tag}.own-reset`, `${tag}.own-sign-in`]);
  });
});

describeOnDatabases("activity log pages", (db) => {
  const action = `pg${Date.now().toString(36)}.paged`;
  const viewer = { id: viewerId, shopIds: null };
  // Seven entries, three of them at the same instant: a page boundary inside a tie must neither repeat nor skip one.
  const times = ["2026-01-01T10:00:00Z", "2026-01-01T10:00:01Z", "2026-01-01T10:00:02Z", "2026-01-01T10:00:02Z", "2026-01-01T10:00:02Z", "2026-01-01T10:00:03Z", "2026-01-01T10:00:04Z"];

  beforeAll(async () => {
    for (const [index, at] of times.entries()) {
      await recordActivity(db(), { action, actorType: "anonymous", email: `n${index}@example.com`, at: new Date(at) });
    }
  });

  const walk = async (order?: "newest" | "oldest") => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = await pageActivity(db(), viewer, { action, order, after, size: 3 });
      expect(page.rows.length).toBeLessThanOrEqual(3);
      seen.push(...page.rows.map((row) => `${row.at.toISOString()}|${row.email}`));
      if (!page.next) return seen;
      after = page.next;
    }
    throw new Error("the pages never ended");
  };

  it("walks every entry once, newest first by default, in pages of the asked size", async () => {
    const newest = await walk();
    expect(newest).toHaveLength(7);
    expect(new Set(newest).size).toBe(7);
    const instants = newest.map((entry) => entry.split("|")[0]);
    expect(instants).toEqual([...instants].sort().reverse());
    expect(newest[0]).toMatch(/^2026-01-01T10:00:04/);
  });

  it("walks them oldest first when asked, the exact reverse of newest first", async () => {
    const oldest = await walk("oldest");
    expect(oldest).toEqual([...(await walk())].reverse());
  });

  it("reads a cursor that is not one as the first page", async () => {
    const first = await pageActivity(db(), viewer, { action, size: 3 });
    const forged = await pageActivity(db(), viewer, { action, size: 3, after: "not-a-cursor" });
    expect(forged.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(first.next).not.toBeNull();
  });
});
