import { previewClassicCustomer, previewClassicShop } from "../../_components/preview-data";
import { previewVariant } from "../../_components/preview-variant";
import ResetPasswordSuccessful from "../../reset-password-successful";

/** Classic Shop (automatic password mode): the customer's reset link e-mailed a generated password. */
export default previewVariant(ResetPasswordSuccessful, {
  shop: previewClassicShop,
  recipient: previewClassicCustomer,
  link: "http://classic.localhost:3000/login",
  password: "Hs8@nW3q#Yb6Tz1k",
  additionalData: { callCentrePasswordReset: false },
});
