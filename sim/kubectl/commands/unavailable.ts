// Commands real kubectl has that the lab does not simulate. Their help reads as kubectl's, so a
// learner can study them; running one says it is not available here. (taint, whose help lives
// here with the others, runs: see taint.ts.)

import { flag, type CommandDef } from '../command';
import { taint } from './taint';
import { allowMissingTemplateKeysFlag, dryRunFlag, kustomizeFlag, notInLab, outputFlag, recursiveFlag, saveConfigFlag, showManagedFieldsFlag, templateFlag } from './common';

export const taintCommand: CommandDef = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  examples: `# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
# If a taint with that key and effect already exists, its value is replaced as specified
kubectl taint nodes foo dedicated=special-user:NoSchedule

# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
kubectl taint nodes foo dedicated:NoSchedule-

# Remove from node 'foo' all the taints with key 'dedicated'
kubectl taint nodes foo dedicated-

# Add a taint with key 'dedicated' on nodes having label myLabel=X
kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

# Add to node 'foo' a taint with key 'bar' and no value
kubectl taint nodes foo bar:NoSchedule`,
  use: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    flag('all', 'bool', 'Select all nodes in the cluster'),
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-taint' }),
    outputFlag,
    flag('overwrite', 'bool', 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.'),
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
  ],
  run: taint,
};

export const clusterInfoDumpCommand: CommandDef = {
  name: 'dump',
  short: 'Dump relevant information for debugging and diagnosis',
  long: `Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.

 The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name.`,
  examples: `# Dump current cluster state to stdout
kubectl cluster-info dump

# Dump current cluster state to /path/to/cluster-state
kubectl cluster-info dump --output-directory=/path/to/cluster-state

# Dump all namespaces to stdout
kubectl cluster-info dump --all-namespaces

# Dump a set of namespaces to /path/to/cluster-state
kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state`,
  use: 'dump [flags] [options]',
  flags: [
    flag('all-namespaces', 'bool', 'If true, dump all namespaces.  If true, --namespaces is ignored.', { shorthand: 'A' }),
    allowMissingTemplateKeysFlag,
    flag('namespaces', 'stringSlice', 'A comma separated list of namespaces to dump.'),
    flag('output', 'string', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).', { defaultValue: 'json', shorthand: 'o' }),
    flag('output-directory', 'string', 'Where to output the files.  If empty or \'-\' uses stdout, otherwise creates a directory hierarchy in that directory'),
    flag('pod-running-timeout', 'duration', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', { defaultValue: '20s' }),
    showManagedFieldsFlag,
    templateFlag,
  ],
  run: notInLab,
};

export const editLastAppliedCommand: CommandDef = {
  name: 'edit-last-applied',
  short: 'Edit latest last-applied-configuration annotations of a resource/object',
  long: `Edit the latest last-applied-configuration annotations of resources from the default editor.

 The edit-last-applied command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
  examples: `# Edit the last-applied-configuration annotations by type/name in YAML
kubectl apply edit-last-applied deployment/nginx

# Edit the last-applied-configuration annotations by file in JSON
kubectl apply edit-last-applied -f deploy.yaml -o json`,
  use: 'edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-client-side-apply' }),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files to use to edit the resource', { shorthand: 'f' }),
    kustomizeFlag,
    outputFlag,
    recursiveFlag,
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
    flag('windows-line-endings', 'bool', 'Defaults to the line ending native to your platform.'),
  ],
  run: notInLab,
};

export const setLastAppliedCommand: CommandDef = {
  name: 'set-last-applied',
  short: 'Set the last-applied-configuration annotation on a live object to match the contents of a file',
  long: 'Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though \'kubectl apply -f<file> \' was run, without updating any other parts of the object.',
  examples: `# Set the last-applied-configuration of a resource to match the contents of a file
kubectl apply set-last-applied -f deploy.yaml

# Execute set-last-applied against each configuration file in a directory
kubectl apply set-last-applied -f path/

# Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
kubectl apply set-last-applied -f deploy.yaml --create-annotation=true`,
  use: 'set-last-applied -f FILENAME [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('create-annotation', 'bool', 'Will create \'last-applied-configuration\' annotations if current objects doesn\'t have one'),
    dryRunFlag,
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files that contains the last-applied-configuration annotations', { shorthand: 'f' }),
    outputFlag,
    showManagedFieldsFlag,
    templateFlag,
  ],
  run: notInLab,
};

export const viewLastAppliedCommand: CommandDef = {
  name: 'view-last-applied',
  short: 'View the latest last-applied-configuration annotations of a resource/object',
  long: `View the latest last-applied-configuration annotations by type/name or file.

 The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.`,
  examples: `# View the last-applied-configuration annotations by type/name in YAML
kubectl apply view-last-applied deployment/nginx

# View the last-applied-configuration annotations by file in JSON
kubectl apply view-last-applied -f deploy.yaml -o json`,
  use: 'view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]',
  flags: [
    flag('all', 'bool', 'Select all resources in the namespace of the specified resource types'),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files that contains the last-applied-configuration annotations', { shorthand: 'f' }),
    kustomizeFlag,
    flag('output', 'string', 'Output format. Must be one of (yaml, json)', { defaultValue: 'yaml', shorthand: 'o' }),
    recursiveFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
  ],
  run: notInLab,
};

const createClusterroleCommand: CommandDef = {
  name: 'clusterrole',
  short: 'Create a cluster role',
  long: 'Create a cluster role.',
  examples: `# Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods

# Create a cluster role named "pod-reader" with ResourceName specified
kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

# Create a cluster role named "foo" with API Group specified
kubectl create clusterrole foo --verb=get,list,watch --resource=rs.apps

# Create a cluster role named "foo" with SubResource specified
kubectl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status

# Create a cluster role name "foo" with NonResourceURL specified
kubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*

# Create a cluster role name "monitoring" with AggregationRule specified
kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"`,
  use: 'clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  flags: [
    flag('aggregation-rule', 'duration', 'An aggregation label selector for combining ClusterRoles.', { defaultValue: '' }),
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('non-resource-url', 'stringSlice', 'A partial url that user should have access to.'),
    outputFlag,
    flag('resource', 'stringSlice', 'Resource that the rule applies to'),
    flag('resource-name', 'stringSlice', 'Resource in the white list that the rule applies to, repeat this flag for multiple items'),
    saveConfigFlag,
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
    flag('verb', 'stringSlice', 'Verb that applies to the resources contained in the rule'),
  ],
  run: notInLab,
};

