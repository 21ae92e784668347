import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { attestRebuild } from './attestRebuild';
import { currentRebuilderKey, importRebuilderKey } from './rebuilderKey';

/** The window's rebuilder: this machine's key, and vouching for what its rebuild reproduced. */
export function createRebuilderHandlers({
  open,
}: Pick<ProjectContext, 'open'>): ChannelHandlers<
  'rebuilder:current' | 'rebuilder:importKey' | 'rebuild:attest'
> {
  return {
    'rebuilder:current': async () => currentRebuilderKey(await open().catch(() => null)),
    'rebuilder:importKey': async ({ key }) =>
      importRebuilderKey(key, await open().catch(() => null)),
    'rebuild:attest': async ({ tag, passphrase }) =>
      attestRebuild(await open(), { tag, passphrase }),
  };
}
