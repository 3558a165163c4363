CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`tier` text,
	`stage` text NOT NULL,
	`signed_at` text,
	`first_commercial_at` text,
	`owner` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `partners_stage` ON `partners` (`stage`);--> statement-breakpoint
CREATE INDEX `partners_updated` ON `partners` (`updated_at`);--> statement-breakpoint
CREATE TABLE `profile` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`name` text NOT NULL,
	`company_stage` text,
	`arr_band` text,
	`sales_motion` text,
	`region` text,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "profile_single_row" CHECK("profile"."id" = 1)
);
