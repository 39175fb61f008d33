"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { FormState } from "@/components/form-state";
import { bound, boundArguments } from "@/lib/http/bound-arguments";
import { getTranslations } from "next-intl/server";
import { callCentreReset, findContact, liftContactSuppression, resendContactActivation, setContactActive, type Agent } from "@/lib/accounts/contacts";
import { shopScope } from "@/lib/staff/scope";
import { afterResponse } from "../../../../mail";
import { clientAddress } from "../../../../request";
import { requireStaff } from "../../../guard";

/** The refusals a contact action words for the agent; any other is "That did not work." */
const problems = ["not-active", "not-pending", "not-suppressed"] as const;
const isProblem = (reason: string): reason is (typeof problems)[number] => (problems as readonly string[]).includes(reason);

type Work = (agent: Agent, customerId: string, ip: string | null) => Promise<{ ok: true } | { ok: false; reason: string }>;

/**
 * One action on a contact. Its bound arguments (the customer's id, and a flag) come back with the call: anything a
 * page does not bind is a contact that does not exist, as is a contact outside the agent's shops or one that is gone.
 */
async function run(bindings: [customerId: unknown] | [customerId: unknown, active: unknown], work: Work, done: (email: string) => Promise<string>): Promise<FormState> {
  const { staff } = await requireStaff("customer_service");
  const valid = bindings.length === 1 ? boundArguments([bound.id], bindings) : boundArguments([bound.id, bound.flag], bindings);
  if (!valid) notFound();
  const [customerId] = valid;
  const result = await work(staff, customerId, await clientAddress());
  if (!result.ok && result.reason === "not-found") notFound();
  revalidatePath(`/admin/contacts/${customerId}`);
  if (!result.ok) return { formError: (await getTranslations("office.contact.problems"))(isProblem(result.reason) ? result.reason : "other") };
  afterResponse();
  // The notice names whom it concerned, so that an agent with several contacts open knows which one it was.
  const contact = await findContact(await getDb(), customerId, shopScope(staff));
  return { notice: await done(contact?.customer.email ?? "") };
}

const notice = async (key: "resetLink" | "resetGenerated" | "activationResent" | "deactivated" | "reactivated", email: string) =>
  (await getTranslations("admin.contactNotices"))(key, { email });

export async function callCentreResetAction(customerId: string): Promise<FormState> {
  let mode = "link";
  return run(
    [customerId],
    async (agent, id, ip) => {
      const result = await callCentreReset(await getDb(), agent, id, ip);
      if (result.ok) mode = result.mode;
      return result;
    },
    (email) => notice(mode === "generated" ? "resetGenerated" : "resetLink", email),
  );
}

export async function resendContactActivationAction(customerId: string): Promise<FormState> {
  return run([customerId], async (agent, id, ip) => resendContactActivation(await getDb(), agent, id, ip), (email) => notice("activationResent", email));
}

export async function setContactActiveAction(customerId: string, active: boolean): Promise<FormState> {
  return run(
    [customerId, active],
    async (agent, id, ip) => setContactActive(await getDb(), agent, id, active, ip),
    (email) => notice(active ? "reactivated" : "deactivated", email),
  );
}

/** The button disappears with the suppression it lifts, so the page says what happened (`?lifted=1`). */
export async function liftContactSuppressionAction(customerId: string): Promise<FormState> {
  const state = await run([customerId], async (agent, id, ip) => liftContactSuppression(await getDb(), agent, id, ip), async () => "");
  if (state.notice === undefined) return state;
  redirect(`/admin/contacts/${customerId}?lifted=1`);
}
