import { z } from "zod";
import { staffRoles } from "../../db/schema-enums";
import { passwordProblems, PASSWORD_MAX, type CommonPasswordCheck, type PasswordPolicy } from "../passwords/policy";
import { emailField } from "../shops/registration-form";

/** The back office's forms, shared by the browser and the server. */
export const roleLabels: Record<(typeof staffRoles)[number], string> = {
  customer_service: "Customer service",
  user_manager: "User manager",
  shop_admin: "Shop administrator",
};

/** Checkboxes arrive as one value, several, or none (false in react-hook-form, absent in a form post). */
export const rolesField = z.preprocess(
  (value) => (Array.isArray(value) ? value : typeof value === "string" ? [value] : []),
  z.array(z.enum(staffRoles, { message: "Choose roles from the list." })).min(1, "Choose at least one role.").max(staffRoles.length),
);

export const newStaffSchema = z.object({
  email: emailField,
  name: z
    .string()
    .trim()
    .min(1, "Enter the person's name.")
    .max(100, "Use at most 100 characters.")
    .regex(/^[^\p{Cc}]*$/u, "Remove the control characters."),
  roles: rolesField,
});

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address.").max(320, "Use at most 320 characters."),
  password: z.string().min(1, "Enter your password.").max(1024, "Use at most 1024 characters."),
});

/** "Current password", "New password", "Confirm new password" under MANAGER_PASSWORD_REGEX and the base rules. */
export function changePasswordSchema(policy: PasswordPolicy, email: string, isCommon?: CommonPasswordCheck) {
  return z
    .object({
      currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
      newPassword: z.string().min(1, "Choose a new password.").max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
      confirmNewPassword: z.string().min(1, "Enter the new password again."),
    })
    .superRefine((values, ctx) => {
      if (!values.newPassword) return;
      const problems = passwordProblems(values.newPassword, email, policy, isCommon);
      for (const problem of problems) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
      if (problems.length === 0 && values.newPassword === values.currentPassword) {
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from your current one." });
      }
      if (values.confirmNewPassword && values.confirmNewPassword !== values.newPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmNewPassword"], message: "The passwords do not match." });
      }
    });
}
