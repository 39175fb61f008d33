"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Outcome } from "@/components/action-forms";
import { Field, SelectField, SubmitButton, useMessageWords } from "@/components/form";
import type { FormState } from "@/components/form-state";
import { PasswordRulesHint } from "@/components/new-password-form";
import { useFormAction } from "@/components/use-form-action";
import type { AttributeDefinition } from "@/db/schema";
import { attributeChangeSchema, newAttributeSchema } from "@/lib/shops/attributes-form";
import { valueKinds } from "@/lib/shops/registration-form";

type AttributeFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  /** The definition being edited; none for "New attribute", whose form asks for the code. */
  definition?: AttributeDefinition;
};

type Preview = { valueKind: string; regex: string; regexMessage: string };

/** "New attribute" and a definition's own page. A password pattern is shown as the rules customers will read. */
export function AttributeForm({ action, definition }: AttributeFormProps) {
  const t = useTranslations("settings.attributes.form");
  const kindOptions = valueKinds.map((kind) => ({ value: kind, label: t(`valueKinds.${kind}`) }));
  const { state, formAction, pending, register, onSubmit, errorsFor: rawErrorsFor } = useFormAction(
    action,
    definition ? attributeChangeSchema : newAttributeSchema,
  );
  const words = useMessageWords();
  const errorsFor = (name: string) => words(rawErrorsFor(name));
  const initial = (name: keyof Preview | "code" | "label", stored: string | null | undefined) => state.values?.[name] ?? stored ?? "";
  const required = state.values ? state.values.required === "on" : (definition?.required ?? true);
  const [preview, setPreview] = useState<Preview>({
    valueKind: initial("valueKind", definition?.valueKind ?? "text"),
    regex: initial("regex", definition?.regex),
    regexMessage: initial("regexMessage", definition?.regexMessage),
  });
  const follow = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    setPreview({ valueKind: text("valueKind"), regex: text("regex").trim(), regexMessage: text("regexMessage").trim() });
  };

  return (
    <form action={formAction} onSubmit={onSubmit} onInput={follow} noValidate className="space-y-4">
      <Outcome state={state} />
      {definition ? null : (
        <Field
          label={t("code")}
          type="text"
          autoComplete="off"
          spellCheck={false}
          required
          defaultValue={initial("code", "")}
          hint={t("codeHint")}
          errors={errorsFor("code")}
          {...register("code")}
        />
      )}
      <Field label={t("label")} type="text" autoComplete="off" required defaultValue={initial("label", definition?.label)} errors={errorsFor("label")} {...register("label")} />
      <SelectField
        label={t("valueKind")}
        options={kindOptions}
        defaultValue={preview.valueKind}
        errors={errorsFor("valueKind")}
        {...register("valueKind")}
      />
      <label className="flex items-center gap-2">
        <input type="checkbox" defaultChecked={required} className="h-4 w-4 rounded border-slate-400 focus:ring-2 focus:ring-blue-700" {...register("required")} />
        {t("required")}
      </label>
      <Field
        label={t("regex")}
        type="text"
        autoComplete="off"
        spellCheck={false}
        defaultValue={initial("regex", definition?.regex)}
        hint={t("regexHint")}
        errors={errorsFor("regex")}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-slate-900"
        {...register("regex")}
      />
      <Field
        label={t("regexMessage")}
        type="text"
        autoComplete="off"
        defaultValue={initial("regexMessage", definition?.regexMessage)}
        hint={t("regexMessageHint")}
        errors={errorsFor("regexMessage")}
        {...register("regexMessage")}
      />
      {preview.valueKind === "password" ? (
        <section aria-labelledby="password-preview" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <h2 id="password-preview" className="font-semibold">
            {t("preview")}
          </h2>
          <PasswordRulesHint policy={{ regex: preview.regex, regexMessage: preview.regexMessage }} />
        </section>
      ) : null}
      <SubmitButton pending={pending}>{t("save")}</SubmitButton>
    </form>
  );
}
