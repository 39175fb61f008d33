-- Office › Contacts at a million rows searches one text per contact: its e-mail and name, lower-cased, joined by a
-- control character that no search contains (so no match spans both). lower() … LIKE lower(…) is what ILIKE does on
-- a multi-byte database, at a fraction of the cost per row. customers_search_filters finds the matches with the
-- filters inside the index (so a common fragment in a rare shop and type is no heap scan);
-- customers_search_newest walks newest first without the table (the search text is read from the index).
DROP INDEX "customers_email_trgm";--> statement-breakpoint
DROP INDEX "customers_name_trgm";--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "customers_search_filters" ON "customers" USING gin ("customer_type", "shop_id", "status", (lower("email" || E'\x01' || "first_name" || ' ' || "last_name")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_search_newest" ON "customers" USING btree ("created_at", "id", (lower("email" || E'\x01' || "first_name" || ' ' || "last_name"))) INCLUDE ("shop_id", "customer_type", "status", "email", "first_name", "last_name");
