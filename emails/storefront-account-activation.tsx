import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, namesOf, Paragraph } from "./_components/layout";
import { emailText, formatExpiry } from "./_components/text";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["storefront-account-activation"];

export default function StorefrontAccountActivation({ shop, recipient, link, expiresAt, setPassword, generatedPassword, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = namesOf(shop, recipient);
  return (
    <EmailLayout type="storefront-account-activation" shop={shop} recipient={recipient} locale={locale} t={t}>
      <Paragraph>{t("storefront-account-activation.confirm", names)}</Paragraph>
      {setPassword ? (
        <Paragraph>{t("storefront-account-activation.setPassword")}</Paragraph>
      ) : generatedPassword ? (
        <Paragraph>{t("storefront-account-activation.generatedPassword")}</Paragraph>
      ) : null}
      <ActionButton shop={shop} t={t} href={link}>
        {t("storefront-account-activation.button")}
      </ActionButton>
      <Paragraph>{t("layout.expiresOn", { date: formatExpiry(expiresAt, locale) })}</Paragraph>
      <Paragraph>{t("storefront-account-activation.ignore")}</Paragraph>
    </EmailLayout>
  );
}

StorefrontAccountActivation.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/activate/q3V9xkR2mTzL8bN4pW7sYc1Hf6JdA0gEuKoIiM5vXyZ",
  expiresAt: "2026-03-15T14:30:00.000Z",
  setPassword: true,
  generatedPassword: false,
} satisfies Props;
