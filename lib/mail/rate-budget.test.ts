import { beforeEach, expect, it } from "vitest";
import { mailSendBudget } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { holdSendBudget, takeSendSlot } from "./rate-budget";

describeOnDatabases("the provider's shared request budget", (db) => {
  beforeEach(async () => {
    await db().delete(mailSendBudget);
  });

  it("gives 40 simultaneous takers 40 different slots, 1 / rate apart", async () => {
    const started = Date.now();
    const slots = await Promise.all(Array.from({ length: 40 }, () => takeSendSlot(db(), 20, 10_000)));
    // Each slot as a time on this clock: when the answer came plus the wait it names.
    const times = slots.map((slot) => {
      if (!slot.ok) throw new Error("every slot is within reach");
      return slot.waitMs;
    });
    const elapsed = Date.now() - started;
    times.sort((a, b) => a - b);
    expect(times[0]).toBeLessThan(elapsed + 50);
    // 39 gaps of 50 ms: the last taker waits about two seconds, whatever the order the database served them in.
    expect(times.at(-1)!).toBeGreaterThan(39 * 50 - elapsed - 50);
    expect(times.at(-1)!).toBeLessThan(39 * 50 + 100);
    // No two share a slot: sorted, each is about 50 ms after the one before (the statements' own clocks differ by ms).
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThan(25);
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
