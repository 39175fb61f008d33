import { describe, expect, it } from "vitest";
import { acceptedLanguages, formatInstant, negotiateLocale, type Locale } from "./locales";

const all: Locale[] = ["en", "de", "ru", "uk"];

describe("acceptedLanguages", () => {
  it("orders ranges by weight, keeps the order of equal weights, and reads only the primary subtag", () => {
    expect(acceptedLanguages("uk-UA,uk;q=0.9,ru;q=0.8,en-US;q=0.7,en;q=0.6")).toEqual(["uk", "uk", "ru", "en", "en"]);
    expect(acceptedLanguages("en;q=0.5, de-AT")).toEqual(["de", "en"]);
    expect(acceptedLanguages("fr, de")).toEqual(["fr", "de"]);
  });

  it("drops refused (q=0), malformed and hostile ranges, and reads a bounded number of them", () => {
    expect(acceptedLanguages("de;q=0, ru")).toEqual(["ru"]);
    expect(acceptedLanguages("de;q=abc, ru;q=2, uk;q=1.5, <script>, en")).toEqual(["en"]);
    expect(acceptedLanguages("")).toEqual([]);
    expect(acceptedLanguages(null)).toEqual([]);
    expect(acceptedLanguages(`${"xx,".repeat(10_000)}de`)).toEqual(Array(20).fill("xx"));
  });
});

describe("negotiateLocale", () => {
  it("prefers the explicit choice, then Accept-Language, then the shop's default", () => {
    expect(negotiateLocale({ chosen: "uk", acceptLanguage: "de", offered: all, fallback: "en" })).toBe("uk");
    expect(negotiateLocale({ chosen: null, acceptLanguage: "de-DE,de;q=0.9,en;q=0.8", offered: all, fallback: "en" })).toBe("de");
    expect(negotiateLocale({ acceptLanguage: "fr-FR, it", offered: all, fallback: "ru" })).toBe("ru");
    expect(negotiateLocale({ offered: all, fallback: "en" })).toBe("en");
  });

  it("only ever answers a language the shop offers", () => {
    const offered: Locale[] = ["en", "de"];
    expect(negotiateLocale({ chosen: "uk", acceptLanguage: "ru, de;q=0.5", offered, fallback: "en" })).toBe("de");
    expect(negotiateLocale({ chosen: "../../etc", acceptLanguage: "*", offered, fallback: "de" })).toBe("de");
    // A default the shop no longer offers gives way to the first it does.
    expect(negotiateLocale({ acceptLanguage: "fr", offered: ["ru", "uk"], fallback: "en" })).toBe("ru");
  });
});

describe("formatInstant", () => {
  const instant = new Date("2026-03-14T15:30:45Z");
  it("writes an instant in each language's words, in UTC and saying so", () => {
    expect(formatInstant(instant, "en")).toBe("14 March 2026 at 15:30 UTC");
    expect(formatInstant(instant, "de")).toBe("14. März 2026 um 15:30 UTC");
    expect(formatInstant(instant, "ru")).toBe("14 марта 2026 г. в 15:30 UTC");
    expect(formatInstant(instant, "uk")).toBe("14 березня 2026 р. о 15:30 UTC");
    expect(formatInstant(instant, "de", { dateStyle: "medium", seconds: true })).toBe("14.03.2026, 15:30:45 UTC");
    // Whatever the server's own time zone, the time is UTC's.
    expect(formatInstant(new Date("2026-12-31T23:59:00Z"), "en", { dateStyle: "medium" })).toBe("31 Dec 2026, 23:59 UTC");
  });
});
