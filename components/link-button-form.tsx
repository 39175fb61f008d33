import type { ReactNode } from "react";

/**
 * A form of one button that reads like a link (Sign out, Start again): it posts, so it works without JavaScript, and
 * changes something, so it is no link. `light` for dark backgrounds.
 */
export function LinkButtonForm({ action, children, light = false }: { action: () => Promise<void>; children: ReactNode; light?: boolean }) {
  return (
    <form action={action}>
      <button
        type="submit"
        className={light ? "rounded px-2 py-1 text-sm text-white underline underline-offset-2 hover:bg-slate-800 focus:outline-none focus:ring-2 focus:ring-white" : "text-blue-800 underline underline-offset-2"}
      >
        {children}
      </button>
    </form>
  );
}
