import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { valueKinds } from "../lib/shops/registration-form";
import { locales } from "../i18n/locales";
import { staffRoles, type StaffRole } from "./schema-enums";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const shops = pgTable("shops", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  /** Every link in an e-mail is built from this, never from the request's Host header. */
  baseUrl: text("base_url").notNull(),
  senderName: text("sender_name").notNull(),
  senderEmail: text("sender_email").notNull(),
  logoUrl: text("logo_url"),
  accentColor: text("accent_color").notNull().default("#2563eb"),
  callCentreResetMode: text("call_centre_reset_mode", { enum: ["link", "generated"] }).notNull().default("link"),
  activationTtlMinutes: integer("activation_ttl_minutes").notNull().default(24 * 60),
  contactActivationTtlMinutes: integer("contact_activation_ttl_minutes").notNull().default(72 * 60),
  resetTtlMinutes: integer("reset_ttl_minutes").notNull().default(60),
  /** SPEC §9: the language a shopper sees when neither their choice nor their browser names one the shop offers. */
  defaultLocale: text("default_locale", { enum: locales }).notNull().default("en"),
  /** The languages the storefront offers (its switcher); always holds the default. */
  locales: text("locales", { enum: locales }).array().notNull().default(sql`'{en,de,ru,uk}'::text[]`),
  createdAt: createdAt(),
});

export const shopHosts = pgTable("shop_hosts", {
  host: text("host").primaryKey(),
  shopId: uuid("shop_id")
    .notNull()
    .references(() => shops.id, { onDelete: "cascade" }),
});

export const customerTypes = pgTable(
  "customer_types",
  {
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    selfRegistration: boolean("self_registration").notNull().default(true),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.code] })],
);

export const attributeDefinitions = pgTable("attribute_definitions", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  valueKind: text("value_kind", { enum: valueKinds }).notNull(),
  required: boolean("required").notNull().default(true),
  regex: text("regex"),
  regexMessage: text("regex_message"),
});

/** YesCart's SHOP_CREGATTRS_<TYPE>: the ordered attributes a shop's registration form captures per customer type. */
export const registrationAttributes = pgTable(
  "registration_attributes",
  {
    shopId: uuid("shop_id").notNull(),
    customerType: text("customer_type").notNull(),
    attributeCode: text("attribute_code")
      .notNull()
      .references(() => attributeDefinitions.code),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.customerType, t.attributeCode] }),
    foreignKey({ columns: [t.shopId, t.customerType], foreignColumns: [customerTypes.shopId, customerTypes.code] }).onDelete("cascade"),
  ],
);

export const customerStatuses = ["pending", "active", "disabled"] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id),
    customerType: text("customer_type").notNull(),
    /** Stored trimmed and lower-cased, so the unique index below is case-insensitive. */
    email: text("email").notNull(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    /** Registration attributes beyond e-mail, names and passwords (e.g. company). */
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    /** The language of every e-mail to the customer: the storefront's at registration, the shop's default for a contact. */
    locale: text("locale", { enum: locales }).notNull().default("en"),
    passwordHash: text("password_hash"),
    status: text("status", { enum: customerStatuses }).notNull().default("pending"),
    /** Bumped by every password change, reset and deactivation; sessions carrying an older value end. */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    /** The business user who created the contact in the back office; null for self-registration. */
    createdBy: uuid("created_by"),
  },
  (t) => [
    // A customer type that customers belong to cannot be removed (SPEC §4).
    foreignKey({ columns: [t.shopId, t.customerType], foreignColumns: [customerTypes.shopId, customerTypes.code] }),
    uniqueIndex("customers_shop_email_unique").on(t.shopId, sql`lower(${t.email})`),
    // Office › Contacts at a million rows, browsing newest first (with or without a filter). The search indexes,
    // customers_search_filters (trigrams with the filters, btree_gin) and customers_search_newest (newest first,
    // covering the search text), are made by migration 0012: drizzle-kit cannot express INCLUDE columns.
    index("customers_newest").on(t.createdAt, t.id),
    index("customers_status_newest").on(t.status, t.createdAt, t.id),
    index("customers_shop_newest").on(t.shopId, t.createdAt, t.id),
  ],
);

