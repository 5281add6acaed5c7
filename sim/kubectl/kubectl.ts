// The `kubectl` command: finds the (sub)command the way cobra does, parses its flags, runs it,
// and turns every failure into the text real kubectl prints.

import { isApiError } from '../api/errors';
import { fieldManagerOf, withFieldManager } from './field-manager';
import { Interrupt, type CommandContext, type CommandImpl, type Program, type Wait, type Wake } from '../process';
import { globalFlags, renderHelp, renderRootHelp, suggestCommands, type CommandDef, type Invocation, type KubectlDeps } from './command';
import { FlagError, Flags, parseFlags, type FlagSpec } from './flags';
import { formatApiError, KubectlError } from './errors';
import { PrintError } from './output';
import { allCommands } from './commands';
import { klogPrefix } from './klog';
import { printingWarnings } from './warnings';
import type { Kubeconfig } from '../contexts';

export { klogPrefix } from './klog';

export type { KubectlDeps } from './command';

export function createKubectl(deps: KubectlDeps): CommandImpl {
  let contextNamespace: string | undefined;
  const withState: KubectlDeps = {
    ...deps,
    namespace: () => {
      const kubeconfig = deps.kubeconfig?.();
      if (kubeconfig) return namespaceOf(kubeconfig, kubeconfig.currentContext());
      return contextNamespace ?? deps.namespace?.() ?? 'default';
    },
    setNamespace: (ns) => {
      const kubeconfig = deps.kubeconfig?.();
      if (kubeconfig) kubeconfig.setNamespace(kubeconfig.currentContext(), ns);
      else contextNamespace = ns;
      deps.setNamespace?.(ns);
    },
  };
  const commands = allCommands();
  return (ctx) => runKubectl(ctx, withState, commands);
}

function namespaceOf(kubeconfig: Kubeconfig, context: string): string {
  return kubeconfig.contexts().find((item) => item.name === context)?.namespace || 'default';
}

/** `--context NAME` for one command: that context's cluster and namespace; undefined for an unknown context. */
function depsForContext(deps: KubectlDeps, context: string): KubectlDeps | undefined {
  const kubeconfig = deps.kubeconfig?.();
  if (!kubeconfig) return deps;
  const api = kubeconfig.api(context);
  if (!api) return undefined;
  return { ...deps, api, namespace: () => namespaceOf(kubeconfig, context), setNamespace: (ns) => kubeconfig.setNamespace(context, ns) };
}

function findCommand(name: string, list: CommandDef[] | undefined): CommandDef | undefined {
  return list?.find((c) => c.name === name || c.aliases?.includes(name));
}

function takesValue(token: string, specs: FlagSpec[]): boolean {
  if (token.includes('=')) return false;
  if (token.startsWith('--')) {
    const spec = specs.find((s) => s.name === token.slice(2));
    return !!spec && spec.type !== 'bool' && spec.noOptDefault === undefined;
  }
  if (token.length === 2) {
    const spec = specs.find((s) => s.shorthand === token[1]);
    return !!spec && spec.type !== 'bool' && spec.noOptDefault === undefined;
  }
  return false;
}

