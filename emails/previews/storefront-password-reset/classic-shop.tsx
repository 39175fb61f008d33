import { previewClassicCustomer, previewClassicShop } from "../../_components/preview-data";
import { previewVariant } from "../../_components/preview-variant";
import StorefrontPasswordReset from "../../storefront-password-reset";

/** Classic Shop: "Forgot your password?" on the storefront; the link then e-mails a generated password. */
export default previewVariant(StorefrontPasswordReset, {
  shop: previewClassicShop,
  recipient: previewClassicCustomer,
  link: "http://classic.localhost:3000/reset-password/Vb3Xk9Qw1Ze7Rt5Yu2Ip8Oa4Sd6Fg0Hj3Kl7Zx1Cv5Bn",
  expiresAt: "2026-03-14T15:30:00.000Z",
  additionalData: { callCentrePasswordReset: false },
});
