import { getTranslations } from "next-intl/server";
import { notificationTypes, type NotificationType } from "@/lib/mail/notifications";

const isNotificationType = (type: string): type is NotificationType => (notificationTypes as readonly string[]).includes(type);

/** Each e-mail type by the name SPEC §6 gives it, in the business user's language; a type this version does not know as stored. */
export async function getNotificationTypeName(): Promise<(type: string) => string> {
  const t = await getTranslations("office.notificationTypes");
  return (type) => (isNotificationType(type) ? t(type) : type);
}
