import { getTranslations } from "next-intl/server";
import type { ConfirmedAction } from "@/components/confirm-dialog";
import type { StaffUser } from "@/db/schema";
import { resetSecondFactorAction, resetStaffPasswordAction, setStaffStatusAction } from "./actions";

const userConfirmationKeys = ["deactivate", "reset-password", "reset-second-factor"] as const;
type UserConfirmationKey = (typeof userConfirmationKeys)[number];

/**
 * The business-user actions that ask first, each with its question and the page that asks it without JavaScript
 * (/admin/users/<id>/confirm/<key>). The actions re-check the user manager's role and scope.
 */
export async function userConfirmations(
  user: Pick<StaffUser, "id" | "email">,
): Promise<Record<UserConfirmationKey, ConfirmedAction>> {
  const t = await getTranslations("confirm.user");
  const { id, email } = user;
  const href = (key: UserConfirmationKey) => `/admin/users/${id}/confirm/${key}`;
  return {
    deactivate: {
      action: setStaffStatusAction.bind(null, id, "disabled"),
      confirm: { title: t("deactivate.title", { email }), description: t("deactivate.description"), href: href("deactivate"), tone: "danger" },
    },
    "reset-password": {
      action: resetStaffPasswordAction.bind(null, id),
      confirm: { title: t("resetPassword.title", { email }), description: t("resetPassword.description"), href: href("reset-password") },
    },
    "reset-second-factor": {
      action: resetSecondFactorAction.bind(null, id),
      confirm: {
        title: t("resetSecondFactor.title", { email }),
        description: t("resetSecondFactor.description"),
        href: href("reset-second-factor"),
      },
    },
  };
}

export const isUserConfirmationKey = (key: string): key is UserConfirmationKey => (userConfirmationKeys as readonly string[]).includes(key);
