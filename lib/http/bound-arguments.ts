import { z } from "zod";
import { backOfficeCode } from "@/i18n/back-office-code";
import { CODE_SHAPE } from "@/lib/shops/attributes-form";
import { SHOP_CODE, TYPE_CODE } from "@/lib/shops/settings-forms";

/**
 * The bound arguments of a server action (`action.bind(null, user.id)` on a page) come back from the browser with
 * each call, so a forged call can put anything in their place: `[]`, `{}`, `123`, "not-a-uuid", an overlong code.
 * Typed as strings, they would reach PostgreSQL as they are (an invalid uuid fails there: HTTP 500). Each action
 * checks them with these shapes after its authorization check and answers as for a record that does not exist.
 */
export const bound = {
  /** A record's id: a uuid as PostgreSQL writes it. */
  id: z.guid(),
  shopCode: z.string().regex(SHOP_CODE),
  customerTypeCode: z.string().regex(TYPE_CODE),
  attributeCode: z.string().regex(CODE_SHAPE),
  staffStatus: z.enum(["active", "disabled"]),
  flag: z.boolean(),
} as const;

type Parsed<Schemas extends readonly z.ZodType[]> = { [Index in keyof Schemas]: z.output<Schemas[Index]> };

/** The bound arguments if there are as many as shapes and each has its shape, else null (nothing of them is logged). */
export function boundArguments<const Schemas extends readonly z.ZodType[]>(schemas: Schemas, values: readonly unknown[]): Parsed<Schemas> | null {
  if (values.length !== schemas.length) return null;
  const parsed: unknown[] = [];
  for (const [index, schema] of schemas.entries()) {
    const result = schema.safeParse(values[index]);
    if (!result.success) return null;
    parsed.push(result.data);
  }
  return parsed as Parsed<Schemas>;
}

/** What an action answers when its bound arguments are not what its page bound: a call no page of ours made. */
export const forgedCall = backOfficeCode("console", "forgedCall");
