// Core (v1) kinds the server stores with no rules beyond metadata: no defaults, no spec
// validation, no subresources.
import { defineKind } from './kind-record';

/** Only the pods/binding subresource's body; `create` is its one verb. */
export const binding = defineKind('Binding', 'bindings', 'v1', 'Namespaced', { verbs: ['create'] });

export const endpoints = defineKind('Endpoints', 'endpoints', 'v1', 'Namespaced', { shortNames: ['ep'], singular: 'endpoints' });

export const event = defineKind('Event', 'events', 'v1', 'Namespaced', { shortNames: ['ev'] });

export const serviceAccount = defineKind('ServiceAccount', 'serviceaccounts', 'v1', 'Namespaced', { shortNames: ['sa'] });
