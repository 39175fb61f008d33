import { previewClassicCustomer, previewClassicShop } from "../../_components/preview-data";
import { previewVariant } from "../../_components/preview-variant";
import StorefrontAccountExists from "../../storefront-account-exists";

/** Classic Shop: someone registered again with an address that already has an account. */
export default previewVariant(StorefrontAccountExists, {
  shop: previewClassicShop,
  recipient: previewClassicCustomer,
  link: "http://classic.localhost:3000/login",
  resetLink: "http://classic.localhost:3000/forgot-password",
});
