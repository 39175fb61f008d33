/**
 * The password policy in force, as rules a person can read before typing and as the rules a password breaks
 * (SPEC §7): the base rules plus the applicable regex, which is decomposed into its top-level look-aheads and
 * remainder so that common shapes can be described in words. The words are the catalogue's (PasswordText, worded where
 * shown by lib/passwords/words.ts). Shared by the browser and the server: no Node imports.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** The applicable regex and its message: a shop's `password` definition, or MANAGER_PASSWORD_REGEX (no message). */
export type PasswordPolicy = { regex?: string | null; regexMessage?: string | null };

/** The server adds a check against the list of common passwords, which is too large to send to browsers. */
export type CommonPasswordCheck = (password: string) => boolean;

/** The named classes of characters, as the catalogue words them (messages/<language>/passwords.json, `classes`). */
export const characterClasses = ["letter", "lower", "upper", "digit", "underscore", "space"] as const;
export type CharacterClass = (typeof characterClasses)[number];

/** A set of characters in words: its named classes and listed characters, or (negated) every character but those. */
export type CharacterWords = { classes: CharacterClass[]; characters: string; negated: boolean };

/** The sentences of the catalogue's `rules` (what the hint lists) and `failures` (what a refusal says). */
export const passwordTextKeys = [
  "rules.length", "rules.notCommon", "rules.notEmail", "rules.noSpaces", "rules.contains", "rules.atLeast", "rules.none", "rules.only",
  "rules.pattern", "failures.tooShort", "failures.tooLong", "failures.isEmail", "failures.tooCommon", "failures.noSpaces",
  "failures.contains", "failures.atLeast", "failures.none", "failures.only", "failures.pattern",
] as const;
export type PasswordTextKey = (typeof passwordTextKeys)[number];

/**
 * A rule or a failure, worded only where it is shown, in the reader's language (lib/passwords/words.ts): a sentence
 * of the catalogue with its numbers and pattern, and the set of characters it is about; or the policy's own message
 * (a shop's pattern message, free text set by staff), shown as it is.
 */
export type PasswordText = { key: PasswordTextKey; values?: PasswordTextValues; set?: CharacterWords } | { own: string };

/** The numbers and the pattern a sentence names ({min}, {max}, {count}, {pattern}). */
export type PasswordTextValues = { min?: number; max?: number; count?: number; pattern?: string };

/** A sentence of the catalogue, frozen: the analyses are cached, and their rules handed to every caller. */
function text(key: PasswordTextKey, values?: PasswordTextValues, set?: CharacterWords): PasswordText {
  return Object.freeze({
    key,
    ...(values ? { values: Object.freeze(values) } : {}),
    ...(set ? { set: Object.freeze({ ...set, classes: Object.freeze(set.classes) as CharacterClass[] }) } : {}),
  });
}

/** One rule as the hint shows it. */
export type PasswordRuleText = { text: PasswordText };

type Context = { email: string; isCommon?: CommonPasswordCheck };

type Rule = {
  /** Shown before typing; null for a rule that only decides what a refusal says. */
  text: PasswordText | null;
  failure: PasswordText;
  /** Comes from the regex: asked only when the whole regex fails, and its message stands in for it when given. */
  fromPattern: boolean;
  /** For pattern rules: whether the password breaks this part of the regex at its start. */
  broken: (password: string, context: Context) => boolean;
  /** Length rules: of several broken ones, only the strictest is named. */
  length?: { bound: "min" | "max"; value: number };
};

// ——— Reading a regex ———

/** Index just past the token at i: an escape, a character class, a group (with everything inside), or one character. */
function tokenEnd(source: string, i: number): number {
  const char = source[i];
  if (char === "\\") return i + 2;
  if (char === "[") {
    let j = i + 1;
    while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  if (char === "(") {
    let j = i + 1;
    while (j < source.length && source[j] !== ")") j = tokenEnd(source, j);
    return j + 1;
  }
  return i + 1;
}

function topLevelTokens(source: string): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < source.length; ) {
    const end = Math.min(tokenEnd(source, i), source.length);
    tokens.push(source.slice(i, end));
    i = end;
  }
  return tokens;
}

const QUANTIFIER_START = new Set(["*", "+", "?", "{"]);

type Decomposed = { startAnchored: boolean; endAnchored: boolean; lookaheads: string[]; rest: string };

