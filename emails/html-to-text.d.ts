// html-to-text ships no types; the one function we use, as its README documents it.
declare module "html-to-text" {
  export type SelectorDefinition = { selector: string; format?: string; options?: Record<string, unknown> };
  export type HtmlToTextOptions = { wordwrap?: number | false; selectors?: SelectorDefinition[] };
  /** Builds a converter once; converting with it skips re-reading the options for every document. */
  export function compile(options?: HtmlToTextOptions): (html: string) => string;
}
