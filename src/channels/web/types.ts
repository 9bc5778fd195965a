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
