// The JSON text of stored objects, kept while the object is: the store replaces an object on every
// write (never changes it in place), so an object's identity stands for its version. Lists of
// many objects are then answered by joining texts instead of encoding every object again.
const texts = new WeakMap<object, string>();

export function cachedJson(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}
