import { z } from "zod";
import { staffRoles } from "../../db/schema-enums";
import { locales } from "../../i18n/locales";
import { backOfficeCode } from "@/i18n/back-office-code";
import { messageCode } from "@/i18n/message-code";
import { passwordProblems, PASSWORD_MAX, type CommonPasswordCheck, type PasswordPolicy } from "../passwords/policy";
import { emailField, newPasswordField, normaliseEmail } from "../shops/registration-form";
import { roleNames, staffProblemCode } from "./staff-messages";

/** The back office's forms, shared by the browser and the server. */

type Role = (typeof staffRoles)[number];

/**
 * Separation of duties (SPEC §7): a user manager grants, and takes away, only roles they hold themselves, and on
 * their own account may only drop roles. The messages (codes of ./staff-messages.ts) name the roles concerned.
 */
export const roleGrantMessages = {
  grant: (roles: readonly Role[]) => staffProblemCode("grant", { roles: roleNames(roles) }),
  remove: (roles: readonly Role[]) => staffProblemCode("remove", { roles: roleNames(roles) }),
  ownAdd: (roles: readonly Role[]) => staffProblemCode("ownAdd", { roles: roleNames(roles) }),
} as const;

/** Which roles an actor's change of `before` into `after` adds or takes away that the rules above refuse. */
export function refusedRoleChange(
  actor: { roles: readonly Role[]; own: boolean },
  before: readonly Role[],
  after: readonly Role[],
): string | null {
  const added = after.filter((role) => !before.includes(role));
  const removed = before.filter((role) => !after.includes(role));
  if (actor.own && added.length) return roleGrantMessages.ownAdd(added);
  const notHeld = (roles: Role[]) => roles.filter((role) => !actor.roles.includes(role));
  if (notHeld(added).length) return roleGrantMessages.grant(notHeld(added));
  if (notHeld(removed).length) return roleGrantMessages.remove(notHeld(removed));
  return null;
}

/** Checkboxes arrive as one value, several, or none (false in react-hook-form, absent in a form post). */
export const checkedValues = (value: unknown) => (Array.isArray(value) ? value : typeof value === "string" ? [value] : []);

export const rolesField = z.preprocess(
  checkedValues,
  z.array(z.enum(staffRoles, { message: staffProblemCode("rolesFromList") })).min(1, staffProblemCode("roleNeeded")).max(staffRoles.length),
);

/**
 * "Shops" (SPEC §4 shop scope): the radio `shopScope` is "all" or "chosen", the checkboxes `shops` carry shop codes.
 * Without either (a bare form post, the bootstrap) the domain applies the default: the granting manager's own scope.
 * Whether the codes exist and may be granted is the domain's to check (lib/staff/scope.ts grantShopScope).
 */
export const shopScopeChoices = ["all", "chosen"] as const;

export const shopScopeMessages = {
  choice: staffProblemCode("scopeChoice"),
  fromList: staffProblemCode("shopsFromList"),
  atLeastOne: staffProblemCode("shopNeeded"),
} as const;

const shopScopeChoice = z.enum(shopScopeChoices, { message: shopScopeMessages.choice });
const shopScopeFields = {
  shopScope: z.preprocess((value) => (value === null || value === "" || value === false ? undefined : value), shopScopeChoice.optional()),
  shops: z.preprocess(
    checkedValues,
    z
      .array(z.string().trim().max(100, shopScopeMessages.fromList).regex(/^[^\p{Cc}]*$/u, shopScopeMessages.fromList))
      .max(500, shopScopeMessages.fromList),
  ),
};

function requireChosenShops(values: { shopScope?: string; shops: string[] }, ctx: z.RefinementCtx): void {
  if (values.shopScope === "chosen" && values.shops.length === 0) {
    ctx.addIssue({ code: "custom", path: ["shops"], message: shopScopeMessages.atLeastOne });
  }
}

/** The user page's "Shops" form, where the choice is always made. */
export const shopScopeSchema = z
  .object({ ...shopScopeFields, shopScope: z.preprocess((value) => (typeof value === "string" ? value : ""), shopScopeChoice) })
  .superRefine(requireChosenShops);

export const newStaffSchema = z
  .object({
    email: emailField,
    name: z
      .string()
      .trim()
      .min(1, staffProblemCode("enterName"))
      .max(100, messageCode("tooLong", { max: 100 }))
      .regex(/^[^\p{Cc}]*$/u, messageCode("controlCharacters")),
    roles: rolesField,
    /** The language of the welcome e-mail and of the back office for them; English when not given (admin:create). */
    locale: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(locales, { message: staffProblemCode("language") }).optional()),
    ...shopScopeFields,
  })
  .superRefine(requireChosenShops);

export const signInSchema = z.object({
  email: z.string().trim().min(1, messageCode("emailEmpty")).max(320, messageCode("tooLong", { max: 320 })).transform(normaliseEmail),
  password: z.string().min(1, messageCode("enterPassword")).max(1024, messageCode("tooLong", { max: 1024 })),
});

/** "Current password", "New password", "Confirm new password" under MANAGER_PASSWORD_REGEX and the base rules. */
export function changePasswordSchema(policy: PasswordPolicy, email: string, isCommon?: CommonPasswordCheck) {
  return z
    .object({
      currentPassword: z.string().min(1, backOfficeCode("console", "currentPasswordEmpty")).max(PASSWORD_MAX, messageCode("tooLong", { max: PASSWORD_MAX })),
      newPassword: newPasswordField(backOfficeCode("console", "newPasswordEmpty")),
      confirmNewPassword: newPasswordField(backOfficeCode("console", "newPasswordAgain")),
    })
    .superRefine((values, ctx) => {
      if (!values.newPassword) return;
      const problems = passwordProblems(values.newPassword, email, policy, isCommon);
      for (const problem of problems) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
      if (problems.length === 0 && values.newPassword === values.currentPassword) {
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: backOfficeCode("console", "samePassword") });
      }
      if (values.confirmNewPassword && values.confirmNewPassword !== values.newPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmNewPassword"], message: messageCode("passwordsDiffer") });
      }
    });
}
