// Metadata structs shared by every kind.
import { field, type SchemaRegistry } from '../schema-types';

export const metaSchemas: SchemaRegistry = {
  ObjectMeta: {
    goPackage: 'v1',
    description: 'Identity and bookkeeping every stored object carries: its name, namespace, labels, annotations and owners.',
    fields: {
      annotations: field('map[string]string', 'Free-form key/value notes for tools and people; not used to select objects.'),
      creationTimestamp: field('Time', 'When the server created the object. Set by the system and read-only.'),
      deletionGracePeriodSeconds: field('int64', 'Seconds the object is given to terminate once deletion was requested. Set by the system.'),
      deletionTimestamp: field('Time', 'When the object will be removed; present once a delete was requested. Set by the system.'),
      finalizers: field('[]string', 'Names of pieces of work that must finish before the object is removed from storage.'),
      generateName: field('string', 'A prefix the server completes with random characters when no name is given.'),
      generation: field('int64', 'A number that goes up each time the desired state (spec) changes. Set by the system.'),
      labels: field('map[string]string', 'Key/value pairs used to organise objects and to select them (by Services, ReplicaSets and `-l`).'),
      managedFields: field('[]ManagedFieldsEntry', 'Which client owns which fields, for server-side apply. Mostly internal.'),
      name: field('string', 'The object name, unique per kind within a namespace. Cannot be changed.'),
      namespace: field('string', 'The namespace the object lives in; empty for cluster-wide kinds. Cannot be changed.'),
      ownerReferences: field('[]OwnerReference', 'The objects this one belongs to; when every owner is gone, the garbage collector deletes it.'),
      resourceVersion: field('string', 'An opaque version the server changes on every write, used for optimistic concurrency and watches.'),
      selfLink: field('string', 'Deprecated and no longer set.'),
      uid: field('string', 'A unique id the server assigns at creation; never reused.'),
    },
  },
  ManagedFieldsEntry: { goPackage: 'v1', description: 'One field manager and the fields it set.', fields: {}, open: true },
  OwnerReference: {
    goPackage: 'v1',
    description: 'Points to an owning object in the same namespace.',
    fields: {
      apiVersion: field('string', 'API version of the owner.', true),
      blockOwnerDeletion: field('bool', 'When true, a foreground delete of the owner waits for this object to go first.'),
      controller: field('bool', 'True for the single owner that manages this object.'),
      kind: field('string', 'Kind of the owner.', true),
      name: field('string', 'Name of the owner.', true),
      uid: field('string', 'UID of the owner.', true),
    },
  },
  LabelSelector: {
    goPackage: 'v1',
    description: 'Selects objects by labels. All conditions must hold; an empty selector matches everything.',
    fields: {
      matchExpressions: field('[]LabelSelectorRequirement', 'Conditions on label keys with the operators In, NotIn, Exists and DoesNotExist.'),
      matchLabels: field('map[string]string', 'Labels that must be present with exactly these values.'),
    },
  },
  LabelSelectorRequirement: {
    goPackage: 'v1',
    description: 'One condition of a label selector.',
    fields: {
      key: field('string', 'The label key the condition is about.', true),
      operator: field('string', 'How the key relates to the values: In, NotIn, Exists or DoesNotExist.', true),
      values: field('[]string', 'Values for In and NotIn; must be empty for Exists and DoesNotExist.'),
    },
  },
  ObjectReference: {
    goPackage: 'v1',
    description: 'A reference to another object.',
    fields: {
      apiVersion: field('string', 'API version of the referenced object.'),
      fieldPath: field('string', 'A part of the object, such as `spec.containers{nginx}`.'),
      kind: field('string', 'Kind of the referenced object.'),
      name: field('string', 'Name of the referenced object.'),
      namespace: field('string', 'Namespace of the referenced object.'),
      resourceVersion: field('string', 'The version of the object that was referenced.'),
      uid: field('string', 'UID of the referenced object.'),
    },
  },
  LocalObjectReference: {
    goPackage: 'v1',
    description: 'Names another object in the same namespace.',
    fields: { name: field('string', 'Name of the referenced object.') },
  },
  Open: { goPackage: 'v1', description: 'Free-form data.', fields: {}, open: true },
};
