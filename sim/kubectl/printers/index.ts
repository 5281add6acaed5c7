// Everything kubectl prints about objects: `get` tables and output formats, and `describe`.

export { printObjects, printHeader, printWatchRow, parseOutputFormat, outputDocument, type ObjectBlock } from './print-objects';
export { PrintError, type PrintOptions } from './print-options';
export { describeObject } from './describe';
export type { DescribeContext } from './describe-common';
export { toYaml } from './yaml-emitter';
export { toJson } from './json-output';
export { compileJsonPath, JsonPathError } from './jsonpath';
export { summarizePod, type PodSummary } from './pod-summary';
export { tabwrite, tableSettings, describeSettings } from './tabwriter';
