import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, namesOf, Paragraph, Secret } from "./_components/layout";
import { emailText } from "./_components/text";
import { previewBackOffice, previewStaff } from "./_components/preview-data";

type Props = NotificationProps["business-user-password-reset"];

export default function BusinessUserPasswordReset({ shop, recipient, link, password, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = namesOf(shop, recipient);
  return (
    <EmailLayout type="business-user-password-reset" shop={shop} recipient={recipient} locale={locale} t={t}>
      <Paragraph>{t("business-user-password-reset.reset", names)}</Paragraph>
      <Secret label={t("layout.temporaryPassword")} value={password} />
      <Paragraph>{t("business-user-password-reset.changeFirst")}</Paragraph>
      <ActionButton shop={shop} t={t} href={link}>
        {t("business-user-password-reset.button")}
      </ActionButton>
      <Paragraph>{t("business-user-password-reset.notExpected")}</Paragraph>
    </EmailLayout>
  );
}

BusinessUserPasswordReset.PreviewProps = {
  shop: previewBackOffice,
  recipient: previewStaff,
  link: "http://localhost:3000/admin/login",
  password: "Bk9@sE3v#Nf6Yh1d",
} satisfies Props;