const createClusterrolebindingCommand: CommandDef = {
  name: 'clusterrolebinding',
  short: 'Create a cluster role binding for a particular cluster role',
  long: 'Create a cluster role binding for a particular cluster role.',
  examples: `# Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1`,
  use: 'clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('clusterrole', 'string', 'ClusterRole this ClusterRoleBinding should reference'),
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('group', 'stringSlice', 'Groups to bind to the clusterrole. The flag can be repeated to add multiple groups.'),
    outputFlag,
    saveConfigFlag,
    flag('serviceaccount', 'stringSlice', 'Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.'),
    showManagedFieldsFlag,
    templateFlag,
    flag('user', 'stringSlice', 'Usernames to bind to the clusterrole. The flag can be repeated to add multiple users.'),
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
  ],
  run: notInLab,
};

const createIngressCommand: CommandDef = {
  name: 'ingress',
  short: 'Create an ingress with the specified name',
  long: `Create an ingress with the specified name.

Aliases:
ingress, ing`,
  examples: `# Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
# svc1:8080 with a TLS secret "my-cert"
kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"

# Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"

# Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2
kubectl create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\
--annotation ingress.annotation1=foo \\
--annotation ingress.annotation2=bla

# Create an ingress with the same host and multiple paths
kubectl create ingress multipath --class=default \\
--rule="foo.com/=svc:port" \\
--rule="foo.com/admin/=svcadmin:portadmin"

# Create an ingress with multiple hosts and the pathType as Prefix
kubectl create ingress ingress1 --class=default \\
--rule="foo.com/path*=svc:8080" \\
--rule="bar.com/admin*=svc2:http"

# Create an ingress with TLS enabled using the default ingress certificate and different path types
kubectl create ingress ingtls --class=default \\
--rule="foo.com/=svc:https,tls" \\
--rule="foo.com/path/subpath*=othersvc:8080"

# Create an ingress with TLS enabled using a specific secret and pathType as Prefix
kubectl create ingress ingsecret --class=default \\
--rule="foo.com/*=svc:8080,tls=secret1"

# Create an ingress with a default backend
kubectl create ingress ingdefault --class=default \\
--default-backend=defaultsvc:http \\
--rule="foo.com/*=svc:8080,tls=secret1"`,
  use: 'ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('annotation', 'stringSlice', 'Annotation to insert in the ingress object, in the format annotation=value'),
    flag('class', 'string', 'Ingress Class to be used'),
    flag('default-backend', 'string', 'Default service for backend, in format of svcname:port'),
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    outputFlag,
    flag('rule', 'stringSlice', 'Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character \'*\' are considered pathType=Prefix. tls argument is optional.'),
    saveConfigFlag,
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
  ],
  run: notInLab,
};