/** `^(?=A)(?!B)R$` → anchors, [(?=A), (?!B)] and R; null where the regex has top-level alternatives. */
function decompose(regex: string): Decomposed | null {
  const tokens = topLevelTokens(regex);
  if (tokens.includes("|")) return null;
  let i = 0;
  const startAnchored = tokens[0] === "^";
  if (startAnchored) i++;
  const lookaheads: string[] = [];
  while (i < tokens.length && /^\(\?[=!]/.test(tokens[i]) && !QUANTIFIER_START.has(tokens[i + 1]?.[0] ?? "")) {
    lookaheads.push(tokens[i]);
    i++;
  }
  let restTokens = tokens.slice(i);
  const endAnchored = restTokens.at(-1) === "$";
  if (endAnchored) restTokens = restTokens.slice(0, -1);
  return { startAnchored, endAnchored, lookaheads, rest: restTokens.join("") };
}

// ——— Character classes in words ———

type CharacterSet = { lower: boolean; upper: boolean; digit: boolean; space: boolean; underscore: boolean; literals: string; negated: boolean };

const emptySet = (): CharacterSet => ({ lower: false, upper: false, digit: false, space: false, underscore: false, literals: "", negated: false });

function addLiteral(set: CharacterSet, char: string): void {
  if (char === "_") set.underscore = true;
  else if (char === " ") set.space = true;
  else if (!set.literals.includes(char)) set.literals += char;
}

/** `\d`, `[A-Za-z]`, `[@#$%^&+=]`, `[^A-Za-z0-9]`, `@` … as a set of named classes; null when it is not that simple. */
function characterSet(atom: string): CharacterSet | null {
  const set = emptySet();
  const escapes: Record<string, (set: CharacterSet) => void> = {
    d: (s) => (s.digit = true),
    w: (s) => Object.assign(s, { lower: true, upper: true, digit: true, underscore: true }),
    s: (s) => (s.space = true),
  };
  if (atom.startsWith("\\")) {
    const letter = atom[1];
    if (escapes[letter]) escapes[letter](set);
    else if (escapes[letter.toLowerCase()]) {
      escapes[letter.toLowerCase()](set);
      set.negated = true;
    } else if (/[A-Za-z0-9]/.test(letter)) return null;
    else addLiteral(set, letter);
    return set;
  }
  if (!atom.startsWith("[")) {
    addLiteral(set, atom);
    return set;
  }
  let body = atom.slice(1, -1);
  if (body.startsWith("^")) {
    set.negated = true;
    body = body.slice(1);
  }
  if (!body) return null;
  const ranges: Record<string, keyof CharacterSet> = { "a-z": "lower", "A-Z": "upper", "0-9": "digit" };
  for (let i = 0; i < body.length; ) {
    if (body[i] === "\\") {
      const letter = body[i + 1] ?? "";
      if (escapes[letter]) escapes[letter](set);
      else if (/[A-Za-z0-9]/.test(letter) || !letter) return null;
      else addLiteral(set, letter);
      i += 2;
    } else if (body[i + 1] === "-" && i + 2 < body.length) {
      const range = ranges[body.slice(i, i + 3)];
      if (!range) return null;
      (set[range] as boolean) = true;
      i += 3;
    } else {
      addLiteral(set, body[i]);
      i++;
    }
  }
  return set;
}

/** The set's classes as the catalogue names them, in the order they are listed. */
function setWords(set: CharacterSet): CharacterWords {
  const classes: CharacterClass[] = [];
  if (set.lower && set.upper) classes.push("letter");
  else if (set.lower) classes.push("lower");
  else if (set.upper) classes.push("upper");
  if (set.digit) classes.push("digit");
  if (set.underscore) classes.push("underscore");
  if (set.space) classes.push("space");
  return { classes, characters: set.literals, negated: set.negated };
}

type Described = { words: CharacterWords; spacesOnly: boolean };

function describeSet(atom: string): Described | null {
  const set = characterSet(atom);
  if (!set) return null;
  const spacesOnly = !set.negated && set.space && !set.lower && !set.upper && !set.digit && !set.underscore && !set.literals;
  return { words: setWords(set), spacesOnly };
}

/** A character class, an escape or one plain character (as a regex source fragment with one capture group). */
const ATOM = String.raw`(\[(?:\\.|[^\]\\])*\]|\\.|[^\\^$.|?*+()[\]{}])`;
const ANY_RUN = String.raw`\.\*\??`;
const QUANTIFIER = String.raw`(\*|\+|\{(\d+)(?:,(\d*))?\})`;
/** Shapes of look-ahead bodies and remainders; QUANTIFIER's groups are (quantifier, minimum, maximum). */
const shapes = {
  /** `.*X`: contains one X (or, in a negative look-ahead, none). */
  contains: new RegExp(`^${ANY_RUN}${ATOM}$`),
  /** `(?:.*X){2}`: at least two. */
  count: new RegExp(String.raw`^\((?:\?:)?${ANY_RUN}${ATOM}\)\{(\d+)(?:,\d*)?\}$`),
  /** `X+$`, `X{8,}`: only characters of X. */
  only: new RegExp(`^${ATOM}${QUANTIFIER}(\\$?)$`),
  /** `.{8,}`, `.{8,20}$`: a length. */
  length: new RegExp(String.raw`^\.${QUANTIFIER}\??(\$?)$`),
};

type Length = { min: number; max: number | null };

/** A QUANTIFIER match as a length; the maximum counts only where the match must reach the password's end. */
function lengthOf([quantifier, min, max]: (string | undefined)[], reachesEnd: boolean): Length {
  if (quantifier === "*") return { min: 0, max: null };
  if (quantifier === "+") return { min: 1, max: null };
  const low = Number(min);
  const high = max === undefined ? low : max === "" ? null : Number(max);
  return { min: low, max: reachesEnd ? high : null };
}

type Piece = { source: string; test: RegExp };
type Reading = { rules: Rule[]; lengths: Length[]; unrecognised: Piece[] };

const failsTest = (test: RegExp) => (password: string) => !test.test(password);

function patternRule(text: PasswordText, failure: PasswordText, test: RegExp): Rule {
  return { text, failure, fromPattern: true, broken: failsTest(test) };
}

/** `\S` and `[^\s]`: "no spaces" reads better than "only characters other than spaces". */
function isNotSpace(atom: string): boolean {
  const set = characterSet(atom);
  return !!set && set.negated && set.space && !set.lower && !set.upper && !set.digit && !set.underscore && !set.literals;
}

/** "Only letters and digits" / "No spaces" for a run of one class that makes up the whole password. */
function onlyRule(atom: string, test: RegExp): Rule | null {
  if (isNotSpace(atom)) return patternRule(text("rules.noSpaces"), text("failures.noSpaces"), test);
  const described = describeSet(atom);
  return described ? patternRule(text("rules.only", undefined, described.words), text("failures.only", undefined, described.words), test) : null;
}

/** "A digit" / "Add a digit.": one character of the set. */
function containsRule(words: CharacterWords, test: RegExp): Rule {
  return patternRule(text("rules.contains", undefined, words), text("failures.contains", undefined, words), test);
}

/** One look-ahead at the start of the regex; its test asks whether it holds at the password's start. */
function readLookahead(source: string, startAnchored: boolean, reading: Reading): void {
  const piece = { source, test: new RegExp(`^${source}`) };
  const body = source.slice(3, -1);
  const add = (rule: Rule | null) => (rule ? (reading.rules.push(rule), true) : false);
  const recognised = (): boolean => {
    const contains = shapes.contains.exec(body);
    const containsSet = contains && describeSet(contains[1]);
    if (source.startsWith("(?!")) {
      if (!containsSet) return false;
      return add(
        containsSet.spacesOnly
          ? patternRule(text("rules.noSpaces"), text("failures.noSpaces"), piece.test)
          : patternRule(text("rules.none", undefined, containsSet.words), text("failures.none", undefined, containsSet.words), piece.test),
      );
    }
    if (containsSet) return add(containsRule(containsSet.words, piece.test));
    const count = shapes.count.exec(body);
    const countSet = count && describeSet(count[1]);
    if (count && countSet) {
      const times = Number(count[2]);
      return add(
        times === 1
          ? containsRule(countSet.words, piece.test)
          : patternRule(text("rules.atLeast", { count: times }, countSet.words), text("failures.atLeast", { count: times }, countSet.words), piece.test),
      );
    }
    const only = shapes.only.exec(body);
    // (?=\S+$) also without ^, as in YesCart's default: meant, and read, as "no spaces".
    if (only && only[5] === "$" && (startAnchored || (isNotSpace(only[1]) && only[2] === "+"))) {
      return add(onlyRule(only[1], piece.test)) && (reading.lengths.push(lengthOf(only.slice(2, 5), true)), true);
    }
    const length = shapes.length.exec(body);
    if (length) reading.lengths.push(lengthOf(length.slice(1, 4), startAnchored && length[4] === "$"));
    return !!length;
  };
  if (!recognised()) reading.unrecognised.push(piece);
}

/** What follows the look-aheads: a length (`.{8,}`), or a run of one class over the whole password. */
function readRest({ rest, startAnchored, endAnchored }: Decomposed, reading: Reading): void {
  if (rest === "" || rest === ".*" || rest === ".*?") return;
  const whole = startAnchored && endAnchored;
  const length = shapes.length.exec(rest);
  if (length && !length[4]) {
    reading.lengths.push(lengthOf(length.slice(1, 4), whole));
    return;
  }
  const only = shapes.only.exec(rest);
  const rule = only && !only[5] && whole ? onlyRule(only[1], new RegExp(`^(?:${only[1]})*$`)) : null;
  if (only && rule) {
    reading.rules.push(rule);
    reading.lengths.push(lengthOf(only.slice(2, 5), true));
    return;
  }
  reading.unrecognised.push({ source: rest, test: new RegExp(`^(?:${rest})${endAnchored ? "$" : ""}`) });
}

function read(regex: string): Reading {
  const reading: Reading = { rules: [], lengths: [], unrecognised: [] };
  const whole = { source: regex, test: new RegExp(regex) };
  try {
    const decomposed = decompose(regex);
    if (!decomposed) return { ...reading, unrecognised: [whole] };
    for (const lookahead of decomposed.lookaheads) readLookahead(lookahead, decomposed.startAnchored, reading);
    readRest(decomposed, reading);
    return reading;
  } catch {
    // Parts that only compile together (e.g. a back-reference to another part): the regex is one rule.
    return { rules: [], lengths: [], unrecognised: [whole] };
  }
}

function lengthRule(bound: "min" | "max", value: number, hint: PasswordText | null, fromPattern: boolean): Rule {
  return {
    text: hint,
    failure: bound === "min" ? text("failures.tooShort", { min: value }) : text("failures.tooLong", { max: value }),
    fromPattern,
    broken: (password) => (bound === "min" ? password.length < value : password.length > value),
    length: { bound, value },
  };
}

/** The one "not common" rule, which only the list (the server's, or the browser's once loaded) can tick. */
const NOT_COMMON = text("rules.notCommon");

type Analysis = { rules: Rule[]; whole: RegExp | null; regex: string | null; regexMessage: string | null };

const analyses = new Map<string, Analysis>();
const analysesByPolicy = new WeakMap<PasswordPolicy, Analysis>();

/** The policy's rules in order: length, the regex's parts, not common, not the e-mail. */
function analyse(policy: PasswordPolicy): Analysis {
  const same = analysesByPolicy.get(policy);
  if (same && same.regex === (policy.regex || null) && same.regexMessage === (policy.regexMessage || null)) return same;
  const key = JSON.stringify([policy.regex ?? "", policy.regexMessage ?? ""]);
  const known = analyses.get(key);
  if (known) {
    analysesByPolicy.set(policy, known);
    return known;
  }

  const regex = policy.regex || null;
  let whole: RegExp | null = null;
  let reading: Reading = { rules: [], lengths: [], unrecognised: [] };
  if (regex) {
    try {
      whole = new RegExp(regex);
      reading = read(regex);
    } catch {
      // Stored patterns were checked on save; one that does not compile refuses every password, with its message.
      reading.unrecognised = [{ source: regex, test: /(?!)/ }];
    }
  }
  const patternMin = Math.max(0, ...reading.lengths.map((length) => length.min));
  const patternMax = Math.min(Infinity, ...reading.lengths.map((length) => length.max ?? Infinity));
  const lengthText = text("rules.length", { min: Math.max(PASSWORD_MIN, patternMin), max: Math.min(PASSWORD_MAX, patternMax) });
  const rules: Rule[] = [
    lengthRule("min", PASSWORD_MIN, patternMin > PASSWORD_MIN ? null : lengthText, false),
    lengthRule("max", PASSWORD_MAX, null, false),
  ];
  if (patternMin > 0) rules.push(lengthRule("min", patternMin, patternMin > PASSWORD_MIN ? lengthText : null, true));
  if (patternMax < Infinity) rules.push(lengthRule("max", patternMax, null, true));
  rules.push(...reading.rules);
  if (regex) {
    const unrecognised = reading.unrecognised.map((piece) => piece.source).join("");
    // Also the safety net: named when the regex fails although none of its parts does on its own.
    rules.push({
      text: unrecognised ? (policy.regexMessage ? { own: policy.regexMessage } : text("rules.pattern", { pattern: unrecognised })) : null,
      failure: policy.regexMessage ? { own: policy.regexMessage } : text("failures.pattern", { pattern: unrecognised || regex }),
      fromPattern: true,
      broken: (password) => reading.unrecognised.some((piece) => !piece.test.test(password)),
    });
  }
  rules.push(
    { text: NOT_COMMON, failure: text("failures.tooCommon"), fromPattern: false, broken: (password, context) => !!context.isCommon?.(password) },
    {
      text: text("rules.notEmail"),
      failure: text("failures.isEmail"),
      fromPattern: false,
      broken: (password, { email }) => !!email && password.trim().toLowerCase() === email.trim().toLowerCase(),
    },
  );
  const analysis = { rules, whole, regex, regexMessage: policy.regexMessage || null };
  if (analyses.size >= 50) analyses.clear();
  analyses.set(key, analysis);
  analysesByPolicy.set(policy, analysis);
  return analysis;
}

/** What the hint shows before the person types: every rule of the policy, to be worded where shown. */
export function passwordRules(policy: PasswordPolicy): PasswordRuleText[] {
  return analyse(policy).rules.flatMap((rule) => (rule.text === null ? [] : [{ text: rule.text }]));
}

/**
 * The rules a password breaks, as the messages a refusal shows (none when it is acceptable), to be worded where shown. The whole regex
 * decides; its parts only say why. Where the policy has a regex message (a shop's definition), it stands for them.
 */
export function brokenPasswordRules(password: string, email: string, policy: PasswordPolicy, isCommon?: CommonPasswordCheck): PasswordText[] {
  const { rules, whole } = analyse(policy);
  const context = { email, isCommon };
  const broken = rules.filter((rule) => !rule.fromPattern && rule.broken(password, context));
  // An overlong password never meets an admin's regex: that keeps every regex as fast as it was checked to be.
  if (whole && password.length <= PASSWORD_MAX && !whole.test(password)) {
    const patternRules = rules.filter((rule) => rule.fromPattern);
    const parts = patternRules.filter((rule) => rule.broken(password, context));
    broken.push(...(parts.length > 0 ? parts : patternRules.slice(-1)));
  }
  // Of a base and a regex minimum (or maximum) that are both broken, the stricter one says it.
  const named = broken.filter(
    (rule) =>
      !rule.length ||
      !broken.some((other) => other.length?.bound === rule.length!.bound && (rule.length!.bound === "min" ? other.length.value > rule.length!.value : other.length.value < rule.length!.value)),
  );
  const failures = named.map((rule): PasswordText => (rule.fromPattern && policy.regexMessage ? { own: policy.regexMessage } : rule.failure));
  return [...new Map(failures.map((failure) => [JSON.stringify(failure), failure])).values()];
}

/** One rule of the hint with whether the password typed so far meets it: null where only the server can tell. */
export type PasswordRuleCheck = PasswordRuleText & { met: boolean | null };

/**
 * The hint's rules (as passwordRules lists them), each ticked as the person types. The length rule counts as met
 * only within every bound; a regex part is not asked of an overlong password (it stays as fast as checked on save);
 * "not common" is met or not only where the list is at hand (isCommon), which the browser loads lazily.
 */
export function passwordRuleChecks(password: string, email: string, policy: PasswordPolicy, isCommon?: CommonPasswordCheck): PasswordRuleCheck[] {
  const { rules } = analyse(policy);
  const context = { email, isCommon };
  const lengthsMet = rules.every((rule) => !rule.length || !rule.broken(password, context));
  const met = (rule: Rule): boolean | null => {
    if (rule.length) return lengthsMet;
    if (rule.text === NOT_COMMON && !isCommon) return null;
    if (rule.fromPattern && password.length > PASSWORD_MAX) return false;
    return !rule.broken(password, context);
  };
  return rules.flatMap((rule) => (rule.text === null ? [] : [{ text: rule.text, met: password === "" ? false : met(rule) }]));
}
