/** A web chat visitor that keeps its cookie and can poll its inbox, as the chat page does. */
export class InboxVisitor {
  private cookie = '';
  private seq = 0;
  constructor(private readonly baseUrl: string) {}

  private headers(): Record<string, string> {
    return this.cookie ? { Cookie: this.cookie } : {};
  }

  async say(text: string): Promise<string[]> {
    const res = await fetch(`${this.baseUrl}/chat/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...this.headers() },
      body: JSON.stringify({ text, clientMessageId: `inbox${Date.now().toString(36)}x${(this.seq++).toString(36)}` }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const body = (await res.json()) as { replies?: string[] };
    return body.replies ?? [];
  }

  /** GET /chat/api/inbox: the parts of each message waiting, oldest first. */
  async inbox(): Promise<{ status: number; messages: string[][] }> {
    const res = await fetch(`${this.baseUrl}/chat/api/inbox`, { headers: this.headers() });
    const body = (await res.json()) as { messages?: { parts: string[] }[] };
    return { status: res.status, messages: (body.messages ?? []).map((m) => m.parts) };
  }

  /** the visitor's cookie id (the userId the channel uses) */
  get userId(): string {
    return this.cookie.split('=')[1] ?? '';
  }
}
