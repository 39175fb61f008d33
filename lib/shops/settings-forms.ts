import { z } from "zod";
import { isLocale, locales } from "../../i18n/locales";
import { checkedValues } from "../staff/forms";
import { emailField, formKindProblems, type ValueKind } from "./registration-form";
import { problemCode } from "./settings-messages";

/**
 * Settings › Shops, customer types and registration forms: the forms' schemas and rules, shared by the browser
 * (react-hook-form) and the server (safeParse). No database access here. The messages are problem codes
 * (./settings-messages.ts), worded by the page in the reader's language.
 */
export const messages = {
  codeFormat: problemCode("codeFormat"),
  codeReserved: problemCode("codeReserved"),
  codeTaken: (code: string) => problemCode("codeTaken", { code }),
  tooLong: (max: number) => problemCode("tooLong", { max }),
  controlCharacters: problemCode("controlCharacters"),
  noMarkup: problemCode("noMarkup"),
  senderNameCharacters: problemCode("senderNameCharacters"),
  hostsRequired: problemCode("hostsRequired"),
  hostsTooMany: (max: number) => problemCode("hostsTooMany", { max }),
  hostScheme: (host: string) => problemCode("hostScheme", { host }),
  hostPath: (host: string) => problemCode("hostPath", { host }),
  hostPort: (host: string) => problemCode("hostPort", { host }),
  hostInvalid: (host: string) => problemCode("hostInvalid", { host }),
  hostTaken: (host: string, shopName: string) => problemCode("hostTaken", { host, shopName }),
  baseUrlInvalid: problemCode("baseUrlInvalid"),
  baseUrlScheme: problemCode("baseUrlScheme"),
  baseUrlCredentials: problemCode("baseUrlCredentials"),
  baseUrlPath: problemCode("baseUrlPath"),
  baseUrlQuery: problemCode("baseUrlQuery"),
  baseUrlHost: (host: string) => problemCode("baseUrlHost", { host }),
  logoHttps: problemCode("logoHttps"),
  logoInvalid: problemCode("logoInvalid"),
  colourFormat: problemCode("colourFormat"),
  colourContrast: (colour: string, ratio: string) => problemCode("colourContrast", { colour, ratio }),
  resetMode: problemCode("resetMode"),
  languages: problemCode("languages"),
  languageNeeded: problemCode("languageNeeded"),
  defaultLanguage: problemCode("defaultLanguage"),
  defaultNotOffered: problemCode("defaultNotOffered"),
  typeCodeFormat: problemCode("typeCodeFormat"),
  typeCodeTaken: (code: string) => problemCode("typeCodeTaken", { code }),
  typeInUse: (count: number) => problemCode("typeInUse", { count }),
  formDuplicate: (label: string) => problemCode("formDuplicate", { label }),
  formUnknown: (code: string) => problemCode("formUnknown", { code }),
  formTooLong: (max: number) => problemCode("formTooLong", { max }),
  typeNotFound: problemCode("typeNotFound"),
  retry: problemCode("retry"),
  correctFields: problemCode("correctFields"),
} as const;

/** How "Send password reset" in Office › Contacts reaches a shop's customers (worded by the page). */
export const callCentreResetModes = [{ value: "link" }, { value: "generated" }] as const;

export const NAME_MAX = 100;
export const HOSTS_MAX = 20;
const HOST_MAX = 253;
const URL_MAX = 500;
export const FORM_MAX = 30;
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
export const SHOP_CODE = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])$/;
export const TYPE_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const COLOUR = /^#[0-9a-f]{6}$/i;
export const MIN_CONTRAST = 4.5;

/** A plain-text name: trimmed, not empty (`empty`: the message asking for it), not overlong, no control characters, no markup. */
export const plainName = (empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(NAME_MAX, messages.tooLong(NAME_MAX))
    .regex(NO_CONTROL_CHARACTERS, messages.controlCharacters)
    .regex(/^[^<>]*$/, messages.noMarkup);

/** A host name for messages: short and without anything that could not be shown. */
function shown(host: string): string {
  const clean = host.replace(/\p{Cc}/gu, "");
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

/** Why a (trimmed, lower-cased) entry is not a plausible host name, or null when it is one. */
export function hostProblem(host: string): string | null {
  if (host.includes("://")) return messages.hostScheme(shown(host));
  if (host.includes("/")) return messages.hostPath(shown(host));
  if (/^[^:]+:\d*$/.test(host)) return messages.hostPort(shown(host));
  if (IPV4.test(host)) return null;
  const labels = host.split(".");
  const plausible =
    host.length <= HOST_MAX && labels.every((label) => HOST_LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1]);
  return plausible ? null : messages.hostInvalid(shown(host));
}

/** One host per line: trimmed, lower-cased, empty lines and repeats dropped, order kept. */
export function normaliseHosts(text: string): string[] {
  const hosts = text
    .split(/\r?\n|\r/)
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(hosts)];
}

