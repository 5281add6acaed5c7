// `kubectl create -f FILE` and its generator subcommands.

import type { CommandDef } from '../command';
import { createFileFlags, createFromFiles } from './apply';
import { createSubcommands } from './create-generators';

export const createCommand: CommandDef = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
  examples: `# Create a pod using the data in pod.json
kubectl create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | kubectl create -f -`,
  use: 'create -f FILENAME [options]',
  flags: createFileFlags,
  subcommands: createSubcommands,
  run: createFromFiles,
};
