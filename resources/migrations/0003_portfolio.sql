CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`meeting_id` text,
	`text` text NOT NULL,
	`owner` text,
	`due_at` text,
	`done_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `actions_partner` ON `action_items` (`partner_id`);--> statement-breakpoint
CREATE TABLE `activation_topics` (
	`partner_id` text NOT NULL,
	`topic` text NOT NULL,
	`state` text NOT NULL,
	`date` text,
	`notes` text,
	PRIMARY KEY(`partner_id`, `topic`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `health_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`signal` text NOT NULL,
	`score` integer NOT NULL,
	`date` text NOT NULL,
	`note` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `health_partner` ON `health_scores` (`partner_id`,`date`);--> statement-breakpoint
CREATE TABLE `integration_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`scope` text,
	`rotation_due` text,
	`owner` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `credentials_partner` ON `integration_credentials` (`partner_id`);--> statement-breakpoint
CREATE TABLE `joint_goals` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`metric` text NOT NULL,
	`target` real,
	`unit` text,
	`due_at` text,
	`current_value` real,
	`shared` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `goals_partner` ON `joint_goals` (`partner_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`attendees` text,
	`notes` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meetings_partner` ON `meetings` (`partner_id`,`date`);--> statement-breakpoint
CREATE TABLE `opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`amount` real NOT NULL,
	`currency` text NOT NULL,
	`stage` text NOT NULL,
	`opened_at` text NOT NULL,
	`close_at` text,
	`external_id` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opportunities_partner` ON `opportunities` (`partner_id`);--> statement-breakpoint
CREATE INDEX `opportunities_external` ON `opportunities` (`external_id`);--> statement-breakpoint
CREATE TABLE `partner_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`role` text,
	`is_primary` integer DEFAULT false NOT NULL,
	`started_at` text,
	`ended_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contacts_partner` ON `partner_contacts` (`partner_id`);--> statement-breakpoint
CREATE TABLE `partner_stage_history` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`stage` text NOT NULL,
	`at` text NOT NULL,
	`note` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stage_history_partner` ON `partner_stage_history` (`partner_id`);--> statement-breakpoint
CREATE TABLE `portfolio_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `risks` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`description` text,
	`mitigation` text,
	`raised_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risks_partner` ON `risks` (`partner_id`);--> statement-breakpoint
ALTER TABLE `partners` ADD `partner_tiers_us` text;--> statement-breakpoint
ALTER TABLE `partners` ADD `domain` text;
--> statement-breakpoint
INSERT INTO `partner_stage_history` (`id`, `partner_id`, `stage`, `at`, `note`) SELECT lower(hex(randomblob(16))), `id`, `stage`, CASE WHEN `stage` = 'signed' AND `signed_at` IS NOT NULL THEN `signed_at` ELSE substr(`updated_at`, 1, 10) END, 'Stage when the history began' FROM `partners`;
