// API errors as the API server returns them (metav1.Status). kubectl decides how to print them:
// `Error from server (NotFound): pods "x" not found`, or for Invalid just the message
// `The Pod "x" is invalid: spec.containers[0].image: Required value`.

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'InternalError';

const codeFor: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  InternalError: 500,
};

/** One field problem, as in apimachinery's field.Error. */
export interface FieldError {
  /** `spec.containers[0].image` */
  field: string;
  /** `Required value`, `Invalid value`, `Unsupported value`, `Duplicate value`, `Forbidden`, `Not found` */
  type: string;
  /** Rendered detail, already in Kubernetes' wording (may be empty). */
  detail: string;
  /** The full rendered text, e.g. `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must ...` */
  text: string;
}

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly causes: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = codeFor[reason];
  }
}

export function notFound(plural: string, name: string, group = ''): ApiError {
  const resource = group ? `${plural}.${group}` : plural;
  return new ApiError('NotFound', `${resource} "${name}" not found`);
}

export function alreadyExists(plural: string, name: string, group = ''): ApiError {
  const resource = group ? `${plural}.${group}` : plural;
  return new ApiError('AlreadyExists', `${resource} "${name}" already exists`);
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * An Invalid (422) error; its message is what kubectl prints:
 * `The Pod "x" is invalid: spec.containers[0].image: Required value`, or `[a, b]` for several.
 */
export function invalidError(kind: string, name: string, errors: FieldError[]): ApiError {
  const texts = [...new Set(errors.map((e) => e.text))];
  const detail = texts.length === 0 ? '' : `: ${texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`}`;
  return new ApiError('Invalid', `The ${kind} ${JSON.stringify(name)} is invalid${detail}`, errors);
}

/** A BadRequest (400) error with the server's message. */
export function badRequest(message: string): ApiError {
  return new ApiError('BadRequest', message);
}
