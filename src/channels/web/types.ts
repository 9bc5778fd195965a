/** What the chat page posts. `clientMessageId` lets a resent message be answered once. */
export interface WebChatRequest {
  text: string;
  clientMessageId: string;
}

/** What the chat page receives. */
export interface WebChatResponse {
  replies: string[];
  duplicate: boolean;
}

/** What the page's inbox poll receives: messages pushed since the last poll, oldest first. */
export interface WebInboxResponse {
  messages: { parts: string[]; createdAt: string }[];
}

/** One line of the history a reloaded page shows (visitor's own words masked). */
export interface WebHistoryLine {
  from: 'visitor' | 'bot';
  parts: string[];
  at: string;
}

/** What the page reads when it opens: the greeting to show (never sent as the visitor's words) and the history. */
export interface WebHistoryResponse {
  greeting: string;
  lines: WebHistoryLine[];
}
