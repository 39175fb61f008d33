import { z } from "zod";
import { emailField } from "../shops/registration-form";

const nameField = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(100, "Use at most 100 characters.")
    .regex(/^[^\p{Cc}]*$/u, "Remove the control characters.");

/** Office › Contacts › New contact, shared by the browser and the server. */
export const contactFormSchema = z.object({
  shopId: z.uuid("Choose a shop."),
  customerType: z.string().trim().min(1, "Choose a customer type.").max(32),
  email: emailField,
  firstName: nameField("first name"),
  lastName: nameField("last name"),
});
