import { Link } from "@react-email/components";
import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, namesOf, Paragraph } from "./_components/layout";
import { emailText } from "./_components/text";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["storefront-account-exists"];

export default function StorefrontAccountExists({ shop, recipient, link, resetLink, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = namesOf(shop, recipient);
  return (
    <EmailLayout type="storefront-account-exists" shop={shop} recipient={recipient} locale={locale} t={t}>
      <Paragraph>{t("storefront-account-exists.tried", names)}</Paragraph>
      <ActionButton shop={shop} t={t} href={link}>
        {t("storefront-account-exists.button")}
      </ActionButton>
      <Paragraph>
        <Link href={resetLink}>{t("storefront-account-exists.forgot")}</Link>
      </Paragraph>
      <Paragraph>{t("storefront-account-exists.ignore")}</Paragraph>
    </EmailLayout>
  );
}

StorefrontAccountExists.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/login",
  resetLink: "http://localhost:3000/forgot-password",
} satisfies Props;
