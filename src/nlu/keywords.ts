/** Finds which intents' keywords occur in normalised text. */
export class KeywordIndex {
  /** keywords grouped by their first character, so a message only tries the keywords it could hold */
  private readonly byFirst = new Map<number, { word: string; intent: string }[]>();

  constructor(byIntent: { id: string; keywords: string[] }[]) {
    for (const i of byIntent) {
      for (const w of i.keywords) {
        const word = w.toLowerCase();
        const list = this.byFirst.get(word.charCodeAt(0)) ?? [];
        list.push({ word, intent: i.id });
        this.byFirst.set(word.charCodeAt(0), list);
      }
    }
  }

  hits(normalized: string): string[] {
    const found: string[] = [];
    const tried = new Set<number>();
    for (let i = 0; i < normalized.length; i++) {
      const code = normalized.charCodeAt(i);
      if (tried.has(code)) continue;
      tried.add(code);
      for (const e of this.byFirst.get(code) ?? []) {
        if (!found.includes(e.intent) && normalized.includes(e.word, i)) found.push(e.intent);
      }
    }
    return found;
  }
}
