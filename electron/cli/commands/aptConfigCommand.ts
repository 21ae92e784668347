import { loadProject } from '../../core/project/index';
import { aptProdRootOf } from '../../core/promote/index';
import { aptClientConfig } from '../../core/rebuilderLinks/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { safeForTerminal } from '../terminalText';

export const aptConfigUsage =
  'countersign apt-config --project FILE [--json]\n' +
  '  Prints what a user installs so that Debian\u2019s apt, with apt-transport-in-toto, installs a package\n' +
  '  from apt-prod only when the project\u2019s rebuilders vouch for its bytes: the intoto:// sources line,\n' +
  '  the APT::Intoto block, the release key and the layout, and the commands to run (docs/apt-in-toto.md).';

/** `countersign apt-config`: the client side of apt-transport-in-toto, for apt-prod. */
export async function aptConfigCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    { project: { type: 'string' }, json: { type: 'boolean' } },
    aptConfigUsage,
  );
  const project = await loadProject(requireOption(values.project, 'project', aptConfigUsage));
  const config = await aptClientConfig(project, aptProdRootOf(project));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return EXIT.ok;
  }
  const out = [
    `# apt-transport-in-toto for ${safeForTerminal(project.config.name)}: apt installs a package only when`,
    `# ${config.threshold} of these rebuilders vouch for its bytes:`,
    ...config.rebuilders.map(
      (one) => `#   ${safeForTerminal(one.name)} ${one.fingerprint} ${safeForTerminal(one.url)}`,
    ),
    '# As root: apt-get install apt-transport-in-toto gnupg',
    '',
  ];
  const fetched = config.files.filter((file) => file.url);
  for (const file of config.files.filter((one) => !one.url)) {
    out.push(`# ${file.path} (mode ${file.mode.toString(8)})`, file.content.trimEnd(), '');
  }
  out.push(
    '# Then, as root: the release key and the layout it signs, from apt-prod, and the key checked',
    ...config.downloads,
    `gpg --show-keys --with-fingerprint ${fetched[0]?.path ?? ''}   # must show ${config.releaseKeyFingerprint}`,
    ...config.commands,
    '',
    `# The layout is signed again at every promotion and expires: fetch it again from ${safeForTerminal(config.layoutUrl)}.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}
