import { getMessages } from "next-intl/server";
import { flattenLabels, type LabelMap } from "@/lib/labels";

export type AdminLabels = {
  customerStatus: LabelMap;
  staffStatus: LabelMap;
  outboxStatus: LabelMap;
  activityAction: LabelMap;
};

/** The back office's words for the codes its pages show, from the request's catalogue (admin.json › labels). */
export async function getAdminLabels(): Promise<AdminLabels> {
  const { labels } = (await getMessages()).admin;
  return {
    customerStatus: labels.customerStatus,
    staffStatus: labels.staffStatus,
    outboxStatus: labels.outboxStatus,
    activityAction: flattenLabels(labels.activityAction),
  };
}
