// ValidatePodSpec and what it checks under it (pkg/apis/core/validation/validation.go), in the
// same order, so several errors come out in the order the API server lists them.
import type { FieldError } from '../errors';
import type { Container, PodSpec, Probe, Volume } from '../types';
import { parseQuantity, QuantityError, type Quantity } from '../quantity';
import { duplicate, forbidden, invalid, notFoundField, notSupported, required } from './field-error';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, maxLengthError } from './name-rules';
import { validateLabels } from './object-meta';

const negativeMessage = 'must be greater than or equal to 0';
const portRangeMessage = 'must be between 1 and 65535, inclusive';

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, negativeMessage)] : [];
}

export function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push(maxLengthError(15));
  if (!/^[-a-z0-9]+$/.test(name)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

function validPortNumber(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** ValidatePortNumOrName: an IntOrString port. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return validPortNumber(port) ? [] : [invalid(path, port, portRangeMessage)];
  if (typeof port === 'string') return portNameProblems(port).map((message) => invalid(path, port, message));
  return [];
}

function validateVolumes(volumes: Volume[] | undefined, path: string): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((volume, i) => {
    const itemPath = `${path}[${i}]`;
    if (!volume.name) errors.push(required(`${itemPath}.name`, ''));
    else for (const message of isDns1123Label(volume.name)) errors.push(invalid(`${itemPath}.name`, volume.name, message));
    if (volume.name && names.has(volume.name)) errors.push(duplicate(`${itemPath}.name`, volume.name));
    else if (volume.name) names.add(volume.name);
    const sources = Object.keys(volume).filter((key) => key !== 'name');
    if (sources.length === 0) errors.push(required(itemPath, 'must specify a volume type'));
    for (const source of sources.slice(1)) errors.push(forbidden(`${itemPath}.${source}`, 'may not specify more than 1 volume type'));
    if (volume.configMap && !volume.configMap.name) errors.push(required(`${itemPath}.configMap.name`, ''));
    if (volume.secret && !volume.secret.secretName) errors.push(required(`${itemPath}.secret.secretName`, ''));
    if (volume.persistentVolumeClaim && !volume.persistentVolumeClaim.claimName) errors.push(required(`${itemPath}.persistentVolumeClaim.claimName`, ''));
    if (volume.hostPath && !volume.hostPath.path) errors.push(required(`${itemPath}.hostPath.path`, ''));
    if (volume.hostPath) errors.push(...validateHostPathType(volume.hostPath.type, `${itemPath}.hostPath.type`));
  });
  return { errors, names };
}

/** The types a hostPath may have, sorted as validation lists them. */
const hostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

export function validateHostPathType(type: string | undefined, path: string): FieldError[] {
  return type === undefined || hostPathTypes.includes(type) ? [] : [notSupported(path, type, hostPathTypes)];
}

