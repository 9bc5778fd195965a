import { mkdirSync } from 'node:fs';
import { open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { InboundMessage } from '../core/message.js';

/** One spooled message: the decoded, platform-neutral message, as the channel handed it over. */
export interface SpoolEntry {
  v: 1;
  spooledAt: string;
  message: InboundMessage;
}

const CURRENT = 'inbound.jsonl';
const REPLAY = /^replay-\d{13}-\d{4}\.jsonl$/;

function revive(line: string): SpoolEntry {
  const e = JSON.parse(line) as SpoolEntry & { message: { sentAt: string } };
  return { ...e, message: { ...e.message, sentAt: new Date(e.message.sentAt) } };
}

/**
 * The spool on local disk: one JSON line per message, appended and fsynced before the villager is
 * told the message was received. To replay, the current file is renamed `replay-<ms>-<n>.jsonl`
 * (new messages start a fresh file meanwhile) and removed once every line in it was processed; a
 * crash in between leaves it for the next start. Only this process writes the directory.
 */
export class SpoolFile {
  private handle: FileHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private seq = 0;

  constructor(readonly dir: string) {}

  /** Appends the message and returns once it is on disk (fsync). */
  append(message: InboundMessage): Promise<void> {
    const line = `${JSON.stringify({ v: 1, spooledAt: new Date().toISOString(), message } satisfies SpoolEntry)}\n`;
    return this.serial(async () => {
      if (!this.handle) {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.handle = await open(path.join(this.dir, CURRENT), 'a', 0o600);
        await this.syncDir(); // the new file's name is durable too
      }
      await this.handle.appendFile(line, 'utf8');
      await this.handle.sync();
    });
  }

  /** Closes the current file and sets it aside for replay; returns every file to replay, oldest first. */
  rotate(): Promise<string[]> {
    return this.serial(async () => {
      await this.handle?.close();
      this.handle = undefined;
      const current = path.join(this.dir, CURRENT);
      const size = await readFile(current).then((b) => b.length, () => 0);
      if (size > 0) {
        const name = `replay-${String(Date.now()).padStart(13, '0')}-${String(this.seq++ % 10_000).padStart(4, '0')}.jsonl`;
        await rename(current, path.join(this.dir, name));
        await this.syncDir();
      }
      return this.replayFiles();
    });
  }

  /** Every entry waiting in the spool (replay files and the current one), in order. */
  async pending(): Promise<SpoolEntry[]> {
    const files = [...(await this.replayFiles()), path.join(this.dir, CURRENT)];
    const entries: SpoolEntry[] = [];
    for (const f of files) entries.push(...(await SpoolFile.read(f)));
    return entries;
  }

  /** The entries of one file; a torn last line (a crash mid-append, never acknowledged) is skipped. */
  static async read(file: string): Promise<SpoolEntry[]> {
    const text = await readFile(file, 'utf8').catch(() => '');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const entries: SpoolEntry[] = [];
    for (const [i, line] of lines.entries()) {
      try {
        entries.push(revive(line));
      } catch (err) {
        if (i < lines.length - 1) throw new Error(`spool file ${file} is corrupt at line ${i + 1}`, { cause: err });
      }
    }
    return entries;
  }

  /** Removes a replayed file. */
  async remove(file: string): Promise<void> {
    await rm(file, { force: true });
    await this.syncDir();
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.handle?.close();
      this.handle = undefined;
    });
  }

  private async replayFiles(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => REPLAY.test(n)).sort().map((n) => path.join(this.dir, n));
  }

  private async syncDir(): Promise<void> {
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