/**
 * One row per storefront sign-in, in one shop. The cookie's JWT only names the row; the row decides whether the
 * session is open: ended by sign-out, "Sign out everywhere else", a password reset or deactivation (which also bump
 * the customer's session version: a row opened under an older version is over, whatever its ended_at says).
 */
export const customerSessions = pgTable(
  "customer_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    sessionVersion: integer("session_version").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("customer_sessions_customer").on(t.customerId)],
);

export const tokenPurposes = ["activation", "reset"] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** SHA-256 of the token, hex. The token itself is only ever in the e-mail. */
    tokenHash: text("token_hash").notNull().unique(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    purpose: text("purpose", { enum: tokenPurposes }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("account_tokens_customer_purpose").on(t.customerId, t.purpose)],
);

/**
 * `delayed`, `delivered`, `bounced` and `complained` come from the provider's webhooks after `sent`; `suppressed`
 * e-mails were never sent because their recipient is on the suppression list.
 */
export const outboxStatuses = ["queued", "sending", "sent", "delayed", "delivered", "bounced", "complained", "failed", "suppressed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").notNull(),
    shopId: uuid("shop_id").references(() => shops.id),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    recipient: text("recipient").notNull(),
    /** Template variables, encrypted (links and passwords inside); null once delivered. */
    payload: text("payload"),
    /** The same variables with links and passwords removed: what the back office may show. */
    redacted: jsonb("redacted").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: outboxStatuses }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    providerId: text("provider_id"),
    /**
     * The provider request this e-mail went out in, fixed at its first attempt: a request that failed is repeated
     * with the same e-mails under the same idempotency key, so a lost answer never becomes a second e-mail.
     */
    batchKey: uuid("batch_key"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("email_outbox_due").on(t.status, t.nextAttemptAt),
    index("email_outbox_batch").on(t.batchKey),
    index("email_outbox_customer").on(t.customerId),
    index("email_outbox_provider").on(t.providerId),
  ],
);

/**
 * The provider's request budget, shared by every instance and cron run (SPEC §6): the time of the next free request
 * slot. Each request takes the next slot, 1 / MAIL_RATE_PER_SECOND after the one before; a 429 pushes it back.
 */
export const mailSendBudget = pgTable("mail_send_budget", {
  provider: text("provider").primaryKey(),
  nextSlotAt: timestamp("next_slot_at", { withTimezone: true }).notNull(),
});

