// The Pod Security Standards as kube-apiserver 1.32 checks them
// (staging/src/k8s.io/pod-security-admission/policy/check_*.go): each check's reason and detail,
// its policy versions, and the order the evaluator runs them in (baseline checks first, then the
// restricted ones, each group by check ID; a restricted check replaces the baseline ones it overrides).

export type Level = 'privileged' | 'baseline' | 'restricted';

/** A policy version: the minor of v1.x, or `latest`. */
export type Version = number | 'latest';

export interface LevelVersion {
  level: Level;
  version: Version;
}

export interface CheckResult {
  reason: string;
  /** The specific values that were disallowed, shown in parentheses when one object is checked. */
  detail: string;
}

interface PodMetadata {
  annotations?: Record<string, string>;
}

type Json = Record<string, unknown>;
type CheckPod = (metadata: PodMetadata, spec: Json) => CheckResult | undefined;

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** The check's revisions, oldest first: each applies from its minimum version on. */
  versions: { from: number; check: CheckPod; overrides?: string[] }[];
}

export function versionString(version: Version): string {
  return version === 'latest' ? 'latest' : `v1.${version}`;
}

export function levelVersionString(policy: LevelVersion): string {
  return `${policy.level}:${versionString(policy.version)}`;
}

function record(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map((item) => record(item) ?? {}) : [];
}

/** Init containers, containers, then ephemeral containers, as visitContainers walks them. */
function containersOf(spec: Json): Json[] {
  return [...list(spec.initContainers), ...list(spec.containers), ...list(spec.ephemeralContainers)];
}

function nameOf(container: Json): string {
  return typeof container.name === 'string' ? container.name : '';
}

function joinQuote(items: string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` or `containers "a", "b"`. */
function containersPhrase(names: string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** A sorted set of strings, as sets.String's List() gives it (byte order). */
function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareBytes);
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function podSecurityContext(spec: Json): Json | undefined {
  return record(spec.securityContext);
}

function securityContextOf(container: Json): Json | undefined {
  return record(container.securityContext);
}

/** The windows OS field relaxes the Linux-only restricted checks from v1.25 on. */
function isWindows(spec: Json): boolean {
  return record(spec.os)?.name === 'windows';
}

const allowed = undefined;

// ---- baseline ----

function appArmorProfile(metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const allowedType = (type: unknown) => type === 'RuntimeDefault' || type === 'Localhost';
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = record(podSecurityContext(spec)?.appArmorProfile);
  if (podProfile && !allowedType(podProfile.type)) {
    badSetters.push('pod');
    badValues.push(String(podProfile.type ?? ''));
  }
  const badContainers: string[] = [];
  for (const container of containersOf(spec)) {
    const profile = record(securityContextOf(container)?.appArmorProfile);
    if (profile && !allowedType(profile.type)) {
      badContainers.push(nameOf(container));
      badValues.push(String(profile.type ?? ''));
    }
  }
  if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));
  const forbiddenAnnotations = Object.entries(metadata.annotations ?? {})
    .filter(([key, value]) => key.startsWith('container.apparmor.security.beta.kubernetes.io/') && !(value === '' || value === 'runtime/default' || value.startsWith('localhost/')))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .sort(compareBytes);
  const values = [...sortedSet(badValues), ...forbiddenAnnotations];
  if (forbiddenAnnotations.length > 0) badSetters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  if (badSetters.length === 0) return allowed;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
  };
}

const defaultCapabilities = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

function capabilitiesBaseline(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const badContainers: string[] = [];
  const nonDefault: string[] = [];
  for (const container of containersOf(spec)) {
    const added = record(securityContextOf(container)?.capabilities)?.add;
    const bad = (Array.isArray(added) ? added : []).map(String).filter((capability) => !defaultCapabilities.has(capability));
    if (bad.length > 0) {
      badContainers.push(nameOf(container));
      nonDefault.push(...bad);
    }
  }
  if (badContainers.length === 0) return allowed;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(badContainers)} must not include ${joinQuote(sortedSet(nonDefault))} in securityContext.capabilities.add`,
  };
}

function hostNamespaces(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const shared = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((field) => spec[field] === true).map((field) => `${field}=true`);
  if (shared.length === 0) return allowed;
  return { reason: 'host namespaces', detail: sortedSet(shared).join(', ') };
}

