// The `kubectl create <kind>` subcommands that build an object from flags.

import { argsAfterDash, baseName, checkOutputFormat, createGenerated, enforcedNamespace, readWorkspaceFile, refusing, requireOneName, workspacePath } from './common';
import type { Invocation, Implementations } from '../command';
import { plainError } from '../errors';
import * as gen from '../generators';
import { canonicalize, QuantityError } from '../../api/quantity';
import { parseLabelSelector, SelectorError } from '../../api/selectors';
import type { LabelSelector, LabelSelectorRequirement } from '../../api/types';


function createDeployment(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const replicas = inv.flags.int('replicas');
  const port = inv.flags.int('port');
  const obj = gen.deployment({
    name,
    namespace: enforcedNamespace(inv),
    images: inv.flags.list('image'),
    replicas,
    port: port >= 0 ? port : undefined,
    command: argsAfterDash(inv),
  });
  return createGenerated(inv, obj, undefined, 'failed to create deployment: ');
}

function createJob(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const image = inv.flags.string('image');
  const from = inv.flags.string('from');
  if (!image && !from) throw plainError('either --image or --from must be specified');
  if (image && from) throw plainError('--image and --from are mutually exclusive');
  if (from) {
    const [kind, cronName] = from.split('/');
    if (!cronName || !['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(kind.toLowerCase())) {
      throw plainError(`from must be an existing cronjob: ${from}`);
    }
    const cron = inv.deps.api.get('CronJob', inv.namespace, cronName);
    return createGenerated(inv, gen.jobFromCronJob(name, enforcedNamespace(inv) ?? inv.namespace, cron), undefined, 'failed to create job: ');
  }
  return createGenerated(inv, gen.job({ name, namespace: enforcedNamespace(inv), image, command: argsAfterDash(inv) }), undefined, 'failed to create job: ');
}

function createCronJob(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const restart = inv.flags.string('restart') || 'OnFailure';
  if (restart !== 'OnFailure' && restart !== 'Never') throw plainError(`invalid restart policy: ${restart}`);
  return createGenerated(
    inv,
    gen.cronJob({
      name,
      namespace: enforcedNamespace(inv),
      image: inv.flags.string('image'),
      schedule: inv.flags.string('schedule'),
      restartPolicy: restart,
      command: argsAfterDash(inv),
    }),
    undefined,
    'failed to create cronjob: ',
  );
}

function parseTcp(specs: string[], nodePort: number): gen.ServicePortSpec[] {
  return specs.map((spec) => {
    const [portText, targetText] = spec.split(':');
    if (!/^\d+$/.test(portText)) throw plainError(`strconv.Atoi: parsing "${portText}": invalid syntax`);
    const port = Number(portText);
    const target = targetText === undefined ? port : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
    const name = targetText === undefined ? portText : `${portText}-${targetText}`;
    return { name, port, targetPort: target, nodePort: nodePort > 0 ? nodePort : undefined };
  });
}

function serviceCommand(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'): (inv: Invocation) => number {
  return (inv) => {
    const name = requireOneName(inv);
    checkOutputFormat(inv);
    const tcp = type === 'ExternalName' ? inv.flags.list('tcp') : inv.flags.list('tcp');
    const clusterIP = type === 'ClusterIP' ? inv.flags.string('clusterip') : '';
    if (type !== 'ExternalName' && tcp.length === 0 && clusterIP !== 'None') throw plainError('at least one tcp port specifier must be provided');
    const nodePort = type === 'NodePort' ? inv.flags.int('node-port') : 0;
    return createGenerated(
      inv,
      gen.service({
        name,
        namespace: enforcedNamespace(inv),
        type,
        ports: parseTcp(tcp, nodePort),
        clusterIP: clusterIP || undefined,
        externalName: type === 'ExternalName' ? inv.flags.string('external-name') : undefined,
      }),
      undefined,
      `failed to create ${type} service: `,
    );
  };
}

/** `--from-literal`, `--from-file` and `--from-env-file` into one data map, as configmaps and secrets read them. */
function collectData(inv: Invocation, kind: string, name: string): Record<string, string> {
  // A null-prototype map: `__proto__` or `constructor` is an ordinary key in Kubernetes.
  const data: Record<string, string> = Object.create(null);
  const add = (key: string, value: string) => {
    if (key in data) throw plainError(`cannot add key "${key}", another key by that name already exists in Data for ${kind} "${name}"`);
    data[key] = value;
  };
  for (const literal of inv.flags.list('from-literal')) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw plainError(`invalid literal source ${literal}, expected key=value`);
    add(literal.slice(0, eq), literal.slice(eq + 1));
  }
  for (const source of inv.flags.list('from-file')) {
    const eq = source.indexOf('=');
    const key = eq > 0 ? source.slice(0, eq) : undefined;
    const path = eq > 0 ? source.slice(eq + 1) : source;
    const stat = inv.ctx.fs.stat(workspacePath(inv, path));
    if (!stat) throw plainError(`error reading ${path}: no such file or directory`);
    if (stat.type === 'dir') {
      if (key) throw plainError('cannot give a key name for a directory path');
      const dir = workspacePath(inv, path);
      for (const entry of inv.ctx.fs.readdir(dir)) {
        if (inv.ctx.fs.stat(`${dir}/${entry}`)?.type === 'file') add(entry, inv.ctx.fs.readFile(`${dir}/${entry}`));
      }
    } else {
      add(key ?? baseName(path), readWorkspaceFile(inv, path, 'error reading '));
    }
  }
  for (const path of inv.flags.list('from-env-file')) {
    const text = readWorkspaceFile(inv, path, 'error reading ');
    text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq >= 0 ? line.slice(0, eq) : line;
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) throw plainError(`"${key}" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (line ${index + 1})`);
      add(key, eq >= 0 ? line.slice(eq + 1) : inv.ctx.env.get(key) ?? '');
    });
  }
  return data;
}

