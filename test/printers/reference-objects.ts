// Objects whose printed forms are compared with the real kubectl's (`kubectl label --local -f <file>
// dummy- -o ...` prints an object back without touching it, like `kubectl get <one object>`).

import type { KubeObject } from '../../sim/api/types';
import * as f from './fixtures';

/** Strings that YAML must quote, fold or write as blocks. */
export const trickyConfigMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'tricky', namespace: 'default', creationTimestamp: f.ago(10), labels: { app: 'tricky', 'app.kubernetes.io/name': 'x', a10: '1', a2: 'true' } },
  data: {
    one: '1', truth: 'true', yes: 'yes', on: 'On', octal: '0777', exp: '1e9', empty: '', colon: 'a: b', dash: '- x', hash: '#c', lead: ' lead', trail: 'trail ',
    multi: 'line one\nline two\n', multiNoNewline: 'line one\nline two', multiTrailing: 'a\n\n', tab: 'tab\there', star: '*star', date: '2026-01-15', time: '2026-01-15T09:00:00Z',
    nul: 'null', tilde: '~', sexagesimal: '1:20', hex: '0x1F', dotFive: '.5', plusOne: '+1', unicode: 'café ☕', single: "it's", double: 'say "hi"',
    backslash: 'back\\slash', braces: '{braces}', brackets: '[list]', colonEnd: 'ends:', at: '@at', percent: '%pct', bang: '!bang', amp: '&amp', pipe: '|pipe', gt: '>gt',
    tick: '`tick`', question: '?q', questionSpace: '? q', dashWord: '-dash', dashes: '---', dots: '...', spaceHash: 'a #b', hashInside: 'a#b', indented: 'x\n  indented\n',
    long: 'this is a long value that has many words and should be wrapped by the yaml emitter at eighty columns or so, maybe twice if it is long enough to need it',
    longQuoted: 'key: this is a long value that has many words and should be wrapped by the yaml emitter at eighty columns',
    longNoSpaces: 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
    html: '<b>bold</b> & more', '1': 'numeric key', 'true': 'bool key', 'a b': 'space key', 'Upper': 'capital', 'a-b': 'dash key', 'a.b': 'dot key', a_b: 'underscore key',
    'k10': 'ten', 'k9': 'nine', 'k09': 'zero nine',
  },
};

export const numbersObject: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'numbers', namespace: 'default', labels: { app: 'numbers' } },
  spec: {
    containers: [{ name: 'c', image: 'busybox', args: ['sleep', '3600'], ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1', memory: '128Mi' } } }],
    terminationGracePeriodSeconds: 30,
    enableServiceLinks: true,
    hostNetwork: false,
    securityContext: {},
    tolerations: [],
  },
  status: { phase: 'Pending' },
};

export function withLabels(obj: KubeObject): KubeObject {
  if (obj.metadata.labels && Object.keys(obj.metadata.labels).length > 0) return obj;
  return { ...obj, metadata: { ...obj.metadata, labels: { reference: 'golden' } } };
}

export const referenceObjects: [string, KubeObject][] = [
  ['pod-running', f.runningPod],
  ['pod-detailed', f.detailedPod],
  ['pod-pending', f.pendingPod],
  ['pod-crashloop', f.crashingPod],
  ['node', f.node],
  ['deployment', f.deployment],
  ['service', f.service],
  ['configmap', withLabels(f.configMap)],
  ['secret', withLabels(f.secret)],
  ['event', withLabels(f.crashEvents[4])],
  ['job', f.job],
  ['cronjob', withLabels(f.cronJob)],
  ['tricky', trickyConfigMap],
  ['numbers', numbersObject],
];

export const jsonPathTemplates: [string, string][] = [
  ['name', '{.metadata.name}'],
  ['container-names', '{.spec.containers[*].name}'],
  ['conditions-range', '{range .status.conditions[*]}{.type}={.status}{"\\n"}{end}'],
  ['ready-filter', '{.status.conditions[?(@.type=="Ready")].status}'],
  // Only one route through maps: kubectl walks map keys in random order.
  ['recursive-ready', '{.status..ready}'],
  ['labels-map', '{.metadata.labels}'],
  ['resources', '{.spec.containers[0].resources}'],
  ['root-kind', '{$.kind}'],
  ['last-volume', '{.spec.volumes[-1:].name}'],
  ['slice', '{.spec.volumes[0:2].name}'],
  ['number', '{.spec.containers[0].ports[0].containerPort}'],
  ['dashed-key', '{.metadata.labels.pod-template-hash}'],
  ['escaped-dots', '{.metadata.annotations.kubernetes\\.io/change-cause}'],
  ['env-filter', '{.spec.containers[*].env[?(@.name=="MODE")].value}'],
  ['wildcard-map', '{.spec.nodeSelector.*}'],
  ['missing', '{.spec.nothing}x{.metadata.name}'],
  ['text-around', 'pod {.metadata.name} on {.spec.nodeName}\n'],
  ['bool', '{.status.containerStatuses[0].ready}'],
  ['quoted-key', "{.metadata.labels['pod-template-hash']}"],
  ['union-index', '{.spec.volumes[0,2].name}'],
  ['nested-range', '{range .spec.containers[*]}{.name}:{range .env[*]}{.name},{end}{"\\n"}{end}'],
  ['filter-number', '{.spec.containers[*].ports[?(@.containerPort==80)].protocol}'],
  ['filter-exists', '{.spec.containers[*].env[?(@.valueFrom)].name}'],
  ['whole-object-empty', '{}'],
  ['current', '{@.metadata.name}'],
  ['quoted-keys', "{.metadata['name','namespace']}"],
  ['range-without-end', '{range .spec.containers[*]}{.name}'],
  ['spaces', '{ .metadata.name }'],
  ['filter-single-quotes', "{.status.conditions[?(@.type=='Ready')].status}"],
  ['filter-not-equal', '{.status.conditions[?(@.status!="True")].type}'],
  // A range that selects nothing is no error.
  ['empty-slice', '{.spec.volumes[1:1]}x'],
  ['negative-slice', '{.spec.volumes[-2:].name}'],
];

export const badJsonPathTemplates: [string, string][] = [
  ['unclosed', '{.bad'],
  ['end-without-range', '{end}'],
  ['index-on-map', '{.metadata.labels[0]}'],
  ['index-on-string', '{.kind[0]}'],
  ['star-on-map', '{.metadata.labels[*]}'],
  ['letter-index', '{.spec.containers[x]}'],
  ['letter-slice', '{.spec.containers[0:x]}'],
  ['unterminated-filter', '{.status.conditions[?(@.type=="Ready"]}'],
  ['unterminated-quote', '{"abc}'],
  ['bang', '{!}'],
  ['comma', '{.metadata.name,.kind}'],
  ['identifier', '{.metadata.name bogus}'],
  ['double-quoted-key', '{.metadata["name"]}'],
  ['index-past-end', '{.spec.containers[5]}'],
  ['field-after-index-past-end', '{.metadata.name} {.spec.volumes[9].name}'],
  ['negative-index-past-start', '{.spec.volumes[-9]}'],
  ['slice-past-end', '{.spec.volumes[1:9].name}'],
  ['slice-backwards', '{.spec.volumes[2:1]}'],
  ['slice-step-zero', '{.spec.volumes[0:2:0]}'],
  ['union-past-end', '{.spec.volumes[0,9].name}'],
  ['range-past-end', '{range .spec.containers[3]}{.name}{end}'],
];
