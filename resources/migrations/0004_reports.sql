CREATE TABLE `report_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`exported_at` text NOT NULL,
	`as_of` text NOT NULL,
	`format` text NOT NULL,
	`paper` text NOT NULL,
	`sections` text NOT NULL,
	`file_name` text NOT NULL,
	`bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_exports_at` ON `report_exports` (`exported_at`);--> statement-breakpoint
CREATE TABLE `report_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
