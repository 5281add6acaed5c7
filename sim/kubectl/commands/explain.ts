// `kubectl explain pods.spec.containers [--recursive]`, in the layout of kubectl's plaintext template.

import { explainField, schemas } from '../../api/schema';
import { flag, type CommandDef, type Invocation } from '../command';
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

export const explainCommand: CommandDef = {
  name: 'explain',
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# Get the documentation of the resource and its fields
kubectl explain pods

# Get all the fields in the resource
kubectl explain pods --recursive

# Get the explanation for deployment in supported api versions
kubectl explain deployments --api-version=apps/v1

# Get the documentation of a specific field of a resource
kubectl explain pods.spec.containers

# Get the documentation of resources in different format
kubectl explain deployment --output=plaintext-openapiv2`,
  use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    flag('api-version', 'string', 'Use given api-version (group/version) of the resource.'),
    flag('output', 'string', 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).', { defaultValue: 'plaintext', shorthand: 'o' }),
    flag('recursive', 'bool', 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.'),
  ],
  run: explain,
};
