import { previewVariant } from "../../_components/preview-variant";
import StorefrontAccountActivation from "../../storefront-account-activation";

/** Demo Shop, registered on the storefront with a chosen password: the link just activates. */
export default previewVariant(StorefrontAccountActivation, {
  ...StorefrontAccountActivation.PreviewProps,
  expiresAt: "2026-03-13T14:30:00.000Z",
  setPassword: false,
  generatedPassword: false,
});
