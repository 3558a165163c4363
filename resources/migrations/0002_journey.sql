CREATE TABLE `hypotheses` (
	`id` text PRIMARY KEY NOT NULL,
	`belief` text NOT NULL,
	`verify` text DEFAULT '' NOT NULL,
	`measure` text DEFAULT '' NOT NULL,
	`right_if` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`importance` integer DEFAULT 3 NOT NULL,
	`evidence_strength` text DEFAULT 'none' NOT NULL,
	`status` text DEFAULT 'untested' NOT NULL,
	`owner` text,
	`due_date` text,
	`stage_id` text,
	`observed` text DEFAULT '' NOT NULL,
	`learned` text DEFAULT '' NOT NULL,
	`therefore` text DEFAULT '' NOT NULL,
	`decision` text,
	`decided_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `journey_stages`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "hypotheses_importance" CHECK("hypotheses"."importance" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE INDEX `hypotheses_status` ON `hypotheses` (`status`);--> statement-breakpoint
CREATE TABLE `hypothesis_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`hypothesis_id` text NOT NULL,
	`decision` text NOT NULL,
	`observed` text DEFAULT '' NOT NULL,
	`learned` text DEFAULT '' NOT NULL,
	`therefore` text DEFAULT '' NOT NULL,
	`status_before` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`hypothesis_id`) REFERENCES `hypotheses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hypothesis_decisions_h` ON `hypothesis_decisions` (`hypothesis_id`);--> statement-breakpoint
CREATE TABLE `hypothesis_evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`hypothesis_id` text NOT NULL,
	`date` text NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`observation` text NOT NULL,
	`direction` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`hypothesis_id`) REFERENCES `hypotheses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hypothesis_evidence_h` ON `hypothesis_evidence` (`hypothesis_id`);--> statement-breakpoint
CREATE TABLE `hypothesis_milestones` (
	`hypothesis_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	PRIMARY KEY(`hypothesis_id`, `milestone_id`),
	FOREIGN KEY (`hypothesis_id`) REFERENCES `hypotheses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hypothesis_milestones_m` ON `hypothesis_milestones` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `hypothesis_partners` (
	`hypothesis_id` text NOT NULL,
	`partner_id` text NOT NULL,
	PRIMARY KEY(`hypothesis_id`, `partner_id`),
	FOREIGN KEY (`hypothesis_id`) REFERENCES `hypotheses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `journey_criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`stage_id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`met` integer DEFAULT false NOT NULL,
	`evidence` text DEFAULT '' NOT NULL,
	`met_at` text,
	FOREIGN KEY (`stage_id`) REFERENCES `journey_stages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `journey_criteria_stage` ON `journey_criteria` (`stage_id`);--> statement-breakpoint
CREATE TABLE `journey_gate_events` (
	`id` text PRIMARY KEY NOT NULL,
	`stage_id` text NOT NULL,
	`event` text NOT NULL,
	`at` text NOT NULL,
	`unmet_count` integer DEFAULT 0 NOT NULL,
	`reason` text,
	FOREIGN KEY (`stage_id`) REFERENCES `journey_stages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `journey_gate_events_stage` ON `journey_gate_events` (`stage_id`);--> statement-breakpoint
CREATE TABLE `journey_meta` (
	`id` integer PRIMARY KEY NOT NULL,
	`template_name` text NOT NULL,
	`started_on` text NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "journey_meta_single_row" CHECK("journey_meta"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `journey_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`objectives` text DEFAULT '[]' NOT NULL,
	`gate` text DEFAULT 'not_started' NOT NULL,
	`started_at` text,
	`completed_at` text,
	`completion_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `journey_undo` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`label` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`undone` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `milestone_deps` (
	`milestone_id` text NOT NULL,
	`depends_on_id` text NOT NULL,
	PRIMARY KEY(`milestone_id`, `depends_on_id`),
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`depends_on_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `milestone_deps_on` ON `milestone_deps` (`depends_on_id`);--> statement-breakpoint
CREATE TABLE `milestone_partners` (
	`milestone_id` text NOT NULL,
	`partner_id` text NOT NULL,
	PRIMARY KEY(`milestone_id`, `partner_id`),
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`stage_id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text DEFAULT 'other' NOT NULL,
	`owner_side` text DEFAULT 'client' NOT NULL,
	`owner_name` text,
	`planned_start` text NOT NULL,
	`planned_end` text NOT NULL,
	`actual_start` text,
	`actual_end` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `journey_stages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "milestones_dates" CHECK("milestones"."planned_end" >= "milestones"."planned_start")
);
--> statement-breakpoint
CREATE INDEX `milestones_stage` ON `milestones` (`stage_id`);