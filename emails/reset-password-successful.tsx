import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, namesOf, Paragraph, Secret } from "./_components/layout";
import { emailText } from "./_components/text";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["reset-password-successful"];

export default function ResetPasswordSuccessful({ shop, recipient, link, password, additionalData, locale = "en" }: Props) {
  const t = emailText(locale);
  const names = namesOf(shop, recipient);
  return (
    <EmailLayout type="reset-password-successful" shop={shop} recipient={recipient} locale={locale} t={t}>
      <Paragraph>
        {additionalData.callCentrePasswordReset ? t("reset-password-successful.byCallCentre", names) : t("reset-password-successful.reset", names)}{" "}
        {t("reset-password-successful.signedOut")}
      </Paragraph>
      {password && (
        <>
          <Paragraph>{t("reset-password-successful.signInWith", names)}</Paragraph>
          <Secret label={t("layout.yourPassword")} value={password} />
        </>
      )}
      <ActionButton shop={shop} t={t} href={link}>
        {t("reset-password-successful.button")}
      </ActionButton>
      <Paragraph>{t("reset-password-successful.notYou")}</Paragraph>
    </EmailLayout>
  );
}

ResetPasswordSuccessful.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/login",
  additionalData: { callCentrePasswordReset: false },
} satisfies Props;
