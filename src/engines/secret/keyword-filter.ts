// Keyword pre-filter: one Aho-Corasick pass over a file's bytes says which keywords it contains,
// case-insensitively, so only the rules whose keywords appear run their regexes. Most files
// contain none of the keywords and cost one linear pass.

const LOWER = new Uint8Array(256).map((_, b) => (b >= 65 && b <= 90 ? b + 32 : b));

export class KeywordFilter {
  // Trie over lowercased bytes, turned into an automaton with failure links.
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Keyword indexes ending at each state (including via failure links). */
  private readonly outputs: number[][] = [[]];

  constructor(readonly keywords: readonly string[]) {
    keywords.forEach((keyword, index) => this.add(Buffer.from(keyword.toLowerCase(), 'latin1'), index));
    this.link();
  }

  private add(bytes: Buffer, index: number): void {
    let state = 0;
    for (const byte of bytes) {
      const edges = this.next[state] as Map<number, number>;
      let to = edges.get(byte);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.outputs.push([]);
        edges.set(byte, to);
      }
      state = to;
    }
    (this.outputs[state] as number[]).push(index);
  }

  private link(): void {
    const queue: number[] = [...(this.next[0] as Map<number, number>).values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [byte, to] of this.next[state] as Map<number, number>) {
        let f = this.fail[state] as number;
        while (f !== 0 && !(this.next[f] as Map<number, number>).has(byte)) f = this.fail[f] as number;
        const target = (this.next[f] as Map<number, number>).get(byte);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        (this.outputs[to] as number[]).push(...(this.outputs[this.fail[to] as number] as number[]));
        queue.push(to);
      }
    }
  }

  /** Indexes (into `keywords`) of the keywords found in `bytes`. */
  find(bytes: Uint8Array): Set<number> {
    const found = new Set<number>();
    if (this.keywords.length === 0) return found;
    let state = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = LOWER[bytes[i] as number] as number;
      let to = (this.next[state] as Map<number, number>).get(byte);
      while (to === undefined && state !== 0) {
        state = this.fail[state] as number;
        to = (this.next[state] as Map<number, number>).get(byte);
      }
      state = to ?? 0;
      const out = this.outputs[state] as number[];
      for (const index of out) found.add(index);
      if (found.size === this.keywords.length) break;
    }
    return found;
  }
}
