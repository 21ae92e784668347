import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { OpenedBundleView } from '../../../shared/reviewBundle';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import type { ProjectSession } from '../lib/project/projectSession';
import { releaseFolder } from '../lib/project/releaseFolder';
import { bundleStandIn, openedBundleView } from './bundleStandIn';
import { writeDecisionsFile } from './decisionsFile';
import { importDecisions } from './importDecisions';
import { openReviewBundle } from './openBundle';

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

const NO_BUNDLE = () =>
  new CountersignError(
    'INVALID_REQUEST',
    'No review bundle is open.',
    'Open one on the start screen: Open review bundle…',
  );

/**
 * Review from another machine in the window: a reviewer opens a bundle in
 * place of a project, decides in the Review step with their own key, and
 * writes their decisions as one signed file; the release manager imports it
 * (`review:importDecisions`) into the open project's release.
 */
export function createReviewBundleHandlers(
  session: ProjectSession,
  { open }: Pick<ProjectContext, 'open'>,
): ChannelHandlers<
  | 'review:importDecisions'
  | 'bundle:open'
  | 'bundle:current'
  | 'bundle:close'
  | 'bundle:writeDecisions'
> {
  let shown: OpenedBundleView | null = null;
  // What the window shows is the session's bundle, unless a project was opened since.
  const current = () =>
    shown && session.openedBundle?.openedBundle?.reviewDir === shown.reviewDir ? shown : null;

  return {
    'review:importDecisions': async ({ tag, file, content }) => {
      if ((file === undefined) === (content === undefined)) {
        throw new CountersignError(
          'INVALID_REQUEST',
          'Give the decisions file by its path or its base64 content, one of the two.',
        );
      }
      const project = await open();
      if (project.openedBundle) {
        throw new CountersignError(
          'INVALID_REQUEST',
          'Decisions are imported into the project the bundle was exported from, not into a bundle.',
          'Send the decisions file to the release manager.',
        );
      }
      const text =
        file !== undefined
          ? await decisionsText(file)
          : Buffer.from(content ?? '', 'base64').toString('utf8');
      return importDecisions(await releaseFolder(project, tag), project, tag, text);
    },
    'bundle:open': async ({ file }) => {
      const bundleFile = resolve(file);
      const opened = await openReviewBundle(bundleFile);
      session.useBundle(await bundleStandIn(opened));
      shown = openedBundleView(bundleFile, opened);
      return shown;
    },
    'bundle:current': () => Promise.resolve(current()),
    'bundle:close': () => {
      session.closeBundle();
      shown = null;
      return Promise.resolve({});
    },
    'bundle:writeDecisions': async ({ out, passphrase }) => {
      const opened = current();
      if (!opened) throw NO_BUNDLE();
      return writeDecisionsFile(opened.reviewDir, resolve(out), passphrase);
    },
  };
}
