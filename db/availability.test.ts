import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { connectionClosed, databaseAvailable, watchDatabase } from "./availability";

// The whole path through a real relay and a production build is e2e/database-outage.spec.ts; this is the timing.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("probes once after a connection closed, refuses at once while the database is down, and recovers by itself", async () => {
  let answers = true;
  const probe = vi.fn(async () => {
    if (!answers) throw new Error("ECONNREFUSED");
  });
  watchDatabase(probe);

  expect(await databaseAvailable()).toBe(true);
  expect(probe).not.toHaveBeenCalled();

  connectionClosed();
  answers = false;
  expect(await Promise.all([databaseAvailable(), databaseAvailable(), databaseAvailable()])).toEqual([false, false, false]);
  expect(probe).toHaveBeenCalledTimes(1);
  expect(await databaseAvailable()).toBe(false);
  expect(probe).toHaveBeenCalledTimes(1);

  await vi.advanceTimersByTimeAsync(1000);
  expect(probe).toHaveBeenCalledTimes(2);
  expect(await databaseAvailable()).toBe(false);

  answers = true;
  await vi.advanceTimersByTimeAsync(1000);
  expect(await databaseAvailable()).toBe(true);
  await vi.advanceTimersByTimeAsync(5000);
  expect(probe).toHaveBeenCalledTimes(3);
});
