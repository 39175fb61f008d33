/**
 * Whether PostgreSQL answers, as this process last saw it. The database layer reports every connection that closes
 * (a stopped or unreachable server closes them all); the next request then waits for one probe, and while the probe
 * fails requests are refused at once and a probe runs every second until the database answers again. Kept on
 * globalThis: proxy.ts and the routes are separate bundles of one process.
 */
type Availability = {
  probe: (() => Promise<unknown>) | null;
  state: "up" | "suspect" | "down";
  checking: Promise<boolean> | null;
  retry: ReturnType<typeof setTimeout> | null;
};

const PROBE_INTERVAL_MS = 1000;

const holder = globalThis as typeof globalThis & { storefrontDatabaseAvailability?: Availability };

function availability(): Availability {
  holder.storefrontDatabaseAvailability ??= { probe: null, state: "up", checking: null, retry: null };
  return holder.storefrontDatabaseAvailability;
}

/** Called by the database layer once it is open: how to ask the server whether it answers. */
export function watchDatabase(probe: () => Promise<unknown>): void {
  const watched = availability();
  watched.probe = probe;
  watched.state = "up";
}

/** Called by the database layer whenever one of its connections closes. */
export function connectionClosed(): void {
  const watched = availability();
  if (watched.state === "up") watched.state = "suspect";
}

function check(watched: Availability): Promise<boolean> {
  watched.checking ??= (watched.probe ?? (async () => {}))()
    .then(
      () => true,
      () => false,
    )
    .then((answered) => {
      watched.checking = null;
      watched.state = answered ? "up" : "down";
      if (!answered && !watched.retry) {
        watched.retry = setTimeout(() => {
          watched.retry = null;
          void check(watched);
        }, PROBE_INTERVAL_MS);
        watched.retry.unref?.();
      }
      return answered;
    });
  return watched.checking;
}

/** False while the database is known not to answer; after a connection closed, one probe decides. */
export async function databaseAvailable(): Promise<boolean> {
  const watched = availability();
  if (!watched.probe || watched.state === "up") return true;
  if (watched.state === "down") return false;
  return check(watched);
}
