// `kubectl get` output: tables per kind, or every object as yaml, json, name, jsonpath or
// custom columns.

import type { KubeObject } from '../../api/types';
import { qualifiedSingular, type ResourceType } from '../../api/resources';
import { tableFor } from './tables';
import { formatLabels } from './cells';
import { alignCells, tabwrite, tableSettings } from './tabwriter';
import { toYaml } from './yaml-emitter';
import { toJson } from './json-output';
import { compileJsonPath, JsonPathError, JsonPathExecutionError, type CompiledJsonPath } from './jsonpath';
import { goSyntax } from './go-syntax';
import { customColumnCells, parseCustomColumns, type CustomColumn } from './custom-columns';
import { allowedFormats, PrintError, type PrintOptions } from './print-options';
import { sortObjects } from './sort-by';

export interface ObjectBlock {
  type: ResourceType;
  objects: KubeObject[];
}

type Format =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; path: CompiledJsonPath; template: string; asJson: boolean }
  | { kind: 'custom-columns'; columns: CustomColumn[] };

function compileTemplate(template: string, asJson: boolean): Format {
  if (template === '') throw new PrintError('error: template format specified but no template given');
  try {
    return { kind: 'jsonpath', path: compileJsonPath(template), template, asJson };
  } catch (e) {
    if (e instanceof JsonPathError) throw new PrintError(`error: error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
}

/** Checks `-o` and compiles its template; throws PrintError with kubectl's text when it is bad. */
export function parseOutputFormat(output: string | undefined): Format {
  const value = output ?? '';
  if (value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'yaml') return { kind: 'yaml' };
  if (value === 'json') return { kind: 'json' };
  if (value === 'name') return { kind: 'name' };
  if (value === 'jsonpath' || value === 'jsonpath-as-json') return compileTemplate('', false);
  if (value.startsWith('jsonpath=')) return compileTemplate(value.slice('jsonpath='.length), false);
  if (value.startsWith('jsonpath-as-json=')) return compileTemplate(value.slice('jsonpath-as-json='.length), true);
  if (value === 'custom-columns') return { kind: 'custom-columns', columns: parseCustomColumns('') };
  if (value.startsWith('custom-columns=')) return { kind: 'custom-columns', columns: parseCustomColumns(value.slice('custom-columns='.length)) };
  throw new PrintError(`error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowedFormats}`);
}

/** What `-o yaml|json|jsonpath` print: the object itself, or a List of them. */
export function outputDocument(objects: KubeObject[], asList: boolean): unknown {
  if (objects.length === 1 && !asList) return objects[0];
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/** A cell ends at its first line break (`\n`, `\r` or `\f`), marked with `...`, as kubectl cuts multi-line values. */
function truncateCell(cell: string): string {
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code === 10 || code === 13 || code === 12) return cell.slice(0, i) + '...';
  }
  return cell;
}

/** `--output-watch-events` pads the event type to eight characters. */
const watchEventText: Record<string, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}

function headerCells(type: ResourceType, options: PrintOptions, wide: boolean): string[] {
  const headers: string[] = [];
  if (options.outputWatchEvents) headers.push('EVENT');
  if (options.allNamespaces && type.namespaced) headers.push('NAMESPACE');
  for (const column of tableFor(type.kind).columns) if (wide || !column.wide) headers.push(column.name.toUpperCase());
  for (const key of options.labelColumns ?? []) headers.push(labelHeader(key));
  if (options.showLabels) headers.push('LABELS');
  return headers;
}

function rowCells(type: ResourceType, obj: KubeObject, options: PrintOptions, wide: boolean, eventType?: string): string[] {
  const cells = tableFor(type.kind).row(obj, options.now, wide);
  const out: string[] = [];
  if (options.outputWatchEvents) out.push(watchEventText[eventType ?? ''] ?? eventType ?? '');
  if (options.allNamespaces && type.namespaced) out.push(obj.metadata.namespace ?? '');
  for (let i = 0; i < cells.length; i++) {
    const cell = truncateCell(cells[i]);
    // kubectl prefixes the first cell, whatever the column (events show `event/5s`).
    out.push(i === 0 && options.showKind ? `${qualifiedSingular(type)}/${cell}` : cell);
  }
  for (const key of options.labelColumns ?? []) out.push(obj.metadata.labels?.[key] ?? '');
  if (options.showLabels) out.push(formatLabels(obj.metadata.labels));
  return out;
}

function hasTabOrLineBreak(cells: string[]): boolean {
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const code = cell.charCodeAt(i);
      if (code === 9 || code === 10) return true;
    }
  }
  return false;
}

/** Rows of cells as kubectl's tabwriter lays them out, each line ending in a line break. */
function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  // A tab or line break inside a cell splits it in kubectl's tabwriter: go through the text then.
  if (rows.some(hasTabOrLineBreak)) {
    return tabwrite(rows.map((cells) => cells.join('\t') + '\n').join(''), tableSettings);
  }
  return alignCells(rows, tableSettings) + '\n';
}

function customColumnsTable(columns: CustomColumn[], objects: KubeObject[], noHeaders: boolean): string {
  const rows = objects.map((obj) => customColumnCells(columns, obj));
  if (!noHeaders) rows.unshift(columns.map((c) => c.header));
  return table(rows);
}

function jsonPathOutput(format: Extract<Format, { kind: 'jsonpath' }>, data: unknown): string {
  try {
    if (!format.asJson) return format.path.print(data);
    return format.path.results(data, true).map((values) => toJson(values)).join('');
  } catch (e) {
    if (!(e instanceof JsonPathExecutionError)) throw e;
    // Ends with a blank line; kubectl's own line break follows it.
    throw new PrintError(
      `error: error executing jsonpath ${JSON.stringify(format.template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${format.template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`,
    );
  }
}

/** kubectl get hides metadata.managedFields unless --show-managed-fields is given. */
function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _omitted, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export function printObjects(blocks: ObjectBlock[], options: PrintOptions): string {
  const format = parseOutputFormat(options.output);
  const sorted = blocks.map((block) => ({ type: block.type, objects: options.sortBy ? sortObjects(block.objects, options.sortBy) : block.objects }));
  // Whole objects are printed by yaml, json and jsonpath only; tables need no copies.
  const all = (): KubeObject[] => sorted.flatMap((block) => block.objects).map((obj) => (options.showManagedFields ? obj : withoutManagedFields(obj)));
  switch (format.kind) {
    case 'yaml':
      return toYaml(outputDocument(all(), options.list ?? false));
    case 'json':
      return toJson(outputDocument(all(), options.list ?? false));
    case 'name':
      return sorted.flatMap((block) => block.objects.map((obj) => `${qualifiedSingular(block.type)}/${obj.metadata.name}\n`)).join('');
    case 'jsonpath':
      return jsonPathOutput(format, outputDocument(all(), options.list ?? false));
    case 'custom-columns': {
      const objects = all();
      return objects.length === 0 ? '' : customColumnsTable(format.columns, objects, options.noHeaders ?? false);
    }
    case 'table': {
      const tables = sorted
        .filter((block) => block.objects.length > 0)
        .map((block) => {
          const rows = block.objects.map((obj) => rowCells(block.type, obj, options, format.wide));
          if (!options.noHeaders) rows.unshift(headerCells(block.type, options, format.wide));
          return table(rows);
        });
      return tables.join(options.noHeaders ? '' : '\n');
    }
  }
}

/** The header line of a table, alone (the first line of `get -w`). */
export function printHeader(type: ResourceType, options: PrintOptions): string {
  const format = parseOutputFormat(options.output);
  if (format.kind === 'custom-columns') return table([format.columns.map((c) => c.header)]);
  if (format.kind !== 'table') return '';
  return table([headerCells(type, options, format.wide)]);
}

/** One object as `get -w` prints it after the first list: a row laid out on its own. */
export function printWatchRow(type: ResourceType, object: KubeObject, options: PrintOptions, eventType?: string): string {
  const format = parseOutputFormat(options.output);
  const obj = format.kind === 'table' || options.showManagedFields ? object : withoutManagedFields(object);
  switch (format.kind) {
    case 'table':
      return table([rowCells(type, obj, options, format.wide, eventType)]);
    case 'custom-columns':
      return table([customColumnCells(format.columns, obj)]);
    case 'yaml':
      return toYaml(obj);
    case 'json':
      return toJson(obj);
    case 'name':
      return `${qualifiedSingular(type)}/${obj.metadata.name}\n`;
    case 'jsonpath':
      return jsonPathOutput(format, obj);
  }
}
