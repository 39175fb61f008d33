import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, formatExpiry, Greeting, Paragraph } from "./_components/layout";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["storefront-password-reset"];

export default function StorefrontPasswordReset({ shop, recipient, link, expiresAt, additionalData }: Props) {
  return (
    <EmailLayout
      shop={shop}
      preview={`Reset your ${shop.name} password`}
      heading="Reset your password"
      reason={`a password reset was requested for the account at ${shop.name} for ${recipient.email}`}
    >
      <Greeting recipient={recipient} />
      <Paragraph>
        {additionalData.callCentrePasswordReset
          ? `Our customer service team started a password reset for you at your request.`
          : `We received a request to reset the password of your account at ${shop.name}.`}{" "}
        Use the button below to reset it.
      </Paragraph>
      <ActionButton shop={shop} href={link}>
        Reset your password
      </ActionButton>
      <Paragraph>This link expires on {formatExpiry(expiresAt)}.</Paragraph>
      <Paragraph>If you did not ask for this, you can ignore this e-mail; your password will not change.</Paragraph>
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
