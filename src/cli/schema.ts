// `palisade schema report`: the JSON Schema of what `palisade scan … --format json` writes,
// generated from the zod schemas in src/model, so it can never drift from the code.
import type { Command } from 'commander';
import { z } from 'zod';
import { Report } from '../model/report.js';

const documents: Readonly<Record<string, z.ZodType>> = { report: Report };

export function schemaDocument(name: string): Record<string, unknown> {
  const schema = documents[name];
  if (!schema) throw new Error(`unknown schema "${name}"; known: ${Object.keys(documents).join(', ')}`);
  // "output": the shape of what is written (defaults filled), not of what would be accepted.
  return { $id: `https://palisade.invalid/schemas/${name}.json`, ...z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) };
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .argument('<name>', `schema to print (${Object.keys(documents).join(', ')})`)
    .description('print the JSON Schema of a Palisade document')
    .action((name: string) => {
      process.stdout.write(`${JSON.stringify(schemaDocument(name), null, 2)}\n`);
    });
}