/** What the provider reported about an e-mail after accepting it (Resend's webhooks), one row per event. */
export const emailEvents = pgTable(
  "email_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => emailOutbox.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    /** The webhook's id (svix-id): a replayed event is recognised and changes nothing. */
    providerEventId: text("provider_event_id").notNull().unique(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** Bounce type and sub-type only: no addresses, no provider messages. */
    details: jsonb("details").$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [index("email_events_outbox").on(t.outboxId, t.occurredAt)],
);

export const suppressionReasons = ["bounce", "complaint"] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/** Addresses that hard-bounced or complained: e-mails to them are recorded as `suppressed` and not sent. */
export const emailSuppressions = pgTable("email_suppressions", {
  /** Normalised as customers' e-mails are (NFKC, trimmed, lower-cased). */
  email: text("email").primaryKey(),
  reason: text("reason", { enum: suppressionReasons }).notNull(),
  /** The e-mail whose bounce or complaint put the address here. */
  outboxId: uuid("outbox_id").references(() => emailOutbox.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/** The local transport's mailbox (SPEC §5): bodies are encrypted like the outbox payload. */
export const mailboxMessages = pgTable("mailbox_messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  outboxId: uuid("outbox_id").notNull().unique(),
  type: text("type").notNull(),
  from: text("from_address").notNull(),
  to: text("to_address").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  createdAt: createdAt(),
});

export const activityLog = pgTable(
  "activity_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    action: text("action").notNull(),
    actorType: text("actor_type", { enum: ["customer", "staff", "system", "anonymous"] }).notNull(),
    actorId: uuid("actor_id"),
    shopId: uuid("shop_id"),
    customerId: uuid("customer_id"),
    /** The business user the action concerned (user management), when it concerned one. */
    staffId: uuid("staff_id"),
    email: text("email"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("activity_log_at").on(t.at), index("activity_log_customer").on(t.customerId)],
);

export { staffRoles, type StaffRole };

/** Business users ("BSS agents") of the back office. */
export const staffUsers = pgTable(
  "staff_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored trimmed and lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    roles: text("roles", { enum: staffRoles }).array().notNull().default([]),
    passwordHash: text("password_hash").notNull(),
    /** Generated passwords are temporary: the user must choose a new one before anything else. */
    passwordTemporary: boolean("password_temporary").notNull().default(true),
    temporaryExpiresAt: timestamp("temporary_expires_at", { withTimezone: true }),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    /** The shops this user works in; null means all shops (SPEC §4 shop scope). */
    shopIds: uuid("shop_ids").array(),
    /** The user's own language for the back office and their e-mails (chosen on their own page). */
    locale: text("locale", { enum: locales }).notNull().default("en"),
    createdAt: createdAt(),
    createdBy: uuid("created_by"),
  },
  (t) => [uniqueIndex("staff_users_email_unique").on(sql`lower(${t.email})`)],
);

/** One row per back-office sign-in: ended by inactivity, by sign-out, or when the password or status changes. */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /**
     * Opened by the password of a user who has an authenticator app, and no code accepted yet (SPEC §10): such a
     * session reaches only the second-factor page and sign-out. A column rather than a claim in the cookie: the row is
     * already read on every request, so the server decides from the database alone, on every instance, and a code
     * accepted in one request counts for all of them.
     */
    secondFactorPending: boolean("second_factor_pending").notNull().default(false),
  },
  (t) => [index("staff_sessions_staff").on(t.staffId)],
);

/**
 * A business user's authenticator app (SPEC §10), one per user. Unconfirmed until its first code is entered; the
 * secret is sealed with AUTH_SECRET (lib/staff/second-factor/secret-box.ts), never stored as it is shown.
 */
export const staffSecondFactors = pgTable("staff_second_factors", {
  staffId: uuid("staff_id")
    .primaryKey()
    .references(() => staffUsers.id, { onDelete: "cascade" }),
  secretSealed: text("secret_sealed").notNull(),
  createdAt: createdAt(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  /** The time step of the last code accepted: a code is accepted only for a later step, so never twice. */
  lastStep: bigint("last_step", { mode: "number" }),
});

/** Single-use recovery codes of a business user's second factor, stored only as keyed hashes. */
export const staffRecoveryCodes = pgTable(
  "staff_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("staff_recovery_codes_staff_hash").on(t.staffId, t.codeHash)],
);

/** System preferences such as MANAGER_PASSWORD_REGEX. */
export const systemPreferences = pgTable("system_preferences", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
});

/**
 * Abuse limits, kept in the database so that they hold across serverless instances (SPEC §7). One row per
 * subject (e.g. "signin-ip:203.0.113.7"): a count within a window, and for sign-in failures a growing block.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

export type Shop = typeof shops.$inferSelect;
export type CustomerType = typeof customerTypes.$inferSelect;
export type AttributeDefinition = typeof attributeDefinitions.$inferSelect;
export type Customer = typeof customers.$inferSelect;
export type AccountToken = typeof accountTokens.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type EmailEvent = typeof emailEvents.$inferSelect;
export type EmailSuppression = typeof emailSuppressions.$inferSelect;
export type MailboxMessage = typeof mailboxMessages.$inferSelect;
export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;
export type CustomerSession = typeof customerSessions.$inferSelect;
export type StaffSecondFactor = typeof staffSecondFactors.$inferSelect;
