import { randomUUID } from 'node:crypto';
import type { TurnHandler, TurnOptions, TurnOutcome } from '../core/channel.js';
import type { DatabaseWatch } from '../core/database.js';
import { isDatabaseUnavailable } from '../core/db-errors.js';
import { textReply, type ChannelId, type InboundMessage, type Reply } from '../core/message.js';
import type { Logger } from '../logger.js';
import { SpoolFile, type SpoolEntry } from './spool-file.js';

/** Where replayed answers go: the outbox (a dedupe key makes each enqueue once). */
export interface SpoolDeliverer {
  deliver(target: { channel: ChannelId; userId: string; groupId?: string }, reply: Reply, meta: { reason: string; dedupeKey: string }): Promise<void>;
}

export interface SpoolOptions {
  dir: string;
  database: DatabaseWatch;
  /** the pipeline */
  handleTurn: TurnHandler;
  deliverer: SpoolDeliverer;
  logger: Logger;
  /** 「您的消息已收到，系统正在恢复，答复稍后发给您。」 */
  receivedText: () => string;
  /** how often a replay is retried while entries wait (default 5 s) */
  retryMs?: number;
}

const keyOf = (m: InboundMessage): string => `${m.channel}:${m.messageId}`;
const laneOf = (m: InboundMessage): string => `${m.channel}:${m.groupId ?? ''}:${m.userId}`;
/** a replayed turn's budget; nobody waits on it, but a duplicate waits this long for the original */
const REPLAY_DEADLINE_MS = 30_000;

/**
 * Nothing a villager sends is lost while the database is down. `handleTurn` wraps the pipeline: when
 * the database is not up — or the turn fails because it became unreachable — the message is appended
 * to the spool on disk (fsynced) and the villager is told it was received and the answer will follow.
 * When the database is back the spool is replayed in order through the pipeline (its dedupe claim makes
 * each message count once, even if the bot dies mid-replay) and each answer goes out through the outbox.
 * While a villager has messages in the spool their new ones queue behind them, so order is kept.
 */
