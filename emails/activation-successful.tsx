import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, namesOf, Paragraph, Secret } from "./_components/layout";
import { emailText } from "./_components/text";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["activation-successful"];

export default function ActivationSuccessful({ shop, recipient, link, password, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = namesOf(shop, recipient);
  return (
    <EmailLayout type="activation-successful" shop={shop} recipient={recipient} locale={locale} t={t}>
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
