// `kubectl create -f FILE` and its generator subcommands.

import type { Implementations } from '../command';
import { refusing } from './common';
import { createFromFiles } from './apply';

export const createCommands: Implementations = {
  create: { run: refusing(['edit', 'raw'], createFromFiles) },
};
