// A benchmark measures Palisade beside its peer or the physical limit in the same run and returns
// plain JSON-able figures. Never asserted in tests (DESIGN.md "Tests and benchmarks").
export interface Bench {
  readonly name: string;
  run(): Promise<Record<string, unknown>>;
}
