// The people the bench signs in as and asks reset links for, inserted directly with the app's password hasher:
// active Demo Shop customers and active business users with permanent passwords.
import { hashPassword } from "@/lib/passwords/hash";
import type { Sql } from "./databases";

export type Account = { email: string; password: string };

export type Seeded = {
  /** Storefront customers, each with a password of their own. */
  shoppers: Account[];
  /** Business users for the back-office sign-in, each with a password of their own. */
  staff: Account[];
  /** The business user (all roles, all shops) whose session reads Office › Contacts. */
  admin: Account;
  /** Active customers without a known password: forgot-password requests for known e-mails, one request each. */
  resetEmails: string[];
};

export const benchDomain = "bench.example.com";
const shopperEmail = (n: number) => `shopper-${n}@${benchDomain}`;
const staffEmail = (n: number) => `staff-${n}@${benchDomain}`;
export const adminAccount: Account = { email: `bench-admin@${benchDomain}`, password: "Bench-admin-password-2026" };

/** Hashes with at most `parallel` at once: the library's thread pool does the work either way. */
async function hashAll(passwords: string[], parallel = 8): Promise<string[]> {
  const hashes: string[] = new Array(passwords.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < passwords.length) {
        const index = next++;
        hashes[index] = await hashPassword(passwords[index]);
      }
    }),
  );
  return hashes;
}

async function demoShopId(sql: Sql): Promise<string> {
  const [demo] = await sql`select id from shops where code = 'demo'`;
  if (!demo) throw new Error("The demo shop is missing: the database was not seeded by the app's migrations");
  return demo.id as string;
}

/** Business users with permanent passwords and every role, created or brought back to that state. */
export async function upsertStaff(sql: Sql, accounts: Account[]): Promise<void> {
  const hashes = await hashAll(accounts.map((account) => account.password));
  const rows = accounts.map((account, index) => ({
    email: account.email,
    name: account.email.split("@")[0],
    password_hash: hashes[index],
  }));
  await sql`
    insert into staff_users (email, name, roles, password_hash, password_temporary, status, shop_ids)
    select email, name, '{customer_service,user_manager,shop_admin}'::text[], password_hash, false, 'active', null
    from jsonb_populate_recordset(null::staff_users, ${sql.json(rows)})
    on conflict (lower(email)) do update set password_hash = excluded.password_hash, password_temporary = false,
      temporary_expires_at = null, status = 'active', roles = excluded.roles, shop_ids = null`;
}

/** Seeds the fresh database: `shoppers` and `staff` with passwords of their own, `resets` customers for forgot-password. */
export async function seedPeople(sql: Sql, counts: { shoppers: number; staff: number; resets: number }): Promise<Seeded> {
  const shopId = await demoShopId(sql);
  const shoppers = Array.from({ length: counts.shoppers }, (_, n) => ({ email: shopperEmail(n), password: `Shopper-${n}-horse-battery` }));
  const hashes = await hashAll(shoppers.map((account) => account.password));
  const rows = shoppers.map((account, index) => ({ email: account.email, password_hash: hashes[index] }));
  await sql`
    insert into customers (shop_id, customer_type, email, first_name, last_name, password_hash, status, activated_at)
    select ${shopId}::uuid, 'B2C', email, 'Bench', 'Shopper', password_hash, 'active', now()
    from jsonb_populate_recordset(null::customers, ${sql.json(rows)})`;

  // Real accounts whose password nobody needs: one shared hash, inserted in one statement.
  const [unusedHash] = await hashAll([`unused-${Date.now()}`]);
  await sql`
    insert into customers (shop_id, customer_type, email, first_name, last_name, password_hash, status, activated_at)
    select ${shopId}::uuid, 'B2C', 'reset-' || n || ${`@${benchDomain}`}, 'Bench', 'Reset', ${unusedHash}, 'active', now()
    from generate_series(0, ${counts.resets - 1}::int) as n`;
  const resetEmails = Array.from({ length: counts.resets }, (_, n) => `reset-${n}@${benchDomain}`);

  const staff = Array.from({ length: counts.staff }, (_, n) => ({ email: staffEmail(n), password: `Staff-${n}-correct-horse` }));
  await upsertStaff(sql, [adminAccount, ...staff]);
  await sql`vacuum (analyze) customers, staff_users`;
  return { shoppers, staff, admin: adminAccount, resetEmails };
}
