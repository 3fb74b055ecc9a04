// The event bus between ingestion and the jobs behind it. In one process it is in memory; a
// clustered deployment swaps in NATS JetStream behind the same interface.
export type BusHandler = (message: Record<string, unknown>) => void;

export interface Bus {
  publish(topic: string, message: Record<string, unknown>): void;
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}
