import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, Greeting, Paragraph, Secret } from "./_components/layout";
import { emailText } from "./_components/text";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["activation-successful"];

export default function ActivationSuccessful({ shop, recipient, link, password, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = { shop: shop.name, email: recipient.email };
  return (
    <EmailLayout
      shop={shop}
      locale={locale}
      t={t}
      preview={t("activation-successful.preview", names)}
      heading={t("activation-successful.heading")}
      reason={t("activation-successful.reason", names)}
    >
      <Greeting recipient={recipient} t={t} />
      <Paragraph>{t("activation-successful.active", names)}</Paragraph>
      {password && (
        <>
          <Paragraph>{t("activation-successful.signInWith", names)}</Paragraph>
          <Secret label={t("layout.yourPassword")} value={password} />
        </>
      )}
      <ActionButton shop={shop} t={t} href={link}>
        {t("activation-successful.button")}
      </ActionButton>
    </EmailLayout>
  );
}

ActivationSuccessful.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/login",
} satisfies Props;
