import vm from "node:vm";
import { codeOf, type MessageValues } from "@/i18n/message-code";
import { generatePassword } from "./hash";
import { PASSWORD_MAX } from "./policy";

/**
 * Vetting of admin-entered regexes before they are saved: MANAGER_PASSWORD_REGEX and the validation patterns of
 * attribute definitions (SPEC §4, §7). They run on every password change and every registration.
 */
export type PatternVerdict = { ok: true } | { ok: false; message: string };

export type PatternUse = {
  /** The pattern is a password policy: generated passwords (lib/passwords/hash.ts) must be able to satisfy it. */
  generatedPasswords: boolean;
  /** The longest value it will be tested against: probes go up to this length. */
  maxLength?: number;
};

const PATTERN_MAX = 500;

// A vm timeout makes V8 terminate the running script, regex backtracking included, so a hostile pattern costs
// at most one timeout. Budgets: each batch of probes, all probes together, and the generation step.
// The budget of all probes together counts the smaller of wall-clock time and this process's CPU time: a busy
// machine stretches the first (good patterns measured five times slower), the process's other threads (argon2
// hashing) the second, and the probes' own thread neither. The timeouts, which V8 counts in wall-clock time, are
// far above what a good pattern takes.
const BATCH_TIMEOUT_MS = 30;
const BATCH_ATTEMPTS = 3;
const PROBES_BUDGET_MS = 400;
const GENERATE_TIMEOUT_MS = 1000;

/** What a pattern is refused with: codes of passwords.json "patterns" (lib/i18n/message-code.ts), worded by the page. */
const patternProblem = (key: "empty" | "tooLong" | "invalid" | "slow" | "fails" | "ungeneratable", values?: MessageValues) =>
  codeOf("passwords", `patterns.${key}`, values);
const TOO_SLOW = patternProblem("slow");
const UNGENERATABLE = patternProblem("ungeneratable");

const PROBE_LENGTHS = [16, 32, 64];
// Endings that make a match fail late, after the engine has tried every way of splitting the body.
const ENDINGS = ["!", "\u0000", "\n"];
// One character of each class, placed before or after the body, gets past look-aheads that demand them.
const MIXED = "aA1@";
const COMMON_CHARS = "aA1 \t._-@#!/";
const PAIR_CHARS = "aA1 ._-@";
const SYNTAX = new Set("\\^$.|?*+()[]{}");
const MAX_UNITS = 120;

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The pattern's literal runs ("ab" and "c" in ^(ab|c)+), ignoring escaped characters. */
function literalRuns(pattern: string): string[] {
  const runs: string[] = [];
  let run = "";
  for (let i = 0; i <= pattern.length; i++) {
    const char = pattern[i];
    if (char === undefined || SYNTAX.has(char)) {
      if (run) runs.push(run);
      run = "";
      if (char === "\\") i++;
    } else {
      run += char;
    }
  }
  return runs;
}

/** Units to repeat into probe bodies: characters of the pattern, common characters, pairs, literal runs. */
function probeUnits(pattern: string): string[] {
  const units = new Set<string>(COMMON_CHARS);
  for (let i = 0; i < PAIR_CHARS.length; i++) {
    for (let j = i + 1; j < PAIR_CHARS.length; j++) units.add(PAIR_CHARS[i] + PAIR_CHARS[j]);
  }
  for (const char of pattern) if (char !== "\\") units.add(char);
  for (const run of literalRuns(pattern)) if (run.length > 1) units.add(run);
  return [...units].slice(0, MAX_UNITS);
}

/** One batch per unit: the unit repeated to each length, wrapped so that a match has to fail at the end. */
function probeBatches(pattern: string, maxLength: number): string[][] {
  const lengths = [...PROBE_LENGTHS.filter((length) => length < maxLength), maxLength];
  // A pattern starting with a literal, like ^abc(d+)+$, only gets to its slow part after that literal.
  const leading = (/^\^?([^\\^$.|?*+()[\]{}]+)/.exec(pattern)?.[1] ?? "").slice(0, 12);
  const wrappers = [...new Set(["", MIXED, leading])].flatMap((prefix) =>
    ENDINGS.map((end) => [prefix, end]),
  );
  for (const end of ENDINGS) wrappers.push(["", MIXED + end]);
  return probeUnits(pattern).map((unit) =>
    lengths.flatMap((length) =>
      wrappers
        .filter(([, end]) => !unit.includes(end.slice(-1)))
        .map(([prefix, end]) => prefix + repeatTo(unit, length - prefix.length - end.length) + end),
    ),
  );
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one batch of probes; one that times out is run again, because on a busy machine a good pattern's batch can
 * lose the CPU for longer than the timeout (measured at a load of 10 on two cores), while a stalling one times
 * out every time.
 */
function runBatch(run: vm.Script, context: vm.Context): void {
  for (let attempt = 1; ; attempt++) {
    try {
      run.runInContext(context, { timeout: BATCH_TIMEOUT_MS });
      return;
    } catch (error) {
      if (!isTimeout(error) || attempt === BATCH_ATTEMPTS) throw error;
    }
  }
}

/** Runs the pattern against adversarial inputs in a vm context; returns a refusal message or null. */
function stallProblem(pattern: string, maxLength: number): string | null {
  const sandbox: { pattern: string; inputs: string[] } = { pattern, inputs: [] };
  const context = vm.createContext(sandbox);
  const run = new vm.Script("for (const input of inputs) regex.test(input);");
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  const elapsedMs = () => {
    const { user, system } = process.cpuUsage(started.cpu);
    return Math.min(performance.now() - started.wall, (user + system) / 1000);
  };
  try {
    vm.runInContext("var regex = new RegExp(pattern);", context);
    for (const batch of probeBatches(pattern, maxLength)) {
      sandbox.inputs = batch;
      runBatch(run, context);
      // Each batch was quick, but many moderately slow ones add up to the same problem.
      if (elapsedMs() > PROBES_BUDGET_MS) return TOO_SLOW;
    }
  } catch (error) {
    if (isTimeout(error)) return TOO_SLOW;
    // E.g. the engine running out of backtracking stack: passwords would hit the same error.
    return patternProblem("fails", { reason: errorText(error) });
  }
  return null;
}

/**
 * Checks an admin-entered regex. It must compile and must not stall on long crafted input; a password pattern must
 * also leave room for generated passwords.
 */
export function checkPattern(pattern: string, { generatedPasswords, maxLength = PASSWORD_MAX }: PatternUse): PatternVerdict {
  if (!pattern.trim()) return { ok: false, message: patternProblem("empty") };
  if (pattern.length > PATTERN_MAX) return { ok: false, message: patternProblem("tooLong", { max: PATTERN_MAX }) };
  try {
    new RegExp(pattern);
  } catch (error) {
    const reason = errorText(error).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
    return { ok: false, message: patternProblem("invalid", { reason }) };
  }

  const stall = stallProblem(pattern, maxLength);
  if (stall) return { ok: false, message: stall };
  if (!generatedPasswords) return { ok: true };

  // generatePassword tests up to 1000 random candidates; candidates the probes did not cover could still be
  // slow, so it runs under a timeout as well (a host function called from the context is interrupted too).
  try {
    vm.runInNewContext("generate({ regex: pattern });", { generate: generatePassword, pattern }, {
      timeout: GENERATE_TIMEOUT_MS,
    });
  } catch (error) {
    return { ok: false, message: isTimeout(error) ? TOO_SLOW : UNGENERATABLE };
  }
  return { ok: true };
}
