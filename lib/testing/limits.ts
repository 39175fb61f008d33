import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Moves every limit window and block into the past, as if the time had passed. */
export async function limitTimePasses(db: Db, seconds: number): Promise<void> {
  await db.execute(sql`update rate_limits set window_start = window_start - make_interval(secs => ${seconds}),
    blocked_until = blocked_until - make_interval(secs => ${seconds})`);
}
