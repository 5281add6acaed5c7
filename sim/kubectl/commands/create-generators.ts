// The `kubectl create <kind>` subcommands that build an object from flags.

import { createSecretTlsCommand } from './unavailable';
import { allowMissingTemplateKeysFlag, argsAfterDash, baseName, checkOutputFormat, createGenerated, dryRunFlag, enforcedNamespace, outputFlag, readWorkspaceFile, refusing, requireOneName, saveConfigFlag, showManagedFieldsFlag, templateFlag, workspacePath } from './common';
import { flag, type CommandDef, type Invocation } from '../command';
import { plainError } from '../errors';
import * as gen from '../generators';

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

const dataFlags = [
  flag('from-literal', 'stringArray', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)'),
  flag('from-file', 'stringSlice', 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.'),
  flag('from-env-file', 'stringSlice', 'Specify the path to a file to read lines of key=val pairs to create a configmap.'),
];

/** The flags every `create service <type>` shares. */
const serviceFlags = [
  // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
  allowMissingTemplateKeysFlag,
  dryRunFlag,
  // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
  flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
  outputFlag,
  saveConfigFlag,
  // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
  showManagedFieldsFlag,
  flag('tcp', 'stringSlice', 'Port pairs can be specified as \'<port>:<targetPort>\'.'),
  // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
  templateFlag,
  // No effect here: the lab's server checks objects the same way whatever this says.
  flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
];

function serviceSub(
  name: string,
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName',
  texts: { long: string; examples: string; use: string },
  extra: CommandDef['flags'] = [],
): CommandDef {
  return {
    name,
    short: `Create a${type === 'ExternalName' ? 'n' : ''} ${type} service`,
    ...texts,
    flags: [...serviceFlags, ...(extra ?? [])],
    run: serviceCommand(type),
  };
}

export const createSubcommands: CommandDef[] = [
  {
    name: 'configmap',
    aliases: ['cm'],
    short: 'Create a config map from a local file, directory or literal value',
    long: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).

Aliases:
configmap, cm`,
    examples: `# Create a new config map named my-config based on folder bar
kubectl create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config with specified keys instead of file basenames on disk
kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

# Create a new config map named my-config with key1=config1 and key2=config2
kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2

# Create a new config map named my-config from the key=value pairs in the file
kubectl create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config from an env file
kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
    use: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    flags: [
      // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
      allowMissingTemplateKeysFlag,
      flag('append-hash', 'bool', 'Append a hash of the configmap to its name.'),
      dryRunFlag,
      // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
      flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
      flag('from-env-file', 'stringSlice', 'Specify the path to a file to read lines of key=val pairs to create a configmap.'),
      flag('from-file', 'stringSlice', 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.'),
      flag('from-literal', 'stringArray', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)'),
      outputFlag,
      saveConfigFlag,
      // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
      showManagedFieldsFlag,
      // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
      templateFlag,
      // No effect here: the lab's server checks objects the same way whatever this says.
      flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    ],
    run: refusing(['append-hash'], createConfigMap),
  },
  {
    name: 'cronjob',
    aliases: ['cj'],
    short: 'Create a cron job with the specified name',
    long: `Create a cron job with the specified name.

Aliases:
cronjob, cj`,
    examples: `# Create a cron job
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"

# Create a cron job with a command
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
    use: 'cronjob NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [flags] [options]',
    flags: [
      // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
      allowMissingTemplateKeysFlag,
      dryRunFlag,
      // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
      flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
      flag('image', 'string', 'Image name to run.', { required: true }),
      outputFlag,
      flag('restart', 'string', 'job\'s restart policy. supported values: OnFailure, Never'),
      saveConfigFlag,
      flag('schedule', 'string', 'A schedule in the Cron format the job should be run with.', { required: true }),
      // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
      showManagedFieldsFlag,
      // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
      templateFlag,
      // No effect here: the lab's server checks objects the same way whatever this says.
      flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    ],
    run: createCronJob,
  },
  {
    name: 'deployment',
    aliases: ['deploy'],
    short: 'Create a deployment with the specified name',
    long: `Create a deployment with the specified name.

Aliases:
deployment, deploy`,
    examples: `# Create a deployment named my-dep that runs the busybox image
kubectl create deployment my-dep --image=busybox

# Create a deployment with a command
kubectl create deployment my-dep --image=busybox -- date

# Create a deployment named my-dep that runs the nginx image with 3 replicas
kubectl create deployment my-dep --image=nginx --replicas=3

# Create a deployment named my-dep that runs the busybox image and expose port 5701
kubectl create deployment my-dep --image=busybox --port=5701

# Create a deployment named my-dep that runs multiple containers
kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx`,
    use: 'deployment NAME --image=image -- [COMMAND] [args...] [options]',
    flags: [
      // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
      allowMissingTemplateKeysFlag,
      dryRunFlag,
      // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
      flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
      flag('image', 'stringSlice', 'Image names to run. A deployment can have multiple images set for multi-container pod.', { required: true }),
      outputFlag,
      flag('port', 'int', 'The containerPort that this deployment exposes.', { defaultValue: '-1' }),
      flag('replicas', 'int', 'Number of replicas to create. Default is 1.', { defaultValue: '1', shorthand: 'r' }),
      saveConfigFlag,
      // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
      showManagedFieldsFlag,
      // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
      templateFlag,
      // No effect here: the lab's server checks objects the same way whatever this says.
      flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    ],
    run: createDeployment,
  },
  {
    name: 'job',
    short: 'Create a job with the specified name',
    long: 'Create a job with the specified name.',
    examples: `# Create a job
kubectl create job my-job --image=busybox

# Create a job with a command
kubectl create job my-job --image=busybox -- date

# Create a job from a cron job named "a-cronjob"
kubectl create job test-job --from=cronjob/a-cronjob`,
    use: 'job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
    flags: [
      // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
      allowMissingTemplateKeysFlag,
      dryRunFlag,
      // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
      flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
      flag('from', 'string', 'The name of the resource to create a Job from (only cronjob is supported).'),
      flag('image', 'string', 'Image name to run.'),
      outputFlag,
      saveConfigFlag,
      // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
      showManagedFieldsFlag,
      // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
      templateFlag,
      // No effect here: the lab's server checks objects the same way whatever this says.
      flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    ],
    run: createJob,
  },
  {
    name: 'namespace',
    aliases: ['ns'],
    short: 'Create a namespace with the specified name',
    long: `Create a namespace with the specified name.

Aliases:
namespace, ns`,
    examples: `# Create a new namespace named my-namespace
kubectl create namespace my-namespace`,
    use: 'namespace NAME [--dry-run=server|client|none] [options]',
    flags: [
      // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
      allowMissingTemplateKeysFlag,
      dryRunFlag,
      // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
      flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
      outputFlag,
      saveConfigFlag,
      // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
      showManagedFieldsFlag,
      // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
      templateFlag,
      // No effect here: the lab's server checks objects the same way whatever this says.
      flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    ],
    run: createNamespace,
  },
  {
    name: 'secret',
    short: 'Create a secret using a specified subcommand',
    long: `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.`,
    use: 'secret (docker-registry | generic | tls) [options]',
    subcommands: [
      {
        name: 'docker-registry',
        short: 'Create a secret for use with a Docker registry',
        long: `Create a new secret for use with Docker registries.
        
        Dockercfg secrets are used to authenticate against Docker registries.
        
        When using the Docker command line to push images, you can authenticate to a given registry by running:
        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.
        
 That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

        When creating applications, you may have a Docker registry that requires authentication.  In order for the
        nodes to pull images on your behalf, they must have the credentials.  You can provide this information
        by creating a dockercfg secret and attaching it to your service account.`,
        examples: `# If you do not already have a .dockercfg file, create a dockercfg secret directly
kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL

# Create a new secret named my-secret from ~/.docker/config.json
kubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json`,
        use: 'docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
        flags: [
          // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
          allowMissingTemplateKeysFlag,
          flag('append-hash', 'bool', 'Append a hash of the secret to its name.'),
          flag('docker-email', 'string', 'Email for Docker registry'),
          flag('docker-password', 'string', 'Password for Docker registry authentication'),
          flag('docker-server', 'string', 'Server location for Docker registry', { defaultValue: 'https://index.docker.io/v1/' }),
          flag('docker-username', 'string', 'Username for Docker registry authentication'),
          dryRunFlag,
          // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
          flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
          flag('from-file', 'stringSlice', 'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.'),
          outputFlag,
          saveConfigFlag,
          // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
          showManagedFieldsFlag,
          // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
          templateFlag,
          // No effect here: the lab's server checks objects the same way whatever this says.
          flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
        ],
        run: refusing(['append-hash', 'from-file'], createSecretDockerRegistry),
      },
      {
        name: 'generic',
        short: 'Create a secret from a local file, directory, or literal value',
        long: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
        examples: `# Create a new secret named my-secret with keys for each file in folder bar
kubectl create secret generic my-secret --from-file=path/to/bar

# Create a new secret named my-secret with specified keys instead of names on disk
kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub

# Create a new secret named my-secret with key1=supersecret and key2=topsecret
kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret

# Create a new secret named my-secret using a combination of a file and a literal
kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret

# Create a new secret named my-secret from env files
kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
        use: 'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
        flags: [
          // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
          allowMissingTemplateKeysFlag,
          flag('append-hash', 'bool', 'Append a hash of the secret to its name.'),
          dryRunFlag,
          // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
          flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
          flag('from-env-file', 'stringSlice', 'Specify the path to a file to read lines of key=val pairs to create a secret.'),
          flag('from-file', 'stringSlice', 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.'),
          flag('from-literal', 'stringArray', 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)'),
          outputFlag,
          saveConfigFlag,
          // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
          showManagedFieldsFlag,
          // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
          templateFlag,
          flag('type', 'string', 'The type of secret to create'),
          // No effect here: the lab's server checks objects the same way whatever this says.
          flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
        ],
        run: refusing(['append-hash'], createSecretGeneric),
      },
      createSecretTlsCommand,
    ],
  },
  {
    name: 'service',
    aliases: ['svc'],
    short: 'Create a service using a specified subcommand',
    long: `Create a service using a specified subcommand.

Aliases:
service, svc`,
    use: 'service [flags] [options]',
    subcommands: [
      serviceSub('clusterip', 'ClusterIP', {
        long: 'Create a ClusterIP service with the specified name.',
        examples: `# Create a new ClusterIP service named my-cs
kubectl create service clusterip my-cs --tcp=5678:8080

# Create a new ClusterIP service named my-cs (in headless mode)
kubectl create service clusterip my-cs --clusterip="None"`,
        use: 'clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]',
      }, [flag('clusterip', 'string', 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).')]),
      serviceSub('externalname', 'ExternalName', {
        long: `Create an ExternalName service with the specified name.

 ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.`,
        examples: `# Create a new ExternalName service named my-ns
kubectl create service externalname my-ns --external-name bar.com`,
        use: 'externalname NAME --external-name external.name [--dry-run=server|client|none] [options]',
      }, [flag('external-name', 'string', 'External name of service', { required: true })]),
      serviceSub('loadbalancer', 'LoadBalancer', {
        long: 'Create a LoadBalancer service with the specified name.',
        examples: `# Create a new LoadBalancer service named my-lbs
kubectl create service loadbalancer my-lbs --tcp=5678:8080`,
        use: 'loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
      }),
      serviceSub('nodeport', 'NodePort', {
        long: 'Create a NodePort service with the specified name.',
        examples: `# Create a new NodePort service named my-ns
kubectl create service nodeport my-ns --tcp=5678:8080`,
        use: 'nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
      }, [flag('node-port', 'int', 'Port used to expose the service on each node in a cluster.')]),
    ],
  },
  {
    name: 'serviceaccount',
    aliases: ['sa'],
    short: 'Create a service account with the specified name',
    long: `Create a service account with the specified name.

Aliases:
serviceaccount, sa`,
    examples: `# Create a new service account named my-service-account
kubectl create serviceaccount my-service-account`,
    use: 'serviceaccount NAME [--dry-run=server|client|none] [options]',
    flags: [
      // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
      allowMissingTemplateKeysFlag,
      dryRunFlag,
      // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
      flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
      outputFlag,
      saveConfigFlag,
      // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
      showManagedFieldsFlag,
      // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
      templateFlag,
      // No effect here: the lab's server checks objects the same way whatever this says.
      flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    ],
    run: createServiceAccount,
  },
];