function hostPathVolumes(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const names = list(spec.volumes).filter((volume) => record(volume.hostPath)).map(nameOf);
  if (names.length === 0) return allowed;
  return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}` };
}

function hostPorts(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const badContainers: string[] = [];
  const ports: string[] = [];
  for (const container of containersOf(spec)) {
    const used = list(container.ports).map((port) => port.hostPort).filter((port) => typeof port === 'number' && port !== 0);
    if (used.length > 0) {
      badContainers.push(nameOf(container));
      ports.push(...used.map(String));
    }
  }
  if (badContainers.length === 0) return allowed;
  const distinct = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
  };
}

function privileged(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const bad = containersOf(spec).filter((container) => securityContextOf(container)?.privileged === true).map(nameOf);
  if (bad.length === 0) return allowed;
  return { reason: 'privileged', detail: `${containersPhrase(bad)} must not set securityContext.privileged=true` };
}

function procMount(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const badContainers: string[] = [];
  const types: string[] = [];
  for (const container of containersOf(spec)) {
    const mount = securityContextOf(container)?.procMount;
    if (mount === undefined || mount === null || mount === 'Default') continue;
    badContainers.push(nameOf(container));
    types.push(String(mount));
  }
  if (badContainers.length === 0) return allowed;
  return { reason: 'procMount', detail: `${containersPhrase(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}` };
}

function seLinuxOptions(allowedTypes: string[]): CheckPod {
  return (_metadata, spec) => {
    const badSetters: string[] = [];
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (options: Json): boolean => {
      let ok = true;
      const type = typeof options.type === 'string' ? options.type : '';
      if (!allowedTypes.includes(type)) {
        ok = false;
        badTypes.push(type);
      }
      if (typeof options.user === 'string' && options.user !== '') {
        ok = false;
        setUser = true;
      }
      if (typeof options.role === 'string' && options.role !== '') {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const podOptions = record(podSecurityContext(spec)?.seLinuxOptions);
    if (podOptions && !valid(podOptions)) badSetters.push('pod');
    const badContainers = containersOf(spec)
      .filter((container) => {
        const options = record(securityContextOf(container)?.seLinuxOptions);
        return options !== undefined && !valid(options);
      })
      .map(nameOf);
    if (badContainers.length > 0) badSetters.push(containersPhrase(badContainers));
    if (badSetters.length === 0) return allowed;
    const badData: string[] = [];
    if (badTypes.length > 0) badData.push(`${pluralize('type', 'types', sortedSet(badTypes).length)} ${joinQuote(sortedSet(badTypes))}`);
    if (setUser) badData.push('user may not be set');
    if (setRole) badData.push('role may not be set');
    return { reason: 'seLinuxOptions', detail: `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}` };
  };
}

const validSeccompType = (type: unknown) => type === 'RuntimeDefault' || type === 'Localhost';

/** v1.0 – v1.18: the seccomp alpha annotations. */
function seccompBaselineAnnotations(metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const annotations = metadata.annotations ?? {};
  const validValue = (value: string) => value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
  const forbidden: string[] = [];
  const podKey = 'seccomp.security.alpha.kubernetes.io/pod';
  if (podKey in annotations && !validValue(annotations[podKey])) forbidden.push(`${podKey}=${JSON.stringify(annotations[podKey])}`);
  for (const container of containersOf(spec)) {
    const key = `container.seccomp.security.alpha.kubernetes.io/${nameOf(container)}`;
    if (key in annotations && !validValue(annotations[key])) forbidden.push(`${key}=${JSON.stringify(annotations[key])}`);
  }
  if (forbidden.length === 0) return allowed;
  const distinct = sortedSet(forbidden);
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', distinct.length)} ${distinct.join(', ')}` };
}

/** The pod and containers that explicitly set a seccomp profile type other than RuntimeDefault or Localhost. */
function badSeccompSetters(spec: Json): { badSetters: string[]; badValues: string[]; podValid: boolean; unset: string[] } {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  let podValid = false;
  const podProfile = record(podSecurityContext(spec)?.seccompProfile);
  if (podProfile) {
    if (!validSeccompType(podProfile.type)) {
      badSetters.push('pod');
      badValues.push(String(podProfile.type ?? ''));
    } else podValid = true;
  }
  const explicitlyBad: string[] = [];
  const unset: string[] = [];
  for (const container of containersOf(spec)) {
    const profile = record(securityContextOf(container)?.seccompProfile);
    if (profile) {
      if (!validSeccompType(profile.type)) {
        explicitlyBad.push(nameOf(container));
        badValues.push(String(profile.type ?? ''));
      }
    } else unset.push(nameOf(container));
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));
  return { badSetters, badValues, podValid, unset };
}

