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
