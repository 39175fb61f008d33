import type { Locale } from "@/i18n/locales";

/** The transactional e-mails of SPEC §6 and the variables each template receives. */
export const notificationTypes = [
  "storefront-account-activation",
  "activation-successful",
  "storefront-password-reset",
  "reset-password-successful",
  "storefront-account-exists",
  "business-user-account-created",
  "business-user-password-reset",
] as const;

export type NotificationType = (typeof notificationTypes)[number];

export type ShopBranding = {
  name: string;
  baseUrl: string;
  logoUrl: string | null;
  accentColor: string;
};

export type Recipient = {
  email: string;
  firstName: string;
  lastName: string;
  customerType?: string;
};

/** `locale`: the language the e-mail is written in (SPEC §9), English when absent (e-mails queued before languages). */
type Common = { shop: ShopBranding; recipient: Recipient; locale?: Locale };

export type AdditionalData = { callCentrePasswordReset?: boolean };

export type NotificationProps = {
  /**
   * `setPassword`: the link will ask for a password first (user-controlled mode, none chosen yet).
   * `generatedPassword`: the link will e-mail a generated password (automatic mode). Neither: it just activates.
   */
  "storefront-account-activation": Common & { link: string; expiresAt: string; setPassword: boolean; generatedPassword?: boolean };
  "activation-successful": Common & { link: string; password?: string };
  "storefront-password-reset": Common & { link: string; expiresAt: string; additionalData: AdditionalData };
  "reset-password-successful": Common & { link: string; password?: string; additionalData: AdditionalData };
  "storefront-account-exists": Common & { link: string; resetLink: string };
  "business-user-account-created": Common & { link: string; password: string };
  "business-user-password-reset": Common & { link: string; password: string };
};

/** Variables that must never be stored or shown in clear: encrypted at rest, dropped from the redacted copy. */
export const secretVariables = ["link", "resetLink", "password"] as const;

export type RenderedEmail = { subject: string; html: string; text: string };
