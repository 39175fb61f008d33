import Link from "next/link";
import { Alert, PageHeading } from "./form";

/** The end of a storefront flow that leads on to signing in (account activated, password changed). */
export function SignInNext({ heading, message }: { heading: string; message: string }) {
  return (
    <section className="max-w-xl space-y-4">
      <PageHeading>{heading}</PageHeading>
      <Alert tone="success">{message}</Alert>
      <p>
        <Link href="/login" className="font-medium">
          Sign in
        </Link>
      </p>
    </section>
  );
}
