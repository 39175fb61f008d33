import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { shops, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { activityActions, listActivity, recordActivity, type ActivityEntry } from "./index";

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
