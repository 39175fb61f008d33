import type { Recipient, ShopBranding } from "../../lib/mail/notifications";

/** Demo values for PreviewProps; never used when sending. The shops are the seeded ones (db/seed.ts). */
export const previewShop: ShopBranding = {
  name: "Demo Shop",
  baseUrl: "http://localhost:3000",
  logoUrl: null,
  accentColor: "#2563eb",
};

/** The seeded Classic Shop: automatic password mode, call-centre resets e-mail a generated password. */
export const previewClassicShop: ShopBranding = {
  name: "Classic Shop",
  baseUrl: "http://classic.localhost:3000",
  logoUrl: null,
  accentColor: "#7c2d12",
};

/** Business users' e-mails come from the back office itself (backOfficeBranding in lib/staff/users.ts). */
export const previewBackOffice: ShopBranding = {
  name: "Storefront Accounts",
  baseUrl: "http://localhost:3000",
  logoUrl: null,
  accentColor: "#0f172a",
};

export const previewCustomer: Recipient = {
  email: "anna.schmidt@example.com",
  firstName: "Anna",
  lastName: "Schmidt",
  customerType: "B2C",
};

export const previewClassicCustomer: Recipient = {
  email: "tom.becker@example.com",
  firstName: "Tom",
  lastName: "Becker",
  customerType: "B2C",
};

export const previewStaff: Recipient = {
  email: "lee.chen@example.com",
  firstName: "Lee",
  lastName: "Chen",
};
