import { previewVariant } from "../../_components/preview-variant";
import ResetPasswordSuccessful from "../../reset-password-successful";
import ClassicShopGeneratedPassword from "./classic-shop-generated-password";

/** Classic Shop: an agent reset the password in Office › Contacts (call-centre mode "generated"). */
export default previewVariant(ResetPasswordSuccessful, {
  ...ClassicShopGeneratedPassword.PreviewProps,
  password: "Rq5#mZ8c@Tf2Wn6y",
  additionalData: { callCentrePasswordReset: true },
});
