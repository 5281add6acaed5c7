// Remembering the results of pure functions that hot paths call with the same few texts (a
// quantity such as `8Gi`, an image name at every container start).

/**
 * `fn` remembered for the texts it was called with: its result must never be changed by callers.
 * Bounded, since texts may come from the learner: when full, it starts over.
 */
export function memoizeByText<T>(fn: (text: string) => T, limit = 1024): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    let result = results.get(text);
    if (result === undefined) {
      result = fn(text);
      if (results.size >= limit) results.clear();
      results.set(text, result);
    }
    return result;
  };
}
