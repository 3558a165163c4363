CREATE TABLE `assessment_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`dimension_id` text NOT NULL,
	`question_id` text,
	`title` text NOT NULL,
	`owner` text,
	`due_on` text,
	`milestone_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assessment_actions_assessment` ON `assessment_actions` (`assessment_id`);--> statement-breakpoint
CREATE TABLE `assessment_dimensions` (
	`assessment_id` text NOT NULL,
	`dimension_id` text NOT NULL,
	`position` integer NOT NULL,
	`time_box_minutes` integer NOT NULL,
	`started_at` text,
	PRIMARY KEY(`assessment_id`, `dimension_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `assessment_participants` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`side` text NOT NULL,
	`position` integer NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "participant_side" CHECK("assessment_participants"."side" IN ('client', 'consultant'))
);
--> statement-breakpoint
CREATE INDEX `assessment_participants_assessment` ON `assessment_participants` (`assessment_id`);--> statement-breakpoint
CREATE TABLE `assessment_questions` (
	`assessment_id` text NOT NULL,
	`question_id` text NOT NULL,
	`revealed` integer DEFAULT false NOT NULL,
	`revealed_at` text,
	`consensus` integer,
	`rationale` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`assessment_id`, `question_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "consensus_level" CHECK("assessment_questions"."consensus" IS NULL OR "assessment_questions"."consensus" BETWEEN 0 AND 4)
);
--> statement-breakpoint
CREATE TABLE `assessment_votes` (
	`assessment_id` text NOT NULL,
	`question_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`value` integer,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`assessment_id`, `question_id`, `participant_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `assessment_participants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "vote_level" CHECK("assessment_votes"."value" IS NULL OR "assessment_votes"."value" BETWEEN 0 AND 4)
);
--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`held_on` text NOT NULL,
	`status` text NOT NULL,
	`model_id` text NOT NULL,
	`model_version` integer NOT NULL,
	`model_name` text NOT NULL,
	`model_snapshot` text NOT NULL,
	`current_question_id` text,
	`revision` integer DEFAULT 0 NOT NULL,
	`lease_session` text,
	`lease_until` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`finished_at` text
);