const createPoddisruptionbudgetCommand: CommandDef = {
  name: 'poddisruptionbudget',
  short: 'Create a pod disruption budget with the specified name',
  long: `Create a pod disruption budget with the specified name, selector, and desired minimum available pods.

Aliases:
poddisruptionbudget, pdb`,
  examples: `# Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
# and require at least one of them being available at any point in time
kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1

# Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label
# and require at least half of the pods selected to be available at any point in time
kubectl create pdb my-pdb --selector=app=nginx --min-available=50%`,
  use: 'poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('max-unavailable', 'string', 'The maximum number or percentage of unavailable pods this budget requires.'),
    flag('min-available', 'string', 'The minimum number or percentage of available pods this budget requires.'),
    outputFlag,
    saveConfigFlag,
    flag('selector', 'string', 'A label selector to use for this budget. Only equality-based selector requirements are supported.'),
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
  ],
  run: notInLab,
};

const createPriorityclassCommand: CommandDef = {
  name: 'priorityclass',
  short: 'Create a priority class with the specified name',
  long: `Create a priority class with the specified name, value, globalDefault and description.

Aliases:
priorityclass, pc`,
  examples: `# Create a priority class named high-priority
kubectl create priorityclass high-priority --value=1000 --description="high priority"

# Create a priority class named default-priority that is considered as the global default priority
kubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"

# Create a priority class named high-priority that cannot preempt pods with lower priority
kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"`,
  use: 'priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('description', 'string', 'description is an arbitrary string that usually provides guidelines on when this priority class should be used.'),
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('global-default', 'bool', 'global-default specifies whether this PriorityClass should be considered as the default priority.'),
    outputFlag,
    flag('preemption-policy', 'string', 'preemption-policy is the policy for preempting pods with lower priority.', { defaultValue: 'PreemptLowerPriority' }),
    saveConfigFlag,
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
    flag('value', 'int', 'the value of this priority class.'),
  ],
  run: notInLab,
};

const createQuotaCommand: CommandDef = {
  name: 'quota',
  short: 'Create a quota with the specified name',
  long: `Create a resource quota with the specified name, hard limits, and optional scopes.

Aliases:
quota, resourcequota`,
  examples: `# Create a new resource quota named my-quota
kubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10

# Create a new resource quota named best-effort
kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort`,
  use: 'quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('hard', 'string', 'A comma-delimited set of resource=quantity pairs that define a hard limit.'),
    outputFlag,
    saveConfigFlag,
    flag('scopes', 'string', 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.'),
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
  ],
  run: notInLab,
};

const createRoleCommand: CommandDef = {
  name: 'role',
  short: 'Create a role with single rule',
  long: 'Create a role with single rule.',
  examples: `# Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods

# Create a role named "pod-reader" with ResourceName specified
kubectl create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

# Create a role named "foo" with API Group specified
kubectl create role foo --verb=get,list,watch --resource=rs.apps

# Create a role named "foo" with SubResource specified
kubectl create role foo --verb=get,list,watch --resource=pods,pods/status`,
  use: 'role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    outputFlag,
    flag('resource', 'stringSlice', 'Resource that the rule applies to'),
    flag('resource-name', 'stringSlice', 'Resource in the white list that the rule applies to, repeat this flag for multiple items'),
    saveConfigFlag,
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
    flag('verb', 'stringSlice', 'Verb that applies to the resources contained in the rule'),
  ],
  run: notInLab,
};

const createRolebindingCommand: CommandDef = {
  name: 'rolebinding',
  short: 'Create a role binding for a particular role or cluster role',
  long: 'Create a role binding for a particular role or cluster role.',
  examples: `# Create a role binding for user1, user2, and group1 using the admin cluster role
kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1

# Create a role binding for service account monitoring:sa-dev using the admin role
kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev`,
  use: 'rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('clusterrole', 'string', 'ClusterRole this RoleBinding should reference'),
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('group', 'stringSlice', 'Groups to bind to the role. The flag can be repeated to add multiple groups.'),
    outputFlag,
    flag('role', 'string', 'Role this RoleBinding should reference'),
    saveConfigFlag,
    flag('serviceaccount', 'stringSlice', 'Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.'),
    showManagedFieldsFlag,
    templateFlag,
    flag('user', 'stringSlice', 'Usernames to bind to the role. The flag can be repeated to add multiple users.'),
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
  ],
  run: notInLab,
};

