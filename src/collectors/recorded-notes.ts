// A collector's read failures kept aside instead of written to its output: a read shared by
// several collectors (one read of each archive serves both jars and webFrameworks) records them
// once, and each collector replays them into its own output, as if it had read the file itself.
import type { ReadNotes } from './read-safely.js';

type Note = { readonly kind: 'warn'; readonly message: string; readonly path?: string } | { readonly kind: 'hidden'; readonly path: string; readonly message?: string };

export class RecordedNotes implements ReadNotes {
  private readonly notes: Note[] = [];

  warn(message: string, path?: string): void {
    this.notes.push(path === undefined ? { kind: 'warn', message } : { kind: 'warn', message, path });
  }

  hidden(path: string, message?: string): void {
    this.notes.push(message === undefined ? { kind: 'hidden', path } : { kind: 'hidden', path, message });
  }

  replayInto(out: ReadNotes): void {
    for (const note of this.notes) {
      if (note.kind === 'warn') out.warn(note.message, note.path);
      else out.hidden(note.path, note.message);
    }
  }
}