function runKubectl(ctx: CommandContext, deps: KubectlDeps, commands: CommandDef[]): Program | number {
  const out = (text: string) => ctx.io.stdout(text);
  const err = (text: string) => ctx.io.stderr(text);
  const rest = ctx.argv.slice(1);
  if (rest.length === 0) {
    out(renderRootHelp());
    return 0;
  }

  // Walk down the command tree over the words that are not flags.
  let command: CommandDef | undefined;
  let children: CommandDef[] | undefined = commands;
  let path = 'kubectl';
  const remaining = [...rest];
  for (let i = 0; i < remaining.length; i++) {
    const token = remaining[i];
    if (token === '--') break;
    if (token.startsWith('-') && token.length > 1) {
      if (takesValue(token, [...globalFlags, ...(command?.flags ?? [])])) i++;
      continue;
    }
    const next = findCommand(token, children);
    if (!next) {
      if (!command) {
        if (token === 'help') {
          out(renderRootHelp());
          return 0;
        }
        const suggestions = suggestCommands(token, commands);
        let text = `Error: unknown command "${token}" for "kubectl"\n`;
        if (suggestions.length) text += `\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}\n`;
        err(text);
        return 1;
      }
      break;
    }
    command = next;
    path += ` ${next.name}`;
    children = next.subcommands;
    remaining.splice(i, 1);
    i--;
    if (children.length === 0) break;
  }
  if (!command) {
    // Only flags: `kubectl --help`, `kubectl -n x`.
    out(renderRootHelp());
    return 0;
  }

  const specs = [...command.flags, ...globalFlags.filter((g) => !command!.flags.some((f) => f.name === g.name))];
  let parsed;
  try {
    parsed = parseFlags(remaining, specs);
  } catch (error) {
    if (error instanceof FlagError) {
      err(`Error: ${error.message}\nSee '${path} --help' for usage.\n`);
      return 1;
    }
    throw error;
  }
  const implementation = command.implementation;
  const group = command.subcommands.length > 0;
  if (!implementation && group && !parsed.help && parsed.positional.length > 0) {
    err(`error: unknown command "${parsed.positional[0]}"\nSee '${path} -h' for help and examples\n`);
    return 1;
  }
  if (parsed.help || (!implementation && group)) {
    out(renderHelp(command));
    return 0;
  }
  if (!implementation) {
    err(`error: "${path}" is not available in this lab\n`);
    return 1;
  }
  const missing = (implementation.required ?? []).filter((name) => !parsed.given.has(name));
  if (missing.length) {
    const detail = `required flag(s) "${missing.join('", "')}" not set`;
    err(`${klogPrefix(ctx.now())} run.go:72] "command failed" err=${JSON.stringify(detail)}\n`);
    return 1;
  }

  const flags = new Flags(specs, parsed.given);
  // `kubectl config` edits the kubeconfig itself: --context does not pick a cluster for it.
  const context = flags.has('context') ? flags.string('context') : '';
  if (context !== '' && !path.startsWith('kubectl config')) {
    const chosen = depsForContext(deps, context);
    if (!chosen) {
      err(`Error in configuration: context was not found for specified context: ${context}\n`);
      return 1;
    }
    deps = chosen;
  }
  const namespaceGiven = flags.has('namespace') && flags.string('namespace') !== '';
  const manager = fieldManagerOf(flags, command.flags.some((flag) => flag.name === 'field-manager'));
  const inv: Invocation = {
    commandPath: path,
    args: parsed.positional,
    dashAt: parsed.dashAt,
    flags,
    ctx,
    deps: { ...deps, api: printingWarnings(withFieldManager(deps.api, manager), err) },
    namespace: namespaceGiven ? flags.string('namespace') : deps.namespace?.() ?? 'default',
    namespaceGiven,
    out,
    err,
  };
  try {
    const result = implementation.run(inv);
    if (typeof result === 'number') return result;
    return guarded(result, err);
  } catch (error) {
    return report(error, err);
  }
}

function report(error: unknown, err: (text: string) => void): number {
  if (error instanceof KubectlError) {
    if (error.message) err(error.message.endsWith('\n') ? error.message : `${error.message}\n`);
    return error.exitCode;
  }
  if (isApiError(error)) {
    err(`${formatApiError(error)}\n`);
    return 1;
  }
  if (error instanceof PrintError) {
    err(`${error.message}\n`);
    return 1;
  }
  if (error instanceof Interrupt) return 130;
  err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/** Runs a waiting command, reporting its failures like any other and ending quietly on Ctrl-C. */
function* guarded(program: Program, err: (text: string) => void): Program {
  let input: { wake: Wake | undefined } | { error: unknown } = { wake: undefined };
  for (;;) {
    let step: IteratorResult<Wait, number>;
    try {
      step = 'error' in input ? program.throw(input.error) : program.next(input.wake);
    } catch (error) {
      return report(error, err);
    }
    if (step.done) return step.value;
    try {
      input = { wake: yield step.value };
    } catch (error) {
      input = { error };
    }
  }
}