const createTokenCommand: CommandDef = {
  name: 'token',
  short: 'Request a service account token',
  long: 'Request a service account token.',
  examples: `# Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace
kubectl create token myapp

# Request a token for a service account in a custom namespace
kubectl create token myapp --namespace myns

# Request a token with a custom expiration
kubectl create token myapp --duration 10m

# Request a token with a custom audience
kubectl create token myapp --audience https://example.com

# Request a token bound to an instance of a Secret object
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret

# Request a token bound to an instance of a Secret object with a specific UID
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc`,
  use: 'token SERVICE_ACCOUNT_NAME [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('audience', 'stringSlice', 'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.'),
    flag('bound-object-kind', 'string', 'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.'),
    flag('bound-object-name', 'string', 'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.'),
    flag('bound-object-uid', 'string', 'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.'),
    flag('duration', 'duration', 'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.'),
    outputFlag,
    showManagedFieldsFlag,
    templateFlag,
  ],
  run: notInLab,
};

export const createSecretTlsCommand: CommandDef = {
  name: 'tls',
  short: 'Create a TLS secret',
  long: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.`,
  examples: `# Create a new TLS secret named tls-secret with the given key pair
kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key`,
  use: 'tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('append-hash', 'bool', 'Append a hash of the secret to its name.'),
    flag('cert', 'string', 'Path to PEM encoded public key certificate.'),
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('key', 'string', 'Path to private key associated with given certificate.'),
    outputFlag,
    saveConfigFlag,
    showManagedFieldsFlag,
    templateFlag,
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict' }),
  ],
  run: notInLab,
};

const configDeleteClusterCommand: CommandDef = {
  name: 'delete-cluster',
  short: 'Delete the specified cluster from the kubeconfig',
  long: 'Delete the specified cluster from the kubeconfig.',
  examples: `# Delete the minikube cluster
kubectl config delete-cluster minikube`,
  use: 'delete-cluster NAME [options]',
  run: notInLab,
};

const configDeleteContextCommand: CommandDef = {
  name: 'delete-context',
  short: 'Delete the specified context from the kubeconfig',
  long: 'Delete the specified context from the kubeconfig.',
  examples: `# Delete the context for the minikube cluster
kubectl config delete-context minikube`,
  use: 'delete-context NAME [options]',
  run: notInLab,
};

const configDeleteUserCommand: CommandDef = {
  name: 'delete-user',
  short: 'Delete the specified user from the kubeconfig',
  long: 'Delete the specified user from the kubeconfig.',
  examples: `# Delete the minikube user
kubectl config delete-user minikube`,
  use: 'delete-user NAME [options]',
  run: notInLab,
};

const configGetClustersCommand: CommandDef = {
  name: 'get-clusters',
  short: 'Display clusters defined in the kubeconfig',
  long: 'Display clusters defined in the kubeconfig.',
  examples: `# List the clusters that kubectl knows about
kubectl config get-clusters`,
  use: 'get-clusters [flags] [options]',
  run: notInLab,
};

const configGetUsersCommand: CommandDef = {
  name: 'get-users',
  short: 'Display users defined in the kubeconfig',
  long: 'Display users defined in the kubeconfig.',
  examples: `# List the users that kubectl knows about
kubectl config get-users`,
  use: 'get-users [flags] [options]',
  run: notInLab,
};

const configRenameContextCommand: CommandDef = {
  name: 'rename-context',
  short: 'Rename a context from the kubeconfig file',
  long: `Renames a context from the kubeconfig file.

 CONTEXT_NAME is the context name that you want to change.

 NEW_NAME is the new name you want to set.

 Note: If the context being renamed is the 'current-context', this field will also be updated.`,
  examples: `# Rename the context 'old-name' to 'new-name' in your kubeconfig file
kubectl config rename-context old-name new-name`,
  use: 'rename-context CONTEXT_NAME NEW_NAME [options]',
  run: notInLab,
};

const configSetCommand: CommandDef = {
  name: 'set',
  short: 'Set an individual value in a kubeconfig file',
  long: `Set an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.

 PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.

 Specifying an attribute name that already exists will merge new fields on top of existing values.`,
  examples: `# Set the server field on the my-cluster cluster to https://1.2.3.4
kubectl config set clusters.my-cluster.server https://1.2.3.4

# Set the certificate-authority-data field on the my-cluster cluster
kubectl config set clusters.my-cluster.certificate-authority-data $(echo "cert_data_here" | base64 -i -)

# Set the cluster field in the my-context context to my-cluster
kubectl config set contexts.my-context.cluster my-cluster

# Set the client-key-data field in the cluster-admin user using --set-raw-bytes option
kubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true`,
  use: 'set PROPERTY_NAME PROPERTY_VALUE [options]',
  flags: [
    flag('set-raw-bytes', 'bool', 'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.'),
  ],
  run: notInLab,
};

const configSetClusterCommand: CommandDef = {
  name: 'set-cluster',
  short: 'Set a cluster entry in kubeconfig',
  long: `Set a cluster entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.`,
  examples: `# Set only the server field on the e2e cluster entry without touching other values
kubectl config set-cluster e2e --server=https://1.2.3.4

# Embed certificate authority data for the e2e cluster entry
kubectl config set-cluster e2e --embed-certs --certificate-authority=~/.kube/e2e/kubernetes.ca.crt

# Disable cert checking for the e2e cluster entry
kubectl config set-cluster e2e --insecure-skip-tls-verify=true

# Set the custom TLS server name to use for validation for the e2e cluster entry
kubectl config set-cluster e2e --tls-server-name=my-cluster-name

# Set the proxy URL for the e2e cluster entry
kubectl config set-cluster e2e --proxy-url=https://1.2.3.4`,
  use: 'set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]',
  flags: [
    flag('certificate-authority', 'string', 'Path to certificate-authority file for the cluster entry in kubeconfig'),
    flag('embed-certs', 'bool', 'embed-certs for the cluster entry in kubeconfig'),
    flag('insecure-skip-tls-verify', 'bool', 'insecure-skip-tls-verify for the cluster entry in kubeconfig'),
    flag('proxy-url', 'string', 'proxy-url for the cluster entry in kubeconfig'),
    flag('server', 'string', 'server for the cluster entry in kubeconfig'),
    flag('tls-server-name', 'string', 'tls-server-name for the cluster entry in kubeconfig'),
  ],
  run: notInLab,
};

