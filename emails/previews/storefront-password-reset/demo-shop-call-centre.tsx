import { previewVariant } from "../../_components/preview-variant";
import StorefrontPasswordReset from "../../storefront-password-reset";

/** Demo Shop: an agent started the reset in Office › Contacts (the shop's call-centre mode is "link"). */
export default previewVariant(StorefrontPasswordReset, {
  ...StorefrontPasswordReset.PreviewProps,
  additionalData: { callCentrePasswordReset: true },
});
