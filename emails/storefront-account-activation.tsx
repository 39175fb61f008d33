import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, formatExpiry, Greeting, Paragraph } from "./_components/layout";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["storefront-account-activation"];

export default function StorefrontAccountActivation({ shop, recipient, link, expiresAt, setPassword, generatedPassword }: Props) {
  return (
    <EmailLayout
      shop={shop}
      preview={`Activate your ${shop.name} account`}
      heading="Activate your account"
      reason={`an account at ${shop.name} was created for ${recipient.email}`}
    >
      <Greeting recipient={recipient} />
      <Paragraph>Please confirm your e-mail address to activate your account at {shop.name}.</Paragraph>
      {setPassword ? (
        <Paragraph>When you open the link, you will be asked to choose a password first.</Paragraph>
      ) : generatedPassword ? (
        <Paragraph>When you open the link, we will e-mail you a password to sign in with.</Paragraph>
      ) : null}
      <ActionButton shop={shop} href={link}>
        Activate your account
      </ActionButton>
      <Paragraph>This link expires on {formatExpiry(expiresAt)}.</Paragraph>
      <Paragraph>If you did not ask for an account, you can ignore this e-mail; the account will not be activated.</Paragraph>
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
