import { beforeEach, expect, it } from "vitest";
import { mailSendBudget } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { holdSendBudget, takeSendSlot } from "./rate-budget";

describeOnDatabases("the provider's shared request budget", (db) => {
  beforeEach(async () => {
    await db().delete(mailSendBudget);
  });

  it("gives 40 simultaneous takers 40 different slots, 1 / rate apart (plus the jitter margin)", async () => {
    const slots = await Promise.all(Array.from({ length: 40 }, () => takeSendSlot(db(), 20, 10_000)));
    const times = slots.map((slot) => {
      if (!slot.ok) throw new Error("every slot is within reach");
      return slot.at;
    });
    times.sort((a, b) => a - b);
    // By the database's clock, whatever order it served them in and however loaded the machine: 50 ms × 1.05.
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(52.5, 0);
    // The first slot is now, the last about two seconds on; each caller is told how long to wait for its own.
    const waits = slots.map((slot) => (slot.ok ? slot.waitMs : NaN)).sort((a, b) => a - b);
    expect(waits[0]).toBeLessThan(500);
    expect(waits.at(-1)!).toBeGreaterThan(39 * 52.5 - 500);
  });

  it("does not spend a slot beyond the caller's reach, and says how long to wait", async () => {
    await holdSendBudget(db(), 3);
    const refused = await takeSendSlot(db(), 5, 1_000);
    expect(refused).toEqual({ ok: false, waitSeconds: 3 });
    // Still the same slot for whoever can wait for it: the refusal took nothing.
    const taken = await takeSendSlot(db(), 5, 5_000);
    expect(taken.ok).toBe(true);
    if (taken.ok) {
      expect(taken.waitMs).toBeGreaterThan(2_500);
      expect(taken.waitMs).toBeLessThanOrEqual(3_000);
    }
    const next = await takeSendSlot(db(), 5, 5_000);
    if (next.ok) expect(next.waitMs).toBeGreaterThan(2_700);
    expect(next.ok).toBe(true);
  });

  it("a hold never shortens a longer one", async () => {
    await holdSendBudget(db(), 10);
    await holdSendBudget(db(), 1);
    expect(await takeSendSlot(db(), 5, 2_000)).toMatchObject({ ok: false, waitSeconds: 10 });
  });
});
