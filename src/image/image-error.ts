// One error class for everything wrong with an image or a registry: it always says what and where
// (which archive entry, layer, blob or URL), so the CLI can print it as is (STYLE.md habit 12).
export type ImageErrorCode =
  | 'bad-archive'
  | 'bad-manifest'
  | 'bad-config'
  | 'unsafe-path'
  | 'digest-mismatch'
  | 'too-large'
  | 'bad-compression'
  | 'not-found'
  | 'unauthorized'
  | 'registry'
  | 'timeout'
  | 'tls'
  | 'platform';

export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    /** What was being read: "layer sha256:…", "manifest.json in x.tar", a URL. */
    readonly where: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${message}`, options);
    this.name = 'ImageError';
  }
}
