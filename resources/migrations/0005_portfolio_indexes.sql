DROP INDEX `actions_partner`;--> statement-breakpoint
CREATE INDEX `actions_partner` ON `action_items` (`partner_id`,`due_at`,`done_at`);--> statement-breakpoint
DROP INDEX `goals_partner`;--> statement-breakpoint
CREATE INDEX `goals_partner` ON `joint_goals` (`partner_id`,`target`,`due_at`);--> statement-breakpoint
DROP INDEX `opportunities_partner`;--> statement-breakpoint
CREATE INDEX `opportunities_partner` ON `opportunities` (`partner_id`,`stage`,`kind`,`currency`,`opened_at`,`amount`);--> statement-breakpoint
DROP INDEX `contacts_partner`;--> statement-breakpoint
CREATE INDEX `contacts_partner` ON `partner_contacts` (`partner_id`,`is_primary`,`ended_at`);--> statement-breakpoint
CREATE INDEX `topics_partner_state` ON `activation_topics` (`partner_id`,`state`);--> statement-breakpoint
CREATE INDEX `health_partner_signal` ON `health_scores` (`partner_id`,`signal`,`date`,`score`);