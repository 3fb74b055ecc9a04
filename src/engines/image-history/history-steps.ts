// Config history entries as instructions: the classic builder writes "/bin/sh -c #(nop) ENV x"
// for metadata steps and "/bin/sh -c cmd" (or "|N ARG=v … /bin/sh -c cmd" with build args) for
// RUN; BuildKit writes the instruction itself. Non-empty steps pair with layers in order.
import type { HistoryStep } from '../../model/image.js';
import type { HistoryInput } from './history-check.js';

export function instructionOf(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(text);
  if (nop) return text.slice(nop[0].length).trim();
  if (text.startsWith('/bin/sh -c ')) return `RUN ${text.slice('/bin/sh -c '.length)}`;
  if (/^\|\d+ /.test(text)) return `RUN ${text.replace(/\/bin\/sh -c /, '')}`;
  return text;
}

export function historySteps(input: Pick<HistoryInput, 'history' | 'layerSizes'>): HistoryStep[] {
  let layer = 0;
  return input.history.map((entry, index) => {
    const empty = entry.empty_layer === true;
    const step: HistoryStep = {
      index,
      ...(entry.created ? { created: entry.created } : {}),
      command: instructionOf(entry.created_by ?? ''),
      ...(entry.comment ? { comment: entry.comment } : {}),
      emptyLayer: empty,
    };
    if (empty || layer >= input.layerSizes.length) return step;
    const size = input.layerSizes[layer] as number;
    return { ...step, layerIndex: layer++, layerSize: size };
  });
}
