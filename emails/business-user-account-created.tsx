import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, namesOf, Paragraph, Secret } from "./_components/layout";
import { emailText } from "./_components/text";
import { previewBackOffice, previewStaff } from "./_components/preview-data";

type Props = NotificationProps["business-user-account-created"];

export default function BusinessUserAccountCreated({ shop, recipient, link, password, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = namesOf(shop, recipient);
  return (
    <EmailLayout type="business-user-account-created" shop={shop} recipient={recipient} locale={locale} t={t}>
      <Paragraph>{t("business-user-account-created.created", names)}</Paragraph>
      <Secret label={t("layout.temporaryPassword")} value={password} />
      <Paragraph>{t("business-user-account-created.changeFirst")}</Paragraph>
      <ActionButton shop={shop} t={t} href={link}>
        {t("business-user-account-created.button")}
      </ActionButton>
    </EmailLayout>
  );
}

BusinessUserAccountCreated.PreviewProps = {
  shop: previewBackOffice,
  recipient: previewStaff,
  link: "http://localhost:3000/admin/login",
  password: "Qm4#xR8t@Wz2Lc7p",
} satisfies Props;
