import { z } from "zod";

/** Who an e-mail is from: a display name (optional) and an address. */
export type Sender = { name: string | null; address: string };

export const senderMessages = {
  invalid: 'must be an e-mail address (shop@example.com) or a name and an address (Shop <shop@example.com>)',
} as const;

const address = z.email();
const NAMED = /^(.*?)\s*<([^<>]*)>$/s;
const CONTROL = /\p{Cc}/u;
/** Characters that RFC 5322 lets into a display name only inside quotes. */
const SPECIALS = /[()<>[\]:;@\\,."]/;

/**
 * Reads a sender as operators write it: `shop@example.com`, `Shop <shop@example.com>` or
 * `"Shop, Inc." <shop@example.com>` (Resend's own examples use the second form). Null when it is neither.
 */
export function parseSender(value: string): Sender | null {
  const trimmed = value.trim();
  if (trimmed.length > 320 || CONTROL.test(trimmed)) return null;
  const named = NAMED.exec(trimmed);
  const candidate = named ? named[2].trim() : trimmed;
  if (!address.safeParse(candidate).success) return null;
  if (!named) return { name: null, address: candidate };
  let name = named[1].trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  if (/[<>]/.test(name)) return null;
  return { name: name.trim() || null, address: candidate };
}

/**
 * The `from` of an outgoing e-mail, `Name <address>` (or the bare address). The name is admin input (a shop's
 * sender name): line breaks and angle brackets are dropped, and a name with other specials is quoted, so that
 * it can never change the address or add a header.
 */
export function formatSender({ name, address: email }: Sender): string {
  const clean = (name ?? "").replace(/[\p{Cc}<>]/gu, " ").replace(/\s+/g, " ").trim();
  if (!clean) return email;
  const display = SPECIALS.test(clean) ? `"${clean.replace(/["\\]/g, "\\$&")}"` : clean;
  return `${display} <${email}>`;
}
