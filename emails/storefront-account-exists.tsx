import { Link } from "@react-email/components";
import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, Greeting, Paragraph } from "./_components/layout";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["storefront-account-exists"];

export default function StorefrontAccountExists({ shop, recipient, link, resetLink }: Props) {
  return (
    <EmailLayout
      shop={shop}
      preview={`You already have an account at ${shop.name}`}
      heading="You already have an account"
      reason={`someone tried to register at ${shop.name} with ${recipient.email}`}
    >
      <Greeting recipient={recipient} />
      <Paragraph>
        Someone just tried to create an account at {shop.name} with this e-mail address, but it already has an
        account. If that was you, sign in instead.
      </Paragraph>
      <ActionButton shop={shop} href={link}>
        Sign in
      </ActionButton>
      <Paragraph>
        <Link href={resetLink}>Forgot your password?</Link>
      </Paragraph>
      <Paragraph>If it wasn&apos;t you, you can ignore this e-mail; your account has not changed.</Paragraph>
    </EmailLayout>
  );
}

StorefrontAccountExists.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/login",
  resetLink: "http://localhost:3000/forgot-password",
} satisfies Props;
