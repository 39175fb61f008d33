import { parseArgs } from "node:util";

export type Options = {
  quick: boolean;
  build: boolean;
  /** Contacts in the Office › Contacts database (0: that part is skipped). */
  contacts: number;
  /** Seconds of each load measurement, after `warmupSeconds` not counted. */
  loadSeconds: number;
  warmupSeconds: number;
  /** Seconds of each bare argon2id measurement. */
  verifySeconds: number;
  /** Forgot-password requests per kind (known, unknown) in the timing comparison. */
  timingSamples: number;
  searchRounds: number;
  pageRounds: number;
};

export const usage = `Usage: npm run bench [-- --quick] [--no-build] [--contacts N]

  --quick        a shorter run for development (under 5 minutes with --no-build): 5 s per load measurement,
                 300 + 300 forgot-password timings, 10,000 contacts
  --no-build     use the existing production build in .next-bench/ instead of running next build
  --contacts N   Office › Contacts at N contacts (default 1000000, --quick 10000; 0 skips it). The database
                 sfa_bench_contacts_N is seeded once and kept for later runs.`;

function whole(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const raw = value.replace(/[_,]/g, "");
  if (!/^\d+$/.test(raw)) throw new RangeError(`--${name} must be a whole number; got "${value}".\n\n${usage}`);
  return Number(raw);
}

export function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { quick: { type: "boolean" }, "no-build": { type: "boolean" }, contacts: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    });
  } catch (error) {
    throw new RangeError(`${(error as Error).message}\n\n${usage}`);
  }
  const { values } = parsed;
  if (values.help) throw new RangeError(usage);
  const quick = values.quick ?? false;
  const contacts = whole(values.contacts, "contacts") ?? (quick ? 10_000 : 1_000_000);
  if (contacts > 10_000_000) throw new RangeError(`--contacts is at most 10,000,000; got ${contacts.toLocaleString("en")}.`);
  return {
    quick,
    build: !values["no-build"],
    contacts,
    loadSeconds: quick ? 5 : 20,
    warmupSeconds: quick ? 1 : 3,
    verifySeconds: quick ? 4 : 10,
    timingSamples: quick ? 300 : 2000,
    searchRounds: quick ? 3 : 10,
    pageRounds: quick ? 1 : 3,
  };
}