function seccompMustNotSet(badSetters: string[], badValues: string[]): CheckResult {
  return { reason: 'seccompProfile', detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}` };
}

function seccompBaseline(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const { badSetters, badValues } = badSeccompSetters(spec);
  return badSetters.length > 0 ? seccompMustNotSet(badSetters, badValues) : allowed;
}

function sysctls(allowedNames: string[]): CheckPod {
  return (_metadata, spec) => {
    const forbidden = list(podSecurityContext(spec)?.sysctls)
      .map((sysctl) => String(sysctl.name ?? ''))
      .filter((name) => !allowedNames.includes(name));
    if (forbidden.length === 0) return allowed;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', ') };
  };
}

function windowsHostProcess(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const hostProcess = (context: Json | undefined) => record(context?.windowsOptions)?.hostProcess === true;
  const badContainers = containersOf(spec).filter((container) => hostProcess(securityContextOf(container))).map(nameOf);
  const setters: string[] = [];
  if (hostProcess(podSecurityContext(spec))) setters.push('pod');
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  if (setters.length === 0) return allowed;
  return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` };
}

// ---- restricted ----

function allowPrivilegeEscalation(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const bad = containersOf(spec).filter((container) => securityContextOf(container)?.allowPrivilegeEscalation !== false).map(nameOf);
  if (bad.length === 0) return allowed;
  return { reason: 'allowPrivilegeEscalation != false', detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false` };
}

function capabilitiesRestricted(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  for (const container of containersOf(spec)) {
    const capabilities = record(securityContextOf(container)?.capabilities);
    if (!capabilities) {
      missingDropAll.push(nameOf(container));
      continue;
    }
    const drop = Array.isArray(capabilities.drop) ? capabilities.drop.map(String) : [];
    if (!drop.includes('ALL')) missingDropAll.push(nameOf(container));
    const bad = (Array.isArray(capabilities.add) ? capabilities.add.map(String) : []).filter((capability) => capability !== 'NET_BIND_SERVICE');
    if (bad.length > 0) {
      addingForbidden.push(nameOf(container));
      forbidden.push(...bad);
    }
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`);
  if (details.length === 0) return allowed;
  return { reason: 'unrestricted capabilities', detail: details.join('; ') };
}

/** The inline volume sources the restricted level allows. */
const allowedVolumeSources = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** The other sources, in the order the check tests them (a volume's first match names its type). */
const restrictedVolumeSources = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

function restrictedVolumes(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  for (const volume of list(spec.volumes)) {
    if (allowedVolumeSources.some((source) => record(volume[source]))) continue;
    badVolumes.push(nameOf(volume));
    badTypes.push(restrictedVolumeSources.find((source) => record(volume[source])) ?? 'unknown');
  }
  if (badVolumes.length === 0) return allowed;
  const types = sortedSet(badTypes);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
  };
}

