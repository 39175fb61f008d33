// Office › Contacts at scale (SPEC §8): the type-ahead query set, its timing through searchContacts(), and the same
// set as /admin/contacts page requests. Shared by `npm run bench` and `npm run bench:contacts`.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, shops } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { searchContacts, type ContactFilter } from "@/lib/accounts/contacts";

type Sample = { email: string; firstName: string; lastName: string };
export type Case = { kind: string; filter: ContactFilter; label: string };
export type Timing = Case & { ms: number[]; total: number };

/** Small deterministic PRNG: the same database gives the same query set on every run. */
export function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/** A few hundred real contacts spread over the table, the raw material of the type-ahead queries. */
export async function sampleContacts(db: Db, total: number): Promise<Sample[]> {
  const percent = Math.min(100, Math.max(0.01, (3000 / total) * 100));
  const result = await db.execute(sql`
    select email, first_name as "firstName", last_name as "lastName"
    from customers tablesample system (${sql.raw(percent.toFixed(4))}) repeatable (8)
    limit 400`);
  const rows = rowsOf<Sample>(result);
  return rows.length > 0 ? rows : db.select({ email: customers.email, firstName: customers.firstName, lastName: customers.lastName }).from(customers).limit(400);
}

/** Type-ahead terms as an agent types them: 3–8 characters of addresses and names that exist, and some that do not. */
export function buildTerms(samples: Sample[]): Record<string, string[]> {
  const pick = randomSource(20260801);
  const take = (make: (sample: Sample) => string | null, howMany = 6): string[] => {
    const terms = new Set<string>();
    for (let attempt = 0; terms.size < howMany && attempt < 500; attempt++) {
      const term = make(samples[pick(samples.length)])?.trim();
      if (term && term.length >= 3) terms.add(term);
    }
    return [...terms];
  };
  const localPart = (sample: Sample) => sample.email.split("@")[0].replace(/\d+$/, "");
  return {
    "email prefix": take((sample) => sample.email.slice(0, 3 + pick(6))),
    "email fragment": take((sample) => {
      const local = localPart(sample);
      const length = 4 + pick(4);
      if (local.length < length + 1) return null;
      const start = 1 + pick(local.length - length);
      return local.slice(start, start + length);
    }),
    "name prefix": take((sample) => {
      const prefix = sample.firstName.slice(0, 3 + pick(4));
      return pick(2) ? prefix : prefix.toLowerCase();
    }),
    "name fragment": take((sample) => {
      const name = `${sample.firstName} ${sample.lastName}`;
      const length = 4 + pick(5);
      if (name.length < length) return null;
      const start = pick(name.length - length + 1);
      return name.slice(start, start + length);
    }),
    surname: take((sample) => sample.lastName),
    "very common": ["son", "mail", "ann", "mar", "gmail", "ber"],
    "no match": ["zzqx", "qxjvw", "xyzzy", "nobody.matches", "wkrpt@", "ßßß"],
  };
}

/** Each term alone and with one of the filters (shop, status, customer type), the browse pages, and page 2 of the busy ones. */
export async function buildCases(db: Db, terms: Record<string, string[]>): Promise<Case[]> {
  const shopRows = await db.select({ id: shops.id, code: shops.code }).from(shops);
  const shopId = (code: string) => shopRows.find((shop) => shop.code === code)?.id;
  const filters: { filter: ContactFilter; label: string }[] = [
    { filter: { shopId: shopId("classic") }, label: "shop=classic" },
    { filter: { status: "pending" }, label: "status=pending" },
    { filter: { shopId: shopId("demo"), status: "active" }, label: "shop=demo,status=active" },
    { filter: { status: "disabled" }, label: "status=disabled" },
    { filter: { shopId: shopId("demo"), customerType: "B2B" }, label: "shop=demo,type=B2B" },
  ];
  const cases: Case[] = [];
  const add = (kind: string, q: string | undefined, index: number) => {
    cases.push({ kind, filter: { q }, label: q ?? "" });
    const { filter, label } = filters[index % filters.length];
    cases.push({ kind: `${kind} + filter`, filter: { ...filter, q }, label: `${q ?? ""} [${label}]` });
  };
  filters.forEach((_, index) => add("browse (no q)", undefined, index));
  for (const [kind, list] of Object.entries(terms)) list.forEach((q, index) => add(kind, q, index));
  // Page 2: the cursor of page 1, for the terms with many matches.
  const paged = [...terms["very common"], ...terms.surname, ...terms["name prefix"]];
  for (const base of cases.filter((candidate) => candidate.kind.startsWith("browse") || paged.includes(candidate.filter.q ?? ""))) {
    const first = await searchContacts(db, base.filter, null);
    if (first.next) {
      cases.push({ kind: base.kind.endsWith("+ filter") ? "page 2 + filter" : "page 2", filter: { ...base.filter, after: first.next }, label: `${base.label} (page 2)` });
    }
  }
  return cases;
}

/** Every case once to warm up (plans, connections, cache), then `rounds` rounds, one query at a time. */
export async function measureSearch(db: Db, cases: Case[], rounds: number): Promise<Timing[]> {
  const timings: Timing[] = cases.map((item) => ({ ...item, ms: [], total: 0 }));
  for (const timing of timings) await searchContacts(db, timing.filter, null);
  for (let round = 0; round < rounds; round++) {
    for (const timing of timings) {
      const started = performance.now();
      const page = await searchContacts(db, timing.filter, null);
      timing.ms.push(performance.now() - started);
      timing.total = page.more ? 1001 : page.total;
    }
  }
  return timings;
}

/** The page URL an agent's browser requests for a case: the contacts page's GET form fields. */
export function pagePath(filter: ContactFilter): string {
  const fields: [string, string | undefined][] = [
    ["q", filter.q],
    ["shop", filter.shopId],
    ["status", filter.status],
    ["type", filter.customerType],
    ["after", filter.after],
  ];
  const query = new URLSearchParams(fields.filter((field): field is [string, string] => Boolean(field[1])));
  const search = query.toString();
  return `/admin/contacts${search ? `?${search}` : ""}`;
}
