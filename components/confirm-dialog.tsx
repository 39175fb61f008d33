"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { setNonce } from "get-nonce";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState, useState } from "react";
import { Outcome } from "./action-forms";
import { ButtonLink } from "./button-link";
import { buttonClass, PageHeading, SubmitButton, type ButtonTone } from "./form";
import type { FormState } from "./form-state";
import { useHydrated } from "./use-hydrated";

/**
 * The question an action asks before it runs: what will happen to whom, the page that asks it without JavaScript, and
 * the look of the action's buttons (`danger` for what cannot be taken back or cuts someone off).
 */
export type Confirmation = { title: string; description: string; href: string; tone?: ButtonTone };

/** An action that asks first, as a detail page passes it to `ActionButton` and its confirmation page runs it. */
export type ConfirmedAction = { action: () => Promise<FormState>; confirm: Confirmation };

const secondary = buttonClass("secondary");

/**
 * The dialog's scroll lock adds a style element, which the Content-Security-Policy allows only with this page's nonce
 * (the one Next.js put on its scripts).
 */
function adoptStyleNonce(): void {
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}

/**
 * The button of an action that asks first. With JavaScript it opens a modal dialog (focus kept inside, Escape or
 * Cancel closes it and changes nothing, Confirm posts the action); without, it is a link to a page asking the same.
 */
export function ConfirmDialog({
  label,
  confirmation,
  formAction,
  pending,
}: {
  label: string;
  confirmation: Confirmation;
  formAction: () => void;
  pending: boolean;
}) {
  const t = useTranslations("confirm");
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const look = buttonClass(confirmation.tone);
  if (!hydrated)
    return (
      <ButtonLink href={confirmation.href} tone={confirmation.tone}>
        {label}
      </ButtonLink>
    );
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (next) adoptStyleNonce();
        setOpen(next);
      }}
    >
      <Dialog.Trigger className={look} disabled={pending} aria-disabled={pending || undefined}>
        {label}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold break-words text-slate-900">{confirmation.title}</Dialog.Title>
          <Dialog.Description className="text-slate-700">{confirmation.description}</Dialog.Description>
          <form action={formAction} onSubmit={() => setOpen(false)} className="flex flex-wrap justify-end gap-3">
            <Dialog.Close className={secondary}>{t("cancel")}</Dialog.Close>
            <button type="submit" className={look}>
              {t("confirm")}
            </button>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The page that asks without JavaScript: the same question, "Confirm" posts the action, "Cancel" goes back. */
export function ConfirmPanel({
  confirmation,
  action,
  back,
}: {
  confirmation: Pick<Confirmation, "title" | "description" | "tone">;
  action: () => Promise<FormState>;
  back: string;
}) {
  const t = useTranslations("confirm");
  const [state, formAction, pending] = useActionState<FormState>(action, {});
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>
        <span className="break-words">{confirmation.title}</span>
      </PageHeading>
      <p className="text-slate-700">{confirmation.description}</p>
      <Outcome state={state} />
      {state.notice ? (
        <p>
          <Link href={back}>{t("back")}</Link>
        </p>
      ) : (
        <form action={formAction} className="flex flex-wrap gap-3">
          <SubmitButton pending={pending} tone={confirmation.tone}>
            {t("confirm")}
          </SubmitButton>
          <Link href={back} className={secondary}>
            {t("cancel")}
          </Link>
        </form>
      )}
    </section>
  );
}
