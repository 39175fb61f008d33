/** Each message of a catalogue by its dotted key ("layout.hello"), as next-intl addresses it. */
export function flattenMessages(messages: object, prefix = ""): Map<string, string> {
  return new Map(
    Object.entries(messages).flatMap(([key, value]) =>
      value && typeof value === "object" ? [...flattenMessages(value, `${prefix}${key}.`)] : [[`${prefix}${key}`, String(value)] as [string, string]],
    ),
  );
}
