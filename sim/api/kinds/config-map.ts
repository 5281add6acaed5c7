// ConfigMap (core/v1).
import { defineKind } from './kind-record';
import { validateDataKeys } from '../validation/config-validation';
import { validateImmutableData } from '../validation/update-validation';

export const configMap = defineKind('ConfigMap', 'configmaps', 'v1', 'Namespaced', {
  shortNames: ['cm'],
  validate: validateDataKeys,
  validateUpdate: validateImmutableData,
});
