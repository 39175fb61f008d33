import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountTokens, type AccountToken, type TokenPurpose } from "@/db/schema";

/** 32 bytes from the CSPRNG = 256 bits, base64url without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Rejects anything that cannot be one of our tokens before it reaches the database. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

type IssueInput = { customerId: string; email: string; purpose: TokenPurpose; ttlMinutes: number; now?: Date };

/** Issues a new token of a purpose, superseding the customer's earlier ones; returns the raw token (never stored). */
export async function issueAccountToken(tx: Db, input: IssueInput): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.ttlMinutes * 60_000);
  await tx
    .update(accountTokens)
    .set({ supersededAt: now })
    .where(
      and(
        eq(accountTokens.customerId, input.customerId),
        eq(accountTokens.purpose, input.purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.supersededAt),
      ),
    );
  await tx.insert(accountTokens).values({
    tokenHash: hashToken(token),
    customerId: input.customerId,
    email: input.email,
    purpose: input.purpose,
    expiresAt,
    createdAt: now,
  });
  return { token, expiresAt };
}

export type TokenState = "usable" | "used" | "expired" | "superseded";

export function tokenState(row: AccountToken, now = new Date()): TokenState {
  if (row.usedAt) return "used";
  if (row.supersededAt) return "superseded";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "usable";
}

/** Looks a token up by its hash and purpose, locking the row so that only one request can use it. */
export async function findTokenForUpdate(tx: Db, token: string, purpose: TokenPurpose): Promise<AccountToken | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await tx
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
    .for("update");
  return row ?? null;
}

export async function markTokenUsed(tx: Db, id: string, now = new Date()): Promise<void> {
  await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, id));
}
