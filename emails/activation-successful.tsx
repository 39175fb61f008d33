import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, Greeting, Paragraph, Secret } from "./_components/layout";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["activation-successful"];

export default function ActivationSuccessful({ shop, recipient, link, password }: Props) {
  return (
    <EmailLayout
      shop={shop}
      preview={`Your ${shop.name} account is active`}
      heading="Your account is active"
      reason={`the account at ${shop.name} for ${recipient.email} was activated`}
    >
      <Greeting recipient={recipient} />
      <Paragraph>Your account at {shop.name} is now active.</Paragraph>
      {password && (
        <>
          <Paragraph>Sign in with your e-mail address ({recipient.email}) and this password:</Paragraph>
          <Secret label="Your password" value={password} />
        </>
      )}
      <ActionButton shop={shop} href={link}>
        Sign in
      </ActionButton>
    </EmailLayout>
  );
}

ActivationSuccessful.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/login",
} satisfies Props;
