import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, Greeting, Paragraph, Secret } from "./_components/layout";
import { previewCustomer, previewShop } from "./_components/preview-data";

type Props = NotificationProps["reset-password-successful"];

export default function ResetPasswordSuccessful({ shop, recipient, link, password, additionalData }: Props) {
  return (
    <EmailLayout
      shop={shop}
      preview={`Your ${shop.name} password was changed`}
      heading="Your password was changed"
      reason={`the password of the account at ${shop.name} for ${recipient.email} was changed`}
    >
      <Greeting recipient={recipient} />
      <Paragraph>
        {additionalData.callCentrePasswordReset
          ? `At your request, our customer service team reset the password of your account at ${shop.name}.`
          : `The password of your account at ${shop.name} was reset.`}{" "}
        For your security, you have been signed out on all devices.
      </Paragraph>
      {password && (
        <>
          <Paragraph>Sign in with your e-mail address ({recipient.email}) and this new password:</Paragraph>
          <Secret label="Your password" value={password} />
        </>
      )}
      <ActionButton shop={shop} href={link}>
        Sign in
      </ActionButton>
      <Paragraph>
        If this wasn&apos;t you, reset your password immediately with &ldquo;Forgot your password?&rdquo; on the sign-in
        page, and contact our customer service team.
      </Paragraph>
    </EmailLayout>
  );
}

ResetPasswordSuccessful.PreviewProps = {
  shop: previewShop,
  recipient: previewCustomer,
  link: "http://localhost:3000/login",
  additionalData: { callCentrePasswordReset: false },
} satisfies Props;
