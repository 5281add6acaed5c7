// `kubectl kustomize DIR`: prints the kustomization's build (kustomize v5.5, as kubectl 1.32
// embeds it), or writes it to the file of -o. Failures are kustomize's, logged as kubectl logs them.

import type { Implementations, Invocation } from '../command';
import { KubectlError } from '../errors';
import { klogPrefix } from '../klog';
import { KustomizeError } from '../kustomize/build';
import { buildWithWarnings } from '../manifests';
import { workspacePath } from './common';

/** klog's error line: a value with line breaks is written as an indented block between `<` and `>`. */
function commandFailed(inv: Invocation, message: string): KubectlError {
  const value = message.includes('\n')
    ? `<\n${message.replace(/\n$/, '').split('\n').map((line) => `\t${line}`).join('\n')}\n >`
    : JSON.stringify(message);
  return new KubectlError(`${klogPrefix(inv.ctx.now())} run.go:72] "command failed" err=${value}`);
}

function kustomize(inv: Invocation): number {
  if (inv.args.length > 1) throw commandFailed(inv, 'specify one path to kustomization.yaml');
  const restrictor = inv.flags.string('load-restrictor');
  if (restrictor !== 'LoadRestrictionsRootOnly' && restrictor !== 'LoadRestrictionsNone') {
    throw commandFailed(inv, `illegal flag value --load-restrictor ${restrictor}; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]`);
  }
  if (inv.flags.bool('enable-helm')) throw new KubectlError('error: --enable-helm is not supported in this lab');
  let text: string;
  try {
    text = buildWithWarnings(inv, inv.args[0] ?? '.', restrictor === 'LoadRestrictionsRootOnly');
  } catch (error) {
    if (error instanceof KustomizeError) throw commandFailed(inv, error.message);
    throw error;
  }
  const output = inv.flags.string('output');
  if (output !== '') inv.ctx.fs.writeFile(workspacePath(inv, output), text);
  else inv.out(text);
  return 0;
}

export const kustomizeCommands: Implementations = {
  kustomize: { run: kustomize },
};
