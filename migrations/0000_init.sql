CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_learner` ON `api_keys` (`learner_id`);--> statement-breakpoint
CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`family` text NOT NULL,
	`flow` integer NOT NULL,
	`answer` text,
	`score` real NOT NULL,
	`correct` integer NOT NULL,
	`rating` integer NOT NULL,
	`duration_ms` integer,
	`result` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_question` ON `attempts` (`question_id`);--> statement-breakpoint
CREATE INDEX `attempts_learner` ON `attempts` (`learner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `cards` (
	`learner_id` text NOT NULL,
	`family` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`elapsed_days` integer NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`state` integer NOT NULL,
	`last_review` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`reviews` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`learner_id`, `family`),
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cards_learner_due` ON `cards` (`learner_id`,`due`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`learner_id` text NOT NULL,
	`key` text NOT NULL,
	`question_id` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`learner_id`, `key`),
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `learners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`new_per_day` integer DEFAULT 10 NOT NULL,
	`reviews_per_day` integer DEFAULT 100 NOT NULL,
	`desired_retention` real DEFAULT 0.9 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`family` text NOT NULL,
	`seed` text NOT NULL,
	`flow` integer NOT NULL,
	`reason` text NOT NULL,
	`sibling_group` text NOT NULL,
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`issued_at` integer NOT NULL,
	`hints_shown` integer DEFAULT 0 NOT NULL,
	`solution_shown_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_learner_day` ON `questions` (`learner_id`,`day`);--> statement-breakpoint
CREATE INDEX `questions_learner_issued` ON `questions` (`learner_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `review_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`family` text NOT NULL,
	`seq` integer NOT NULL,
	`question_id` text NOT NULL,
	`rating` integer NOT NULL,
	`state` integer NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`elapsed_days` integer NOT NULL,
	`last_elapsed_days` integer NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`review` integer NOT NULL,
	`desired_retention` real NOT NULL,
	`score` real NOT NULL,
	`correct` integer NOT NULL,
	`duration_ms` integer,
	`hints` integer NOT NULL,
	`solution_shown` integer NOT NULL,
	`channel` text NOT NULL,
	`seed` text NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_logs_seq` ON `review_logs` (`learner_id`,`family`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `review_logs_question` ON `review_logs` (`question_id`);--> statement-breakpoint
CREATE INDEX `review_logs_learner_review` ON `review_logs` (`learner_id`,`review`);