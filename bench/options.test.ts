import { describe, expect, it } from "vitest";
import { parseOptions } from "./options";

describe("bench options", () => {
  it("a full run by default: a build, a million contacts, 2,000 timings per kind", () => {
    expect(parseOptions([])).toMatchObject({ quick: false, build: true, contacts: 1_000_000, timingSamples: 2000, loadSeconds: 20 });
  });

  it("--quick shortens every part; --contacts and --no-build still apply", () => {
    expect(parseOptions(["--quick"])).toMatchObject({ quick: true, contacts: 10_000, timingSamples: 300, loadSeconds: 5 });
    expect(parseOptions(["--quick", "--no-build", "--contacts", "50_000"])).toMatchObject({ build: false, contacts: 50_000 });
    expect(parseOptions(["--contacts=0"]).contacts).toBe(0);
  });

  it("refuses what it does not know, with the usage", () => {
    expect(() => parseOptions(["--fast"])).toThrow(/Usage: npm run bench/);
    expect(() => parseOptions(["--contacts", "many"])).toThrow(/whole number/);
    expect(() => parseOptions(["--contacts", "20000000"])).toThrow(/at most/);
  });
});
