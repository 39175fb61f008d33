import { randomBytes } from "node:crypto";
import { resultInEnglish } from "@/i18n/english";
import { and, desc, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activityLog, customers, registrationAttributes, shopHosts, shops, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { findShopByHost, registrationAttributesOf } from "@/lib/shops";
import { passwordMode } from "./registration-form";
import {
  addCustomerType,
  createShop,
  findShopSettings,
  listShopSummaries,
  removeCustomerType,
  saveRegistrationForm,
  updateCustomerType,
  updateShop,
  type SettingsActor,
} from "./settings";
import { formatRatio, normaliseHosts, registrationFormProblems, shopFormSchema, whiteContrast, type DefinitionSummary } from "./settings-forms";

const everywhere: SettingsActor = { id: "00000000-0000-4000-8000-0000000005a1", email: "admin@example.com", shopIds: null };

/** A complete, valid shop form; tests change one field at a time. */
function shopInput(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const id = `s-${randomBytes(4).toString("hex")}`;
  return {
    code: id,
    name: "Test Shop",
    hostNames: `${id}.localhost`,
    baseUrl: `https://${id}.localhost`,
    senderName: "Test Shop",
    senderEmail: "shop@example.com",
    logoUrl: "",
    accentColor: "#2563eb",
    callCentreResetMode: "link",
    activationTtlHours: "24",
    contactActivationTtlHours: "72",
    resetTtlMinutes: "60",
    defaultLocale: "en",
    locales: ["en", "de", "ru", "uk"],
    ...overrides,
  };
}

describe("shop form rules", () => {
  it("measures the contrast of white text as WCAG does", () => {
    expect(formatRatio(whiteContrast("#000000"))).toBe("21.00");
    expect(formatRatio(whiteContrast("#ffffff"))).toBe("1.00");
    expect(formatRatio(whiteContrast("#ffff00"))).toBe("1.07");
    expect(whiteContrast("#2563eb")).toBeGreaterThan(4.5);
    // #767676 is the classic lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(whiteContrast("#767676")).toBeGreaterThanOrEqual(4.5);
    expect(whiteContrast("#777777")).toBeLessThan(4.5);
  });

  it("answers a half-typed base URL or host list with field messages, never an exception", () => {
    const base = { name: "Shop", senderName: "Shop", senderEmail: "a@b.example", logoUrl: "", accentColor: "#0f766e", callCentreResetMode: "link", activationTtlHours: "24", contactActivationTtlHours: "72", resetTtlMinutes: "60" };
    for (const [hostNames, baseUrl] of [["shop.example", ""], ["shop.example", "h"], ["shop.example", "http://"], ["", "http://shop.example"], ["bad host!", "http://shop.example"]]) {
      const parsed = shopFormSchema.safeParse({ ...base, hostNames, baseUrl });
      expect(parsed.success).toBe(false);
    }
  });

  it("normalises host lines", () => {
    expect(normaliseHosts("  Shop.Example.com \r\n\n shop.example.com\nwww.example.com\n")).toEqual(["shop.example.com", "www.example.com"]);
  });

  const definitions: DefinitionSummary[] = [
    { code: "email", label: "Email", valueKind: "email", required: true },
    { code: "workEmail", label: "Work email", valueKind: "email", required: true },
    { code: "firstName", label: "First name", valueKind: "text", required: true },
    { code: "password", label: "Password", valueKind: "password", required: true },
    { code: "strongPassword", label: "Strong password", valueKind: "password", required: true },
    { code: "confirmPassword", label: "Confirm password", valueKind: "confirmPassword", required: true },
  ];

  it("holds a registration form to SPEC §4's rules", () => {
    expect(resultInEnglish(registrationFormProblems(["email", "firstName"], definitions))).toEqual([]);
    expect(resultInEnglish(registrationFormProblems(["email", "password", "confirmPassword"], definitions))).toEqual([]);
    expect(resultInEnglish(registrationFormProblems(["firstName"], definitions))).toEqual(["The form needs an e-mail attribute: customers sign in with it."]);
    expect(resultInEnglish(registrationFormProblems(["email", "workEmail"], definitions))).toEqual(["The form must hold exactly one e-mail attribute; it has 2."]);
    expect(resultInEnglish(registrationFormProblems(["email", "password"], definitions))[0]).toMatch(/come together/);
    expect(resultInEnglish(registrationFormProblems(["email", "confirmPassword"], definitions))[0]).toMatch(/come together/);
    expect(resultInEnglish(registrationFormProblems(["email", "password", "strongPassword", "confirmPassword"], definitions))[0]).toMatch(/only one password/);
    expect(resultInEnglish(registrationFormProblems(["email", "firstName", "firstName"], definitions))).toEqual(["First name is in the form twice."]);
    expect(resultInEnglish(registrationFormProblems(["email", "<script>"], definitions))).toEqual(["There is no attribute definition “<script>”."]);
  });
});

describeOnDatabases("Settings › Shops", (db) => {
  let demo: Shop;
  let classic: Shop;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });

  const lastActivity = async (action: string) =>
    (await db().select().from(activityLog).where(eq(activityLog.action, action)).orderBy(desc(activityLog.at)).limit(1))[0];
  const shopCount = async () => (await db().select().from(shops)).length;

  it("creates a shop whose host routes to it at once, logged with every value", async () => {
    const input = shopInput({ code: "third", name: "Third Shop", hostNames: "Third.localhost\nthird.example.com\nthird.localhost", baseUrl: "http://third.localhost:3100/" });
    const created = resultInEnglish(await createShop(db(), everywhere, input, "192.0.2.1"));
    expect(created).toMatchObject({ ok: true, shop: { code: "third", baseUrl: "http://third.localhost:3100", activationTtlMinutes: 1440 } });
    if (!created.ok) return;
    expect((await findShopByHost(db(), "third.localhost:3100"))?.id).toBe(created.shop.id);
    expect((await findShopByHost(db(), "THIRD.example.com"))?.id).toBe(created.shop.id);
    const entry = await lastActivity("settings.shop.created");
    expect(entry).toMatchObject({ shopId: created.shop.id, actorId: everywhere.id, ip: "192.0.2.1" });
    expect(entry.details).toMatchObject({
      changes: { name: { from: null, to: "Third Shop" }, hostNames: { from: null, to: ["third.localhost", "third.example.com"] } },
    });
    const summaries = await listShopSummaries(db(), null);
    expect(summaries.find((shop) => shop.code === "third")).toEqual({
      id: created.shop.id,
      code: "third",
      name: "Third Shop",
      hosts: ["third.example.com", "third.localhost"],
      customers: 0,
    });
    expect(resultInEnglish(await createShop(db(), everywhere, shopInput({ code: "third" }), null))).toMatchObject({
      ok: false,
      fieldErrors: { code: ["A shop with the code “third” already exists."] },
    });
    expect(resultInEnglish(await createShop(db(), everywhere, shopInput({ code: "third", hostNames: "third.localhost", baseUrl: "http://third.localhost" }), null))).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { code: ["A shop with the code “third” already exists."], hostNames: ["third.localhost is already used by Third Shop."] },
      formError: "Please correct the fields marked below.",
    });
  });

  it("refuses hostile and malformed input field by field, storing nothing", async () => {
    const before = await shopCount();
    const hostile = shopInput({
      code: "Bad Code!",
      name: "x".repeat(101),
      hostNames: "http://evil.example/\nshop.example.com:8080\nbad_host\n\u0007bell",
      baseUrl: "javascript:alert(1)",
      senderName: 'Evil <evil@example.com>, "x"',
      senderEmail: "not an address",
      logoUrl: "javascript:alert(1)",
      accentColor: "#ffff00",
      callCentreResetMode: "telepathy",
      activationTtlHours: "0",
      contactActivationTtlHours: "1e3",
      resetTtlMinutes: "100000",
    });
    const result = resultInEnglish(await createShop(db(), everywhere, hostile, null));
    expect(result).toMatchObject({ ok: false, reason: "invalid" });
    if (result.ok || result.reason !== "invalid") return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      [
        "accentColor",
        "activationTtlHours",
        "baseUrl",
        "callCentreResetMode",
        "code",
        "contactActivationTtlHours",
        "hostNames",
        "logoUrl",
        "name",
        "resetTtlMinutes",
        "senderEmail",
        "senderName",
      ].sort(),
    );
    expect(result.fieldErrors.accentColor).toEqual(["White text on #ffff00 has a contrast ratio of only 1.07:1; choose a darker colour (at least 4.5:1)."]);
    expect(result.fieldErrors.hostNames).toEqual([
      "http://evil.example/: leave out the scheme (http:// or https://); enter the host name only.",
      "shop.example.com:8080: leave out the port; the port is ignored when a shop is found by its host.",
      expect.stringContaining("bad_host is not a host name"),
      expect.stringContaining("bell is not a host name"),
    ]);
    expect(result.fieldErrors.logoUrl).toEqual(["Use an https:// address for the logo, or leave it empty."]);

    const more: Record<string, string>[] = [
      { name: "<script>alert(1)</script>" },
      { name: "Tab\tinside" },
      { code: "new" },
      { code: "-dash" },
      { hostNames: "\n \n" },
      { hostNames: Array.from({ length: 21 }, (_, i) => `h${i}.example.com`).join("\n") },
      { baseUrl: "https://shop.example.com/path" },
      { baseUrl: "https://shop.example.com/?q=1" },
      { baseUrl: "https://user:pw@shop.example.com" },
      { baseUrl: "ftp://shop.example.com" },
      { logoUrl: "http://cdn.example.com/logo.png" },
      { logoUrl: "data:image/png;base64,AAAA" },
      { accentColor: "blue" },
      { resetTtlMinutes: "4" },
      { activationTtlHours: "721" },
    ];
    for (const overrides of more) {
      const attempt = resultInEnglish(await createShop(db(), everywhere, shopInput(overrides), null));
      expect(attempt, JSON.stringify(overrides)).toMatchObject({ ok: false, reason: "invalid" });
      if (!attempt.ok && attempt.reason === "invalid") expect(Object.keys(attempt.fieldErrors)).toEqual([Object.keys(overrides)[0]]);
    }
    // A base URL whose host is none of the shop's hosts would send e-mail links elsewhere.
    expect(resultInEnglish(await createShop(db(), everywhere, shopInput({ hostNames: "a.example.com", baseUrl: "https://b.example.com" }), null))).toMatchObject({
      fieldErrors: { baseUrl: [expect.stringContaining("not one of this shop's host names")] },
    });
    expect(await shopCount()).toBe(before);
  });

  it("refuses a host of another shop, naming that shop, and changes nothing", async () => {
    const before = await shopCount();
    const taken = resultInEnglish(await createShop(db(), everywhere, shopInput({ hostNames: "fresh.example.com\nclassic.localhost", baseUrl: "https://fresh.example.com" }), null));
    expect(taken).toMatchObject({ ok: false, fieldErrors: { hostNames: ["classic.localhost is already used by Classic Shop."] } });
    // What only the database can refuse shows together with what the form refuses.
    const both = resultInEnglish(await createShop(db(), everywhere, shopInput({ code: "classic", name: "", hostNames: "classic.localhost\nbad host" }), null));
    expect(both).toMatchObject({
      ok: false,
      fieldErrors: {
        code: ["A shop with the code “classic” already exists."],
        name: ["Enter the shop's name."],
        hostNames: [expect.stringContaining("bad host is not a host name"), "classic.localhost is already used by Classic Shop."],
      },
    });
    expect(await shopCount()).toBe(before);
    expect(await db().select().from(shopHosts).where(eq(shopHosts.host, "fresh.example.com"))).toEqual([]);

    const values = shopInput({ code: "classic", name: "Classic Shop", hostNames: "classic.localhost\nlocalhost", baseUrl: classic.baseUrl });
    expect(resultInEnglish(await updateShop(db(), everywhere, "classic", values, null))).toMatchObject({
      ok: false,
      fieldErrors: { hostNames: ["localhost is already used by Demo Shop."] },
    });
    expect((await findShopByHost(db(), "localhost"))?.code).toBe("demo");
  });

  it("lets exactly one of two shops saving the same host at once win", async () => {
    const racer = (code: string, name: string) => shopInput({ code, name, hostNames: `${code}.localhost`, baseUrl: `https://${code}.localhost` });
    const a = resultInEnglish(await createShop(db(), everywhere, racer("race-a", "Race A"), null));
    const b = resultInEnglish(await createShop(db(), everywhere, racer("race-b", "Race B"), null));
    expect(a.ok && b.ok).toBe(true);
    for (let round = 0; round < 3; round++) {
      const host = `contested-${round}.example.com`;
      const results = await Promise.all(
        ["race-a", "race-b"].map((code) => updateShop(db(), everywhere, code, shopInput({ code, name: code === "race-a" ? "Race A" : "Race B", hostNames: `${code}.localhost\n${host}`, baseUrl: `https://${code}.localhost` }), null)),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      const loser = results.find((result) => !result.ok);
      const winner = (await findShopByHost(db(), host))!;
      expect(resultInEnglish(loser)).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { hostNames: [`${host} is already used by ${winner.name}.`] } });
      // The loser's whole save was undone: its other hosts are still there.
      const loserCode = winner.code === "race-a" ? "race-b" : "race-a";
      expect((await findShopByHost(db(), `${loserCode}.localhost`))?.code).toBe(loserCode);
    }
  });

  it("updates a shop and its hosts together, logging only what changed", async () => {
    const created = resultInEnglish(await createShop(db(), everywhere, shopInput({ code: "changing", name: "Changing", hostNames: "changing.localhost\nold.changing.example" , baseUrl: "https://changing.localhost" }), null));
    if (!created.ok) throw new Error("create");
    const values = shopInput({
      code: "changing",
      name: "Changing",
      hostNames: "changing.localhost\nnew.changing.example",
      baseUrl: "https://changing.localhost",
      accentColor: "#7C2D12",
      callCentreResetMode: "generated",
      resetTtlMinutes: "30",
    });
    const updated = resultInEnglish(await updateShop(db(), everywhere, "changing", values, "192.0.2.7"));
    expect(updated).toMatchObject({ ok: true, shop: { accentColor: "#7c2d12", callCentreResetMode: "generated", resetTtlMinutes: 30 } });
    expect(await findShopByHost(db(), "old.changing.example")).toBeNull();
    expect((await findShopByHost(db(), "new.changing.example"))?.code).toBe("changing");
    const entry = await lastActivity("settings.shop.changed");
    expect(entry.shopId).toBe(created.shop.id);
    expect(entry.details).toEqual({
      code: "changing",
      changes: {
        accentColor: { from: "#2563eb", to: "#7c2d12" },
        callCentreResetMode: { from: "link", to: "generated" },
        resetTtlMinutes: { from: 60, to: 30 },
        hostNames: { from: ["changing.localhost", "old.changing.example"], to: ["changing.localhost", "new.changing.example"] },
      },
    });
    const entries = async () => (await db().select().from(activityLog).where(eq(activityLog.action, "settings.shop.changed"))).length;
    const count = await entries();
    expect(resultInEnglish(await updateShop(db(), everywhere, "changing", values, null))).toMatchObject({ ok: true, changes: {} });
    expect(await entries()).toBe(count);
  });

  it("keeps a shop's default and offered languages, the default always among them (SPEC §9)", async () => {
    const values = shopInput({ code: "speaking", hostNames: "speaking.localhost", baseUrl: "https://speaking.localhost" });
    const created = resultInEnglish(await createShop(db(), everywhere, values, null));
    expect(created).toMatchObject({ ok: true, shop: { defaultLocale: "en", locales: ["en", "de", "ru", "uk"] } });
    const updated = resultInEnglish(await updateShop(db(), everywhere, "speaking", { ...values, defaultLocale: "de", locales: ["de", "uk"] }, null));
    expect(updated).toMatchObject({ ok: true, shop: { defaultLocale: "de", locales: ["de", "uk"] } });
    expect((await lastActivity("settings.shop.changed")).details).toMatchObject({
      changes: { defaultLocale: { from: "en", to: "de" }, locales: { from: ["en", "de", "ru", "uk"], to: ["de", "uk"] } },
    });
    const refusal = async (changes: Record<string, unknown>) =>
      resultInEnglish(await updateShop(db(), everywhere, "speaking", { ...values, ...changes }, null));
    expect(await refusal({ defaultLocale: "ru", locales: ["de", "uk"] })).toMatchObject({ ok: false, fieldErrors: { locales: ["Offer the default language too."] } });
    expect(await refusal({ locales: [] })).toMatchObject({ ok: false, fieldErrors: { locales: ["Offer at least one language."] } });
    expect(await refusal({ locales: ["en", "fr"] })).toMatchObject({ ok: false, fieldErrors: { locales: ["Choose languages from the list."] } });
    expect(await refusal({ defaultLocale: "<script>" })).toMatchObject({ ok: false, fieldErrors: { defaultLocale: ["Choose the default language from the list."] } });
    const [stored] = await db().select().from(shops).where(eq(shops.code, "speaking"));
    expect({ defaultLocale: stored.defaultLocale, locales: stored.locales }).toEqual({ defaultLocale: "de", locales: ["de", "uk"] });
  });

  it("confines a scoped shop administrator to their shops", async () => {
    const classicOnly: SettingsActor = { ...everywhere, shopIds: [classic.id] };
    expect((await listShopSummaries(db(), [classic.id])).map((shop) => shop.code)).toEqual(["classic"]);
    expect(await findShopSettings(db(), [classic.id], "demo")).toBeNull();
    expect(await findShopSettings(db(), [classic.id], "classic")).toMatchObject({ shop: { code: "classic" }, hosts: ["classic.localhost"] });
    expect(await findShopSettings(db(), [], "classic")).toBeNull();
    const demoValues = shopInput({ code: "demo", name: "Hijacked", hostNames: "localhost", baseUrl: demo.baseUrl });
    expect(resultInEnglish(await updateShop(db(), classicOnly, "demo", demoValues, null))).toEqual({ ok: false, reason: "not-found" });
    expect(resultInEnglish(await createShop(db(), classicOnly, shopInput(), null))).toEqual({ ok: false, reason: "not-found" });
    expect(resultInEnglish(await addCustomerType(db(), classicOnly, "demo", { code: "X", name: "X" }, null))).toEqual({ ok: false, reason: "not-found" });
    expect(resultInEnglish(await updateCustomerType(db(), classicOnly, "demo", "B2C", { name: "Hijacked" }, null))).toEqual({ ok: false, reason: "not-found" });
    expect(resultInEnglish(await removeCustomerType(db(), classicOnly, "demo", "B2B", null))).toEqual({ ok: false, reason: "not-found" });
    expect(resultInEnglish(await saveRegistrationForm(db(), classicOnly, "demo", "B2C", ["email"], null))).toEqual({ ok: false, reason: "not-found" });
    const [unchanged] = await db().select().from(shops).where(eq(shops.code, "demo"));
    expect(unchanged.name).toBe("Demo Shop");
    expect(await registrationAttributesOf(db(), demo.id, "B2C")).toHaveLength(5);
  });

  it("adds, renames and removes customer types; a type customers belong to stays", async () => {
    expect(resultInEnglish(await addCustomerType(db(), everywhere, "demo", { code: "B2E", name: "Employee" }, null))).toEqual({ ok: true });
    const settings = await findShopSettings(db(), null, "demo");
    expect(settings?.types.find((type) => type.code === "B2E")).toMatchObject({ name: "Employee", selfRegistration: false, attributes: ["email"], position: 2 });
    expect(resultInEnglish(await addCustomerType(db(), everywhere, "demo", { code: "b2e", name: "Again" }, null))).toMatchObject({
      fieldErrors: { code: ["This shop already has a customer type “b2e”."] },
    });
    expect(resultInEnglish(await addCustomerType(db(), everywhere, "demo", { code: "has space", name: "<b>x</b>" }, null))).toMatchObject({
      fieldErrors: { code: [expect.any(String)], name: ["Leave out < and >: a name is plain text."] },
    });

    expect(resultInEnglish(await updateCustomerType(db(), everywhere, "demo", "B2E", { name: "Staff", selfRegistration: "on" }, null))).toEqual({ ok: true });
    expect((await lastActivity("settings.customer-type.changed")).details).toEqual({
      customerType: "B2E",
      changes: { name: { from: "Employee", to: "Staff" }, selfRegistration: { from: false, to: true } },
    });
    expect(resultInEnglish(await updateCustomerType(db(), everywhere, "demo", "NOPE", { name: "x" }, null))).toEqual({ ok: false, reason: "not-found" });

    await db().insert(customers).values({ shopId: demo.id, customerType: "B2E", email: `member-${Date.now()}@example.com` });
    const refused = resultInEnglish(await removeCustomerType(db(), everywhere, "demo", "B2E", null));
    expect(refused).toMatchObject({ ok: false, reason: "in-use", customers: 1, message: expect.stringMatching(/^A customer belongs to this type/) });
    await db().delete(customers).where(and(eq(customers.shopId, demo.id), eq(customers.customerType, "B2E")));
    expect(resultInEnglish(await removeCustomerType(db(), everywhere, "demo", "B2E", null))).toEqual({ ok: true });
    expect(await db().select().from(registrationAttributes).where(and(eq(registrationAttributes.shopId, demo.id), eq(registrationAttributes.customerType, "B2E")))).toEqual([]);
    expect((await lastActivity("settings.customer-type.removed")).details).toMatchObject({ customerType: "B2E", attributes: ["email"] });
  });

  it("saves registration forms by SPEC §4's rules, so the mode follows at once", async () => {
    expect(resultInEnglish(await addCustomerType(db(), everywhere, "classic", { code: "B2B", name: "Business" }, null))).toEqual({ ok: true });
    const invalid = resultInEnglish(await saveRegistrationForm(db(), everywhere, "classic", "B2B", ["email", "password", "firstName", "firstName", "nope"], null));
    expect(invalid).toEqual({
      ok: false,
      reason: "invalid",
      problems: [
        "First name is in the form twice.",
        "There is no attribute definition “nope”.",
        expect.stringContaining("come together"),
      ],
    });
    expect(resultInEnglish(await saveRegistrationForm(db(), everywhere, "classic", "B2B", "email", null))).toMatchObject({ ok: false, reason: "invalid" });
    const codes = ["email", "company", "password", "confirmPassword"];
    expect(resultInEnglish(await saveRegistrationForm(db(), everywhere, "classic", "B2B", codes, "192.0.2.3"))).toEqual({ ok: true, codes, mode: "user-controlled", changed: true });
    expect(passwordMode(await registrationAttributesOf(db(), classic.id, "B2B"))).toBe("user-controlled");
    expect((await lastActivity("settings.registration-form.changed")).details).toEqual({
      customerType: "B2B",
      from: ["email"],
      to: codes,
      mode: { from: "automatic", to: "user-controlled" },
    });
    const reordered = ["company", "email"];
    expect(resultInEnglish(await saveRegistrationForm(db(), everywhere, "classic", "B2B", reordered, null))).toMatchObject({ ok: true, mode: "automatic" });
    expect((await registrationAttributesOf(db(), classic.id, "B2B")).map((attribute) => attribute.code)).toEqual(reordered);
    expect(resultInEnglish(await saveRegistrationForm(db(), everywhere, "classic", "NOPE", ["email"], null))).toEqual({ ok: false, reason: "not-found" });
    expect(resultInEnglish(await removeCustomerType(db(), everywhere, "classic", "B2B", null))).toEqual({ ok: true });
    expect(await db().select().from(activityLog).where(like(activityLog.action, "settings.%"))).not.toHaveLength(0);
  });
});
