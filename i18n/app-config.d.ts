import type { Locale } from "./locales";
import type { Messages } from "./messages";

// Message keys are checked by the compiler: a key missing from the English catalogue fails `tsc`.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
