/** What every channel adapter and the conversation engine agree on. */

export type Locale = 'en' | 'zh';

/** The review log's `channel` for each way of reaching the tutor (the HTTP API logs "api"). */
export type ChatChannel = 'telegram' | 'discord' | 'slack' | 'wechat' | 'plain';

/** A button. Pressing it is the same as sending `id` as text. */
export interface ReplyChoice {
  id: string;
  label: string;
}

/** The tutor's answer to one message, before a channel formats it. */
export interface Reply {
  /** In the learner's language. */
  text: string;
  choices?: ReplyChoice[];
  /**
   * A short acknowledgement of a button press that changes nothing else (a
   * choice toggled, a stale button): channels with toasts show it as one.
   */
  toast?: boolean;
}

/** Who is talking, as a channel knows them. */
export interface ChatUser {
  channel: ChatChannel;
  /** Stable id of the person on that channel (Telegram user id, "team:user" on Slack, an OpenID). */
  externalId: string;
  /** Where the bot may write first (a Telegram chat id), kept for reminders. */
  chatId?: string;
  /** Language for a learner created by /start, and for replies before linking. */
  localeHint: Locale;
  /** A group chat: others would read what /start shows (an API key), so linking waits for a private chat. */
  sharedChat?: boolean;
}

/** Picks the learner's language out of a bilingual text. */
export const say = (text: { en: string; zh: string }, locale: Locale): string => text[locale];
