// The kustomization folders of test/golden-files/kustomize/cases and what `kubectl kustomize`
// prints for each, as captured from the real kubectl 1.32 (kustomize v5.5) into
// test/golden-files/kustomize/expected by kustomize-capture.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lab } from './harness';
import { kubectlPath } from '../api/kubectl-offline';

const here = dirname(fileURLToPath(import.meta.url));
export const casesRoot = join(here, '../golden-files/kustomize/cases');
export const expectedRoot = join(here, '../golden-files/kustomize/expected');

/** The folder each case builds, relative to casesRoot: the page examples, features, and bad input. */
export const kustomizeCases: string[] = [
  'docs-configmap-files', 'docs-configmap-env', 'docs-configmap-literals', 'docs-configmap-deployment',
  'docs-secret-files', 'docs-secret-literals', 'docs-secret-deployment', 'docs-generator-options',
  'docs-cross-cutting', 'docs-composing', 'docs-patches-smp', 'docs-patches-json6902', 'docs-images', 'docs-vars',
  'docs-overlays/base', 'docs-overlays/dev', 'docs-overlays/prod', 'docs-apply',
  'configmap-page-files', 'configmap-page-key', 'configmap-page-literals',
  'secret-page-literals', 'secret-page-files', 'secret-page-env', 'wordpress',
  'features-mixed', 'features-deprecated-fields', 'env-file-lines', 'patches-targets', 'patch-delete', 'overlay-merge/base', 'overlay-merge/staging', 'rbac-references',
  'namespace-bindings-images', 'labels-fields', 'generator-namespace',
  'errors/no-kustomization', 'errors/sub-without-kustomization', 'errors/missing-resource', 'errors/bad-resource-yaml',
  'errors/bad-kustomization-yaml', 'errors/unknown-field', 'errors/unknown-nested-field', 'errors/wrong-type', 'errors/wrong-nested-type',
  'errors/cycle/a', 'errors/parent-cycle/child', 'errors/escape/inner', 'errors/escape-generator/inner', 'errors/missing-generator-file',
  'errors/bad-literal', 'errors/repeated-key', 'errors/duplicate-resource', 'errors/patch-no-match', 'errors/json-patch-missing-path', 'errors/json-patch-without-target',
  'errors/generator-exists', 'errors/generator-merge-missing',
  'errors/multiple-kustomization-files', 'errors/file-as-dir/README', 'errors/nonexistent',
];

export interface Printed {
  stdout: string;
  stderr: string;
  code: number;
}

/** klog's header (time, pid) and Go pointers differ from run to run. */
export function normalize(printed: Printed, workDir?: string): Printed {
  let stderr = printed.stderr.replace(/^([EIW])\d{4} [\d:.]+ +\d+ /gm, '$1 ').replace(/&\{0xc[0-9a-f]+ /g, '&{0xc… ');
  if (workDir) stderr = stderr.split(workDir).join('/home/learner');
  return { stdout: printed.stdout, stderr, code: printed.code };
}

export function expectedFile(name: string): string {
  return join(expectedRoot, `${name.replace(/\//g, '__')}.txt`);
}

/** The stored expectation: exit code, then stdout and stderr, each after a marker line. */
export function readExpected(name: string): Printed {
  const text = readFileSync(expectedFile(name), 'utf8');
  const match = /^exit: (\d+)\n--- stdout\n([\s\S]*)--- stderr\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`malformed golden ${expectedFile(name)}`);
  return { code: Number(match[1]), stdout: match[2], stderr: match[3] };
}

/** The hashed name kubectl's kustomize gave a generated object in a captured build (`special-config-2-…`). */
export function generatedName(golden: string, prefix: string): string {
  const match = new RegExp(`name: (${prefix}-[a-z0-9]{10})\\n`).exec(readExpected(golden).stdout);
  if (!match) throw new Error(`no generated ${prefix} in ${golden}`);
  return match[1];
}

export function formatExpected(printed: Printed): string {
  return `exit: ${printed.code}\n--- stdout\n${printed.stdout}--- stderr\n${printed.stderr}`;
}

/** A Lab whose /home/learner holds every case folder. */
export function labWithCases(): Lab {
  const lab = new Lab();
  const copy = (dir: string, relative: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const inside = relative ? `${relative}/${name}` : name;
      if (statSync(path).isDirectory()) {
        lab.fs.mkdir(`${lab.cwd}/${inside}`, { recursive: true });
        copy(path, inside);
      } else lab.write(inside, readFileSync(path, 'utf8'));
    }
  };
  copy(casesRoot, '');
  return lab;
}

/** Runs the real `kubectl kustomize` on a copy of the cases. */
export function realKustomize(name: string): Printed {
  const work = mkdtempSync(join(tmpdir(), 'podlab-kustomize-'));
  cpSync(casesRoot, work, { recursive: true });
  try {
    const run = spawnSync(kubectlPath, ['kustomize', name], { cwd: work, encoding: 'utf8', env: { HOME: work, PATH: '/usr/bin:/bin' } });
    return normalize({ stdout: run.stdout, stderr: run.stderr, code: run.status ?? -1 }, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
