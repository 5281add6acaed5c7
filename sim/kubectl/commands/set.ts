// `kubectl set image|env|resources`: change the pod template (or a pod's spec) in place.

import { setUnavailable } from './unavailable';
import { allowMissingTemplateKeysFlag, dryRunFlag, dryRunMode, dryRunSuffix, kustomizeFlag, objectRef, outputFlag, printResult, recursiveFlag, refusing, showManagedFieldsFlag, templateFlag } from './common';
import type { KubeObject } from '../../api/types';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';

interface ContainerLike {
  name: string;
  image?: string;
  env?: { name: string; value?: string }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

function podSpecOf(obj: KubeObject): { containers: ContainerLike[]; initContainers?: ContainerLike[] } {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec.jobTemplate.spec.template.spec;
  if (!obj.spec?.template?.spec) throw plainError(`${obj.kind} "${obj.metadata.name}" has no pod template`);
  return obj.spec.template.spec;
}

/** Splits `TYPE NAME... key=value...` into resources and assignments. */
function splitArgs(inv: Invocation): { objects: KubeObject[]; assignments: string[] } {
  const assignments = inv.args.filter((a) => a.includes('=') || /^[A-Za-z_][A-Za-z0-9_]*-$/.test(a));
  const resources = inv.args.filter((a) => !assignments.includes(a));
  if (resources.length === 0) throw new KubectlError(noResourcesSpecified);
  const objects: KubeObject[] = [];
  for (const request of parseResourceArgs(resources)) {
    const namespace = request.type.namespaced ? inv.namespace : undefined;
    if (request.names.length) objects.push(...request.names.map((n) => inv.deps.api.get(request.type.kind, namespace, n)));
    else if (inv.flags.bool('all') || inv.flags.has('selector')) {
      objects.push(...inv.deps.api.list(request.type.kind, namespace, { labelSelector: inv.flags.string('selector') || undefined }));
    }
    else throw plainError('resource(s) were provided, but no name was specified');
  }
  return { objects, assignments };
}

function save(inv: Invocation, obj: KubeObject, what: string): void {
  const mode = dryRunMode(inv);
  const result = mode === 'client' ? obj : inv.deps.api.update(obj, { dryRun: mode === 'server' });
  if (inv.flags.has('output')) printResult(inv, result, what, mode);
  else inv.out(`${objectRef(obj)} ${what}${dryRunSuffix(mode)}\n`);
}

function selectedContainers(inv: Invocation, spec: { containers: ContainerLike[]; initContainers?: ContainerLike[] }): ContainerLike[] {
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  const wanted = inv.flags.string('containers') || '*';
  return wanted === '*' ? spec.containers : all.filter((c) => wanted.split(',').includes(c.name));
}

function setImage(inv: Invocation): number {
  const { objects, assignments } = splitArgs(inv);
  if (assignments.length === 0) throw plainError('at least one image update is required');
  for (const obj of objects) {
    const spec = podSpecOf(obj);
    for (const assignment of assignments) {
      const eq = assignment.indexOf('=');
      const name = assignment.slice(0, eq);
      const image = assignment.slice(eq + 1);
      const all = [...(spec.initContainers ?? []), ...spec.containers];
      const targets = name === '*' ? all : all.filter((c) => c.name === name);
      if (targets.length === 0) throw plainError(`unable to find container named "${name}"`);
      for (const c of targets) c.image = image;
    }
    save(inv, obj, 'image updated');
  }
  return 0;
}

function setEnv(inv: Invocation): number {
  const split = splitArgs(inv);
  const objects = split.objects;
  // -e/--env pairs join the KEY=VALUE arguments.
  const assignments = [...split.assignments, ...inv.flags.list('env')];
  if (assignments.length === 0 && !inv.flags.bool('list')) throw plainError('at least one environment variable must be provided');
  for (const obj of objects) {
    const containers = selectedContainers(inv, podSpecOf(obj));
    if (inv.flags.bool('list')) {
      const kindName = `${obj.kind}/${obj.metadata.name}`;
      for (const c of containers) {
        inv.out(`# ${kindName}, container ${c.name}\n`);
        for (const e of c.env ?? []) inv.out(`${e.name}=${e.value ?? ''}\n`);
      }
      continue;
    }
    for (const c of containers) {
      let env = [...(c.env ?? [])];
      for (const assignment of assignments) {
        if (assignment.endsWith('-') && !assignment.includes('=')) {
          env = env.filter((e) => e.name !== assignment.slice(0, -1));
          continue;
        }
        const eq = assignment.indexOf('=');
        const name = assignment.slice(0, eq);
        const value = assignment.slice(eq + 1);
        const existing = env.find((e) => e.name === name);
        if (existing) existing.value = value;
        else env.push({ name, value });
      }
      if (env.length) c.env = env;
      else delete c.env;
    }
    save(inv, obj, 'env updated');
  }
  return 0;
}

function parseResourceList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw plainError(`invalid resource specification: ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function setResources(inv: Invocation): number {
  const { objects } = splitArgs(inv);
  const limits = parseResourceList(inv.flags.string('limits'));
  const requests = parseResourceList(inv.flags.string('requests'));
  if (!Object.keys(limits).length && !Object.keys(requests).length) throw plainError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  for (const obj of objects) {
    for (const c of selectedContainers(inv, podSpecOf(obj))) {
      const resources = { ...(c.resources ?? {}) };
      if (Object.keys(limits).length) resources.limits = { ...(resources.limits ?? {}), ...limits };
      if (Object.keys(requests).length) resources.requests = { ...(resources.requests ?? {}), ...requests };
      c.resources = resources;
    }
    save(inv, obj, 'resource requirements updated');
  }
  return 0;
}

const common = [flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types'), dryRunFlag, outputFlag];

export const setCommand: CommandDef = {
  name: 'set',
  short: 'Set specific features on objects',
  long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  use: 'set SUBCOMMAND [options]',
  subcommands: [
    {
      name: 'env',
      short: 'Update environment variables on a pod template',
      long: `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
      examples: `# Update deployment 'registry' with a new environment variable
kubectl set env deployment/registry STORAGE_DIR=/local

# List the environment variables defined on a deployments 'sample-build'
kubectl set env deployment/sample-build --list

# List the environment variables defined on all pods
kubectl set env pods --all --list

# Output modified deployment in YAML, and does not alter the object on the server
kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml

# Update all containers in all replication controllers in the project to have ENV=prod
kubectl set env rc --all ENV=prod

# Import environment from a secret
kubectl set env --from=secret/mysecret deployment/myapp

# Import environment from a config map with a prefix
kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

# Import specific keys from a config map
kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp

# Remove the environment variable ENV from container 'c1' in all deployment configs
kubectl set env deployments --all --containers="c1" ENV-

# Remove the environment variable ENV from a deployment definition on disk and
# update the deployment config on the server
kubectl set env -f deploy.json ENV-

# Set some of the local shell environment into a deployment config on the server
env | grep RAILS_ | kubectl set env -e - deployment/registry`,
      use: 'env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
      flags: [
        flag('all', 'bool', 'If true, select all resources in the namespace of the specified resource types'),
        // go-template output honours it; the lab's jsonpath printer always skips missing keys.
        allowMissingTemplateKeysFlag,
        flag('containers', 'string', 'The names of containers in the selected pod templates to change - may use wildcards', { defaultValue: '*', shorthand: 'c' }),
        dryRunFlag,
        flag('env', 'stringArray', 'Specify a key-value pair for an environment variable to set into each container.', { shorthand: 'e' }),
        // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
        flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-set' }),
        flag('filename', 'stringSlice', 'Filename, directory, or URL to files the resource to update the env', { shorthand: 'f' }),
        flag('from', 'string', 'The name of a resource from which to inject environment variables'),
        flag('keys', 'stringSlice', 'Comma-separated list of keys to import from specified resource'),
        kustomizeFlag,
        flag('list', 'bool', 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.'),
        flag('local', 'bool', 'If true, set env will NOT contact api-server but run locally.'),
        outputFlag,
        flag('overwrite', 'bool', 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.', { defaultValue: 'true' }),
        flag('prefix', 'string', 'Prefix to append to variable names'),
        recursiveFlag,
        flag('resolve', 'bool', 'If true, show secret or configmap references when listing variables'),
        flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
        // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
        showManagedFieldsFlag,
        templateFlag,
      ],
      run: refusing(['filename', 'from', 'keys', 'kustomize', 'local', 'overwrite', 'prefix', 'recursive', 'resolve'], setEnv),
    },
    {
      name: 'image',
      short: 'Update the image of a pod template',
      long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
      examples: `# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
kubectl set image deployments,rc nginx=nginx:1.9.1 --all

# Update image of all containers of daemonset abc to 'nginx:1.9.1'
kubectl set image daemonset abc *=nginx:1.9.1

# Print result (in yaml format) of updating nginx container image from local file, without hitting the server
kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml`,
      use: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
      flags: [
        flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types'),
        // go-template output honours it; the lab's jsonpath printer always skips missing keys.
        allowMissingTemplateKeysFlag,
        dryRunFlag,
        // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
        flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-set' }),
        flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to get from a server.', { shorthand: 'f' }),
        kustomizeFlag,
        flag('local', 'bool', 'If true, set image will NOT contact api-server but run locally.'),
        outputFlag,
        recursiveFlag,
        flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
        // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
        showManagedFieldsFlag,
        templateFlag,
      ],
      run: refusing(['filename', 'kustomize', 'local', 'recursive'], setImage),
    },
    {
      name: 'resources',
      short: 'Update resource requests/limits on objects with pod templates',
      long: `Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..`,
      examples: `# Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

# Set the resource request and limits for all containers in nginx
kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

# Remove the resource requests for resources on containers in nginx
kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0

# Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server
kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml`,
      use: 'resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
      flags: [
        flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types'),
        // go-template output honours it; the lab's jsonpath printer always skips missing keys.
        allowMissingTemplateKeysFlag,
        flag('containers', 'string', 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards', { defaultValue: '*', shorthand: 'c' }),
        dryRunFlag,
        // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
        flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-set' }),
        flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to get from a server.', { shorthand: 'f' }),
        kustomizeFlag,
        flag('limits', 'string', 'The resource requirement requests for this container.  For example, \'cpu=100m,memory=256Mi\'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.'),
        flag('local', 'bool', 'If true, set resources will NOT contact api-server but run locally.'),
        outputFlag,
        recursiveFlag,
        flag('requests', 'string', 'The resource requirement requests for this container.  For example, \'cpu=100m,memory=256Mi\'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.'),
        flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
        // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
        showManagedFieldsFlag,
        templateFlag,
      ],
      run: refusing(['filename', 'kustomize', 'local', 'recursive'], setResources),
    },
    ...setUnavailable,
  ],
};
