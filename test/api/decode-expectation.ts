// What kubectl makes of a manifest file, in a form tests compare against: the objects it would
// send (as JSON, namespace removed) and the error it prints.
import { runKubectl } from './kubectl-offline';

function withoutNamespace(object: any): any {
  if (object?.metadata) delete object.metadata.namespace;
  return object;
}

/** Runs `kubectl create --dry-run=client -o json`; validation needs the server, so failing that, reruns with --validate=false. */
export function kubectlExpectation(file: string, content: string): string {
  let result = runKubectl(['create', '--dry-run=client', '-f', file, '-o', 'json'], { [file]: content });
  if (result.stderr.includes('failed to download openapi') || result.stderr.includes('/openapi/v2')) {
    result = runKubectl(['create', '--dry-run=client', '--validate=false', '-f', file, '-o', 'json'], { [file]: content });
  }
  const objects: unknown[] = [];
  // Several objects print as consecutive JSON documents or as one List.
  for (const chunk of result.stdout.split(/\n(?=\{)/).filter((c) => c.trim())) {
    const parsed = JSON.parse(chunk);
    if (parsed.kind === 'List' && Array.isArray(parsed.items)) objects.push(...parsed.items.map(withoutNamespace));
    else objects.push(withoutNamespace(parsed));
  }
  const error = result.stderr
    .split('\n')
    .filter((line) => line && !line.includes('memcache.go'))
    .map((line) => line.replace(/^error: /, ''))
    .join('\n');
  return `${JSON.stringify(objects)}\n${error}\n`;
}
