import type { PushSender } from '../../core/channel.js';
import { HttpError } from '../../core/errors.js';
import type { OneBotHttpApi } from './api.js';
import { sendActions, type OneBotTarget } from './encode.js';
import type { OneBotWsServer } from './ws.js';

/** `group:<id>` addresses a group; anything else is a QQ user id. */
export function pushTarget(recipient: string): OneBotTarget {
  return recipient.startsWith('group:') ? { kind: 'group', groupId: recipient.slice(6) } : { kind: 'private', userId: recipient };
}

/**
 * Proactive sends through OneBot (QQ via NapCat & co. has no reply window): over the HTTP API
 * when configured, otherwise over a connected reverse WebSocket.
 */
export function createOneBotPushSender(api: OneBotHttpApi | undefined, ws: OneBotWsServer | undefined): PushSender {
  return {
    channel: 'onebot',
    async push(recipient, reply) {
      for (const action of sendActions(pushTarget(recipient), reply.parts)) {
        if (api) await api.call(action);
        else if (!ws?.send(action)) throw new HttpError(503, 'OneBot: no HTTP API configured and no WebSocket connected');
      }
    },
  };
}
