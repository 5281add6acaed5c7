// What the API server does while converting a request body from v1 into its internal form, before
// defaults and validation: a Secret's `stringData` is a write-only convenience, folded into
// `data` (base64, overriding keys both name) and never stored.
import type { KubeObject } from './types';
import { base64Encode } from '../encoding/base64';

export function convertFromV1(obj: KubeObject): void {
  if (obj.kind === 'Secret' && obj.stringData && typeof obj.stringData === 'object') {
    const data: Record<string, string> = { ...(obj.data ?? {}) };
    for (const [key, value] of Object.entries(obj.stringData as Record<string, string>)) data[key] = base64Encode(String(value));
    obj.data = data;
    delete obj.stringData;
  }
}