function createConfigMap(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  return createGenerated(inv, gen.configMap({ name, namespace: enforcedNamespace(inv), data: collectData(inv, 'ConfigMap', name) }), undefined, 'failed to create configmap: ');
}

function createSecretGeneric(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const data = collectData(inv, 'Secret', name);
  return createGenerated(inv, gen.secret({ name, namespace: enforcedNamespace(inv), data, type: inv.flags.string('type') || undefined }), undefined, 'failed to create secret ');
}

function createSecretDockerRegistry(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const config = gen.dockerConfigJson(
    inv.flags.string('docker-server'),
    inv.flags.string('docker-username'),
    inv.flags.string('docker-password'),
    inv.flags.string('docker-email'),
  );
  return createGenerated(inv, gen.secret({ name, namespace: enforcedNamespace(inv), data: { '.dockerconfigjson': config }, type: 'kubernetes.io/dockerconfigjson' }), undefined, 'failed to create secret ');
}

function createNamespace(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  return createGenerated(inv, gen.namespace(name));
}

function createServiceAccount(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  return createGenerated(inv, gen.serviceAccount(name, enforcedNamespace(inv)), undefined, 'failed to create serviceaccount: ');
}

/** `--hard=pods=4,cpu=2`: each value a quantity, as kubectl parses it before sending. */
function hardLimits(spec: string): Record<string, string> {
  const hard: Record<string, string> = {};
  for (const item of spec.split(',')) {
    if (item === '') continue;
    const at = item.indexOf('=');
    if (at <= 0) throw plainError(`Invalid argument syntax ${item}, expected <resource>=<value>`);
    try {
      hard[item.slice(0, at)] = canonicalize(item.slice(at + 1));
    } catch (error) {
      if (error instanceof QuantityError) throw plainError(error.message);
      throw error;
    }
  }
  return hard;
}

