CREATE TABLE `partner_summaries` (
	`partner_id` text PRIMARY KEY NOT NULL,
	`format` integer NOT NULL,
	`currency` text NOT NULL,
	`computed_on` text NOT NULL,
	`valid_until` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
-- Hand-written: a write to any record a partner's summary was reduced from deletes the stored summary (the
-- partner's own row counts for its signed date). Every write path fires them, so a stored row is never stale.
CREATE TRIGGER `partner_summaries_partners_ins` AFTER INSERT ON `partners` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_partners_upd` AFTER UPDATE OF `id`, `signed_at` ON `partners` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.id; DELETE FROM partner_summaries WHERE partner_id = NEW.id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_partners_del` AFTER DELETE ON `partners` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_opportunities_ins` AFTER INSERT ON `opportunities` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_opportunities_upd` AFTER UPDATE ON `opportunities` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_opportunities_del` AFTER DELETE ON `opportunities` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_meetings_ins` AFTER INSERT ON `meetings` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_meetings_upd` AFTER UPDATE ON `meetings` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_meetings_del` AFTER DELETE ON `meetings` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_action_items_ins` AFTER INSERT ON `action_items` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_action_items_upd` AFTER UPDATE ON `action_items` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_action_items_del` AFTER DELETE ON `action_items` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_joint_goals_ins` AFTER INSERT ON `joint_goals` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_joint_goals_upd` AFTER UPDATE ON `joint_goals` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_joint_goals_del` AFTER DELETE ON `joint_goals` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_partner_contacts_ins` AFTER INSERT ON `partner_contacts` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_partner_contacts_upd` AFTER UPDATE ON `partner_contacts` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_partner_contacts_del` AFTER DELETE ON `partner_contacts` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_activation_topics_ins` AFTER INSERT ON `activation_topics` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_activation_topics_upd` AFTER UPDATE ON `activation_topics` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_activation_topics_del` AFTER DELETE ON `activation_topics` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_health_scores_ins` AFTER INSERT ON `health_scores` BEGIN DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_health_scores_upd` AFTER UPDATE ON `health_scores` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; DELETE FROM partner_summaries WHERE partner_id = NEW.partner_id; END;--> statement-breakpoint
CREATE TRIGGER `partner_summaries_health_scores_del` AFTER DELETE ON `health_scores` BEGIN DELETE FROM partner_summaries WHERE partner_id = OLD.partner_id; END;