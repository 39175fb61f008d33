import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert, PageHeading } from "./form";

/** The end of a storefront flow that leads on to signing in (account activated, password changed). */
export function SignInNext({ heading, message }: { heading: string; message: string }) {
  const t = useTranslations("forms");
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>{heading}</PageHeading>
      <Alert tone="success">{message}</Alert>
      <p>
        <Link href="/login" className="font-medium">
          {t("signIn")}
        </Link>
      </p>
    </section>
  );
}
