// The "image" section of a report: what the config says (user, entrypoint, ports, env names,
// labels) and what streaming the layers measured (uncompressed sizes). Environment values are
// left out on purpose: they may be secrets, which the history checks report masked.
import type { ImageFacts } from '../model/image.js';
import type { ImageView } from '../view/image-view.js';

export function imageFacts(view: ImageView): ImageFacts {
  const { source } = view;
  const settings = source.config.config ?? {};
  return {
    name: source.name,
    format: source.format as ImageFacts['format'],
    id: source.configDigest,
    ...(source.manifestDigest ? { digest: source.manifestDigest } : {}),
    repoTags: [...source.repoTags],
    ...(source.config.os ? { os: source.config.os } : {}),
    ...(source.config.architecture ? { architecture: source.config.architecture } : {}),
    ...(source.config.variant ? { variant: source.config.variant } : {}),
    size: view.size,
    ...(source.config.created ? { created: source.config.created } : {}),
    ...(source.config.author ? { author: source.config.author } : {}),
    user: settings.User ?? '',
    entrypoint: settings.Entrypoint ?? [],
    cmd: settings.Cmd ?? [],
    ...(settings.WorkingDir ? { workingDir: settings.WorkingDir } : {}),
    exposedPorts: Object.keys(settings.ExposedPorts ?? {}).sort(),
    envNames: (settings.Env ?? []).map((entry) => entry.split('=')[0] ?? entry),
    labels: settings.Labels ?? {},
    layers: view.layers.map((layer) => ({ index: layer.index, ...(layer.digest ? { digest: layer.digest } : {}), diffId: layer.diffId, size: layer.size })),
  };
}
