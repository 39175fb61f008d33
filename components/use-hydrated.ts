import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React runs in the browser (and so always without JavaScript), true after:
 * for the parts of a component that only work with a script (a dialog, a toggle, fields that apply themselves).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
