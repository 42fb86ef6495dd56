ALTER TABLE "segments" ADD COLUMN "description" jsonb;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "persona" jsonb;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "evidence" jsonb;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "value" jsonb;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "channels" jsonb;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "campaign" jsonb;