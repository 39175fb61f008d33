import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, Greeting, Paragraph, Secret } from "./_components/layout";
import { previewBackOffice, previewStaff } from "./_components/preview-data";

type Props = NotificationProps["business-user-password-reset"];

export default function BusinessUserPasswordReset({ shop, recipient, link, password }: Props) {
  return (
    <EmailLayout
      shop={shop}
      preview={`Your ${shop.name} back-office password was reset`}
      heading="Your back-office password was reset"
      reason={`the password of the back-office account at ${shop.name} for ${recipient.email} was reset`}
    >
      <Greeting recipient={recipient} />
      <Paragraph>
        A user manager reset the password of your back-office account at {shop.name}, and you have been signed out on
        all devices. Sign in with your e-mail address ({recipient.email}) and this temporary password:
      </Paragraph>
      <Secret label="Temporary password" value={password} />
      <Paragraph>You must choose a new password when you first sign in.</Paragraph>
      <ActionButton shop={shop} href={link}>
        Sign in to the back office
      </ActionButton>
      <Paragraph>If you did not expect this, tell your user manager.</Paragraph>
    </EmailLayout>
  );
}

BusinessUserPasswordReset.PreviewProps = {
  shop: previewBackOffice,
  recipient: previewStaff,
  link: "http://localhost:3000/admin/login",
  password: "Bk9@sE3v#Nf6Yh1d",
} satisfies Props;
