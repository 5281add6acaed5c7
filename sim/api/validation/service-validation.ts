// Service validation (ValidateService): type, ports, selector.
import type { FieldError } from '../errors';
import type { KubeObject, ServicePort } from '../types';
import { duplicate, forbidden, invalid, notSupported, required } from './field-error';
import { isDns1123Label } from './name-rules';
import { validateLabels } from './object-meta';
import { validatePortNumOrName } from './pod-validation';

const portRangeMessage = 'must be between 1 and 65535, inclusive';

export function validateService(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errors: FieldError[] = [];
  const type = spec.type;
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) {
    errors.push(notSupported('spec.type', type ?? '', ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  }
  const ports: ServicePort[] = Array.isArray(spec.ports) ? spec.ports : [];
  if (type === 'ExternalName') {
    if (!spec.externalName) errors.push(required('spec.externalName', ''));
  } else if (ports.length === 0 && spec.clusterIP !== 'None') {
    errors.push(required('spec.ports', ''));
  }
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !port.name) errors.push(required(`${path}.name`, ''));
    if (port.name) {
      for (const message of isDns1123Label(port.name)) errors.push(invalid(`${path}.name`, port.name, message));
      if (names.has(port.name)) errors.push(duplicate(`${path}.name`, port.name));
      names.add(port.name);
    }
    if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535) errors.push(invalid(`${path}.port`, port.port ?? 0, portRangeMessage));
    if (!port.protocol) errors.push(required(`${path}.protocol`, ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errors.push(notSupported(`${path}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
    errors.push(...validatePortNumOrName(port.targetPort, `${path}.targetPort`));
    if (port.nodePort !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') {
      errors.push(forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    }
  });
  errors.push(...validateLabels(spec.selector, 'spec.selector'));
  if (spec.sessionAffinity && !['ClientIP', 'None'].includes(spec.sessionAffinity)) {
    errors.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  }
  return errors;
}
