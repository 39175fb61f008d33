import { sql } from "drizzle-orm";
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
    // By the database's clock, whatever order it served them in: 50 ms × 1.05 apart, or further when the takers came
    // slower than that (a loaded machine) and the budget stood idle between them.
    const gaps = times.slice(1).map((time, i) => time - times[i]);
    expect(Math.min(...gaps)).toBeGreaterThan(52.5 - 0.5);
    expect(gaps.filter((gap) => Math.abs(gap - 52.5) < 0.5).length, `gaps ${gaps.join(", ")}`).toBeGreaterThan(0);
    // The first slot is now; each caller is told how long to wait for its own.
    const waits = slots.map((slot) => (slot.ok ? slot.waitMs : NaN)).sort((a, b) => a - b);
    expect(waits[0]).toBeLessThan(500);
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

  it("a slot taken while every connection is busy is not sent before it comes", async () => {
    const before = Date.now();
    await db().insert(mailSendBudget).values({ provider: "resend", nextSlotAt: sql`now() + interval '600 milliseconds'` });
    // Twelve sleeps take the pool's ten connections (PGlite's only one): the slot's query waits 400 ms for one.
    const until = new Date(before + 400).toISOString();
    const busy = Promise.all(Array.from({ length: 12 }, () => db().execute(sql`select pg_sleep_until(${until}::timestamptz)`)));
    const slot = await takeSendSlot(db(), 10, 5_000);
    await busy;
    expect(slot.ok).toBe(true);
    if (slot.ok) expect(slot.sendAt - before).toBeGreaterThanOrEqual(600);
  });

  it("a hold never shortens a longer one", async () => {
    await holdSendBudget(db(), 10);
    await holdSendBudget(db(), 1);
    expect(await takeSendSlot(db(), 5, 2_000)).toMatchObject({ ok: false, waitSeconds: 10 });
  });
});
