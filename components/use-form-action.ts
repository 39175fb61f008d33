"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect, type FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import { z } from "zod";
import type { FormState } from "./form-state";

// zod probes `new Function("")` to speed up object schemas; the page's CSP forbids eval, and the probe would be
// reported as a violation on every form. In the browser it validates without compiling.
if (typeof window !== "undefined") z.config({ jitless: true });

type Options<T extends FieldValues> = {
  defaultValues?: DefaultValues<T>;
  /** Fields emptied after the server answers with an error: passwords never come back. */
  secretFields?: string[];
};

/**
 * One way to wire a form: react-hook-form validates with the form's zod schema in the browser, then the same
 * server action that handles no-JavaScript submissions validates again and answers with FormState.
 */
export function useFormAction<T extends FieldValues>(
  action: (state: FormState, formData: FormData) => Promise<FormState>,
  schema: z.ZodType,
  { defaultValues, secretFields = [] }: Options<T> = {},
) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const form = useForm<T>({
    resolver: zodResolver(schema as never) as unknown as Resolver<T>,
    mode: "onTouched",
    defaultValues,
  });
  const { setValue } = form;

  useEffect(() => {
    if (!state.fieldErrors && !state.formError) return;
    for (const name of secretFields) setValue(name as never, "" as never);
    // secretFields is a constant list per form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, setValue]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    void form.handleSubmit(() => startTransition(() => formAction(new FormData(element))))(event);
  };

  /** Client-side errors first (typing), otherwise what the server said. */
  const errorsFor = (name: string): string | string[] | undefined =>
    (form.formState.errors[name]?.message as string | undefined) ?? state.fieldErrors?.[name];

  return { state, formAction, pending, register: form.register, control: form.control, onSubmit, errorsFor };
}
