// The one place kubectl's commands reach the printers (sim/kubectl/printers/).

export { printObjects, printHeader, printWatchRow, parseOutputFormat } from './printers/print-objects';
export { PrintError, type PrintOptions } from './printers/print-options';
export { toYaml } from './printers/yaml-emitter';
export { toJson } from './printers/json-output';
export { describeObject } from './printers/describe';
