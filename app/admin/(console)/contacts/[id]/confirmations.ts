import { getTranslations } from "next-intl/server";
import type { ConfirmedAction } from "@/components/confirm-dialog";
import type { Customer, Shop } from "@/db/schema";
import { callCentreResetAction, liftContactSuppressionAction, setContactActiveAction } from "./actions";

const contactConfirmationKeys = ["deactivate", "send-password-reset", "remove-suppression"] as const;
type ContactConfirmationKey = (typeof contactConfirmationKeys)[number];

/**
 * The contact actions that ask first, each with its question (what happens to whom) and the page that asks it
 * without JavaScript (/admin/contacts/<id>/confirm/<key>). The actions re-check the agent and the shop scope.
 */
export async function contactConfirmations(
  customer: Pick<Customer, "id" | "email">,
  shop: Pick<Shop, "callCentreResetMode">,
): Promise<Record<ContactConfirmationKey, ConfirmedAction>> {
  const t = await getTranslations("confirm.contact");
  const { id, email } = customer;
  const href = (key: ContactConfirmationKey) => `/admin/contacts/${id}/confirm/${key}`;
  return {
    deactivate: {
      action: setContactActiveAction.bind(null, id, false),
      confirm: { title: t("deactivate.title", { email }), description: t("deactivate.description"), href: href("deactivate"), tone: "danger" },
    },
    "send-password-reset": {
      action: callCentreResetAction.bind(null, id),
      confirm: {
        title: t("sendPasswordReset.title", { email }),
        description: shop.callCentreResetMode === "link" ? t("sendPasswordReset.link") : t("sendPasswordReset.generated"),
        href: href("send-password-reset"),
      },
    },
    "remove-suppression": {
      action: liftContactSuppressionAction.bind(null, id),
      confirm: {
        title: t("liftSuppression.title", { email }),
        description: t("liftSuppression.description"),
        href: href("remove-suppression"),
        tone: "danger",
      },
    },
  };
}

export const isContactConfirmationKey = (key: string): key is ContactConfirmationKey => (contactConfirmationKeys as readonly string[]).includes(key);
