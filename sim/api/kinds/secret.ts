// Secret (core/v1).
import { defineKind } from './kind-record';
import { applySecretDefaults } from '../defaults/core-defaults';
import { validateDataKeys } from '../validation/config-validation';
import { validateImmutableData } from '../validation/update-validation';

export const secret = defineKind('Secret', 'secrets', 'v1', 'Namespaced', {
  defaults: applySecretDefaults,
  validate: validateDataKeys,
  validateUpdate: validateImmutableData,
});
