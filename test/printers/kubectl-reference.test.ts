// Compares yaml, json and jsonpath output with what the real kubectl 1.32 prints for the same
// object. The captures live in test/golden-files/printers/kubectl/; with /usr/bin/kubectl
// present the same comparisons also run against the binary itself.
// UPDATE_KUBECTL_GOLDEN=1 refreshes the captures from the binary.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { PrintError, printObjects } from '../../sim/kubectl/printers';
import * as f from './fixtures';
import { badJsonPathTemplates, jsonPathTemplates, referenceObjects } from './reference-objects';

const kubectl = '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectl);
const captureDir = join(__dirname, '..', 'golden-files', 'printers', 'kubectl');
const workDir = mkdtempSync(join(tmpdir(), 'podlab-printers-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface KubectlResult {
  stdout: string;
  stderr: string;
}

function runKubectl(obj: KubeObject, output: string): KubectlResult {
  const file = join(workDir, `${obj.metadata.name}.json`);
  writeFileSync(file, JSON.stringify(obj));
  try {
    const stdout = execFileSync(kubectl, ['label', '--local', '-f', file, 'dummy-', '-o', output], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '/nonexistent' } });
    return { stdout, stderr: '' };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** What the learner would see: stdout, then stderr (kubectl's own line break after an error). */
function ours(obj: KubeObject, output: string): string {
  try {
    return printObjects([{ type: f.typeOf(obj.kind), objects: [obj] }], { now: f.NOW, output });
  } catch (e) {
    if (e instanceof PrintError) return `stderr:${e.message}\n`;
    throw e;
  }
}

function theirs(result: KubectlResult): string {
  return result.stderr ? `stderr:${result.stderr}` : result.stdout;
}

const cases: [string, KubeObject, string][] = [];
for (const [name, obj] of referenceObjects) {
  cases.push([`${name}.yaml`, obj, 'yaml']);
  cases.push([`${name}.json`, obj, 'json']);
  cases.push([`${name}.name`, obj, 'name']);
}
const detailed = referenceObjects.find(([name]) => name === 'pod-detailed')![1];
for (const [name, template] of [...jsonPathTemplates, ...badJsonPathTemplates]) cases.push([`jsonpath-${name}`, detailed, `jsonpath=${template}`]);
cases.push(['jsonpath-as-json', detailed, 'jsonpath-as-json={.spec.containers[*].name}{.metadata.labels}']);
cases.push(['jsonpath-as-json-text', detailed, 'jsonpath-as-json=name: {.metadata.name}{.nothing}']);
cases.push(['bogus-format', detailed, 'bogus']);
cases.push(['jsonpath-without-template', detailed, 'jsonpath']);

if (process.env.UPDATE_KUBECTL_GOLDEN === '1' && haveKubectl) {
  mkdirSync(captureDir, { recursive: true });
  for (const [name, obj, output] of cases) writeFileSync(join(captureDir, `${name}.txt`), theirs(runKubectl(obj, output)));
}

describe('output matches the captured kubectl 1.32 output', () => {
  for (const [name, obj, output] of cases) {
    const path = join(captureDir, `${name}.txt`);
    it.skipIf(!existsSync(path) || name === 'bogus-format')(name, () => {
      expect(ours(obj, output)).toBe(readFileSync(path, 'utf8'));
    });
  }

  it('rejects an unknown format with the full list kubectl get allows', () => {
    // `kubectl label` allows fewer formats than `get`, so its capture differs by design.
    expect(ours(detailed, 'bogus')).toBe(
      'stderr:error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });
});

describe.skipIf(!haveKubectl)('output matches the live kubectl binary', () => {
  for (const [name, obj, output] of cases) {
    if (name === 'bogus-format') continue;
    it(name, () => {
      expect(ours(obj, output)).toBe(theirs(runKubectl(obj, output)));
    });
  }
});
