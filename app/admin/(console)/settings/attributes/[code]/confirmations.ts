import { getTranslations } from "next-intl/server";
import type { ConfirmedAction } from "@/components/confirm-dialog";
import type { AttributeDefinition } from "@/db/schema";
import { deleteAttributeAction } from "../actions";

/**
 * "Delete attribute" asks first: its question, and the page that asks it without JavaScript
 * (/admin/settings/attributes/<code>/confirm/delete). The action checks the role and whether a form uses it again.
 */
export async function deleteAttributeConfirmation(definition: Pick<AttributeDefinition, "code" | "label">): Promise<ConfirmedAction> {
  const t = await getTranslations("confirm.attribute.delete");
  const { code, label } = definition;
  return {
    action: deleteAttributeAction.bind(null, code),
    confirm: {
      title: t("title", { label, code }),
      description: t("description"),
      href: `/admin/settings/attributes/${encodeURIComponent(code)}/confirm/delete`,
      tone: "danger",
    },
  };
}
