// Problems in a manifest, as the editor underlines them: YAML syntax errors from the `yaml`
// package, then what kubectl would refuse (a document without apiVersion, kind or a name).

import { parseAllDocuments, isMap } from 'yaml';

export interface ManifestProblem {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
}

export function manifestProblems(text: string): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const documents = parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list) {
    for (const error of document.errors) {
      const [from, to] = error.pos;
      const where = error.linePos?.[0];
      problems.push({
        from,
        to: Math.max(to, from + 1),
        severity: 'error',
        message: where ? `yaml: line ${where.line}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` : error.message,
      });
    }
    if (document.errors.length > 0) continue;
    const contents = document.contents;
    if (contents === null) continue;
    const range = contents.range ?? [0, 0, 0];
    const [start, valueEnd] = range;
    if (!isMap(contents)) {
      problems.push({ from: start, to: valueEnd, severity: 'error', message: 'a Kubernetes object must be a mapping' });
      continue;
    }
    const object = document.toJS() as Record<string, any>;
    if (!object.apiVersion) problems.push({ from: start, to: start + 1, severity: 'error', message: "apiVersion not set" });
    if (!object.kind) problems.push({ from: start, to: start + 1, severity: 'error', message: "kind not set" });
    const metadata = object.metadata as Record<string, unknown> | undefined;
    if (object.kind && !metadata?.name && !metadata?.generateName) {
      problems.push({ from: start, to: start + 1, severity: 'warning', message: 'metadata.name is not set' });
    }
  }
  return problems.map((problem) => ({ ...problem, from: Math.min(problem.from, text.length), to: Math.min(problem.to, text.length) }));
}
