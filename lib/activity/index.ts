import type { Db } from "@/db/client";
import { activityLog } from "@/db/schema";

export type ActivityEntry = typeof activityLog.$inferInsert;

/** The security log of SPEC §7: who did what to whom, when and from where. Never pass secrets in details. */
export async function recordActivity(db: Db, entry: ActivityEntry): Promise<void> {
  await db.insert(activityLog).values(entry);
}
