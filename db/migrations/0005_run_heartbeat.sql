ALTER TABLE "runs" ADD COLUMN "owner_pid" integer;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "owner_host" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "heartbeat_at" timestamp with time zone;