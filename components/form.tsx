import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[] | string;
  hint?: ReactNode;
  /** Beside the input, inside its frame (e.g. a password's show/hide toggle). */
  addon?: ReactNode;
  ref?: Ref<HTMLInputElement>;
};

function errorList(errors: string[] | string | undefined): string[] {
  return (Array.isArray(errors) ? errors : errors ? [errors] : []).filter(Boolean);
}

/** A labelled input whose errors are announced and tied to it (aria-describedby). */
export function Field({ label, name, errors, hint, addon, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const messages = errorList(errors);
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
      {messages.length ? (
        <p id={`${inputId}-error`} className="text-sm text-red-800">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending?: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending || undefined}
      className="inline-flex items-center justify-center rounded-md bg-accent px-4 py-2 font-medium text-white shadow-sm hover:brightness-90 focus:outline-none focus:ring-2 focus:ring-accent focus:ring-offset-2 disabled:opacity-60"
    >
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
  const messages = errorList(errors);
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
  const messages = errorList(errors);
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