const configSetCredentialsCommand: CommandDef = {
  name: 'set-credentials',
  short: 'Set a user entry in kubeconfig',
  long: `Set a user entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values.

        Client-certificate flags:
        --client-certificate=certfile --client-key=keyfile
        
        Bearer token flags:
        --token=bearer_token
        
        Basic auth flags:
        --username=basic_user --password=basic_password
        
 Bearer token and basic auth are mutually exclusive.`,
  examples: `# Set only the "client-key" field on the "cluster-admin"
# entry, without touching other values
kubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key

# Set basic auth for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif

# Embed client certificate data in the "cluster-admin" entry
kubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true

# Enable the Google Compute Platform auth provider for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --auth-provider=gcp

# Enable the OpenID Connect auth provider for the "cluster-admin" entry with additional arguments
kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar

# Remove the "client-secret" config value for the OpenID Connect auth provider for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-secret-

# Enable new exec auth plugin for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1

# Enable new exec auth plugin for the "cluster-admin" entry with interactive mode
kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never

# Define new exec auth plugin arguments for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2

# Create or update exec auth plugin environment variables for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2

# Remove exec auth plugin environment variables for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-env=var-to-remove-`,
  use: 'set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value] [options]',
  flags: [
    flag('auth-provider', 'string', 'Auth provider for the user entry in kubeconfig'),
    flag('auth-provider-arg', 'stringSlice', '\'key=value\' arguments for the auth provider'),
    flag('client-certificate', 'string', 'Path to client-certificate file for the user entry in kubeconfig'),
    flag('client-key', 'string', 'Path to client-key file for the user entry in kubeconfig'),
    flag('embed-certs', 'bool', 'Embed client cert/key for the user entry in kubeconfig'),
    flag('exec-api-version', 'string', 'API version of the exec credential plugin for the user entry in kubeconfig'),
    flag('exec-arg', 'stringSlice', 'New arguments for the exec credential plugin command for the user entry in kubeconfig'),
    flag('exec-command', 'string', 'Command for the exec credential plugin for the user entry in kubeconfig'),
    flag('exec-env', 'stringSlice', '\'key=value\' environment values for the exec credential plugin'),
    flag('exec-interactive-mode', 'string', 'InteractiveMode of the exec credentials plugin for the user entry in kubeconfig'),
    flag('exec-provide-cluster-info', 'bool', 'ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig'),
    flag('password', 'string', 'password for the user entry in kubeconfig'),
    flag('token', 'string', 'token for the user entry in kubeconfig'),
    flag('username', 'string', 'username for the user entry in kubeconfig'),
  ],
  run: notInLab,
};

