CREATE TABLE "assignments" (
	"run_id" integer NOT NULL,
	"customer_external_id" text NOT NULL,
	"segment_index" integer NOT NULL,
	"probability" double precision NOT NULL,
	"was_noise" boolean NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	CONSTRAINT "assignments_run_id_customer_external_id_pk" PRIMARY KEY("run_id","customer_external_id")
);
--> statement-breakpoint
CREATE TABLE "embeddings" (
	"model" text NOT NULL,
	"text_hash" text NOT NULL,
	"dim" integer NOT NULL,
	"vector" "bytea" NOT NULL,
	CONSTRAINT "embeddings_model_text_hash_pk" PRIMARY KEY("model","text_hash")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"dataset_ids" jsonb NOT NULL,
	"parent_run_id" integer,
	"params" jsonb NOT NULL,
	"seed" integer NOT NULL,
	"algorithm" text,
	"customers" integer,
	"metrics" jsonb,
	"stages" jsonb,
	"features" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"segment_index" integer NOT NULL,
	"size" integer NOT NULL,
	"share" double precision NOT NULL,
	"label" text NOT NULL,
	"top_features" jsonb NOT NULL,
	"top_terms" jsonb NOT NULL,
	"stability" double precision,
	"profile" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "segments_run_index_idx" ON "segments" USING btree ("run_id","segment_index");