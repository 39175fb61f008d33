/** Value lists the schema shares with browser code (which must not import drizzle). */
export const staffRoles = ["customer_service", "user_manager", "shop_admin"] as const;
export type StaffRole = (typeof staffRoles)[number];
