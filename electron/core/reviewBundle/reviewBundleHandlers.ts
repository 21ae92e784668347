import { readFile } from 'node:fs/promises';
import { CountersignError } from '../../../shared/errors';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { releaseFolder } from '../lib/project/releaseFolder';
import { importDecisions } from './importDecisions';

/** Reads a decisions file named by path, refusing what cannot be read with a sentence. */
async function decisionsText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `Countersign cannot read ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}.`,
      'Check the path of the decisions file the reviewer sent.',
    );
  }
}

/** `review:importDecisions`: a reviewer's decisions from another machine into the open project's release. */
export function createReviewBundleHandlers({
  open,
}: Pick<ProjectContext, 'open'>): ChannelHandlers<'review:importDecisions'> {
  return {
    'review:importDecisions': async ({ tag, file, content }) => {
      if ((file === undefined) === (content === undefined)) {
        throw new CountersignError(
          'INVALID_REQUEST',
          'Give the decisions file by its path or its base64 content, one of the two.',
        );
      }
      const text =
        file !== undefined
          ? await decisionsText(file)
          : Buffer.from(content ?? '', 'base64').toString('utf8');
      const project = await open();
      return importDecisions(await releaseFolder(project, tag), project, tag, text);
    },
  };
}
