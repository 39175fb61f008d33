import { previewClassicCustomer, previewClassicShop } from "../../_components/preview-data";
import { previewVariant } from "../../_components/preview-variant";
import StorefrontAccountActivation from "../../storefront-account-activation";

/** Classic Shop (automatic password mode): opening the link e-mails a generated password. */
export default previewVariant(StorefrontAccountActivation, {
  shop: previewClassicShop,
  recipient: previewClassicCustomer,
  link: "http://classic.localhost:3000/activate/Lm8TqW2zXc5vB9nR4kYp7Hs1Df3Gj6Ka0Ue5Io2Ny8Rt",
  expiresAt: "2026-03-13T14:30:00.000Z",
  setPassword: false,
  generatedPassword: true,
});
