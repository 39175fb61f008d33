"use server";

import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { formStrings } from "@/components/form-state";
import { bound, boundArguments } from "@/lib/http/bound-arguments";
import { notificationRoles, retryFailedNotifications, retryNotification } from "@/lib/mail/notifications-admin";
import { afterResponse } from "../../../mail";
import { clientAddress } from "../../../request";
import { requireStaff } from "../../guard";

/** "Retry" on the detail page: the page says what happened (`?retry=…`), with or without JavaScript. */
export async function retryNotificationAction(id: unknown): Promise<void> {
  const { staff } = await requireStaff(notificationRoles);
  const valid = boundArguments([bound.id], [id]);
  if (!valid) notFound();
  const result = await retryNotification(await getDb(), staff, valid[0], await clientAddress());
  if (!result.ok && result.reason === "not-found") notFound();
  if (result.ok) afterResponse();
  redirect(`/admin/notifications/${valid[0]}?retry=${result.ok ? "queued" : result.reason}`);
}

/** "Retry all failed" for the list's filter, posted as hidden fields; back to the same filter with the count. */
export async function retryAllFailedAction(formData: FormData): Promise<void> {
  const { staff } = await requireStaff(notificationRoles);
  const filter = formStrings(formData, 600);
  const chosen = { status: filter.status ?? "", type: filter.type ?? "", shop: filter.shop ?? "", recipient: filter.recipient ?? "" };
  const result = await retryFailedNotifications(await getDb(), staff, chosen, await clientAddress());
  const query = new URLSearchParams(Object.entries(chosen).filter(([, value]) => value));
  if (result.ok) {
    query.set("retried", String(result.retried));
    if (result.contentGone > 0) query.set("gone", String(result.contentGone));
    if (result.retried > 0) afterResponse();
  }
  redirect(`/admin/notifications?${query.toString()}`);
}
