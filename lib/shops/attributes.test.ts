import { randomUUID } from "node:crypto";
import { resultInEnglish } from "@/i18n/english";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { activityLog, attributeDefinitions, registrationAttributes, shops, type Shop } from "@/db/schema";
import { registerCustomer } from "@/lib/accounts/registration";
import { describeOnDatabases } from "@/lib/testing/databases";
import {
  attributeMessages,
  createAttributeDefinition,
  deleteAttributeDefinition,
  findAttributeDefinition,
  listAttributeDefinitions,
  updateAttributeDefinition,
} from "./attributes";

const LONG_PASSWORD = {
  label: "Long password",
  valueKind: "password",
  required: "on",
  regex: "^.{14,}$",
  regexMessage: "Use at least 14 characters.",
};

describeOnDatabases("attribute definitions", (db) => {
  let demo: Shop;
  let classic: Shop;
  let counter = 0;
  const code = (prefix = "attr") => `${prefix}${++counter}x${randomUUID().slice(0, 6)}`;
  const admin = (shopIds: string[] | null = null) => ({ id: randomUUID(), email: `admin${++counter}@example.com`, shopIds });
  const definitionCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(attributeDefinitions))[0].n;
  const activityOf = (actorId: string) => db().select().from(activityLog).where(eq(activityLog.actorId, actorId)).orderBy(activityLog.at);

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });

  it("creates a definition, logs it, and lists it with the forms that use it", async () => {
    const actor = admin();
    const longCode = code("longPassword");
    const created = resultInEnglish(await createAttributeDefinition(db(), actor, { code: longCode, ...LONG_PASSWORD }, "192.0.2.1"));
    expect(created).toMatchObject({ ok: true, definition: { code: longCode, valueKind: "password", required: true, regex: "^.{14,}$" } });
    const [entry] = await activityOf(actor.id);
    expect(entry).toMatchObject({
      action: "settings.attribute.created",
      ip: "192.0.2.1",
      details: { code: longCode, to: { label: "Long password", valueKind: "password", required: true, regex: "^.{14,}$" } },
    });

    const rows = await listAttributeDefinitions(db(), actor);
    expect(rows.find((row) => row.code === longCode)).toMatchObject({ forms: [], usedOutsideScope: false });
    const email = rows.find((row) => row.code === "email")!;
    expect(email.forms.map((form) => `${form.shopName} · ${form.customerTypeName}`)).toEqual([
      "Classic Shop · Personal",
      "Demo Shop · Personal",
      "Demo Shop · Business",
    ]);
    expect(await findAttributeDefinition(db(), actor, "nope")).toBeNull();
    expect(await findAttributeDefinition(db(), actor, "EMAIL")).toBeNull();
    expect(await findAttributeDefinition(db(), actor, "x".repeat(5000))).toBeNull();
  });

  it("refuses hostile input with field messages and stores nothing", async () => {
    const before = await definitionCount();
    const attempt = async (input: Record<string, unknown>) => {
      const result = resultInEnglish(await createAttributeDefinition(db(), admin(), input, null));
      if (result.ok || result.reason !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
      return result.fieldErrors;
    };
    const base = { code: code(), label: "Nickname", valueKind: "text", regex: "", regexMessage: "" };

    expect((await attempt({ ...base, code: "x".repeat(41) })).code).toEqual([expect.stringContaining("at most 40")]);
    expect((await attempt({ ...base, code: "<script>alert(1)</script>" })).code).toEqual([expect.stringContaining("Start with a letter")]);
    expect((await attempt({ ...base, code: "9lives" })).code).toBeDefined();
    expect((await attempt({ ...base, code: "EMAIL" })).code).toEqual([resultInEnglish(attributeMessages.duplicate("email"))]);
    expect((await attempt({ ...base, label: "x".repeat(101) })).label).toEqual(["Use at most 100 characters."]);
    expect((await attempt({ ...base, label: "Nick\u0000name" })).label).toEqual(["Remove the control characters."]);
    expect((await attempt({ ...base, label: "   " })).label).toEqual(["Enter a label."]);
    expect((await attempt({ ...base, valueKind: "html" })).valueKind).toBeDefined();
    expect((await attempt({ ...base, regex: "a".repeat(501) })).regex).toEqual(["Use at most 500 characters."]);
    expect((await attempt({ ...base, regex: "^[a-z]+$" })).regexMessage).toEqual([expect.stringContaining("Enter the message")]);
    expect((await attempt({ ...base, regex: "^[a-z]+$", regexMessage: "m".repeat(201) })).regexMessage).toEqual([
      "Use at most 200 characters.",
    ]);
    expect((await attempt({ ...base, regex: "(", regexMessage: "Letters only." })).regex).toEqual([
      expect.stringMatching(/^This is not a valid regular expression/),
    ]);
    const started = performance.now();
    expect((await attempt({ ...base, regex: "^(a+)+$", regexMessage: "As only." })).regex).toEqual([
      expect.stringContaining("catastrophic backtracking"),
    ]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await attempt({ ...LONG_PASSWORD, code: code(), regex: "^[0-9]+$", regexMessage: "Digits only." })).regex).toEqual([
      expect.stringContaining("Generated passwords"),
    ]);
    expect((await attempt({ ...base, valueKind: "confirmPassword", regex: ".{8,}", regexMessage: "Long." })).regex).toBeDefined();
    expect(Object.keys(await attempt({}))).toEqual(expect.arrayContaining(["code", "label", "valueKind"]));
    expect(await definitionCount()).toBe(before);

    // The same digits-only pattern is fine where no password has to be generated, and markup in a label is text.
    const phone = await createAttributeDefinition(
      db(),
      admin(),
      { ...base, code: code("phone"), label: "<b>Phone</b>", valueKind: "phone", regex: "^[0-9]+$", regexMessage: "Digits only." },
      null,
    );
    expect(phone).toMatchObject({ ok: true, definition: { label: "<b>Phone</b>", regex: "^[0-9]+$" } });
  });

  it("changes only what was sent, never the code, and logs before → after of the changed fields", async () => {
    const actor = admin();
    const nickname = code("nickname");
    await createAttributeDefinition(db(), actor, { code: nickname, label: "Nickname", valueKind: "text" }, null);
    const changed = await updateAttributeDefinition(
      db(),
      actor,
      nickname,
      { code: "hijacked", label: "Nick name", valueKind: "text", required: "on", regex: "^[A-Za-z ]+$", regexMessage: "Letters only." },
      null,
    );
    expect(changed).toMatchObject({ ok: true, definition: { code: nickname, label: "Nick name", required: true } });
    const entries = await activityOf(actor.id);
    expect(entries.at(-1)).toMatchObject({
      action: "settings.attribute.changed",
      details: {
        code: nickname,
        from: { label: "Nickname", required: false, regex: null, regexMessage: null },
        to: { label: "Nick name", required: true, regex: "^[A-Za-z ]+$", regexMessage: "Letters only." },
      },
    });
    expect(Object.keys((entries.at(-1)!.details as { from: object }).from)).not.toContain("valueKind");

    // Saving the same values again changes nothing and logs nothing.
    await updateAttributeDefinition(db(), actor, nickname, { label: "Nick name", valueKind: "text", required: true, regex: "^[A-Za-z ]+$", regexMessage: "Letters only." }, null);
    expect(await activityOf(actor.id)).toHaveLength(entries.length);

    expect(resultInEnglish(await updateAttributeDefinition(db(), actor, "doesNotExist", { label: "X", valueKind: "text" }, null))).toEqual({
      ok: false,
      reason: "not-found",
      message: resultInEnglish(attributeMessages.notFound),
    });
    expect(resultInEnglish(await updateAttributeDefinition(db(), actor, nickname, { label: "X", valueKind: "text", regex: "(a|a)*$", regexMessage: "m" }, null))).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { regex: [expect.stringContaining("catastrophic backtracking")] },
    });
  });

  it("refuses a value kind that would break a form that uses the definition", async () => {
    const actor = admin();
    const keep = { required: true, regex: "", regexMessage: "" };
    expect(resultInEnglish(await updateAttributeDefinition(db(), actor, "email", { label: "Email", valueKind: "text", ...keep }, null))).toMatchObject({
      ok: false,
      reason: "breaks-form",
      message: expect.stringContaining("The form needs an e-mail attribute"),
    });
    const password = { label: "Password", regex: "^(?=.*[A-Za-z])(?=.*[0-9]).*$", regexMessage: "Use at least one letter and one digit.", required: true };
    expect(resultInEnglish(await updateAttributeDefinition(db(), actor, "password", { ...password, valueKind: "text" }, null))).toMatchObject({
      ok: false,
      reason: "breaks-form",
      message: expect.stringContaining("come together"),
    });
    expect(resultInEnglish(await updateAttributeDefinition(db(), actor, "firstName", { ...keep, label: "First name", valueKind: "email" }, null))).toMatchObject({
      reason: "breaks-form",
    });
    const [stored] = await db().select().from(attributeDefinitions).where(eq(attributeDefinitions.code, "email"));
    expect(stored.valueKind).toBe("email");

    // A harmless change of kind is allowed, and an unused definition may take any kind.
    expect(resultInEnglish(await updateAttributeDefinition(db(), actor, "company", { ...keep, label: "Company", valueKind: "phone" }, null))).toMatchObject({ ok: true });
    expect(resultInEnglish(await updateAttributeDefinition(db(), actor, "company", { ...keep, label: "Company", valueKind: "text" }, null))).toMatchObject({ ok: true });
  });

  it("refuses to delete a definition while a form uses it; deletes and logs an unused one", async () => {
    const actor = admin();
    const before = await definitionCount();
    expect(resultInEnglish(await deleteAttributeDefinition(db(), actor, "company", null))).toEqual({
      ok: false,
      reason: "in-use",
      message: resultInEnglish(attributeMessages.inUse(1)),
    });
    expect(resultInEnglish(await deleteAttributeDefinition(db(), actor, "email", null))).toMatchObject({ reason: "in-use", message: expect.stringContaining("3 registration forms") });
    expect(await definitionCount()).toBe(before);

    const spare = code("spare");
    await createAttributeDefinition(db(), actor, { code: spare, label: "Spare", valueKind: "text" }, null);
    expect(resultInEnglish(await deleteAttributeDefinition(db(), actor, spare, null))).toMatchObject({ ok: true });
    expect(await findAttributeDefinition(db(), actor, spare)).toBeNull();
    expect((await activityOf(actor.id)).at(-1)).toMatchObject({
      action: "settings.attribute.deleted",
      details: { code: spare, from: { label: "Spare", valueKind: "text" } },
    });
    expect(resultInEnglish(await deleteAttributeDefinition(db(), actor, spare, null))).toMatchObject({ reason: "not-found" });
  });

  it("lets a business user limited to some shops create, and change only what no other shop's form uses", async () => {
    const classicOnly = admin([classic.id]);
    const demoOnly = admin([demo.id]);
    const everywhere = admin(null);
    const keep = { required: true, regex: "", regexMessage: "" };

    // "company" is used by Demo Shop's Business form only; "firstName" by forms of both shops.
    expect(resultInEnglish(await updateAttributeDefinition(db(), classicOnly, "company", { ...keep, label: "Firm", valueKind: "text" }, null))).toEqual({
      ok: false,
      reason: "out-of-scope",
      message: resultInEnglish(attributeMessages.outOfScope),
    });
    expect(resultInEnglish(await deleteAttributeDefinition(db(), classicOnly, "company", null))).toMatchObject({ reason: "out-of-scope" });
    expect(resultInEnglish(await updateAttributeDefinition(db(), demoOnly, "firstName", { ...keep, label: "Given name", valueKind: "text" }, null))).toMatchObject({
      reason: "out-of-scope",
    });
    expect(resultInEnglish(await updateAttributeDefinition(db(), demoOnly, "company", { ...keep, label: "Company name", valueKind: "text" }, null))).toMatchObject({ ok: true });
    expect(resultInEnglish(await updateAttributeDefinition(db(), everywhere, "company", { ...keep, label: "Company", valueKind: "text" }, null))).toMatchObject({ ok: true });

    const own = code("loyalty");
    expect(resultInEnglish(await createAttributeDefinition(db(), classicOnly, { code: own, label: "Loyalty number", valueKind: "text" }, null))).toMatchObject({ ok: true });
    expect(resultInEnglish(await updateAttributeDefinition(db(), classicOnly, own, { ...keep, label: "Loyalty card", valueKind: "text" }, null))).toMatchObject({ ok: true });

    // The list shows only the forms of the user's own shops, and says when another shop's form uses a definition.
    const company = (await listAttributeDefinitions(db(), classicOnly)).find((row) => row.code === "company")!;
    expect(company).toMatchObject({ forms: [], usedOutsideScope: true });
    const firstName = (await findAttributeDefinition(db(), classicOnly, "firstName"))!;
    expect(firstName.forms.map((form) => form.shopName)).toEqual(["Classic Shop"]);
    expect(firstName.usedOutsideScope).toBe(true);
    expect((await findAttributeDefinition(db(), everywhere, "firstName"))!.usedOutsideScope).toBe(false);
    expect(resultInEnglish(await deleteAttributeDefinition(db(), classicOnly, own, null))).toMatchObject({ ok: true });
  });

  it("gives a shop the policy of the password definition in its form: a 13-character password gets the pattern's message", async () => {
    const actor = admin();
    const longCode = code("longPassword");
    expect(resultInEnglish(await createAttributeDefinition(db(), actor, { code: longCode, ...LONG_PASSWORD }, null))).toMatchObject({ ok: true });
    const where = and(
      eq(registrationAttributes.shopId, demo.id),
      eq(registrationAttributes.customerType, "B2B"),
      eq(registrationAttributes.attributeCode, "password"),
    );
    await db().update(registrationAttributes).set({ attributeCode: longCode }).where(where);
    try {
      const values = { email: `long-${counter}@example.com`, firstName: "Ada", lastName: "Lovelace", company: "Engines Ltd" };
      const short = await registerCustomer(db(), demo, {
        customerType: "B2B",
        ip: null,
        values: { ...values, [longCode]: "abcdefghijklm", confirmPassword: "abcdefghijklm" },
      });
      expect(short).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { [longCode]: ["Use at least 14 characters."] } });
      expect(resultInEnglish(await deleteAttributeDefinition(db(), actor, longCode, null))).toMatchObject({ reason: "in-use" });
    } finally {
      await db()
        .update(registrationAttributes)
        .set({ attributeCode: "password" })
        .where(and(eq(registrationAttributes.shopId, demo.id), eq(registrationAttributes.attributeCode, longCode)));
    }
  });
});
