import { z } from "zod";
import { backOfficeCode } from "@/i18n/back-office-code";
import { registrationSchema, type FormAttribute } from "../shops/registration-form";

/** The contact form's own messages, worded where the form is shown (office.json › formErrors). */
export const contactFormMessages = {
  shop: backOfficeCode("office", "chooseShop"),
  customerType: backOfficeCode("office", "chooseType"),
  typeNotOffered: backOfficeCode("office", "typeNotOffered"),
  languageNotOffered: backOfficeCode("office", "languageNotOffered"),
} as const;

/** Office › Contacts › New contact: which shop and customer type the contact belongs to. */
export const contactChoiceSchema = z.object({
  shopId: z.uuid(contactFormMessages.shop),
  customerType: z.string().trim().min(1, contactFormMessages.customerType).max(32, contactFormMessages.typeNotOffered),
  /** One of the shop's languages (checked against the shop); none chosen means the shop's default. */
  locale: z.preprocess((value) => value ?? "", z.string(contactFormMessages.languageNotOffered).max(16, contactFormMessages.languageNotOffered)),
});

const fallbackEmail: FormAttribute = { code: "email", label: "Email", valueKind: "email", required: true, regex: null, regexMessage: null };

/**
 * The fields a contact form captures for a shop and customer type: its registration attributes without the
 * password ones (the customer chooses a password from the activation link, or is sent one), and always an e-mail.
 */
export function contactAttributes(attributes: FormAttribute[]): FormAttribute[] {
  const fields = attributes.filter((attribute) => attribute.valueKind !== "password" && attribute.valueKind !== "confirmPassword");
  return fields.some((attribute) => attribute.valueKind === "email") ? fields : [fallbackEmail, ...fields];
}

/** The contact's own fields, by the storefront's rules (registrationSchema): what the browser checks as they type. */
export function contactFieldsSchema(attributes: FormAttribute[]) {
  return registrationSchema(contactAttributes(attributes));
}

/** The whole form as the server checks it, built from the attributes in force when the form arrives. */
export function contactFormSchema(attributes: FormAttribute[]) {
  return contactFieldsSchema(attributes).safeExtend(contactChoiceSchema.shape);
}
