import type { CommonPasswordCheck } from "@/lib/passwords/policy";

/** What the browser loads once a person starts typing a new password: zxcvbn's estimate and the common list. */
export type PasswordTools = {
  /** zxcvbn's score: 0 (too guessable) to 4 (very unguessable). */
  score: (password: string, userInputs: string[]) => 0 | 1 | 2 | 3 | 4;
  isCommon: CommonPasswordCheck;
};

let loading: Promise<PasswordTools> | null = null;

/**
 * Loaded on demand, in chunks of their own: the dictionaries weigh far more than any page, so pages without a new
 * password never fetch them, and those with one only once the person types. A failed load may be tried again.
 */
export function loadPasswordTools(): Promise<PasswordTools> {
  loading ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@/lib/passwords/common")])
    .then(([{ ZxcvbnFactory }, { dictionary, adjacencyGraphs }, { isCommonPassword }]) => {
      const zxcvbn = new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
      return {
        score: (password, userInputs) => zxcvbn.check(password.slice(0, 128), userInputs.filter(Boolean)).score,
        isCommon: isCommonPassword,
      } satisfies PasswordTools;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
