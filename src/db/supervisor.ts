import type { ChildProcess } from 'node:child_process';
import type { DatabaseState, DatabaseStatus, DatabaseWatch } from '../core/database.js';
import type { Logger } from '../logger.js';
import type { EmbeddedServer } from './embedded-server.js';

export interface SupervisorOptions {
  kind: string;
  logger: Logger;
  /** one ping of the server (a dedicated connection, so a busy pool does not look like a hang) */
  ping: () => Promise<unknown>;
  /** starts the server again on the same port; absent for a server this process does not own */
  restart?: () => Promise<EmbeddedServer>;
  /** one ping through the application's connection: resolves once mongoose talks to the new server */
  reconnected?: () => Promise<unknown>;
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** pings missed in a row before the server counts as hung (SIGSTOP) and is killed */
  misses?: number;
  /** first restart at once, then 0.5, 1, 2, 4, 8 s … up to this */
  maxBackoffMs?: number;
  /** failed restarts in a row after which the state is 'down' (it keeps trying) */
  downAfter?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the ping's outcome, or false after `ms`. */
async function answers(ping: () => Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((r) => { timer = setTimeout(() => r(false), ms); });
  try {
    return await Promise.race([ping().then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps the embedded database alive: when its process exits, or stops answering pings (a SIGSTOPped
 * process hangs instead of exiting), it is killed and started again on the same port with bounded
 * exponential backoff, each attempt logged, and mongoose is reconnected before the state is 'up'.
 * For a server this process does not own (MONGODB_URI, a shared one) it only watches.
 */
export class DatabaseSupervisor implements DatabaseWatch {
  private current: DatabaseStatus;
  private readonly listeners = new Set<(s: DatabaseStatus) => void>();
  private timer: NodeJS.Timeout | undefined;
  private missed = 0;
  private stopping = false;
  private restarting: Promise<void> | undefined;

  constructor(private server: EmbeddedServer | undefined, private readonly opts: SupervisorOptions) {
    this.current = { kind: opts.kind, state: 'up', restarts: 0, since: new Date() };
    if (server?.process) this.watchExit(server.process);
    this.schedulePing();
  }

  status(): DatabaseStatus {
    return this.current;
  }

  onChange(listener: (s: DatabaseStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server process now (its pid changes with each restart). */
  process(): ChildProcess | undefined {
    return this.server?.process;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.restarting?.catch(() => undefined); // a restart that failed is moot when stopping
    await this.server?.stop();
  }

  private set(state: DatabaseState, reason?: string, restarted = false): void {
    const restarts = this.current.restarts + (restarted ? 1 : 0);
    if (state === this.current.state && restarts === this.current.restarts) return;
    this.current = { kind: this.opts.kind, state, restarts, since: new Date(), reason };
    for (const l of this.listeners) l(this.current);
  }

  private watchExit(child: ChildProcess): void {
    child.once('exit', (code, signal) => {
      if (this.stopping || this.server?.process !== child) return;
      this.opts.logger.error({ code, signal, pid: child.pid }, 'the embedded database exited; restarting it');
      this.beginRestart(`exited (${signal ?? `code ${code}`})`);
    });
  }

  private schedulePing(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => void this.pingOnce().finally(() => this.schedulePing()), this.opts.pingIntervalMs ?? 1000);
    this.timer.unref();
  }

  private async pingOnce(): Promise<void> {
    if (this.restarting) return;
    const ok = await answers(this.opts.ping, this.opts.pingTimeoutMs ?? 2000);
    if (this.restarting || this.stopping) return;
    if (ok) {
      this.missed = 0;
      if (this.current.state !== 'up') this.set('up');
      return;
    }
    this.missed += 1;
    if (this.missed < (this.opts.misses ?? 2)) return;
    const child = this.server?.process;
    if (!this.opts.restart || !child) {
      this.set('down', 'not answering pings');
      return;
    }
    this.opts.logger.error({ pid: child.pid, missed: this.missed }, 'the embedded database does not answer; killing it (SIGKILL) to restart it');
    this.beginRestart('not answering pings');
    child.kill('SIGKILL');
  }

  private beginRestart(reason: string): void {
    if (this.restarting || !this.opts.restart) return;
    this.set('restarting', reason);
    this.restarting = this.restartLoop(reason).finally(() => {
      this.restarting = undefined;
      this.missed = 0;
    });
  }

  private async restartLoop(reason: string): Promise<void> {
    const started = Date.now();
    const old = this.server?.process;
    if (old && old.exitCode === null && old.signalCode === null) await new Promise((r) => old.once('exit', r));
    for (let attempt = 1; !this.stopping; attempt++) {
      const delay = attempt === 1 ? 0 : Math.min(500 * 2 ** (attempt - 2), this.opts.maxBackoffMs ?? 15_000);
      this.opts.logger.warn({ attempt, delayMs: delay, reason }, 'restarting the embedded database');
      await sleep(delay);
      if (this.stopping) return;
      try {
        const server = await this.opts.restart!();
        this.server = server;
        if (server.process) this.watchExit(server.process);
        if (!(await this.waitReconnected())) throw new Error('mongoose did not reconnect within 20 s');
        this.set('up', undefined, true);
        this.opts.logger.warn({ attempt, ms: Date.now() - started, pid: server.process?.pid, restarts: this.current.restarts }, 'the embedded database is back');
        return;
      } catch (err) {
        this.opts.logger.error({ err, attempt }, 'restarting the embedded database failed');
        await this.server?.stop().catch(() => undefined); // a half-started server would hold the port
        if (attempt >= (this.opts.downAfter ?? 5)) this.set('down', `restart failed ${attempt} times`);
      }
    }
  }

  private async waitReconnected(): Promise<boolean> {
    const until = Date.now() + 20_000;
    const check = this.opts.reconnected ?? this.opts.ping;
    while (Date.now() < until && !this.stopping) {
      if (await answers(check, 2000)) return true;
      await sleep(100);
    }
    return false;
  }
}
