/**
 * Cue frames (intents/frames.yml): ways of asking that cut across topics — hours words, proposal frames,
 * disclosure frames, emotion words. Each frame is one feature `fr:<id>`, whatever words carried it.
 */
import { z } from 'zod';

export const framesFileSchema = z.object({
  frames: z.array(z.object({
    id: z.string().regex(/^[a-z]+$/),
    /** a word ending in $ counts only at the end of a phrase */
    words: z.array(z.string().trim().min(1)).min(1),
  }).strict()).min(1),
}).strict();
export type FrameDef = z.infer<typeof framesFileSchema>['frames'][number];

interface Cue { word: string; atEnd: boolean; frame: string }

export class FrameIndex {
  private readonly cues: Cue[];

  /** `canonical` puts each word in the form the rewritten message has (啥时候 → 什么时候). */
  constructor(frames: FrameDef[], canonical: (w: string) => string = (w) => w) {
    this.cues = frames.flatMap((f) => f.words.map((w) => {
      const atEnd = w.endsWith('$') && w.length > 1;
      return { word: canonical(atEnd ? w.slice(0, -1) : w), atEnd, frame: f.id };
    }));
  }

  /** Frame ids whose words occur in `chunks` (the message's runs of letters, digits and CJK) or in `text`. */
  hits(text: string, chunks: string[]): string[] {
    const found = new Set<string>();
    for (const c of this.cues) {
      if (found.has(c.frame)) continue;
      const hit = c.atEnd ? chunks.some((ch) => ch.endsWith(c.word)) || text.endsWith(c.word) : text.includes(c.word);
      if (hit) found.add(c.frame);
    }
    return [...found];
  }
}
