import type { NotificationProps } from "../lib/mail/notifications";
import { ActionButton, EmailLayout, Greeting, Paragraph, Secret } from "./_components/layout";
import { previewBackOffice, previewStaff } from "./_components/preview-data";

type Props = NotificationProps["business-user-account-created"];

export default function BusinessUserAccountCreated({ shop, recipient, link, password }: Props) {
  return (
    <EmailLayout
      shop={shop}
      preview={`Your ${shop.name} back-office account is ready`}
      heading="Your back-office account"
      reason={`a back-office account at ${shop.name} was created for ${recipient.email}`}
    >
      <Greeting recipient={recipient} />
      <Paragraph>
        A back-office account at {shop.name} was created for you. Sign in with your e-mail address ({recipient.email})
        and this temporary password:
      </Paragraph>
      <Secret label="Temporary password" value={password} />
      <Paragraph>You must choose a new password when you first sign in.</Paragraph>
      <ActionButton shop={shop} href={link}>
        Sign in to the back office
      </ActionButton>
    </EmailLayout>
  );
}

BusinessUserAccountCreated.PreviewProps = {
  shop: previewBackOffice,
  recipient: previewStaff,
  link: "http://localhost:3000/admin/login",
  password: "Qm4#xR8t@Wz2Lc7p",
} satisfies Props;
