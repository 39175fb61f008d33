CREATE TABLE "mail_send_budget" (
	"provider" text PRIMARY KEY NOT NULL,
	"next_slot_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "batch_key" uuid;--> statement-breakpoint
CREATE INDEX "email_outbox_batch" ON "email_outbox" USING btree ("batch_key");