const hostNamesField = z
  .string()
  .max(HOSTS_MAX * (HOST_MAX + 2), messages.hostsTooMany(HOSTS_MAX))
  .transform((text, ctx) => {
    const hosts = normaliseHosts(text);
    if (hosts.length === 0) ctx.addIssue({ code: "custom", message: messages.hostsRequired });
    if (hosts.length > HOSTS_MAX) ctx.addIssue({ code: "custom", message: messages.hostsTooMany(HOSTS_MAX) });
    for (const host of hosts.slice(0, HOSTS_MAX)) {
      const problem = hostProblem(host);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }
    return hosts;
  });

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The shop's public address (links in e-mails are built from it): http(s), no path, query or credentials. */
const baseUrlField = z
  .string()
  .trim()
  .min(1, problemCode("enterBaseUrl"))
  .max(URL_MAX, messages.tooLong(URL_MAX))
  .transform((text, ctx) => {
    const url = /\s|\p{Cc}/u.test(text) ? null : parseUrl(text);
    const problem = !url
      ? messages.baseUrlInvalid
      : url.protocol !== "http:" && url.protocol !== "https:"
        ? messages.baseUrlScheme
        : url.username || url.password
          ? messages.baseUrlCredentials
          : text.includes("?") || text.includes("#")
            ? messages.baseUrlQuery
            : url.pathname !== "/"
              ? messages.baseUrlPath
              : url.hostname === "" || hostProblem(url.hostname)
                ? messages.baseUrlInvalid
                : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return url!.origin;
  });

/** Empty, or an https address (never javascript:, data: or plain http: it is shown in pages and e-mails). */
const logoUrlField = z
  .string()
  .trim()
  .max(URL_MAX, messages.tooLong(URL_MAX))
  .transform((text, ctx) => {
    if (text === "") return null;
    const url = /\s|\p{Cc}/u.test(text) ? null : parseUrl(text);
    if (!url || (url.protocol === "https:" && (!url.hostname || url.username || url.password))) {
      ctx.addIssue({ code: "custom", message: messages.logoInvalid });
      return z.NEVER;
    }
    if (url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: messages.logoHttps });
      return z.NEVER;
    }
    return url.href;
  });

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 contrast ratio of white text on a #rrggbb background. */
export function whiteContrast(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => channel(parseInt(colour.slice(start, start + 2), 16)));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

/** Rounded down, so that a refused colour never reads as "4.50:1". */
export function formatRatio(ratio: number): string {
  return (Math.floor(ratio * 100) / 100).toFixed(2);
}

const accentColourField = z
  .string()
  .trim()
  .regex(COLOUR, messages.colourFormat)
  .transform((colour) => colour.toLowerCase())
  .superRefine((colour, ctx) => {
    const ratio = whiteContrast(colour);
    if (ratio < MIN_CONTRAST) ctx.addIssue({ code: "custom", message: messages.colourContrast(colour, formatRatio(ratio)) });
  });

const wholeNumber = (unit: "Hours" | "Minutes", min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, problemCode(`whole${unit}`))
    .transform(Number)
    .refine((value) => value >= min && value <= max, problemCode(`between${unit}`, { min, max }));

export const TTL_HOURS_MAX = 720;
export const RESET_MINUTES_MIN = 5;
export const RESET_MINUTES_MAX = 1440;

