// Kubernetes' `$(VAR)` expansion in container command, args and env values
// (k8s.io/kubernetes third_party/forked/golang/expansion): `$(VAR)` becomes VAR's value when
// VAR is defined, stays as written when not; `$$` is an escaped `$`.

export function expandKubeletVars(text: string, lookup: (name: string) => string | undefined): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch !== '$' || i + 1 >= text.length) {
      result += ch;
      i++;
      continue;
    }
    const next = text[i + 1]!;
    if (next === '$') {
      result += '$';
      i += 2;
      continue;
    }
    if (next === '(') {
      const close = text.indexOf(')', i + 2);
      if (close < 0) {
        // An unclosed reference is kept as written.
        result += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, close);
      const value = name === '' ? undefined : lookup(name);
      result += value === undefined ? text.slice(i, close + 1) : value;
      i = close + 1;
      continue;
    }
    // `$` followed by anything else is kept with that character.
    result += ch + next;
    i += 2;
  }
  return result;
}