function createQuota(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const hard = hardLimits(inv.flags.string('hard'));
  const scopes = inv.flags.string('scopes').split(',').filter((scope) => scope !== '');
  return createGenerated(inv, gen.resourceQuota({ name, namespace: enforcedNamespace(inv), hard, scopes }), undefined, 'failed to create quota: ');
}

function createPriorityClass(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const obj = gen.priorityClass({
    name,
    value: inv.flags.int('value'),
    globalDefault: inv.flags.bool('global-default'),
    description: inv.flags.string('description'),
    preemptionPolicy: inv.flags.string('preemption-policy'),
  });
  return createGenerated(inv, obj, undefined, 'failed to create priorityclass: ');
}

/** metav1.ParseToLabelSelector: equality terms become matchLabels, set and existence terms expressions; `!=` has no LabelSelector form. */
function labelSelectorFrom(text: string): LabelSelector {
  let requirements;
  try {
    requirements = parseLabelSelector(text);
  } catch (error) {
    if (error instanceof SelectorError) throw plainError(`couldn't parse the selector string ${JSON.stringify(text)}: ${error.message}`);
    throw error;
  }
  const operators: Record<string, LabelSelectorRequirement['operator']> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  const selector: LabelSelector = {};
  for (const { key, operator, values } of requirements) {
    if (operator === '=' || operator === '==') selector.matchLabels = { ...(selector.matchLabels ?? {}), [key]: values[0] };
    else if (operators[operator]) selector.matchExpressions = [...(selector.matchExpressions ?? []), { key, operator: operators[operator], ...(values.length ? { values } : {}) }];
    else throw plainError(`${JSON.stringify(operator)} is not a valid label selector operator`);
  }
  return selector;
}

function createPodDisruptionBudget(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const selector = inv.flags.string('selector');
  const minAvailable = inv.flags.string('min-available');
  const maxUnavailable = inv.flags.string('max-unavailable');
  if (!selector) throw plainError('a selector must be specified');
  if (!minAvailable && !maxUnavailable) throw plainError('one of min-available or max-unavailable must be specified');
  if (minAvailable && maxUnavailable) throw plainError('min-available and max-unavailable cannot be both specified');
  // Numbers and percentages only: not 10Percent, 20.5% or 30.2%.
  const budgetFormat = /^(\d+)%?$/;
  if (maxUnavailable && !budgetFormat.test(maxUnavailable)) throw plainError('invalid format specified for max-unavailable');
  if (minAvailable && !budgetFormat.test(minAvailable)) throw plainError('invalid format specified for min-available');
  const obj = gen.podDisruptionBudget({ name, namespace: enforcedNamespace(inv), selector: labelSelectorFrom(selector), minAvailable, maxUnavailable });
  return createGenerated(inv, obj, undefined, 'failed to create poddisruptionbudgets: ');
}

export const createGeneratorsCommands: Implementations = {
  'create configmap': { run: refusing(['append-hash'], createConfigMap) },
  'create cronjob': { run: createCronJob, required: ['image', 'schedule'] },
  'create deployment': { run: createDeployment, required: ['image'] },
  'create job': { run: createJob },
  'create namespace': { run: createNamespace },
  'create priorityclass': { run: createPriorityClass },
  'create secret docker-registry': { run: refusing(['append-hash', 'from-file'], createSecretDockerRegistry) },
  'create secret generic': { run: refusing(['append-hash'], createSecretGeneric) },
  'create poddisruptionbudget': { run: createPodDisruptionBudget },
  'create quota': { run: createQuota },
  'create serviceaccount': { run: createServiceAccount },
  'create service clusterip': { run: serviceCommand('ClusterIP') },
  'create service externalname': { run: serviceCommand('ExternalName'), required: ['external-name'] },
  'create service loadbalancer': { run: serviceCommand('LoadBalancer') },
  'create service nodeport': { run: serviceCommand('NodePort') },
};
