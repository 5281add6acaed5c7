// kubectl's command tree: the commands, aliases and flags of the captured kubectl 1.32 help, in
// its registration order (which is also the order cobra lists "Did you mean this?" suggestions
// in), joined with what the lab runs for each. A command without an implementation here says it
// is not available in this lab; its help still reads as kubectl's.

import { withFlagKind, type CommandDef, type Implementation, type Implementations } from '../command';
import { helpEntry, helpText, rootGroups } from '../help';
import { applyCommands } from './apply';
import { attachCommands } from './attach';
import { authCommands } from './auth';
import { configCommands } from './config';
import { cpCommands } from './cp';
import { createCommands } from './create';
import { createGeneratorsCommands } from './create-generators';
import { debugCommands } from './debug';
import { deleteCommands } from './delete';
import { describeCommands } from './describe';
import { diffCommands } from './diff';
import { editCommands } from './edit';
import { eventsCommands } from './events';
import { execCommands } from './exec';
import { explainCommands } from './explain';
import { exposeCommands } from './expose';
import { getCommands } from './get';
import { infoCommands } from './info';
import { kustomizeCommands } from './kustomize';
import { labelCommands } from './label';
import { logsCommands } from './logs';
import { nodesCommands } from './nodes';
import { patchCommands } from './patch';
import { portForwardCommands } from './port-forward';
import { rolloutCommands } from './rollout';
import { runCommands } from './run';
import { scaleCommands } from './scale';
import { autoscaleCommands } from './autoscale';
import { setCommands } from './set';
import { taintCommands } from './taint';
import { topCommands } from './top';
import { waitCommands } from './wait';

/** `kubectl options`: the flags every command accepts, with the cache directory under the learner's home. */
const optionsCommands: Implementations = {
  options: {
    run: (inv) => {
      const home = inv.ctx.env.get('HOME') ?? '/root';
      inv.out((helpText('kubectl options output') ?? '').replace("--cache-dir='/root/.kube/cache'", `--cache-dir='${home}/.kube/cache'`));
      return 0;
    },
  },
};

const implementations: Implementations = {
  ...applyCommands,
  ...attachCommands,
  ...authCommands,
  ...configCommands,
  ...cpCommands,
  ...createCommands,
  ...createGeneratorsCommands,
  ...debugCommands,
  ...deleteCommands,
  ...describeCommands,
  ...diffCommands,
  ...editCommands,
  ...eventsCommands,
  ...execCommands,
  ...explainCommands,
  ...exposeCommands,
  ...getCommands,
  ...infoCommands,
  ...kustomizeCommands,
  ...labelCommands,
  ...logsCommands,
  ...nodesCommands,
  ...optionsCommands,
  ...patchCommands,
  ...portForwardCommands,
  ...rolloutCommands,
  ...runCommands,
  ...scaleCommands,
  ...autoscaleCommands,
  ...setCommands,
  ...taintCommands,
  ...topCommands,
  ...waitCommands,
};

function build(path: string, short: string): CommandDef {
  const entry = helpEntry(`kubectl ${path}`);
  if (!entry) throw new Error(`no captured help for kubectl ${path}`);
  const implementation: Implementation | undefined = implementations[path];
  return {
    name: path.split(' ').pop()!,
    path: `kubectl ${path}`,
    aliases: entry.aliases,
    short,
    use: entry.usage,
    flags: entry.flags.map(withFlagKind),
    subcommands: entry.subcommands.map((sub) => build(`${path} ${sub.name}`, sub.short)),
    ...(implementation ? { implementation } : {}),
  };
}

let tree: CommandDef[] | undefined;

/** The lab's kubectl command tree, built once. */
export function allCommands(): CommandDef[] {
  tree ??= [
    ...rootGroups().flatMap((group) => group.commands.map((c) => build(c.name, c.short))),
    { ...build('options', 'Print the list of flags inherited by all commands'), hidden: true },
  ];
  return tree;
}
