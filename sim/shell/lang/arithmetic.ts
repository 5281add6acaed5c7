// $(( ... )): integer arithmetic with C precedence, variables by name, and assignment.

export class ArithmeticError extends Error {
  constructor(
    message: string,
    /** The expression the error is about when it is not the one evaluated (a variable's value). */
    readonly expression?: string,
  ) {
    super(message);
  }
}

/** bash's MAX_EXPR_RECURSION_LEVEL: nested parentheses, unary operators, assignments and variables holding expressions. */
export const expressionRecursionLimit = 1024;

export interface ArithmeticVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type TokenKind = 'num' | 'name' | 'op';
interface Token {
  kind: TokenKind;
  text: string;
}

const operatorList = ['<<=', '>>=', '**', '<=', '>=', '==', '!=', '&&', '||', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '++', '--', '+', '-', '*', '/', '%', '<', '>', '!', '~', '(', ')', '?', ':', '=', '&', '|', '^'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^(0x[0-9a-fA-F]+|[0-9]+)/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: 'num', text: number[1]! });
      i += number[1]!.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    const op = operatorList.find((o) => text.startsWith(o, i));
    if (!op) throw new ArithmeticError(`syntax error: invalid arithmetic operator (error token is "${text.slice(i)}")`);
    tokens.push({ kind: 'op', text: op });
    i += op.length;
  }
  return tokens;
}

const binaryPrecedence: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};

export function evaluateArithmetic(text: string, variables: ArithmeticVariables, outerDepth = 0): number {
  const tokens = tokenize(text);
  if (tokens.length === 0) return 0;
  let pos = 0;
  let depth = outerDepth;
  /** One level deeper; past bash's limit, its error at the token where it happened. */
  const deeper = <T>(evaluate: () => T): T => {
    if (++depth > expressionRecursionLimit) {
      const rest = tokens.slice(pos).map((t) => t.text).join('');
      throw new ArithmeticError(`expression recursion level exceeded (error token is "${rest}")`, text.trim());
    }
    try {
      return evaluate();
    } finally {
      depth--;
    }
  };
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (value: string): boolean => peek()?.kind === 'op' && peek()!.text === value;
  const valueOf = (name: string): number => {
    const raw = variables.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    const parsed = Number(raw.trim());
    if (Number.isFinite(parsed)) return Math.trunc(parsed);
    if (depth + 1 >= expressionRecursionLimit) throw new ArithmeticError(`expression recursion level exceeded (error token is "${name}")`, name);
    return evaluateArithmetic(raw, variables, depth + 1);
  };

  const assignment = (): number => {
    const token = peek();
    const after = tokens[pos + 1];
    if (token?.kind === 'name' && after?.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%='].includes(after.text)) {
      pos += 2;
      const right = deeper(assignment);
      const current = valueOf(token.text);
      const result = after.text === '=' ? right : binary(after.text.slice(0, -1), current, right);
      variables.set(token.text, String(result));
      return result;
    }
    return conditional();
  };

  const conditional = (): number => {
    const condition = binaryLevel(1);
    if (!isOp('?')) return condition;
    pos++;
    const whenTrue = assignment();
    if (!isOp(':')) throw new ArithmeticError('syntax error in expression');
    pos++;
    const whenFalse = assignment();
    return condition !== 0 ? whenTrue : whenFalse;
  };

  const binaryLevel = (minPrecedence: number): number => {
    let left = unary();
    for (;;) {
      const token = peek();
      if (token?.kind !== 'op') return left;
      const precedence = binaryPrecedence[token.text];
      if (precedence === undefined || precedence < minPrecedence) return left;
      pos++;
      const right = binaryLevel(token.text === '**' ? precedence : precedence + 1);
      left = binary(token.text, left, right);
    }
  };

  const unary = (): number => {
    const token = peek();
    if (!token) throw new ArithmeticError('syntax error: operand expected');
    if (token.kind === 'op') {
      if (token.text === '-' || token.text === '+' || token.text === '!' || token.text === '~') {
        pos++;
        const operand = deeper(unary);
        return token.text === '-' ? -operand : token.text === '+' ? operand : token.text === '!' ? Number(operand === 0) : ~operand;
      }
      if ((token.text === '++' || token.text === '--') && tokens[pos + 1]?.kind === 'name') {
        const name = tokens[pos + 1]!.text;
        pos += 2;
        const result = valueOf(name) + (token.text === '++' ? 1 : -1);
        variables.set(name, String(result));
        return result;
      }
      if (token.text === '(') {
        pos++;
        const inner = deeper(assignment);
        if (!isOp(')')) throw new ArithmeticError('syntax error: missing )');
        pos++;
        return inner;
      }
      throw new ArithmeticError(`syntax error: operand expected (error token is "${token.text}")`);
    }
    pos++;
    if (token.kind === 'num') return Number(token.text);
    if (isOp('++') || isOp('--')) {
      const old = valueOf(token.text);
      variables.set(token.text, String(old + (peek()!.text === '++' ? 1 : -1)));
      pos++;
      return old;
    }
    return valueOf(token.text);
  };

  const result = assignment();
  if (pos < tokens.length) throw new ArithmeticError(`syntax error in expression (error token is "${tokens.slice(pos).map((t) => t.text).join(' ')}")`);
  return result;
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new ArithmeticError('division by 0');
      return Math.trunc(a / b);
    case '%':
      if (b === 0) throw new ArithmeticError('division by 0');
      return a % b;
    case '**': return a ** b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '<': return Number(a < b);
    case '>': return Number(a > b);
    case '<=': return Number(a <= b);
    case '>=': return Number(a >= b);
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&&': return Number(a !== 0 && b !== 0);
    case '||': return Number(a !== 0 || b !== 0);
  }
  throw new ArithmeticError(`syntax error: invalid arithmetic operator (error token is "${op}")`);
}
