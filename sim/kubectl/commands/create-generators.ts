// The `kubectl create <kind>` subcommands that build an object from flags.

import { flag, type CommandDef, type Invocation } from '../command';
import { plainError } from '../errors';
import * as gen from '../generators';
import {
  argsAfterDash,
  baseName,
  checkOutputFormat,
  createGenerated,
  dryRunFlag,
  enforcedNamespace,
  outputFlag,
  readWorkspaceFile,
  requireOneName,
  workspacePath,
} from './common';

const common = [dryRunFlag, outputFlag];

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
  return createGenerated(inv, obj);
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
    return createGenerated(inv, gen.jobFromCronJob(name, enforcedNamespace(inv) ?? inv.namespace, cron));
  }
  return createGenerated(inv, gen.job({ name, namespace: enforcedNamespace(inv), image, command: argsAfterDash(inv) }));
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
    );
  };
}

/** `--from-literal`, `--from-file` and `--from-env-file` into one data map, as configmaps and secrets read them. */
function collectData(inv: Invocation, kind: string, name: string): Record<string, string> {
  const data: Record<string, string> = {};
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
  return createGenerated(inv, gen.configMap({ name, namespace: enforcedNamespace(inv), data: collectData(inv, 'ConfigMap', name) }));
}

function createSecretGeneric(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  const data = collectData(inv, 'Secret', name);
  return createGenerated(inv, gen.secret({ name, namespace: enforcedNamespace(inv), data, type: inv.flags.string('type') || undefined }));
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
  return createGenerated(inv, gen.secret({ name, namespace: enforcedNamespace(inv), data: { '.dockerconfigjson': config }, type: 'kubernetes.io/dockerconfigjson' }));
}

function createNamespace(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  return createGenerated(inv, gen.namespace(name));
}

function createServiceAccount(inv: Invocation): number {
  const name = requireOneName(inv);
  checkOutputFormat(inv);
  return createGenerated(inv, gen.serviceAccount(name, enforcedNamespace(inv)));
}

const dataFlags = [
  flag('from-literal', 'stringArray', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)'),
  flag('from-file', 'stringSlice', 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.'),
  flag('from-env-file', 'stringSlice', 'Specify the path to a file to read lines of key=val pairs to create a configmap.'),
];

function serviceSub(name: string, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName', extra: CommandDef['flags'] = []): CommandDef {
  return {
    name,
    short: `Create a ${type} service`,
    long: `Create a ${type} service with the specified name.`,
    examples: `# Create a new ${type} service named my-svc\nkubectl create service ${name} my-svc${type === 'ExternalName' ? ' --external-name bar.com' : ' --tcp=5678:8080'}`,
    use: `${name} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`,
    flags: [flag('tcp', 'stringSlice', 'Port pairs can be specified as \'<port>:<targetPort>\'.'), ...(extra ?? []), ...common],
    run: serviceCommand(type),
  };
}

export const createSubcommands: CommandDef[] = [
  {
    name: 'configmap',
    aliases: ['cm'],
    short: 'Create a config map from a local file, directory or literal value',
    use: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    examples: `# Create a new config map named my-config with key1=config1 and key2=config2\nkubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2`,
    flags: [...dataFlags, ...common],
    run: createConfigMap,
  },
  {
    name: 'cronjob',
    aliases: ['cj'],
    short: 'Create a cron job with the specified name',
    use: 'cronjob NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [options]',
    examples: `# Create a cron job\nkubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"`,
    flags: [
      flag('image', 'string', 'Image name to run.', { required: true }),
      flag('schedule', 'string', 'A schedule in the Cron format the job should be run with.', { required: true }),
      flag('restart', 'string', 'job\'s restart policy. supported values: OnFailure, Never'),
      ...common,
    ],
    run: createCronJob,
  },
  {
    name: 'deployment',
    aliases: ['deploy'],
    short: 'Create a deployment with the specified name',
    use: 'deployment NAME --image=image -- [COMMAND] [args...] [options]',
    examples: `# Create a deployment named my-dep that runs the busybox image\nkubectl create deployment my-dep --image=busybox\n\n# Create a deployment named my-dep that runs the nginx image with 3 replicas\nkubectl create deployment my-dep --image=nginx --replicas=3`,
    flags: [
      flag('image', 'stringSlice', 'Image names to run. A deployment can have multiple images set for multi-container pod.', { required: true }),
      flag('replicas', 'int', 'Number of replicas to create. Default is 1.', { shorthand: 'r', defaultValue: '1' }),
      flag('port', 'int', 'The containerPort that this deployment exposes.', { defaultValue: '-1' }),
      ...common,
    ],
    run: createDeployment,
  },
  {
    name: 'job',
    short: 'Create a job with the specified name',
    use: 'job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
    examples: `# Create a job\nkubectl create job my-job --image=busybox\n\n# Create a job from a cron job named "a-cronjob"\nkubectl create job test-job --from=cronjob/a-cronjob`,
    flags: [flag('image', 'string', 'Image name to run.'), flag('from', 'string', 'The name of the resource to create a Job from (only cronjob is supported).'), ...common],
    run: createJob,
  },
  {
    name: 'namespace',
    aliases: ['ns'],
    short: 'Create a namespace with the specified name',
    use: 'namespace NAME [--dry-run=server|client|none] [options]',
    examples: '# Create a new namespace named my-namespace\nkubectl create namespace my-namespace',
    flags: [...common],
    run: createNamespace,
  },
  {
    name: 'secret',
    short: 'Create a secret using a specified subcommand',
    long: 'Create a secret with specified type.',
    use: 'secret (docker-registry | generic | tls) [options]',
    subcommands: [
      {
        name: 'docker-registry',
        short: 'Create a secret for use with a Docker registry',
        use: 'docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
        flags: [
          flag('docker-server', 'string', 'Server location for Docker registry', { defaultValue: 'https://index.docker.io/v1/' }),
          flag('docker-username', 'string', 'Username for Docker registry authentication'),
          flag('docker-password', 'string', 'Password for Docker registry authentication'),
          flag('docker-email', 'string', 'Email for Docker registry'),
          ...common,
        ],
        run: createSecretDockerRegistry,
      },
      {
        name: 'generic',
        short: 'Create a secret from a local file, directory, or literal value',
        use: 'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
        examples: `# Create a new secret named my-secret with key1=supersecret and key2=topsecret\nkubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret`,
        flags: [...dataFlags, flag('type', 'string', 'The type of secret to create'), ...common],
        run: createSecretGeneric,
      },
    ],
  },
  {
    name: 'service',
    aliases: ['svc'],
    short: 'Create a service using a specified subcommand',
    use: 'service [flags] [options]',
    subcommands: [
      serviceSub('clusterip', 'ClusterIP', [flag('clusterip', 'string', 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).')]),
      serviceSub('externalname', 'ExternalName', [flag('external-name', 'string', 'External name of service', { required: true })]),
      serviceSub('loadbalancer', 'LoadBalancer'),
      serviceSub('nodeport', 'NodePort', [flag('node-port', 'int', 'Port used to expose the service on each node in a cluster.')]),
    ],
  },
  {
    name: 'serviceaccount',
    aliases: ['sa'],
    short: 'Create a service account with the specified name',
    use: 'serviceaccount NAME [--dry-run=server|client|none] [options]',
    examples: '# Create a new service account named my-service-account\nkubectl create serviceaccount my-service-account',
    flags: [...common],
    run: createServiceAccount,
  },
];

