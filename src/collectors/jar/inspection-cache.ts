// What was learned from an archive, kept by its identity in one view (path, size, mtime): the
// agent inventories jars again and again, and re-reading, hashing and inflating every unchanged
// jar each time would cost seconds of CPU on a server full of them. Only live and directory
// views are cached (an image is scanned once); a changed file has a new size or mtime.
import type { FileStat, SystemView } from '../../view/system-view.js';

const MAX_ENTRIES = 20_000;

export class InspectionCache<T> {
  private readonly entries = new Map<string, T>();

  private key(view: SystemView, file: FileStat): string | null {
    if (view.kind === 'image') return null;
    return `${view.kind}\0${view.name}\0${file.path}\0${file.size}\0${file.mtimeMs}`;
  }

  get(view: SystemView, file: FileStat): T | undefined {
    const key = this.key(view, file);
    return key === null ? undefined : this.entries.get(key);
  }

  set(view: SystemView, file: FileStat, value: T): void {
    const key = this.key(view, file);
    if (key === null) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }
}
