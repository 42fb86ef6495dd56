CREATE TABLE "customers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"flags" jsonb,
	"source_row" integer
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"source_path" text NOT NULL,
	"checksum" text NOT NULL,
	"format" text NOT NULL,
	"compressed" boolean DEFAULT false NOT NULL,
	"delimiter" text,
	"mapping" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset_id" integer,
	"source_path" text NOT NULL,
	"kind" text,
	"checksum" text,
	"status" text NOT NULL,
	"error_code" text,
	"message" text,
	"rows" integer,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "texts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"customer_external_id" text,
	"order_id" text,
	"at" timestamp with time zone,
	"body" text NOT NULL,
	"is_customer" boolean,
	"reply_to_id" text,
	"reply_ids" jsonb,
	"thread_id" text,
	"kept" boolean NOT NULL,
	"quality" text NOT NULL,
	"duplicate_of" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_row" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"customer_external_id" text,
	"order_id" text,
	"at" timestamp with time zone,
	"quantity" double precision,
	"price" double precision,
	"amount" double precision,
	"is_cancellation" boolean DEFAULT false NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"flags" jsonb,
	"source_row" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_log" ADD CONSTRAINT "import_log_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "texts" ADD CONSTRAINT "texts_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_dataset_external_idx" ON "customers" USING btree ("dataset_id","external_id");--> statement-breakpoint
CREATE INDEX "datasets_checksum_idx" ON "datasets" USING btree ("checksum","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "texts_dataset_external_idx" ON "texts" USING btree ("dataset_id","external_id");--> statement-breakpoint
CREATE INDEX "texts_dataset_customer_idx" ON "texts" USING btree ("dataset_id","customer_external_id");--> statement-breakpoint
CREATE INDEX "transactions_dataset_customer_idx" ON "transactions" USING btree ("dataset_id","customer_external_id");