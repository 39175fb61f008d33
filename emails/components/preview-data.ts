import type { Recipient, ShopBranding } from "../../lib/mail/notifications";

/** Demo values for PreviewProps; never used when sending. */
export const previewShop: ShopBranding = {
  name: "Demo Shop",
  baseUrl: "http://localhost:3000",
  logoUrl: null,
  accentColor: "#2563eb",
};

export const previewCustomer: Recipient = {
  email: "anna.schmidt@example.com",
  firstName: "Anna",
  lastName: "Schmidt",
  customerType: "B2C",
};

export const previewStaff: Recipient = {
  email: "lee.chen@example.com",
  firstName: "Lee",
  lastName: "Chen",
};
