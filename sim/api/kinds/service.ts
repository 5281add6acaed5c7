// Service (core/v1): pkg/registry/core/service/strategy.go.
import { defineKind } from './kind-record';
import { applyServiceDefaults } from '../defaults/core-defaults';
import { validateService } from '../validation/service-validation';
import { validateServiceUpdate } from '../validation/update-validation';
import { isDns1035Label } from '../validation/name-rules';

export const service = defineKind('Service', 'services', 'v1', 'Namespaced', {
  shortNames: ['svc'],
  categories: ['all'],
  subresources: ['status'],
  nameRule: isDns1035Label,
  defaults: applyServiceDefaults,
  validate: validateService,
  validateUpdate: validateServiceUpdate,
  patchTypes: { spec: 'ServiceSpec' },
});
