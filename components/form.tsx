import { useTranslations } from "next-intl";
import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from "react";
import { wordMessage, type CatalogueTranslator } from "@/i18n/message-code";
import { wordPasswordMessage } from "@/lib/passwords/words";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[] | string;
  hint?: ReactNode;
  /** Beside the input, inside its frame (e.g. a password's show/hide toggle). */
  addon?: ReactNode;
  ref?: Ref<HTMLInputElement>;
};

/**
 * Errors as the person reads them: message codes of any catalogue area (i18n/message-code.ts) and password
 * failures (lib/passwords/words.ts) worded in the page's language; any other text (a shop's own pattern message) as it
 * is. For controls that show errors themselves; Field, SelectField, CheckboxGroup and FieldErrorText word their own.
 */
export function useMessageWords(): (errors: string[] | string | undefined) => string[] {
  const t = useTranslations() as unknown as CatalogueTranslator;
  const passwords = useTranslations("passwords");
  return (errors) =>
    (Array.isArray(errors) ? errors : errors ? [errors] : []).filter(Boolean).map((message) => wordMessage(t, wordPasswordMessage(passwords, message)));
}

function useErrorList(errors: string[] | string | undefined): string[] {
  return useMessageWords()(errors);
}

/** A field's worded errors under it, for a control that is not a Field (its aria-describedby names `id`). */
export function FieldErrorText({ id, errors }: { id: string; errors?: string[] | string }) {
  const messages = useErrorList(errors);
  return messages.length ? (
    <p id={id} className="text-sm text-red-800">
      {messages.join(" ")}
    </p>
  ) : null;
}

/** A labelled input whose errors are announced and tied to it (aria-describedby). */
export function Field({ label, name, errors, hint, addon, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const messages = useErrorList(errors);
  const describedBy = [hint ? `${inputId}-hint` : null, messages.length ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex items-stretch gap-2">
        <input
          id={inputId}
          name={name}
          aria-invalid={messages.length > 0 || undefined}
          aria-describedby={describedBy || undefined}
          className="block w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent aria-[invalid=true]:border-red-700"
          {...input}
        />
        {addon}
      </div>
      {hint ? (
        <div id={`${inputId}-hint`} className="text-sm text-slate-600">
          {hint}
        </div>
      ) : null}
      <FieldErrorText id={`${inputId}-error`} errors={errors} />
    </div>
  );
}

/** A button's look: the accent, or `danger` (red) for what cannot be taken back or cuts someone off. */
export type ButtonTone = "primary" | "danger" | "secondary";

const buttonTones: Record<ButtonTone, string> = {
  primary: "bg-accent text-white shadow-sm hover:brightness-90 focus:ring-accent",
  // White on red-700 is 6.4:1 (red-800 on hover, more); the ring stands apart from the button by its white offset.
  danger: "bg-red-700 text-white shadow-sm hover:bg-red-800 focus:ring-red-700",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50 focus:ring-blue-700",
};

/** The classes of a button, or of a link that looks like one (with a visible focus ring). */
export function buttonClass(tone: ButtonTone = "primary"): string {
  return `inline-flex items-center justify-center rounded-md px-4 py-2 font-medium no-underline focus:outline-none focus:ring-2 focus:ring-offset-2 disabled:opacity-60 ${buttonTones[tone]}`;
}

export function SubmitButton({ children, pending, tone }: { children: ReactNode; pending?: boolean; tone?: ButtonTone }) {
  return (
    <button type="submit" disabled={pending} aria-disabled={pending || undefined} className={buttonClass(tone)}>
      {children}
    </button>
  );
}

export function Alert({ tone = "info", children }: { tone?: "info" | "error" | "success"; children: ReactNode }) {
  const styles = {
    info: "border-blue-300 bg-blue-50 text-blue-950",
    error: "border-red-300 bg-red-50 text-red-950",
    success: "border-green-300 bg-green-50 text-green-950",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-4 py-3 ${styles}`}>
      {children}
    </div>
  );
}

export function PageHeading({ children }: { children: ReactNode }) {
  return <h1 className="text-2xl font-semibold text-slate-900">{children}</h1>;
}

type CheckboxGroupProps = {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  defaultValues?: string[];
  errors?: string[] | string;
  inputProps?: (value: string) => InputHTMLAttributes<HTMLInputElement>;
};

/** A fieldset of checkboxes sharing one name, its errors announced with it. */
export function CheckboxGroup({ legend, name, options, defaultValues = [], errors, inputProps }: CheckboxGroupProps) {
  const messages = useErrorList(errors);
  return (
    <fieldset className="space-y-2" aria-describedby={messages.length ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="flex items-center gap-2">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            defaultChecked={defaultValues.includes(option.value)}
            className="h-4 w-4 rounded border-slate-400 focus:ring-2 focus:ring-blue-700"
            {...inputProps?.(option.value)}
          />
          {option.label}
        </label>
      ))}
      {messages.length ? (
        <p id={`${name}-error`} className="text-sm text-red-800">
          {messages.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  defaultValue?: string;
  /** The first option, standing for "no choice" (e.g. "All shops"); a select without it must be answered. */
  anyLabel?: string;
  options: { value: string; label: string }[];
  errors?: string[] | string;
};

/** A labelled select (filters, and form fields with their errors announced like Field's). */
export function SelectField({ label, name, defaultValue, anyLabel, options, errors, ...select }: SelectFieldProps) {
  const messages = useErrorList(errors);
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={messages.length ? `${name}-error` : undefined}
        className="max-w-full rounded-md border border-slate-400 px-3 py-2"
        {...select}
      >
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {messages.length ? (
        <p id={`${name}-error`} className="text-sm text-red-800">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
