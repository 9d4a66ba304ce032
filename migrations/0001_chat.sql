CREATE TABLE `channel_links` (
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`chat_id` text,
	`created_at` integer NOT NULL,
	`reminded_day` text,
	PRIMARY KEY(`channel`, `external_id`),
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `channel_links_learner` ON `channel_links` (`learner_id`);--> statement-breakpoint
CREATE TABLE `chat_sessions` (
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`question_id` text,
	`shown_at` integer,
	`picked` text,
	`flow` integer,
	`more` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `external_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `processed_messages` (
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `processed_messages_received` ON `processed_messages` (`received_at`);