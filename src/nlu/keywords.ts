/** Finds which intents' keywords occur in normalised text. */
export class KeywordIndex {
  private readonly entries: { word: string; intent: string }[] = [];

  constructor(byIntent: { id: string; keywords: string[] }[]) {
    for (const i of byIntent) for (const w of i.keywords) this.entries.push({ word: w.toLowerCase(), intent: i.id });
  }

  hits(normalized: string): string[] {
    const found = new Set<string>();
    for (const e of this.entries) if (normalized.includes(e.word)) found.add(e.intent);
    return [...found];
  }
}
