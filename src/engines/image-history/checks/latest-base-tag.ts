// A base image named by `latest` (or by no tag) changes under the same Dockerfile, so builds are
// not reproducible. The base is known from the OCI annotation BuildKit and others write as a
// label (`org.opencontainers.image.base.name`, image-spec annotations.md).
import type { HistoryCheck } from '../history-check.js';

const BASE_LABELS = ['org.opencontainers.image.base.name', 'base.image', 'base_image'];

export const latestBaseTag: HistoryCheck = {
  id: 'latest-base-tag',
  version: 1,
  run(input) {
    return BASE_LABELS.flatMap((label) => {
      const base = input.labels[label];
      if (!base || base.includes('@')) return [];
      const lastPart = base.slice(base.lastIndexOf('/') + 1);
      const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
      if (tag !== '' && tag !== 'latest') return [];
      return [{ check: 'latest-base-tag' as const, severity: 'low' as const, message: `base image ${base} is not pinned: ${tag === '' ? 'no tag means' : 'the tag'} "latest" (pin a version or a digest)` }];
    });
  },
};
