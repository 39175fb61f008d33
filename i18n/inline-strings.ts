import ts from "typescript";

/** A string a person would read, written inline instead of coming from the catalogue. */
export type InlineString = { file: string; line: number; text: string };

/** Props and object keys whose value a person reads or hears (the project's own components' ones included). */
const VISIBLE = new Set([
  "placeholder", "aria-label", "title", "alt", "label", "heading", "message", "submitLabel", "caption", "header",
  "legend", "intro", "description", "anyLabel", "formError", "notice",
]);

/**
 * Language, as opposed to what is not: punctuation and symbols (no two letters in a row), URLs and paths, and
 * code-like tokens without spaces or capitals (`new-password`, `field-email`, `user-controlled`).
 */
export function isLanguage(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}{2,}/u.test(trimmed)) return false;
  if (/^(https?:\/\/|\/)\S*$/.test(trimmed)) return false;
  return !/^[a-z0-9]+([._-][a-z0-9]+)*$/.test(trimmed);
}

const textOf = (node: ts.Node): string | null =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
    ? node.text
    : ts.isTemplateExpression(node)
      ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ")
      : null;

/**
 * The strings of one .ts/.tsx source that a person would read: JSX text, strings that JSX shows as a child (also
 * through `a ? "…" : "…"` or `a || "…"`), and strings given to a visible prop or a form state's message. Strings
 * passed to a function (`t("signIn.title")`) are keys, not text, and are not looked at.
 */
export function findInlineStrings(file: string, source: string): InlineString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: InlineString[] = [];
  const report = (node: ts.Node, text: string) => {
    if (isLanguage(text)) found.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  /** The strings an expression itself evaluates to (not the arguments of calls inside it). */
  const shown = (node: ts.Node): void => {
    const text = textOf(node);
    if (text !== null) report(node, text);
    else if (ts.isParenthesizedExpression(node)) shown(node.expression);
    else if (ts.isConditionalExpression(node)) [node.whenTrue, node.whenFalse].forEach(shown);
    else if (ts.isBinaryExpression(node)) [node.left, node.right].forEach(shown);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) shown(node.expression);
    else if (ts.isJsxAttribute(node) && VISIBLE.has(node.name.getText()) && node.initializer) {
      shown(ts.isJsxExpression(node.initializer) && node.initializer.expression ? node.initializer.expression : node.initializer);
    } else if (ts.isPropertyAssignment(node) && VISIBLE.has(node.name.getText())) shown(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
