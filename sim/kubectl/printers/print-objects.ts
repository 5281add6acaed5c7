// `kubectl get` output: tables per kind, or every object as yaml, json, name, jsonpath,
// go-template or custom columns.

import type { KubeObject } from '../../api/types';
import { qualifiedSingular, type ResourceType } from '../../api/resources';
import { tableFor } from './tables';
import { formatLabels } from './cells';
import { alignCells, tabwrite, tableSettings } from './tabwriter';
import { toYaml } from './yaml-emitter';
import { escapeLikeGo, toCompactJson, toJson } from './json-output';
import { compileGoTemplate, GoTemplateExecError, GoTemplateParseError, type CompiledGoTemplate } from './go-template';
import { goPrint, type GoValue } from './go-format';
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
  | { kind: 'go-template'; compiled: CompiledGoTemplate; template: string }
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

function compileGo(template: string): Format {
  if (template === '') throw new PrintError('error: template format specified but no template given');
  try {
    return { kind: 'go-template', compiled: compileGoTemplate(template), template };
  } catch (e) {
    if (e instanceof GoTemplateParseError) throw new PrintError(`error: error parsing template ${template}, ${e.message}`);
    throw e;
  }
}

type TemplateSource = Pick<PrintOptions, 'template' | 'readTemplateFile'>;

/** The template text: --template wins over `-o FORMAT=VALUE`; the file formats read it from the file. */
function templateText(value: string, fromFile: boolean, source: TemplateSource): string {
  const given = source.template || value;
  if (!fromFile || given === '') return given;
  const read = source.readTemplateFile?.(given) ?? { error: `open ${given}: no such file or directory` };
  if ('error' in read) throw new PrintError(`error: error reading --template ${given}, ${read.error}`);
  return read.text;
}

const templateFormats: Record<string, { go: boolean; fromFile: boolean; asJson?: boolean }> = {
  'go-template': { go: true, fromFile: false },
  template: { go: true, fromFile: false },
  'go-template-file': { go: true, fromFile: true },
  templatefile: { go: true, fromFile: true },
  jsonpath: { go: false, fromFile: false },
  'jsonpath-as-json': { go: false, fromFile: false, asJson: true },
  'jsonpath-file': { go: false, fromFile: true },
};

/** Checks `-o` and compiles its template; throws PrintError with kubectl's text when it is bad. */
export function parseOutputFormat(output: string | undefined, source: TemplateSource = {}): Format {
  // A --template alone asks for go-template output, as kubectl keeps it working without -o.
  const value = output || (source.template ? 'go-template' : '');
  if (value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'yaml') return { kind: 'yaml' };
  if (value === 'json') return { kind: 'json' };
  if (value === 'name') return { kind: 'name' };
  const equals = value.indexOf('=');
  const name = equals < 0 ? value : value.slice(0, equals);
  const templateFormat = templateFormats[name];
  // With --template given, kubectl no longer splits `FORMAT=VALUE`, so no printer takes it.
  if (templateFormat && !(source.template && equals >= 0)) {
    const text = templateText(equals < 0 ? '' : value.slice(equals + 1), templateFormat.fromFile, source);
    return templateFormat.go ? compileGo(text) : compileTemplate(text, templateFormat.asJson ?? false);
  }
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

function jsonPathOutput(format: Extract<Format, { kind: 'jsonpath' }>, data: unknown, options: PrintOptions): string {
  const allowMissingKeys = options.allowMissingTemplateKeys ?? true;
  try {
    if (!format.asJson) return format.path.print(data, allowMissingKeys);
    return format.path.results(data, true, allowMissingKeys).map((values) => toJson(values)).join('');
  } catch (e) {
    if (!(e instanceof JsonPathExecutionError)) throw e;
    // Ends with a blank line; kubectl's own line break follows it.
    throw new PrintError(
      `error: error executing jsonpath ${JSON.stringify(format.template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${format.template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`,
    );
  }
}

function goTemplateOutput(format: Extract<Format, { kind: 'go-template' }>, data: unknown, options: PrintOptions): string {
  try {
    return format.compiled.execute(data, options.allowMissingTemplateKeys ?? true);
  } catch (e) {
    if (!(e instanceof GoTemplateExecError)) throw e;
    const raw = options.builtByKubectl ? escapeLikeGo(JSON.stringify(data)) : toCompactJson(data);
    // kubectl prints what ran, then the debugging text, then the error; it ends with a blank line.
    throw new PrintError(
      `${e.partial}Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${format.template}\n\traw data was:\n\t\t${raw}\n\tobject given to template engine was:\n\t\t${goPrint(data as GoValue)}\n\n` +
        `error: error executing template ${JSON.stringify(format.template)}: ${e.message}`,
    );
  }
}

/** kubectl get hides metadata.managedFields unless --show-managed-fields is given. */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _omitted, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export function printObjects(blocks: ObjectBlock[], options: PrintOptions): string {
  const format = parseOutputFormat(options.output, options);
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
      return jsonPathOutput(format, outputDocument(all(), options.list ?? false), options);
    case 'go-template':
      return goTemplateOutput(format, outputDocument(all(), options.list ?? false), options);
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
  const format = parseOutputFormat(options.output, options);
  if (format.kind === 'custom-columns') return table([format.columns.map((c) => c.header)]);
  if (format.kind !== 'table') return '';
  return table([headerCells(type, options, format.wide)]);
}

/** One object as `get -w` prints it after the first list: a row laid out on its own. */
export function printWatchRow(type: ResourceType, object: KubeObject, options: PrintOptions, eventType?: string): string {
  const format = parseOutputFormat(options.output, options);
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
      return jsonPathOutput(format, obj, options);
    case 'go-template':
      return goTemplateOutput(format, obj, options);
  }
}
