import { getRequestConfig } from "next-intl/server";
import { englishMessages } from "./messages";

// One language for now; issue 14 chooses it per request (the shopper's choice, Accept-Language, the shop's default).
export default getRequestConfig(async () => ({ locale: "en", messages: englishMessages, timeZone: "UTC" }));
