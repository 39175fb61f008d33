import ActivationSuccessful from "../../activation-successful";
import { previewClassicCustomer, previewClassicShop } from "../../_components/preview-data";
import { previewVariant } from "../../_components/preview-variant";

/** Classic Shop (automatic password mode): the generated password, e-mailed on activation. */
export default previewVariant(ActivationSuccessful, {
  shop: previewClassicShop,
  recipient: previewClassicCustomer,
  link: "http://classic.localhost:3000/login",
  password: "vT7#pQ2m@Lx9Rk4z",
});
