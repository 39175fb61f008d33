import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findInlineStrings, isLanguage } from "./inline-strings";

const root = path.resolve(import.meta.dirname, "..");

const sourcesUnder = (folder: string) =>
  readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(folder, file));

/**
 * Everything a person sees: the storefront, the back office, the pages Next shows, and every shared component. Only the
 * developer's local mailbox (app/dev, never served in production) stays in English.
 */
const shownFiles = [...sourcesUnder("app").filter((file) => !file.startsWith(path.join("app", "dev"))), ...sourcesUnder("components")];

describe("inline strings", () => {
  it("finds text, shown strings and visible props, and leaves keys, class names, codes and punctuation alone", () => {
    const source = `
      export function Page({ ok }: { ok: boolean }) {
        return (
          <section className="max-w-md space-y-6" aria-label="Account">
            <p>Hello there</p>
            <p>{ok ? "All done" : t("failed")}</p>
            <Field label={"Email"} autoComplete="new-password" placeholder="name@example.com" />
            <a href="/register" title={t("register")}>{t("createAccount")} ✓ — ; .</a>
          </section>
        );
      }
      const state = { formError: \`Please wait \${seconds} seconds.\` };
    `;
    expect(findInlineStrings("page.tsx", source).map(({ line, text }) => `${line}: ${text}`)).toEqual([
      "4: Account",
      "5: Hello there",
      "6: All done",
      "7: Email",
      "7: name@example.com",
      "12: Please wait   seconds.",
    ]);
    expect(["—", "✓", ";", "/forgot-password", "https://example.com/a", "user-controlled", "field-email"].filter(isLanguage)).toEqual([]);
  });

  it("none are left on any page or component: their words come from the catalogue (messages/en)", () => {
    expect(shownFiles.length).toBeGreaterThan(100);
    const found = shownFiles.flatMap((file) => findInlineStrings(file, readFileSync(path.join(root, file), "utf8")));
    expect(found.map(({ file, line, text }) => `${file}:${line} ${text}`)).toEqual([]);
  });
});
