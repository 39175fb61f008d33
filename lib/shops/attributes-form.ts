import { z } from "zod";
import { valueKinds, type ValueKind } from "./registration-form";
import { problemCode } from "./settings-messages";

/**
 * Settings › Attribute definitions: the form's schema, shared by the browser and the server (SPEC §4). Its messages
 * are problem codes (./settings-messages.ts), worded by the page.
 */
export const attributeFormMessages = {
  code: problemCode("attributeCode"),
  codeEmpty: problemCode("attributeCodeEmpty"),
  label: problemCode("attributeLabel"),
  tooLong: (max: number) => problemCode("tooLong", { max }),
  controlCharacters: problemCode("controlCharacters"),
  patternControlCharacters: problemCode("patternControlCharacters"),
  valueKind: problemCode("valueKind"),
  messageNeeded: problemCode("patternMessageNeeded"),
  messageWithoutPattern: problemCode("patternMessageWithoutPattern"),
  noPatternForConfirm: problemCode("noPatternForConfirm"),
} as const;

export const CODE_SHAPE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
export const LABEL_MAX = 100;
export const PATTERN_MAX = 500;
export const PATTERN_MESSAGE_MAX = 200;
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

// A missing or non-text value counts as empty, so it gets the field's own message rather than zod's.
const asText = (value: unknown) => (typeof value === "string" ? value : "");
const text = (max: number, controlMessage: string) =>
  z.preprocess(asText, z.string().trim().max(max, attributeFormMessages.tooLong(max)).regex(NO_CONTROL_CHARACTERS, controlMessage));

const fields = {
  label: text(LABEL_MAX, attributeFormMessages.controlCharacters).pipe(z.string().min(1, attributeFormMessages.label)),
  valueKind: z.enum(valueKinds, { message: attributeFormMessages.valueKind }),
  // A checkbox: "on" in a form post, true in react-hook-form, absent or false when not ticked.
  required: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
  regex: text(PATTERN_MAX, attributeFormMessages.patternControlCharacters),
  regexMessage: text(PATTERN_MESSAGE_MAX, attributeFormMessages.controlCharacters),
};

type PatternFields = { valueKind: ValueKind; regex: string; regexMessage: string };

/** A pattern needs its message, a message needs its pattern, and a confirmation field has no pattern of its own. */
function checkPatternFields(values: PatternFields, ctx: z.RefinementCtx): void {
  if (values.regex && values.valueKind === "confirmPassword") {
    ctx.addIssue({ code: "custom", path: ["regex"], message: attributeFormMessages.noPatternForConfirm });
  }
  if (values.regex && !values.regexMessage) {
    ctx.addIssue({ code: "custom", path: ["regexMessage"], message: attributeFormMessages.messageNeeded });
  }
  if (!values.regex && values.regexMessage) {
    ctx.addIssue({ code: "custom", path: ["regexMessage"], message: attributeFormMessages.messageWithoutPattern });
  }
}

/** Editing a definition: its code is fixed after creation. */
export const attributeChangeSchema = z.object(fields).superRefine(checkPatternFields);

export const newAttributeSchema = z
  .object({
    code: z.preprocess(
      asText,
      z.string().trim().min(1, { message: attributeFormMessages.codeEmpty, abort: true }).regex(CODE_SHAPE, attributeFormMessages.code),
    ),
    ...fields,
  })
  .superRefine(checkPatternFields);

export type AttributeChange = z.infer<typeof attributeChangeSchema>;