const configUnsetCommand: CommandDef = {
  name: 'unset',
  short: 'Unset an individual value in a kubeconfig file',
  long: `Unset an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.`,
  examples: `# Unset the current-context
kubectl config unset current-context

# Unset namespace in foo context
kubectl config unset contexts.foo.namespace`,
  use: 'unset PROPERTY_NAME [options]',
  run: notInLab,
};

const setSelectorCommand: CommandDef = {
  name: 'selector',
  short: 'Set the selector on a resource',
  long: `Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.

 A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.`,
  examples: `# Set the labels and selector before creating a deployment/service pair
kubectl create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | kubectl set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -
kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -`,
  use: 'selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]',
  flags: [
    flag('all', 'bool', 'Select all resources in the namespace of the specified resource types'),
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-set' }),
    flag('filename', 'stringSlice', 'identifying the resource.', { shorthand: 'f' }),
    flag('local', 'bool', 'If true, annotation will NOT contact api-server but run locally.'),
    outputFlag,
    flag('recursive', 'bool', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.', { defaultValue: 'true', shorthand: 'R' }),
    flag('resource-version', 'string', 'If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.'),
    showManagedFieldsFlag,
    templateFlag,
  ],
  run: notInLab,
};

const setServiceaccountCommand: CommandDef = {
  name: 'serviceaccount',
  short: 'Update the service account of a resource',
  long: `Update the service account of pod template resources.

 Possible resources (case insensitive) can be:

 replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset

Aliases:
serviceaccount, sa`,
  examples: `# Set deployment nginx-deployment's service account to serviceaccount1
kubectl set serviceaccount deployment nginx-deployment serviceaccount1

# Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server
kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml`,
  use: 'serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]',
  flags: [
    flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types'),
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-set' }),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to get from a server.', { shorthand: 'f' }),
    kustomizeFlag,
    flag('local', 'bool', 'If true, set serviceaccount will NOT contact api-server but run locally.'),
    outputFlag,
    recursiveFlag,
    showManagedFieldsFlag,
    templateFlag,
  ],
  run: notInLab,
};

const setSubjectCommand: CommandDef = {
  name: 'subject',
  short: 'Update the user, group, or service account in a role binding or cluster role binding',
  long: 'Update the user, group, or service account in a role binding or cluster role binding.',
  examples: `# Update a cluster role binding for serviceaccount1
kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1

# Update a role binding for user1, user2, and group1
kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1

# Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server
kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml`,
  use: 'subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  flags: [
    flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types'),
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-set' }),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files the resource to update the subjects', { shorthand: 'f' }),
    flag('group', 'stringSlice', 'Groups to bind to the role'),
    kustomizeFlag,
    flag('local', 'bool', 'If true, set subject will NOT contact api-server but run locally.'),
    outputFlag,
    recursiveFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    flag('serviceaccount', 'stringSlice', 'Service accounts to bind to the role'),
    showManagedFieldsFlag,
    templateFlag,
    flag('user', 'stringSlice', 'Usernames to bind to the role'),
  ],
  run: notInLab,
};

/** The `kubectl create` generators the lab does not have. */
export const createUnavailable: CommandDef[] = [
  createClusterroleCommand,
  createClusterrolebindingCommand,
  createIngressCommand,
  createPoddisruptionbudgetCommand,
  createPriorityclassCommand,
  createQuotaCommand,
  createRoleCommand,
  createRolebindingCommand,
  createTokenCommand,
];

export const configUnavailable: CommandDef[] = [
  configDeleteClusterCommand,
  configDeleteContextCommand,
  configDeleteUserCommand,
  configGetClustersCommand,
  configGetUsersCommand,
  configRenameContextCommand,
  configSetCommand,
  configSetClusterCommand,
  configSetCredentialsCommand,
  configUnsetCommand,
];

export const setUnavailable: CommandDef[] = [setSelectorCommand, setServiceaccountCommand, setSubjectCommand];

export const applyUnavailable: CommandDef[] = [editLastAppliedCommand, setLastAppliedCommand, viewLastAppliedCommand];
