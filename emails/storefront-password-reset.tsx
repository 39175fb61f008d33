import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, namesOf, Paragraph } from "./_components/layout";
import { emailText, formatExpiry } from "./_components/text";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["storefront-password-reset"];

export default function StorefrontPasswordReset({ shop, recipient, link, expiresAt, additionalData, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = namesOf(shop, recipient);
  return (
    <EmailLayout type="storefront-password-reset" shop={shop} recipient={recipient} locale={locale} t={t}>
      <Paragraph>
        {additionalData.callCentrePasswordReset ? t("storefront-password-reset.byCallCentre") : t("storefront-password-reset.requested", names)}{" "}
        {t("storefront-password-reset.useButton")}
      </Paragraph>
      <ActionButton shop={shop} t={t} href={link}>
        {t("storefront-password-reset.button")}
      </ActionButton>
      <Paragraph>{t("layout.expiresOn", { date: formatExpiry(expiresAt, locale) })}</Paragraph>
      <Paragraph>{t("storefront-password-reset.ignore")}</Paragraph>
    </EmailLayout>
  );
}

StorefrontPasswordReset.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/reset-password/Zp4Nw8sKc2YhT6fRb1LmQ9xVe3GjU7dAoH5iE0tWqSn",
  expiresAt: "2026-03-14T15:30:00.000Z",
  additionalData: { callCentrePasswordReset: false },
} satisfies Props;
