import type { ReactElement } from "react";
import { plainTextSelectors, render } from "@react-email/render";
import { compile } from "html-to-text";
import type { NotificationProps, NotificationType, RenderedEmail } from "../lib/mail/notifications";
import ActivationSuccessful from "./activation-successful";
import BusinessUserAccountCreated from "./business-user-account-created";
import BusinessUserPasswordReset from "./business-user-password-reset";
import ResetPasswordSuccessful from "./reset-password-successful";
import StorefrontAccountActivation from "./storefront-account-activation";
import StorefrontAccountExists from "./storefront-account-exists";
import StorefrontPasswordReset from "./storefront-password-reset";
import { emailText } from "./_components/text";

/** A notification's template, with the example props React Email's preview (and the tests) render it with. */
export type Template<P> = ((props: P) => ReactElement) & { PreviewProps?: P };

/** The template of each notification type. */
export const templates: { [T in NotificationType]: Template<NotificationProps[T]> } = {
  "storefront-account-activation": StorefrontAccountActivation,
  "activation-successful": ActivationSuccessful,
  "storefront-password-reset": StorefrontPasswordReset,
  "reset-password-successful": ResetPasswordSuccessful,
  "storefront-account-exists": StorefrontAccountExists,
  "business-user-account-created": BusinessUserAccountCreated,
  "business-user-password-reset": BusinessUserPasswordReset,
};

/**
 * The plain-text part, converted as React Email's render does (its selectors, no wrapping), headings kept as written
 * (html-to-text upper-cases them by default). Compiled once: compiling per e-mail cost six times the conversion.
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [...plainTextSelectors, ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } }))],
});

export async function renderNotification<T extends NotificationType>(
  type: T,
  props: NotificationProps[T],
): Promise<RenderedEmail> {
  const Component = templates[type] as (props: NotificationProps[T]) => ReactElement;
  const element = <Component {...props} />;
  const subjectKey: `${NotificationType}.subject` = `${type}.subject`;
  const subject = emailText(props.locale)(subjectKey);
  // Rendered once: the plain-text part is made from the HTML (what render's plainText option does, twice the work).
  const html = await render(element);
  const text = toPlainText(html);
  return { subject: `${props.shop.name}: ${subject}`, html, text };
}
