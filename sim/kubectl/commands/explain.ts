// `kubectl explain pods.spec.containers [--recursive]`, in the layout of kubectl's plaintext template.

import { explainField, schemas } from '../../api/schema';
import type { Invocation, Implementations } from '../command';
import { KubectlError, plainError } from '../errors';
import { resolveType } from '../resource-args';

/** Wraps text to 80 columns at the given indent, keeping blank lines between paragraphs. */
function wrap(text: string, indent: number): string {
  const width = 80 - indent;
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.trim() === '') {
      out.push(pad);
      continue;
    }
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(pad + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) out.push(pad + line);
  }
  return out.join('\n');
}

function recursiveFields(kind: string, path: string[], depth: number): string[] {
  const node = explainField(kind, path);
  const lines: string[] = [];
  for (const f of node?.fields ?? []) {
    lines.push(`${' '.repeat(depth * 2)}${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}`);
    if (depth < 12) lines.push(...recursiveFields(kind, [...path, f.name], depth + 1));
  }
  return lines;
}

function explain(inv: Invocation): number {
  if (inv.args.length === 0) {
    throw new KubectlError(`error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.`);
  }
  const [typed, ...path] = inv.args[0].split('.');
  const type = resolveType(typed);
  const node = explainField(type.kind, path);
  if (!node) {
    if (path.length === 0) throw plainError(`couldn't find resource for "${type.group ? `${type.group}/` : ''}${type.version}, Kind=${type.kind}"`);
    throw plainError(`field "${path[path.length - 1]}" does not exist`);
  }
  const lines: string[] = [];
  if (type.group) lines.push(`GROUP:      ${type.group}`);
  lines.push(`KIND:       ${type.kind}`, `VERSION:    ${type.version}`, '');
  // A field's description is followed by the description of the type it holds (of its items or
  // values for lists and maps), as kubectl's template prints a referenced schema's.
  let description = node.description;
  if (path.length > 0) {
    lines.push(`FIELD: ${node.name} <${node.type}>`, '', '');
    const held = schemas[node.type.replace(/^(\[\]|map\[string\])+/, '')]?.description;
    if (held) description = description ? `${description}\n${held}` : held;
  }
  lines.push('DESCRIPTION:', wrap(description || '<empty>', 4), '    ');
  if (node.fields?.length) {
    lines.push('FIELDS:');
    if (inv.flags.bool('recursive')) {
      lines.push(...recursiveFields(type.kind, path, 1));
    } else {
      for (const f of node.fields) {
        const child = explainField(type.kind, [...path, f.name]);
        lines.push(`  ${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}`, wrap(child?.description || '<no description>', 4), '');
      }
    }
  }
  inv.out(lines.join('\n') + '\n\n');
  return 0;
}

export const explainCommands: Implementations = {
  explain: { run: explain },
};
