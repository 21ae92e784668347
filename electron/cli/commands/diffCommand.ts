import { CountersignError } from '../../../shared/errors';
import type { DifferenceNode } from '../../../shared/review';
import { explainPair } from '../../core/review/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { interruptSignal } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';

export const diffUsage =
  'countersign diff --ci FILE --local FILE [--time-limit SECONDS] [--json]\n' +
  '  Runs diffoscope on the pair and prints its tree of differences: exit 0 identical, 1 different.';

function printTree(nodes: DifferenceNode[], diffs: Map<string, string>): void {
  const lines: string[] = [];
  for (const node of nodes) {
    const indent = '  '.repeat(node.depth);
    const name = node.source1 === node.source2 ? node.source1 : `${node.source1} ≠ ${node.source2}`;
    const mark = !node.decidable ? '▸' : node.explainedBy ? '·' : '✘';
    lines.push(`${indent}${mark} ${safeForTerminal(name)}`);
    for (const comment of node.comments) lines.push(`${indent}    # ${safeForTerminal(comment)}`);
    if (node.explainedBy) {
      lines.push(`${indent}    (follows from ${node.explainedBy.map(safeForTerminal).join(', ')})`);
    }
    const diff = diffs.get(node.id);
    if (diff) {
      for (const line of diff.trimEnd().split('\n'))
        lines.push(`${indent}    ${safeForTerminal(line)}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `countersign diff`: step 4's explanation of one pair, without a review folder. */
export async function diffCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      ci: { type: 'string' },
      local: { type: 'string' },
      'time-limit': { type: 'string' },
      json: { type: 'boolean' },
    },
    diffUsage,
  );
  const ci = requireOption(values.ci, 'ci', diffUsage);
  const local = requireOption(values.local, 'local', diffUsage);
  const limit = values['time-limit'] === undefined ? undefined : Number(values['time-limit']);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new CountersignError(
      'INVALID_REQUEST',
      '--time-limit takes whole seconds.',
      `Usage: ${diffUsage}`,
    );
  }
  const interrupt = interruptSignal();
  try {
    const { diffoscopeVersion: version, tree } = await explainPair(ci, local, {
      signal: interrupt.signal,
      ...(limit ? { timeLimitSeconds: limit } : {}),
    });
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            identical: tree === null,
            diffoscopeVersion: version,
            nodes: (tree?.nodes ?? []).map((node) => ({
              ...node,
              diff: tree?.diffs.get(node.id) ?? null,
            })),
          },
          null,
          2,
        )}\n`,
      );
    } else if (tree) {
      printTree(tree.nodes, tree.diffs);
      const count = tree.nodes.filter((node) => node.decidable && !node.explainedBy).length;
      process.stdout.write(`✘ ${count} difference(s) (${version})\n`);
    } else {
      process.stdout.write(`✔ identical (${version})\n`);
    }
    return tree ? EXIT.refused : EXIT.ok;
  } finally {
    interrupt.release();
  }
}
