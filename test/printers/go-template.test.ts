// `-o go-template`: what the real kubectl 1.32 prints for the same object and template, through
// its local path (`kubectl label --local -f FILE dummy- -o go-template=...`, which decodes the
// object as `kubectl get` does). Captures live in test/golden-files/printers/go-template/; with
// /usr/bin/kubectl present the comparisons also run against the binary. UPDATE_KUBECTL_GOLDEN=1
// refreshes the captures.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { PrintError, printObjects, type PrintOptions } from '../../sim/kubectl/printers';
import * as f from './fixtures';
import { numbersObject } from './reference-objects';
import { labShell } from '../support/lab-shell';

const kubectl = '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectl);
const captureDir = join(__dirname, '..', 'golden-files', 'printers', 'go-template');
const workDir = mkdtempSync(join(tmpdir(), 'podlab-go-template-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const objects: Record<string, KubeObject> = { pod: f.detailedPod, deployment: f.deployment, secret: f.secret, numbers: numbersObject };

/** [capture name, object, -o value, further flags]. */
const cases: [string, string, string, string[]?][] = [
  ['name', 'pod', 'go-template={{.metadata.name}}'],
  ['newline', 'pod', 'go-template={{.metadata.name}}{{"\\n"}}'],
  ['range-containers', 'pod', 'go-template={{range .spec.containers}}{{.name}} {{.image}}{{"\\n"}}{{end}}'],
  ['range-index-vars', 'pod', 'go-template={{range $i, $c := .spec.containers}}{{if $i}},{{end}}{{$i}}:{{$c.name}}{{end}}'],
  ['range-map', 'pod', 'go-template={{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}'],
  ['range-else', 'pod', 'go-template={{range .spec.nothing}}x{{else}}none{{end}}'],
  ['if-else-eq', 'pod', 'go-template={{if eq .status.phase "Running"}}up{{else if eq .status.phase "Pending"}}wait{{else}}other{{end}}'],
  ['with', 'pod', 'go-template={{with .spec.nodeName}}on {{.}}{{else}}unscheduled{{end}}'],
  ['missing-key', 'pod', 'go-template={{.spec.nothing}}|{{.a.b.c}}|{{index .metadata.labels "zz"}}'],
  ['maps-and-lists', 'pod', 'go-template={{.metadata.labels}} {{.spec.containers}}'],
  ['numbers', 'numbers', 'go-template={{.spec.terminationGracePeriodSeconds}} {{.spec.containers}} {{.spec.tolerations}} {{.spec.securityContext}} {{.spec.hostNetwork}} {{printf "%T %T" .spec.terminationGracePeriodSeconds .spec.hostNetwork}}'],
  ['number-compare', 'deployment', 'go-template={{if gt .spec.replicas 1}}many{{end}} {{eq .spec.replicas 3}} {{len .spec.template.spec.containers}}'],
  ['compare-int-float', 'deployment', 'go-template=a{{lt .spec.replicas 2.5}}'],
  ['printf', 'pod', 'go-template={{printf "%s has %d containers" .metadata.name (len .spec.containers)}}{{printf " %q %5s|%-6s|%03d %v %d" "x" "ab" "cd" 7 1.5 "s"}}'],
  ['print-println', 'pod', 'go-template={{print "a" 1 2 "b" true}}{{println "x" 2}}{{print nil}}'],
  ['pipeline', 'pod', 'go-template={{.metadata.name | printf "<%s>"}} {{.spec.containers | len}}'],
  ['and-or-not', 'pod', 'go-template={{and 1 0}} {{or "" "x"}} {{not .spec.nothing}} {{and .metadata.name .status.phase}}'],
  ['variables', 'pod', 'go-template={{$n := .metadata.name}}{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$n}} {{$x}} {{$.kind}}'],
  ['index-chain', 'pod', 'go-template={{(index .spec.containers 0).name}} {{index .spec.containers 0 | len}}'],
  ['trim-comment', 'pod', 'go-template={{- .kind -}}   {{/* note */}} {{- .apiVersion }}  {{ 1000000.0 }} {{ 1e6 }} {{ 0x10 }} {{ 2.50 }}'],
  ['base64decode', 'secret', 'go-template={{range $k, $v := .data}}{{$k}}: {{$v | base64decode}}{{"\\n"}}{{end}}'],
  ['exists', 'pod', 'go-template={{exists . "metadata" "name"}} {{exists . "spec" "nothing"}} {{exists .spec.containers 5}}'],
  ['break-continue', 'pod', 'go-template={{range .spec.containers}}{{.name}}{{break}}x{{end}}-{{range .status.conditions}}{{if eq .type "Ready"}}{{continue}}{{end}}{{.type}},{{end}}'],
  ['err-unclosed', 'pod', 'go-template={{.metadata.name'],
  ['err-function', 'pod', 'go-template={{foo .x}}'],
  ['err-end', 'pod', 'go-template={{end}}'],
  ['err-eof', 'pod', 'go-template={{range .spec.containers}}{{.name}}'],
  ['err-variable', 'pod', 'go-template={{$x}}'],
  ['err-quote', 'pod', 'go-template={{"abc}}'],
  ['err-bad-char', 'pod', 'go-template={{.x}'],
  ['err-missing-if', 'pod', 'go-template=\n{{if}}{{end}}'],
  ['err-exec-field', 'pod', 'go-template=start {{.metadata.name.x}}'],
  ['err-exec-len', 'pod', 'go-template={{len 3}}'],
  ['err-exec-index', 'pod', 'go-template={{index .spec.containers 9}}'],
  ['err-exec-compare', 'pod', 'go-template={{lt .metadata.name 3}}'],
  ['err-missing-keys-off', 'pod', 'go-template={{.metadata.name}} {{.spec.nothing}}', ['--allow-missing-template-keys=false']],
  ['err-range-int', 'pod', 'go-template={{range 3}}{{end}}'],
  ['err-base64', 'pod', 'go-template={{.metadata.name | base64decode}}'],
  ['err-no-template', 'pod', 'go-template'],
  ['template-flag', 'pod', 'template', ['--template={{.metadata.namespace}}/{{.metadata.name}}']],
];

function runKubectl(obj: KubeObject, output: string, flags: string[]): string {
  const file = join(workDir, 'object.json');
  writeFileSync(file, JSON.stringify(obj));
  try {
    return execFileSync(kubectl, ['label', '--local', '-f', file, 'dummy-', '-o', output, ...flags], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '/nonexistent' } });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

function optionsFor(output: string, flags: string[]): PrintOptions {
  const options: PrintOptions = { now: f.NOW, output };
  for (const flag of flags) {
    const [name, value] = flag.replace(/^--/, '').split(/=(.*)/s);
    if (name === 'template') options.template = value;
    if (name === 'allow-missing-template-keys') options.allowMissingTemplateKeys = value === 'true';
  }
  return options;
}

/** What the learner sees: the output, or kubectl's error text and its line break. */
function ours(obj: KubeObject, output: string, flags: string[]): string {
  try {
    return printObjects([{ type: f.typeOf(obj.kind), objects: [obj] }], optionsFor(output, flags));
  } catch (e) {
    if (e instanceof PrintError) return `${e.message}\n`;
    throw e;
  }
}

if (process.env.UPDATE_KUBECTL_GOLDEN === '1' && haveKubectl) {
  mkdirSync(captureDir, { recursive: true });
  for (const [name, object, output, flags] of cases) writeFileSync(join(captureDir, `${name}.txt`), runKubectl(objects[object], output, flags ?? []));
}

describe('-o go-template prints what kubectl 1.32 prints', () => {
  for (const [name, object, output, flags] of cases) {
    it(name, () => {
      expect(ours(objects[object], output, flags ?? [])).toBe(readFileSync(join(captureDir, `${name}.txt`), 'utf8'));
    });
  }
});

describe('--template', () => {
  it('alone asks for go-template output', () => {
    expect(printObjects([{ type: f.typeOf('Pod'), objects: [f.detailedPod] }], { now: f.NOW, template: '{{.metadata.name}}' })).toBe(f.detailedPod.metadata.name);
  });

  it('leaves `-o go-template=...` unmatched when given as well', () => {
    expect(() => printObjects([], { now: f.NOW, output: 'go-template={{.kind}}', template: '{{.metadata.name}}' })).toThrow(
      'error: unable to match a printer suitable for the output format "go-template={{.kind}}"',
    );
  });
});

describe('-o go-template-file', () => {
  const readTemplateFile = (path: string) => (path === 'names.tmpl' ? { text: '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}' } : { error: `open ${path}: no such file or directory` });

  it('reads the template from the file and runs it on the list', () => {
    const text = printObjects([{ type: f.typeOf('Pod'), objects: [f.runningPod, f.detailedPod] }], { now: f.NOW, output: 'go-template-file=names.tmpl', list: true, readTemplateFile });
    expect(text).toBe(`${f.runningPod.metadata.name}\n${f.detailedPod.metadata.name}\n`);
  });

  it('reports a missing file as kubectl does', () => {
    expect(() => printObjects([], { now: f.NOW, output: 'templatefile', template: 'nope.tmpl', readTemplateFile })).toThrow(
      'error: error reading --template nope.tmpl, open nope.tmpl: no such file or directory',
    );
  });
});

describe('kubectl get -o go-template in the lab', () => {
  it('prints each pod of a list, reads template files from the workspace and names missing ones', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx --replicas=2');
    lab.wait(30);
    lab.write('/workspace/phase.tmpl', '{{range .items}}{{.status.phase}}{{"\\n"}}{{end}}');
    expect(lab.sh(`kubectl get deploy web -o go-template='{{.spec.replicas}} {{.metadata.name}}{{"\\n"}}'`)).toBe('2 web\n');
    expect(lab.sh('kubectl get pods -l app=web -o go-template-file=/workspace/phase.tmpl')).toBe('Running\nRunning\n');
    expect(lab.sh('kubectl get pods -o templatefile --template=nope.tmpl')).toBe('error: error reading --template nope.tmpl, open nope.tmpl: no such file or directory\n');
    expect(lab.sh(`kubectl get deploy web --template='{{.kind}}'`)).toBe('Deployment');
    expect(lab.sh(`kubectl create configmap c --from-literal=a=1 --dry-run=client -o go-template='{{.data.a}}'`)).toBe('1');
  });
});
