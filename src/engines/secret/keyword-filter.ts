// Keyword pre-filter: one Aho-Corasick pass over a file's bytes says which keywords it contains,
// case-insensitively, so only the rules whose keywords appear run their regexes. Most files
// contain none of the keywords and cost one linear pass. The automaton is compiled to a dense
// table (state x byte -> state) so the inner loop is one array read per byte.

const LOWER = new Uint8Array(256).map((_, b) => (b >= 65 && b <= 90 ? b + 32 : b));

export class KeywordFilter {
  /** delta[state * 256 + byte] = next state, failure links already folded in. */
  private readonly delta: Int32Array;
  /** Keyword indexes ending at each state (including via failure links); empty for most. */
  private readonly outputs: (readonly number[] | undefined)[];

  constructor(readonly keywords: readonly string[]) {
    // Trie over lowercased bytes.
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (const byte of Buffer.from(keyword.toLowerCase(), 'latin1')) {
        const edges = goto[state] as Map<number, number>;
        let to = edges.get(byte);
        if (to === undefined) {
          to = goto.length;
          goto.push(new Map());
          out.push([]);
          edges.set(byte, to);
        }
        state = to;
      }
      (out[state] as number[]).push(index);
    });
    // Breadth-first: each state's row is its goto edges over its failure state's row.
    this.delta = new Int32Array(goto.length * 256);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (const [byte, to] of goto[0] as Map<number, number>) {
      this.delta[byte] = to;
      queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const f = fail[state] as number;
      this.delta.copyWithin(state * 256, f * 256, f * 256 + 256);
      (out[state] as number[]).push(...(out[f] as number[]));
      for (const [byte, to] of goto[state] as Map<number, number>) {
        fail[to] = this.delta[f * 256 + byte] as number;
        this.delta[state * 256 + byte] = to;
        queue.push(to);
      }
    }
    this.outputs = out.map((o) => (o.length > 0 ? [...new Set(o)] : undefined));
  }

  /** Indexes (into `keywords`) of the keywords found in `bytes`. */
  find(bytes: Uint8Array): Set<number> {
    const found = new Set<number>();
    if (this.keywords.length === 0) return found;
    const delta = this.delta;
    const outputs = this.outputs;
    let state = 0;
    for (let i = 0; i < bytes.length; i++) {
      state = delta[(state << 8) | (LOWER[bytes[i] as number] as number)] as number;
      const out = outputs[state];
      if (out !== undefined) {
        for (const index of out) found.add(index);
        if (found.size === this.keywords.length) break;
      }
    }
    return found;
  }
}