export class Spool {
  readonly file: SpoolFile;
  private readonly bootId = randomUUID().slice(0, 8);
  /** spooled, not yet replayed: message key → lane */
  private readonly waiting = new Map<string, string>();
  private readonly lanes = new Map<string, number>();
  /** turns abandoned when the database went away; replay waits for them to settle */
  private readonly abandoned = new Set<Promise<unknown>>();
  private replaying: Promise<void> | undefined;
  private runs = 0;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: SpoolOptions) {
    this.file = new SpoolFile(opts.dir);
  }

  /** Reads what a previous run left in the spool, replays it when it can, and follows the database. */
  async start(): Promise<void> {
    for (const e of await this.file.pending()) this.track(e.message);
    if (this.waiting.size > 0) this.opts.logger.warn({ messages: this.waiting.size }, 'spooled messages from a previous run wait for replay');
    this.unsubscribe = this.opts.database.onChange((s) => { if (s.state === 'up') void this.replay(); });
    if (this.waiting.size > 0 && this.opts.database.status().state === 'up') void this.replay();
    this.tick();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.replaying;
    await this.file.close();
  }

  /** Messages waiting in the spool. */
  size(): number {
    return this.waiting.size;
  }

  readonly handleTurn: TurnHandler = async (message, opts) => {
    if (this.waiting.has(keyOf(message))) return this.received(); // a platform retry of a spooled message
    if (this.opts.database.status().state !== 'up') return this.spool(message, 'database not up');
    if (this.lanes.has(laneOf(message))) return this.spool(message, 'behind spooled messages');
    return this.runOrSpool(message, opts);
  };

  private async runOrSpool(message: InboundMessage, opts: TurnOptions): Promise<TurnOutcome> {
    const turn = this.opts.handleTurn(message, opts);
    let off: (() => void) | undefined;
    const wentDown = new Promise<'down'>((resolve) => {
      off = this.opts.database.onChange((s) => { if (s.state !== 'up') resolve('down'); });
    });
    try {
      const first = await Promise.race([turn, wentDown]);
      if (first !== 'down') return first;
      this.abandon(turn);
      return await this.spool(message, 'database went away mid-turn');
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      return this.spool(message, 'database unreachable');
    } finally {
      off?.();
    }
  }

  private abandon(turn: Promise<unknown>): void {
    const settled = turn.then(() => undefined, () => undefined);
    this.abandoned.add(settled);
    void settled.finally(() => this.abandoned.delete(settled));
  }

  private async spool(message: InboundMessage, why: string): Promise<TurnOutcome> {
    if (!this.waiting.has(keyOf(message))) {
      await this.file.append(message);
      this.track(message);
      // never the text: the log says which message, not what it says
      this.opts.logger.warn({ channel: message.channel, messageId: message.messageId, why, waiting: this.waiting.size }, 'message spooled');
    }
    return this.received();
  }

  private received(): TurnOutcome {
    return { reply: textReply(this.opts.receivedText()), duplicate: false };
  }

  private track(m: InboundMessage): void {
    if (this.waiting.has(keyOf(m))) return;
    this.waiting.set(keyOf(m), laneOf(m));
    this.lanes.set(laneOf(m), (this.lanes.get(laneOf(m)) ?? 0) + 1);
  }

  private untrack(m: InboundMessage): void {
    const lane = this.waiting.get(keyOf(m));
    if (lane === undefined) return;
    this.waiting.delete(keyOf(m));
    const n = (this.lanes.get(lane) ?? 1) - 1;
    if (n > 0) this.lanes.set(lane, n);
    else this.lanes.delete(lane);
  }

  private tick(): void {
    this.timer = setTimeout(() => {
      if (this.waiting.size > 0 && this.opts.database.status().state === 'up') void this.replay();
      this.tick();
    }, this.opts.retryMs ?? 5000);
    this.timer.unref();
  }

  /** Replays the spool (once at a time); resolves when it is empty or the database went away again. */
  replay(): Promise<void> {
    if (this.replaying) return this.replaying;
    this.replaying = this.replayLoop().finally(() => { this.replaying = undefined; });
    return this.replaying;
  }

  private async replayLoop(): Promise<void> {
    try {
      // turns abandoned mid-way must settle first (the killed server fails them, a restarted one ends them)
      await Promise.race([Promise.all([...this.abandoned]), new Promise((r) => setTimeout(r, REPLAY_DEADLINE_MS))]);
      for (let files = await this.file.rotate(); files.length > 0; files = await this.file.rotate()) {
        for (const file of files) {
          if (!(await this.replayFile(file))) return;
        }
      }
    } catch (err) {
      this.opts.logger.error({ err }, 'spool replay stopped; it is retried');
    }
  }

  /** True when every entry was processed and the file removed. */
  private async replayFile(file: string): Promise<boolean> {
    const entries = await SpoolFile.read(file);
    const run = `replay-${this.bootId}-${++this.runs}`;
    for (const entry of entries) {
      if (this.opts.database.status().state !== 'up') return false;
      if (!(await this.replayOne(entry, run))) return false;
    }
    await this.file.remove(file);
    this.opts.logger.info({ messages: entries.length }, 'spool replayed');
    return true;
  }

  private async replayOne(entry: SpoolEntry, run: string): Promise<boolean> {
    const m = entry.message;
    let outcome: TurnOutcome;
    try {
      outcome = await this.opts.handleTurn(m, { deadlineMs: REPLAY_DEADLINE_MS, takeoverKey: run });
    } catch (err) {
      if (isDatabaseUnavailable(err)) return false;
      throw err;
    }
    // a duplicate without a reply is still being processed elsewhere: try again later
    if (outcome.duplicate && outcome.reply.parts.length === 0) return false;
    if (outcome.reply.parts.length > 0) {
      const target = { channel: m.channel, userId: m.userId, groupId: m.groupId };
      try {
        await this.opts.deliverer.deliver(target, outcome.reply, { reason: 'spooled', dedupeKey: `spool:${keyOf(m)}` });
      } catch (err) {
        if (isDatabaseUnavailable(err)) return false; // the turn is stored: the next replay delivers its reply
        throw err;
      }
    }
    this.untrack(m);
    return true;
  }
}
