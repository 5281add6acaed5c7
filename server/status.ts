// metav1.Status bodies, as the API server sends them for failures and some successes.
import type { ApiError, FieldError } from '../sim/api/errors';
import type { ResourceType } from '../sim/api/resources';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code: number;
}

/** field.ErrorType's text → metav1.CauseType. */
const causeTypes: Record<string, string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  'Duplicate value': 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  'Not found': 'FieldValueNotFound',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
  'Internal error': 'InternalError',
};

function cause(error: FieldError): { reason: string; message: string; field?: string } {
  // A cause that names no field (the eviction's DisruptionBudget) is its type and message alone.
  if (!error.field) return { reason: error.type, message: error.text };
  const prefix = `${error.field}: `;
  const message = error.text.startsWith(prefix) ? error.text.slice(prefix.length) : error.detail ? `${error.type}: ${error.detail}` : error.type;
  return { reason: causeTypes[error.type] ?? 'FieldValueInvalid', message, field: error.field };
}

/** The name a NotFound / AlreadyExists / Conflict message carries: `pods "x" not found`. */
function quotedName(message: string): string | undefined {
  const match = /"([^"]*)"/.exec(message);
  return match?.[1];
}

export function failureStatus(code: number, reason: string, message: string, details?: Record<string, unknown>): StatusBody {
  const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) body.details = details;
  return body;
}

/** The Status the API server sends for an ApiError raised by the simulated cluster. */
export function statusForApiError(error: ApiError, type?: ResourceType, name?: string): StatusBody {
  const details: Record<string, unknown> = {};
  const objectName = name ?? quotedName(error.message);
  if (['NotFound', 'AlreadyExists', 'Conflict', 'Invalid'].includes(error.reason) && type) {
    if (objectName !== undefined && !error.message.startsWith('the server could not find')) details.name = objectName;
    if (type.group) details.group = type.group;
    details.kind = error.reason === 'Invalid' ? type.kind : type.plural;
  }
  if (error.causes.length > 0) details.causes = error.causes.map(cause);
  if (error.message.startsWith('the server could not find the requested resource')) {
    return notFoundPath();
  }
  return failureStatus(error.code, error.reason, error.message, Object.keys(details).length > 0 ? details : undefined);
}

/** A path nothing is served at: kube-apiserver's not-found handler answers with empty details. */
export function notFoundPath(): StatusBody {
  return failureStatus(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function badRequestStatus(message: string): StatusBody {
  return failureStatus(400, 'BadRequest', message);
}

export function methodNotAllowed(): StatusBody {
  return failureStatus(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function unauthorized(): StatusBody {
  return failureStatus(401, 'Unauthorized', 'Unauthorized');
}

export function successStatus(type: ResourceType, name: string, uid?: string): StatusBody {
  const details: Record<string, unknown> = { name };
  if (type.group) details.group = type.group;
  details.kind = type.plural;
  if (uid) details.uid = uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}
