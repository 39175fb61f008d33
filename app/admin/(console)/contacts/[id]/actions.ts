"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { FormState } from "@/components/form-state";
import { callCentreReset, liftContactSuppression, resendContactActivation, setContactActive, type Agent } from "@/lib/accounts/contacts";
import { afterResponse } from "../../../../mail";
import { clientAddress } from "../../../../request";
import { requireStaff } from "../../../guard";

const problems: Record<string, string> = {
  "not-active": "Only active accounts can have their password reset. Resend the activation e-mail instead.",
  "not-pending": "This account is no longer waiting for activation.",
  "not-suppressed": "This address is not on the suppression list.",
};

async function run(customerId: string, work: (agent: Agent, ip: string | null) => Promise<{ ok: true } | { ok: false; reason: string }>, done: string): Promise<FormState> {
  const { staff } = await requireStaff("customer_service");
  const result = await work(staff, await clientAddress());
  // A contact of a shop outside the agent's scope (or one that is gone) does not exist for them: 404.
  if (!result.ok && result.reason === "not-found") notFound();
  revalidatePath(`/admin/contacts/${customerId}`);
  if (!result.ok) return { formError: problems[result.reason] ?? "That did not work." };
  afterResponse();
  return { notice: done };
}

export async function callCentreResetAction(customerId: string): Promise<FormState> {
  let mode = "link";
  const state = await run(
    customerId,
    async (agent, ip) => {
      const result = await callCentreReset(await getDb(), agent, customerId, ip);
      if (result.ok) mode = result.mode;
      return result;
    },
    "",
  );
  if (state.notice === undefined) return state;
  return {
    notice:
      mode === "generated"
        ? "A new password was generated and e-mailed to the customer. Their sessions have ended."
        : "A password reset link was e-mailed to the customer.",
  };
}

export async function resendContactActivationAction(customerId: string): Promise<FormState> {
  return run(customerId, async (agent, ip) => resendContactActivation(await getDb(), agent, customerId, ip), "A new activation e-mail was sent.");
}

export async function setContactActiveAction(customerId: string, active: boolean): Promise<FormState> {
  return run(
    customerId,
    async (agent, ip) => setContactActive(await getDb(), agent, customerId, active === true, ip),
    active ? "The account has been reactivated." : "The account has been deactivated and its sessions ended.",
  );
}

/** The button disappears with the suppression it lifts, so the page says what happened (`?lifted=1`). */
export async function liftContactSuppressionAction(customerId: string): Promise<FormState> {
  const state = await run(customerId, async (agent, ip) => liftContactSuppression(await getDb(), agent, customerId, ip), "");
  if (state.notice === undefined) return state;
  redirect(`/admin/contacts/${customerId}?lifted=1`);
}
