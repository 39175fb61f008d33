import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="content" tabIndex={-1} className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-4 text-slate-700">
        Your roles do not include this part of the back office. Ask a user manager if you need it.
      </p>
      <p className="mt-6">
        <Link href="/admin">Back to the back office</Link>
      </p>
    </main>
  );
}
