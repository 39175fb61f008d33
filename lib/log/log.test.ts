import { inspect } from "node:util";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { customers, shops, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { searchContacts } from "@/lib/accounts/contacts";
import { describeError, redactConsole } from "./index";

const MARKER = "hx-marker-4711";

/** What a console would have printed, joined the way util.format would. */
function capture(): { console: Console; printed: () => string } {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg))).join(" "));
  const target = { error: record, warn: record, log: record, info: record } as unknown as Console;
  return { console: target, printed: () => lines.join("\n") };
}

// Issue 10, defect 5: the server log recorded whole SQL parameters, typed e-mails included.
describeOnDatabases("errors are logged without the values that were submitted", (db) => {
  let demo: Shop;
  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
  });

  const failure = async (query: () => Promise<unknown>): Promise<unknown> => {
    try {
      await query();
    } catch (error) {
      return error;
    }
    throw new Error("The query was expected to fail");
  };

  it("a query that PostgreSQL refuses (a NUL in an e-mail) is logged by name, code and SQL, without its parameters", async () => {
    const error = await failure(() => db().select().from(customers).where(eq(customers.email, `${MARKER}\u0000@example.com`)));
    // Today's logging: the error as printed holds the e-mail.
    expect(inspect(error)).toContain(MARKER);
    const line = describeError(error);
    expect(line).not.toContain(MARKER);
    expect(line).toMatch(/^DrizzleQueryError: Failed query: select .*"customers"/);
    expect(line).toMatch(/Caused by: DatabaseError \[22021\]/);
  });

  it("a unique violation is logged without its detail, which quotes the duplicate value", async () => {
    const email = `${MARKER}@example.com`;
    const row = { shopId: demo.id, customerType: "B2C", email, firstName: "A", lastName: "B", status: "pending" as const };
    await db().insert(customers).values(row);
    const error = await failure(() => db().insert(customers).values(row));
    expect(inspect(error)).toContain(MARKER);
    const line = describeError(error);
    expect(line).not.toContain(MARKER);
    expect(line).toMatch(/\[23505 customers_\S+\]/);
  });

  it("a cast that quotes its input is logged without it", async () => {
    const error = await failure(() => db().execute(sql`select ${MARKER}::uuid`));
    expect(describeError(error)).not.toContain(MARKER);
    expect(describeError(error)).toContain("22P02");
  });

  it("the console, as Next.js and next-auth use it, prints such errors and their stacks redacted", async () => {
    const error = await failure(() => db().select().from(customers).where(eq(customers.email, `${MARKER}\u0000`)));
    const { console: target, printed } = capture();
    redactConsole(target);
    target.error(" ⨯", error);
    target.error("[auth][cause]:", (error as Error).stack);
    target.warn(new Error("wrapped", { cause: error }));
    expect(printed()).toContain("Failed query");
    expect(printed()).not.toContain(MARKER);
  });

  it("a contacts search for text with a NUL finds nothing instead of failing", async () => {
    const page = await searchContacts(db(), { q: `${MARKER}\u0000`, customerType: "B2C\u0000" }, null);
    expect(page.rows.map((contact) => contact.email)).toEqual([`${MARKER}@example.com`]);
  });
});

describe("errors without a database", () => {
  it("a JSON parse error does not repeat the text it could not parse", () => {
    let error: unknown;
    try {
      JSON.parse(`${MARKER} is not json`);
    } catch (caught) {
      error = caught;
    }
    expect(describeError(error)).toMatch(/^SyntaxError: /);
    expect(describeError(error)).not.toContain(MARKER);
  });
});