const shopFields = {
  name: plainName(problemCode("enterShopName")),
  hostNames: hostNamesField,
  baseUrl: baseUrlField,
  senderName: plainName(problemCode("enterSenderName")).regex(/^[^<>",;\\]*$/, messages.senderNameCharacters),
  senderEmail: emailField,
  logoUrl: logoUrlField,
  accentColor: accentColourField,
  callCentreResetMode: z.enum(["link", "generated"], { message: messages.resetMode }),
  activationTtlHours: wholeNumber("Hours", 1, TTL_HOURS_MAX),
  contactActivationTtlHours: wholeNumber("Hours", 1, TTL_HOURS_MAX),
  resetTtlMinutes: wholeNumber("Minutes", RESET_MINUTES_MIN, RESET_MINUTES_MAX),
  defaultLocale: z.enum(locales, { message: messages.defaultLanguage }),
  locales: z.preprocess(checkedValues, z.array(z.enum(locales, { message: messages.languages })).min(1, messages.languageNeeded).max(locales.length)),
};

type ShopFormOutput = { hostNames: string[]; baseUrl: string; defaultLocale: string; locales: string[] };

/** SPEC §9: the default language is one the shop offers. */
function defaultAmongOffered(values: ShopFormOutput, ctx: z.RefinementCtx): void {
  if (!Array.isArray(values.locales) || values.locales.length === 0 || !isLocale(values.defaultLocale)) return;
  if (!values.locales.includes(values.defaultLocale)) ctx.addIssue({ code: "custom", path: ["locales"], message: messages.defaultNotOffered });
}

/** Every check of a shop's form that involves two fields. */
function acrossFields(values: ShopFormOutput, ctx: z.RefinementCtx): void {
  baseUrlAmongHosts(values, ctx);
  defaultAmongOffered(values, ctx);
}

/** Links in e-mails lead to the base URL's host: it must be one that finds this shop. */
function baseUrlAmongHosts(values: ShopFormOutput, ctx: z.RefinementCtx): void {
  // zod runs this even when a field failed its own checks: then the values are raw input, and that field says why.
  if (!Array.isArray(values.hostNames) || typeof values.baseUrl !== "string" || !URL.canParse(values.baseUrl)) return;
  const host = new URL(values.baseUrl).hostname;
  if (values.hostNames.length > 0 && !values.hostNames.includes(host)) {
    ctx.addIssue({ code: "custom", path: ["baseUrl"], message: messages.baseUrlHost(host) });
  }
}

/** A shop's page: every setting but the code, which never changes (it names the shop in URLs and logs). */
export const shopFormSchema = z.object(shopFields).superRefine(acrossFields);

export const newShopFormSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(SHOP_CODE, messages.codeFormat)
      .refine((code) => code !== "new", messages.codeReserved),
    ...shopFields,
  })
  .superRefine(acrossFields);

export type ShopFormValues = z.output<typeof shopFormSchema>;
export type NewShopFormValues = z.output<typeof newShopFormSchema>;
export const shopFormFields = ["code", ...Object.keys(shopFields)] as const;

/** A checkbox arrives as "on" (or true from react-hook-form), or not at all. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const newCustomerTypeSchema = z.object({
  code: z.string().trim().regex(TYPE_CODE, messages.typeCodeFormat),
  name: plainName(problemCode("enterTypeName")),
});

export const customerTypeSchema = z.object({
  name: plainName(problemCode("enterTypeName")),
  selfRegistration: checkbox,
});

export type DefinitionSummary = { code: string; label: string; valueKind: ValueKind; required: boolean };

/** The rules of SPEC §4 for a registration form; every problem, in the order a person would fix them. */
export function registrationFormProblems(codes: string[], definitions: DefinitionSummary[]): string[] {
  const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
  const problems: string[] = [];
  if (codes.length > FORM_MAX) problems.push(messages.formTooLong(FORM_MAX));
  const seen = new Set<string>();
  for (const code of codes) {
    const definition = byCode.get(code);
    if (!definition) problems.push(messages.formUnknown(shown(code)));
    else if (seen.has(code)) problems.push(messages.formDuplicate(definition.label));
    seen.add(code);
  }
  problems.push(...formKindProblems(codes.flatMap((code) => byCode.get(code)?.valueKind ?? [])));
  return [...new Set(problems)];
}

export type FormEdit =
  | { op: "up" | "down" | "remove"; index: number }
  | { op: "add"; code: string }
  | { op: "save" };

/** "up:3", "down:0", "remove:2", "add", "save": the button a person pressed in the form editor. */
export function parseFormEdit(op: unknown, added: unknown): FormEdit | null {
  if (op === "save") return { op: "save" };
  if (op === "add") return typeof added === "string" && added.length <= 64 ? { op: "add", code: added } : null;
  const match = typeof op === "string" ? /^(up|down|remove):(\d{1,3})$/.exec(op) : null;
  return match ? { op: match[1] as "up" | "down" | "remove", index: Number(match[2]) } : null;
}

/** The draft after a move, removal or addition; nothing is saved. */
export function applyFormEdit(codes: string[], edit: FormEdit): string[] {
  const next = [...codes];
  switch (edit.op) {
    case "up":
    case "down": {
      const target = edit.op === "up" ? edit.index - 1 : edit.index + 1;
      if (edit.index >= next.length || target < 0 || target >= next.length) return next;
      [next[edit.index], next[target]] = [next[target], next[edit.index]];
      return next;
    }
    case "remove":
      return next.filter((_, index) => index !== edit.index);
    case "add":
      return next.includes(edit.code) || next.length >= FORM_MAX ? next : [...next, edit.code];
    case "save":
      return next;
  }
}

/** The attribute codes posted by the form editor (hidden inputs, in order), bounded. */
export function postedCodes(values: unknown[]): string[] {
  return values
    .filter((value): value is string => typeof value === "string")
    .slice(0, FORM_MAX + 5)
    .map((value) => value.slice(0, 64));
}
