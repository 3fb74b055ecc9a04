// In-process bus: synchronous fan-out to the subscribers of a topic. A failing subscriber is
// reported and does not stop the others.
import type { Bus, BusHandler } from './bus.js';

export class MemoryBus implements Bus {
  private readonly topics = new Map<string, Set<BusHandler>>();

  constructor(private readonly onError: (topic: string, error: unknown) => void = () => {}) {}

  publish(topic: string, message: Record<string, unknown>): void {
    for (const handler of this.topics.get(topic) ?? []) {
      try {
        handler(message);
      } catch (error) {
        this.onError(topic, error);
      }
    }
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let handlers = this.topics.get(topic);
    if (!handlers) this.topics.set(topic, (handlers = new Set()));
    handlers.add(handler);
    return () => handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
