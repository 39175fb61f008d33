-- Finer statistics let the planner estimate how many contacts a search fragment matches: rare fragments then use
-- the trigram indexes, common ones walk the e-mail order and stop after a page (Office › Contacts at a million rows).
ALTER TABLE "customers" ALTER COLUMN "email" SET STATISTICS 1000;--> statement-breakpoint
ALTER INDEX "customers_name_trgm" ALTER COLUMN 1 SET STATISTICS 1000;
