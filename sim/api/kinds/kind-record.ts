// The shape of a kind's record: everything the API server and kubectl need to know about one
// kind, in one place (as a Kubernetes kind keeps its registry strategy in one package).
import type { ApiError, FieldError } from '../errors';
import type { KubeObject } from '../types';
import type { SchemaRegistry } from '../schema-types';
import { isDns1123Subdomain } from '../validation/name-rules';

/** A served resource as discovery (`kubectl api-resources`) reports it. */
export interface ResourceType {
  /** Plural resource name, as in URLs and `kubectl get <plural>`. */
  plural: string;
  singular: string;
  kind: string;
  /** API group; '' is the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Discovery categories: `all` makes the kind part of `kubectl get all`. */
  categories?: string[];
}

export interface AdmissionDeps {
  /** `n` characters from apimachinery's random alphabet (the kube-api-access-<5> suffix). */
  randomSuffix(n: number): string;
  /** The stored objects of a kind in a namespace, for plugins that read policy objects (LimitRanges, ResourceQuotas). */
  list?(kind: string, namespace: string): KubeObject[];
}

export interface KindRecord<Kind extends string = string> {
  resource: ResourceType & { kind: Kind };
  /** Subresources served beside the object, as discovery lists them (`status`, `scale`, `log`...). */
  subresources: string[];
  /** The strategy tracks metadata.generation: it starts at 1 and grows with every change of spec. */
  generation: boolean;
  /** The create strategy clears the status a client sent (controllers own it). */
  resetStatusOnCreate: boolean;
  /** Controllers look these objects up by their controlling owner (see SimApiServer.listByController). */
  indexedByController: boolean;
  /** Served from live data (metrics.k8s.io), never stored. */
  computed: boolean;
  /** The rule its names follow: a DNS subdomain unless the kind says otherwise (Services: a DNS-1035 label). */
  nameRule: (name: string) => string[];
  /**
   * Other versions the kind is written and read in (`autoscaling/v1`): the conversion of an object
   * in that version into the served one (in place, before decoding), and back (a new object).
   */
  otherVersions?: Record<string, { toServed(obj: KubeObject): void; fromServed(obj: KubeObject): KubeObject }>;
  /** SetDefaults_<Kind>: fills in defaults in place when the server decodes an object. */
  defaults?(obj: KubeObject): void;
  /** The strategy's PrepareForCreate and the admission plugins that touch this kind, after defaulting; a Forbidden error when a mutating plugin refuses the object. */
  admit?(obj: KubeObject, deps: AdmissionDeps): ApiError | void;
  /** Validating admission on create, after validation: a Forbidden error when a policy refuses the object. */
  validateAdmission?(obj: KubeObject, deps: AdmissionDeps): ApiError | undefined;
  /** Validate<Kind> on create and update (metadata is checked for every kind). */
  validate?(obj: KubeObject): FieldError[];
  /** What may not change on update, besides the create rules. */
  validateUpdate?(newObj: KubeObject, oldObj: KubeObject): FieldError[];
  /** Validating admission on update, after validation: a Forbidden error when a plugin refuses the change. */
  validateUpdateAdmission?(newObj: KubeObject, oldObj: KubeObject, deps: Pick<AdmissionDeps, 'list'>): ApiError | undefined;
  /** Strategic merge patch: the schema type of each top-level field that holds lists with merge keys. */
  patchTypes: Record<string, string>;
  /** The struct schemas of the kind and its own types (strict decoding, `kubectl explain`). */
  schema: SchemaRegistry;
}

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type KindOptions = Partial<Omit<KindRecord, 'resource'>> & {
  shortNames?: string[];
  verbs?: string[];
  categories?: string[];
  /** Defaults to the lower-cased kind. */
  singular?: string;
};

/**
 * A kind's record, from its names and the rules that differ from the defaults: no subresources,
 * no generation, every verb, no defaults, admission or validation beyond metadata.
 */
export function defineKind<Kind extends string>(kind: Kind, plural: string, groupVersion: string, scope: 'Namespaced' | 'Cluster', options: KindOptions = {}): KindRecord<Kind> {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  const { shortNames = [], verbs = allVerbs, categories = [], singular = kind.toLowerCase(), ...rules } = options;
  return {
    resource: { plural, singular, kind, group, version, namespaced: scope === 'Namespaced', shortNames, verbs, categories },
    subresources: [],
    generation: false,
    resetStatusOnCreate: false,
    indexedByController: false,
    computed: false,
    nameRule: isDns1123Subdomain,
    patchTypes: {},
    schema: {},
    ...rules,
  };
}
