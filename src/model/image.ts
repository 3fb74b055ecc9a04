// Image facts and build history as `palisade scan image` reports them under "image" and
// "history", and as the server stores them per image and tag.
import { z } from 'zod';
import { Severity } from './common.js';

export const ImageLayerFact = z.object({
  index: z.number().int().min(0),
  /** Blob digest as stored or transferred (absent in legacy docker-archives). */
  digest: z.string().optional(),
  /** Digest of the uncompressed tar. */
  diffId: z.string(),
  /** Uncompressed bytes. */
  size: z.number().int().min(0),
});
export type ImageLayerFact = z.infer<typeof ImageLayerFact>;

export const ImageFacts = z.object({
  /** What was scanned: a reference or an archive path. */
  name: z.string(),
  format: z.enum(['docker-archive', 'oci-archive', 'oci-layout', 'registry']),
  /** The config digest (what `docker images --no-trunc` shows as IMAGE ID). */
  id: z.string(),
  /** The manifest digest, when the source has one. */
  digest: z.string().optional(),
  repoTags: z.array(z.string()),
  os: z.string().optional(),
  architecture: z.string().optional(),
  variant: z.string().optional(),
  /** Sum of the uncompressed layer sizes. */
  size: z.number().int().min(0),
  created: z.string().optional(),
  author: z.string().optional(),
  /** As configured; "" means root. */
  user: z.string(),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  workingDir: z.string().optional(),
  exposedPorts: z.array(z.string()),
  /** Names only: values may be secrets (the history checks look at them). */
  envNames: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  layers: z.array(ImageLayerFact),
});
export type ImageFacts = z.infer<typeof ImageFacts>;

export const HistoryStep = z.object({
  index: z.number().int().min(0),
  created: z.string().optional(),
  /** The instruction, with the classic builder's "/bin/sh -c #(nop)" prefix removed. */
  command: z.string(),
  comment: z.string().optional(),
  /** True when the step made no layer (ENV, CMD, USER…). */
  emptyLayer: z.boolean(),
  /** The layer the step made: its index and uncompressed size. */
  layerIndex: z.number().int().min(0).optional(),
  layerSize: z.number().int().min(0).optional(),
});
export type HistoryStep = z.infer<typeof HistoryStep>;

export const HistoryCheckId = z.enum(['root-user', 'secret-in-env', 'secret-in-command', 'add-remote-url', 'package-cache', 'latest-base-tag']);
export type HistoryCheckId = z.infer<typeof HistoryCheckId>;

export const HistoryFinding = z.object({
  check: HistoryCheckId,
  severity: Severity,
  /** The history step it concerns, when one does. */
  step: z.number().int().min(0).optional(),
  message: z.string(),
  /** Masked: never a secret in clear. */
  evidence: z.string().optional(),
  fingerprint: z.string().optional(),
});
export type HistoryFinding = z.infer<typeof HistoryFinding>;

export const ImageHistory = z.object({
  steps: z.array(HistoryStep),
  findings: z.array(HistoryFinding),
});
export type ImageHistory = z.infer<typeof ImageHistory>;
