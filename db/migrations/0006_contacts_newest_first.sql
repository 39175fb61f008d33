DROP INDEX "customers_email_order";--> statement-breakpoint
CREATE INDEX "customers_newest" ON "customers" USING btree ("created_at","id");