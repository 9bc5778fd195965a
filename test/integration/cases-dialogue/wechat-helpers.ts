import type { ChannelId, Reply } from '../../../src/core/message.js';
import type { CasesDialogueFeature } from '../../../src/dialogue/flows/feature.js';
import type { Deliverer } from '../../../src/features.js';
import type { TestBot } from '../../helpers/bot.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';

export const TOKEN = 'townshiptoken';

/** Keeps every proactive message the bot sends. */
export class RecordingDeliverer implements Deliverer {
  readonly sent: { channel: ChannelId; userId: string; text: string; caseNumber?: string; reason?: string }[] = [];
  async deliver(target: { channel: ChannelId; userId: string }, reply: Reply, meta?: { caseNumber?: string; reason?: string }): Promise<void> {
    this.sent.push({ channel: target.channel, userId: target.userId, text: reply.parts.join('\n'), caseNumber: meta?.caseNumber, reason: meta?.reason });
  }
}

let seq = 0;
/** A villager on the WeChat official account (plaintext mode): says something, reads the passive reply. */
export function villager(bot: TestBot, openId: string) {
  const client = new WechatTestClient({ token: TOKEN, mode: 'plaintext' });
  return async (text: string, msgId = `${Date.now()}${String(seq++).padStart(4, '0')}`): Promise<string> => {
    const req = client.buildRequest(client.textXml(openId, text, msgId));
    const res = await fetch(`${bot.url}${req.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: req.body });
    if (res.status !== 200) throw new Error(`wechat callback answered ${res.status}`);
    return client.parseReply(await res.text())?.content ?? '';
  };
}

export function casesFeature(bot: TestBot): CasesDialogueFeature {
  const f = bot.parts.features.find((x) => x.name === 'cases-dialogue');
  if (!f) throw new Error('cases-dialogue feature is not wired in');
  return f as CasesDialogueFeature;
}

export function caseNumberIn(text: string): string {
  const m = /T\d{8}-\d{4,}/.exec(text);
  if (!m) throw new Error(`no case number in: ${text}`);
  return m[0];
}

/** Full-width form of an ASCII string (Ｔ２０２６…). */
export function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}