function validateHandler(handler: Probe | Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  const kinds = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;
  for (const kind of kinds) {
    const action = (handler as Record<string, any>)[kind];
    if (action === undefined || action === null) continue;
    if (count > 0) {
      errors.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    if (kind === 'exec' && !(Array.isArray(action.command) && action.command.length > 0)) errors.push(required(`${path}.exec.command`, ''));
    if (kind === 'httpGet') {
      if (!action.path) errors.push(required(`${path}.httpGet.path`, ''));
      errors.push(...validatePortNumOrName(action.port, `${path}.httpGet.port`));
      if (action.scheme !== 'HTTP' && action.scheme !== 'HTTPS') errors.push(notSupported(`${path}.httpGet.scheme`, action.scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errors.push(...validatePortNumOrName(action.port, `${path}.tcpSocket.port`));
    if (kind === 'grpc' && !validPortNumber(action.port)) errors.push(invalid(`${path}.grpc.port`, action.port, portRangeMessage));
    if (kind === 'sleep' && typeof action.seconds === 'number' && action.seconds < 0) errors.push(invalid(`${path}.sleep.seconds`, action.seconds, negativeMessage));
  }
  if (count === 0) errors.push(required(path, 'must specify a handler type'));
  return errors;
}

function validateProbe(probe: Probe, path: string): FieldError[] {
  const errors = validateHandler(probe, path);
  errors.push(...nonNegative(probe.initialDelaySeconds, `${path}.initialDelaySeconds`));
  errors.push(...nonNegative(probe.timeoutSeconds, `${path}.timeoutSeconds`));
  errors.push(...nonNegative(probe.periodSeconds, `${path}.periodSeconds`));
  errors.push(...nonNegative(probe.successThreshold, `${path}.successThreshold`));
  errors.push(...nonNegative(probe.failureThreshold, `${path}.failureThreshold`));
  if (typeof probe.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0) {
    errors.push(invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errors;
}

function validateProbes(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = container[kind];
    if (!probe) continue;
    errors.push(...validateProbe(probe, `${path}.${kind}`));
    if (kind !== 'readinessProbe' && probe.successThreshold !== 1) errors.push(invalid(`${path}.${kind}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
    if (kind === 'readinessProbe' && probe.terminationGracePeriodSeconds !== undefined) {
      errors.push(invalid(`${path}.${kind}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
    }
  }
  return errors;
}

function validateContainerPorts(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (container.ports ?? []).forEach((port, i) => {
    const itemPath = `${path}[${i}]`;
    if (port.name) {
      const problems = portNameProblems(port.name);
      if (problems.length) problems.forEach((message) => errors.push(invalid(`${itemPath}.name`, port.name, message)));
      else if (names.has(port.name)) errors.push(duplicate(`${itemPath}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errors.push(required(`${itemPath}.containerPort`, ''));
    else if (!validPortNumber(port.containerPort)) errors.push(invalid(`${itemPath}.containerPort`, port.containerPort, portRangeMessage));
    if (port.hostPort && !validPortNumber(port.hostPort)) errors.push(invalid(`${itemPath}.hostPort`, port.hostPort, portRangeMessage));
    if (!port.protocol) errors.push(required(`${itemPath}.protocol`, ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errors.push(notSupported(`${itemPath}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errors;
}

function validateEnv(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  (container.env ?? []).forEach((env, i) => {
    const itemPath = `${path}[${i}]`;
    if (!env.name) errors.push(required(`${itemPath}.name`, ''));
    else if (!/^[ -<>-~]+$/.test(env.name)) {
      errors.push(invalid(`${itemPath}.name`, env.name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    }
    if (env.valueFrom) {
      const sources = Object.keys(env.valueFrom).filter((key) => (env.valueFrom as Record<string, unknown>)[key] !== undefined);
      if (env.value) errors.push(invalid(`${itemPath}.valueFrom`, '', 'may not be specified when `value` is not empty'));
      if (sources.length === 0) errors.push(invalid(`${itemPath}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      if (sources.length > 1) errors.push(invalid(`${itemPath}.valueFrom`, '', 'may not have more than one field specified at a time'));
    }
  });
  return errors;
}

function validateVolumeMounts(container: Container, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  (container.volumeMounts ?? []).forEach((mount, i) => {
    const itemPath = `${path}[${i}]`;
    if (!mount.name) errors.push(required(`${itemPath}.name`, ''));
    else if (!volumeNames.has(mount.name)) errors.push(notFoundField(`${itemPath}.name`, mount.name));
    if (!mount.mountPath) errors.push(required(`${itemPath}.mountPath`, ''));
    else if (mountPaths.has(mount.mountPath)) errors.push(invalid(`${itemPath}.mountPath`, mount.mountPath, 'must be unique'));
    else mountPaths.add(mount.mountPath);
  });
  return errors;
}

const standardContainerResources = ['cpu', 'memory', 'ephemeral-storage'];
const overcommitForbidden = (name: string) => name.startsWith('hugepages-') || (name.includes('/') && !name.startsWith('kubernetes.io/'));

function quantityOf(value: unknown): Quantity | undefined {
  try {
    return parseQuantity(String(value));
  } catch (error) {
    if (error instanceof QuantityError) return undefined;
    throw error;
  }
}

function validateResourceName(name: string, path: string): FieldError[] {
  const problems = isQualifiedName(name).map((message) => invalid(path, name, message));
  if (problems.length) return problems;
  if (!name.includes('/') && !standardContainerResources.includes(name) && !name.startsWith('hugepages-')) {
    return [invalid(path, name, 'must be a standard resource for containers')];
  }
  return [];
}

export function validateResources(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  for (const name of Object.keys(limits).sort()) {
    const itemPath = `${path}.limits[${name}]`;
    errors.push(...validateResourceName(name, itemPath));
    const quantity = quantityOf(limits[name]);
    if (quantity && quantity.nanos < 0n) errors.push(invalid(itemPath, quantity.toString(), negativeMessage));
  }
  for (const name of Object.keys(requests).sort()) {
    const itemPath = `${path}.requests[${name}]`;
    errors.push(...validateResourceName(name, itemPath));
    const quantity = quantityOf(requests[name]);
    if (!quantity) continue;
    if (quantity.nanos < 0n) errors.push(invalid(itemPath, quantity.toString(), negativeMessage));
    const limit = name in limits ? quantityOf(limits[name]) : undefined;
    if (limit) {
      if (quantity.cmp(limit) !== 0 && overcommitForbidden(name)) {
        errors.push(invalid(`${path}.requests`, quantity.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (quantity.cmp(limit) > 0) {
        errors.push(invalid(`${path}.requests`, quantity.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (overcommitForbidden(name)) {
      errors.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errors;
}

function validateContainerCommon(container: Container, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!container.name) errors.push(required(`${path}.name`, ''));
  else for (const message of isDns1123Label(container.name)) errors.push(invalid(`${path}.name`, container.name, message));
  if (!container.image) errors.push(required(`${path}.image`, ''));
  const policy = container.terminationMessagePolicy;
  if (!policy) errors.push(required(`${path}.terminationMessagePolicy`, ''));
  else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') {
    errors.push(notSupported(`${path}.terminationMessagePolicy`, policy, ['File', 'FallbackToLogsOnError']));
  }
  errors.push(...validateContainerPorts(container, `${path}.ports`));
  errors.push(...validateEnv(container, `${path}.env`));
  errors.push(...validateVolumeMounts(container, volumeNames, `${path}.volumeMounts`));
  const pull = container.imagePullPolicy;
  if (!pull) errors.push(required(`${path}.imagePullPolicy`, ''));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) errors.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  errors.push(...validateResources(container, `${path}.resources`));
  return errors;
}

function validateContainers(containers: Container[] | undefined, volumeNames: Set<string>, path: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [required(path, '')];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const itemPath = `${path}[${i}]`;
    errors.push(...validateContainerCommon(container, volumeNames, itemPath));
    if (names.has(container.name)) errors.push(duplicate(`${itemPath}.name`, container.name));
    else names.add(container.name);
    errors.push(...validateProbes(container, itemPath));
    if (container.restartPolicy !== undefined) errors.push(forbidden(`${itemPath}.restartPolicy`, 'may not be set for non-init containers'));
  });
  return errors;
}

function validateInitContainers(spec: PodSpec, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  (spec.initContainers ?? []).forEach((container, i) => {
    const itemPath = `${path}[${i}]`;
    errors.push(...validateContainerCommon(container, volumeNames, itemPath));
    if (names.has(container.name)) errors.push(duplicate(`${itemPath}.name`, container.name));
    else names.add(container.name);
    const sidecar = container.restartPolicy === 'Always';
    if (container.restartPolicy !== undefined && !sidecar) {
      errors.push(notSupported(`${itemPath}.restartPolicy`, container.restartPolicy, ['Always']));
    }
    if (sidecar) {
      errors.push(...validateProbes(container, itemPath));
    } else {
      if (container.lifecycle) errors.push(forbidden(`${itemPath}.lifecycle`, 'may not be set for init containers without restartPolicy=Always'));
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (container[kind]) errors.push(forbidden(`${itemPath}.${kind}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errors;
}

/** ValidatePodSpec, rooted at `path` (`spec` for pods, `spec.template.spec` for templates). */
export function validatePodSpec(spec: PodSpec, path: string): FieldError[] {
  if (!spec || typeof spec !== 'object') return [required(path, '')];
  const { errors, names } = validateVolumes(spec.volumes, `${path}.volumes`);
  errors.push(...validateContainers(spec.containers, names, `${path}.containers`));
  errors.push(...validateInitContainers(spec, names, `${path}.initContainers`));
  const restartPolicy = spec.restartPolicy;
  if (!restartPolicy) errors.push(required(`${path}.restartPolicy`, ''));
  else if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    errors.push(notSupported(`${path}.restartPolicy`, restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  const dnsPolicy = spec.dnsPolicy;
  if (!dnsPolicy) errors.push(required(`${path}.dnsPolicy`, ''));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dnsPolicy)) {
    errors.push(notSupported(`${path}.dnsPolicy`, dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errors.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (spec.serviceAccountName) {
    for (const message of isDns1123Subdomain(spec.serviceAccountName)) errors.push(invalid(`${path}.serviceAccountName`, spec.serviceAccountName, message));
  }
  if (spec.nodeName) {
    for (const message of isDns1123Subdomain(spec.nodeName)) errors.push(invalid(`${path}.nodeName`, spec.nodeName, message));
  }
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)) {
    errors.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  if (spec.hostname) for (const message of isDns1123Label(spec.hostname)) errors.push(invalid(`${path}.hostname`, spec.hostname, message));
  if (spec.subdomain) for (const message of isDns1123Label(spec.subdomain)) errors.push(invalid(`${path}.subdomain`, spec.subdomain, message));
  (spec.tolerations ?? []).forEach((toleration, i) => {
    const itemPath = `${path}.tolerations[${i}]`;
    if (toleration.operator && !['Exists', 'Equal'].includes(toleration.operator)) {
      errors.push(notSupported(`${itemPath}.operator`, toleration.operator, ['Equal', 'Exists']));
    }
    if (toleration.operator === 'Exists' && toleration.value) errors.push(invalid(`${itemPath}.operator`, toleration.operator, 'value must be empty when `operator` is \'Exists\''));
    if (toleration.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(toleration.effect)) {
      errors.push(notSupported(`${itemPath}.effect`, toleration.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
    }
  });
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) {
    errors.push(invalid(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, negativeMessage));
  }
  return errors;
}

/** Fields an ephemeral container may not have (they would need resources or a restart). */
const ephemeralForbidden = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resources', 'resizePolicy', 'restartPolicy'] as const;

/**
 * The ephemeralcontainers subresource (ValidatePodEphemeralContainersUpdate): existing ephemeral
 * containers stay as they are, new ones are valid containers with names no other container has,
 * without the fields an ephemeral container may not set, targeting a container that exists.
 */
export function validateEphemeralContainersUpdate(spec: PodSpec, old: PodSpec): FieldError[] {
  const errors: FieldError[] = [];
  const list = (spec.ephemeralContainers ?? []) as Container[];
  const oldList = (old.ephemeralContainers ?? []) as Container[];
  const { names: volumeNames } = validateVolumes(spec.volumes, 'spec.volumes');
  const taken = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name));
  list.forEach((container, i) => {
    const path = `spec.ephemeralContainers[${i}]`;
    errors.push(...validateContainerCommon(container, volumeNames, path));
    if (taken.has(container.name)) errors.push(duplicate(`${path}.name`, container.name));
    else taken.add(container.name);
    for (const field of ephemeralForbidden) {
      const value = container[field];
      const empty = value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
      if (!empty) errors.push(forbidden(`${path}.${field}`, 'cannot be set for an Ephemeral Container'));
    }
    const target = container.targetContainerName;
    if (typeof target === 'string' && target !== '' && !(spec.containers ?? []).some((c) => c.name === target) && !(spec.initContainers ?? []).some((c) => c.name === target)) {
      errors.push(notFoundField(`${path}.targetContainerName`, target));
    }
  });
  oldList.forEach((existing, i) => {
    const now = list.find((c) => c.name === existing.name);
    if (!now) errors.push(forbidden('spec.ephemeralContainers', `existing ephemeral containers "${existing.name}" may not be removed`));
    else if (JSON.stringify(now) !== JSON.stringify(existing)) errors.push(forbidden(`spec.ephemeralContainers[${i}]`, `existing ephemeral containers "${existing.name}" may not be changed`));
  });
  return errors;
}
