// How kubectl reports failures. Every message here is printed to stderr exactly as written.

import { ApiError } from '../api/errors';

/** Ends the command with `message` on stderr (already in kubectl's wording) and the exit code. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** `error: <msg>` + `See 'kubectl get -h' for help and examples` (cmdutil.UsageErrorf). */
export function usageError(commandPath: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee '${commandPath} -h' for help and examples`);
}

/** `error: <msg>` (cmdutil.CheckErr on a plain error). */
export function plainError(message: string): KubectlError {
  return new KubectlError(`error: ${message}`);
}

/** How kubectl prints an API server error. */
export function formatApiError(error: ApiError): string {
  if (error.reason === 'Invalid') return error.message;
  return `Error from server (${error.reason}): ${error.message}`;
}

/** The same error with `error when creating "pod.yaml": ` in front, as -f commands print it. */
export function formatApiErrorForFile(error: ApiError, verb: string, source: string): string {
  if (error.reason === 'Invalid') return `${error.message}`;
  return `Error from server (${error.reason}): error when ${verb} "${source}": ${error.message}`;
}

export const noResourcesSpecified = [
  'error: You must provide one or more resources by argument or filename.',
  'Example resource specifications include:',
  "   '-f rsrc.yaml'",
  "   '--filename=rsrc.json'",
  "   '<resource> <name>'",
  "   '<resource>'",
].join('\n');