function runAsNonRoot(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const badSetters: string[] = [];
  let podNonRoot = false;
  const podValue = podSecurityContext(spec)?.runAsNonRoot;
  if (typeof podValue === 'boolean') {
    if (!podValue) badSetters.push('pod');
    else podNonRoot = true;
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const container of containersOf(spec)) {
    const value = securityContextOf(container)?.runAsNonRoot;
    if (typeof value === 'boolean') {
      if (!value) explicitlyBad.push(nameOf(container));
    } else if (!podNonRoot) implicitlyBad.push(nameOf(container));
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));
  if (badSetters.length > 0) return { reason: 'runAsNonRoot != true', detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  if (implicitlyBad.length > 0) return { reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true` };
  return allowed;
}

function runAsUser(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const badSetters: string[] = [];
  if (podSecurityContext(spec)?.runAsUser === 0) badSetters.push('pod');
  const bad = containersOf(spec).filter((container) => securityContextOf(container)?.runAsUser === 0).map(nameOf);
  if (bad.length > 0) badSetters.push(containersPhrase(bad));
  if (badSetters.length === 0) return allowed;
  return { reason: 'runAsUser=0', detail: `${badSetters.join(' and ')} must not set runAsUser=0` };
}

function seccompRestricted(_metadata: PodMetadata, spec: Json): CheckResult | undefined {
  const { badSetters, badValues, podValid, unset } = badSeccompSetters(spec);
  if (badSetters.length > 0) return seccompMustNotSet(badSetters, badValues);
  const implicitlyBad = podValid ? [] : unset;
  if (implicitlyBad.length === 0) return allowed;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
  };
}

/** From v1.25 a pod with spec.os.name=windows skips the Linux-only checks. */
function exceptWindows(check: CheckPod): CheckPod {
  return (metadata, spec) => (isWindows(spec) ? allowed : check(metadata, spec));
}

const seLinuxTypes = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const sysctlsV1Dot0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const sysctlsV1Dot27 = [...sysctlsV1Dot0, 'net.ipv4.ip_local_reserved_ports'];
const sysctlsV1Dot29 = [...sysctlsV1Dot27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const sysctlsV1Dot32 = [...sysctlsV1Dot29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

const checks: Check[] = [
  { id: 'appArmorProfile', level: 'baseline', versions: [{ from: 0, check: appArmorProfile }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ from: 0, check: capabilitiesBaseline }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ from: 0, check: hostNamespaces }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ from: 0, check: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ from: 0, check: hostPorts }] },
  { id: 'privileged', level: 'baseline', versions: [{ from: 0, check: privileged }] },
  { id: 'procMount', level: 'baseline', versions: [{ from: 0, check: procMount }] },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { from: 0, check: seLinuxOptions(seLinuxTypes) },
      { from: 31, check: seLinuxOptions([...seLinuxTypes, 'container_engine_t']) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { from: 0, check: seccompBaselineAnnotations },
      { from: 19, check: seccompBaseline },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { from: 0, check: sysctls(sysctlsV1Dot0) },
      { from: 27, check: sysctls(sysctlsV1Dot27) },
      { from: 29, check: sysctls(sysctlsV1Dot29) },
      { from: 32, check: sysctls(sysctlsV1Dot32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ from: 0, check: windowsHostProcess }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { from: 8, check: allowPrivilegeEscalation },
      { from: 25, check: exceptWindows(allowPrivilegeEscalation) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { from: 22, check: capabilitiesRestricted, overrides: ['capabilities_baseline'] },
      { from: 25, check: exceptWindows(capabilitiesRestricted), overrides: ['capabilities_baseline'] },
    ],
  },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ from: 0, check: restrictedVolumes, overrides: ['hostPathVolumes'] }] },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ from: 0, check: runAsNonRoot }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ from: 23, check: runAsUser }] },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { from: 19, check: seccompRestricted, overrides: ['seccompProfile_baseline'] },
      { from: 25, check: exceptWindows(seccompRestricted), overrides: ['seccompProfile_baseline'] },
    ],
  },
];

/** The newest policy version any check has: later versions (and `latest`) evaluate as this one. */
const newestVersion = Math.max(...checks.flatMap((check) => check.versions.map((revision) => revision.from)));

/** The revision of a check that applies at a minor version, if the check exists by then. */
function revisionAt(check: Check, minor: number) {
  let found: Check['versions'][number] | undefined;
  for (const revision of check.versions) if (revision.from <= minor) found = revision;
  return found;
}

/** What the pod breaks at this level and version: the failed checks' results, in the evaluator's order. */
export function evaluatePod(policy: LevelVersion, metadata: PodMetadata, spec: Json): CheckResult[] {
  if (policy.level === 'privileged') return [];
  const minor = policy.version === 'latest' ? newestVersion : Math.min(policy.version, newestVersion);
  const active = checks
    .filter((check) => policy.level === 'restricted' || check.level === 'baseline')
    .map((check) => ({ check, revision: revisionAt(check, minor) }))
    .filter((entry) => entry.revision !== undefined);
  const overridden = new Set(policy.level === 'restricted' ? active.flatMap((entry) => entry.revision!.overrides ?? []) : []);
  const results: CheckResult[] = [];
  for (const { check, revision } of active) {
    if (overridden.has(check.id)) continue;
    const result = revision!.check(metadata, spec);
    if (result) results.push(result);
  }
  return results;
}

/** `host ports (8080), privileged (...)`: each reason with its detail in parentheses (ForbiddenDetail). */
export function forbiddenDetail(results: CheckResult[]): string {
  return results.map((result) => (result.detail ? `${result.reason} (${result.detail})` : result.reason)).join(', ');
}

/** `host ports, privileged`: the reasons alone (ForbiddenReason), used for many pods at once. */
export function forbiddenReason(results: CheckResult[]): string {
  return results.map((result) => result.reason).join(', ');
}
