import type { apiKeys, attempts, cards, channelLinks, chatSessions, learners, questions, reviewLogs } from './schema';

export type LearnerRow = typeof learners.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;
export type AttemptRow = typeof attempts.$inferSelect;
export type CardRow = typeof cards.$inferSelect;
export type ReviewLogRow = typeof reviewLogs.$inferSelect;
export type ChannelLinkRow = typeof channelLinks.$inferSelect;
export type ChatSessionRow = typeof chatSessions.$inferSelect;
