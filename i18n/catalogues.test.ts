import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isTagElement, parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { flattenMessages } from "./flatten";
import { locales } from "./locales";

/**
 * Every catalogue a language has must say everything the English one of the same area says, with the same
 * placeholders ({shop}, {email}, …), and nothing English does not: a missing key would show a key to a person, a lost
 * placeholder would drop a shop's name or an address from a sentence.
 */
const folder = (locale: string) => path.join(process.cwd(), "messages", locale);
const read = (locale: string, file: string) => JSON.parse(readFileSync(path.join(folder(locale), file), "utf8")) as Record<string, unknown>;

/** The names of a message's arguments (`{shop}`, and `{count, plural, …}` as `count`) and rich-text tags (`<link>`), read by the ICU parser next-intl uses. */
function argumentsOf(text: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (isTagElement(element)) {
        found.add(`<${element.value}>`);
        walk(element.children);
      } else if ("value" in element && element.type !== TYPE.literal) {
        found.add(element.value);
        if ("options" in element) for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(parse(text));
  return [...found].sort();
}

const englishFiles = readdirSync(folder("en")).filter((file) => file.endsWith(".json"));

describe.each(locales.filter((locale) => locale !== "en"))("the %s catalogues", (locale) => {
  const files = existsSync(folder(locale)) ? readdirSync(folder(locale)).filter((file) => file.endsWith(".json")) : [];

  it("are exactly the areas English has: none missing, none extra", () => {
    expect([...files].sort()).toEqual([...englishFiles].sort());
  });

  it.each(files)("%s has every key of English, no other, with the same arguments, none left empty or in English", (file) => {
    const english = flattenMessages(read("en", file));
    const translated = flattenMessages(read(locale, file));
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of translated) {
      expect({ key, arguments: argumentsOf(text) }).toEqual({ key, arguments: argumentsOf(english.get(key)!) });
      expect({ key, empty: text.trim() === "" }).toEqual({ key, empty: false });
      // Every plural names each of the language's forms ("1 минуту", "3 минуты", "5 минут"): one, few, many, other in Russian.
      const plurals = text.split(/,\s*plural\s*,/).length - 1;
      for (const form of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
        const given = text.match(new RegExp(`(^|[\\s}])${form}\\s*\\{`, "g"))?.length ?? 0;
        expect({ key, form, given: Math.min(given, plurals) }).toEqual({ key, form, given: plurals });
      }
      // A sentence left as it was in English (short words such as "OK" or a brand may stay).
      if (english.get(key)!.length > 12) expect({ key, text }).not.toEqual({ key, text: english.get(key) });
    }
  });
});

describe("argumentsOf", () => {
  it("names simple and plural arguments once each", () => {
    expect(argumentsOf("{count, plural, one {# minute} other {# minutes}} at {shop} for {email} at {shop}")).toEqual(["count", "email", "shop"]);
    expect(argumentsOf("New here? <link>Create an account</link>.")).toEqual(["<link>"]);
    // A plural's words are not arguments, however short: `one {contact}` names none.
    expect(argumentsOf("{total, plural, one {contact} other {contacts}}")).toEqual(["total"]);
  });
});
