CREATE TABLE `link_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `link_codes_learner` ON `link_codes` (`learner_id`);