// Where an image view keeps file bytes that do not fit its memory budget: one temporary file,
// appended to in order and read back by range. One file instead of one per kept file, because
// creating thousands of small files costs more than streaming the layer they came from.
import { open, type FileHandle } from 'node:fs/promises';

export class SpillFile {
  size = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<SpillFile> {
    return new SpillFile(await open(path, 'wx+', 0o600));
  }

  async append(data: Buffer): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.handle.write(data, written, data.length - written, this.size + written);
      written += bytesWritten;
    }
    this.size += data.length;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const data = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(data, done, length - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return data.subarray(0, done);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
