import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { parseReleaseFile } from '../lib/apt/releaseFile';
import type { LoadedProject } from '../lib/project/projectStore';
import { APT_LAYOUT_FILE, APT_LAYOUT_KEY_FILE } from './publishRebuilderTree';
import { APT_IN_TOTO_FOLDER, PUBLISHED_REBUILDERS_FOLDER } from './rebuilderTree';

/** One file a user installs, where, and with which mode. */
export interface AptClientFile {
  path: string;
  content: string;
  mode: number;
  /** Where apt-prod serves it, for a file the user downloads rather than types. */
  url?: string;
}

/** What `countersign apt-config` prints: everything a user installs to let apt judge our packages. */
export interface AptClientConfig {
  sourcesLine: string;
  /** The APT::Intoto block, never with NoFail (Debian's default turns it on). */
  aptConf: string;
  files: AptClientFile[];
  /** Run as root: fetch the files apt-prod serves (the key, the layout) with apt's own helper. */
  downloads: string[];
  /** Run as root after the files are in place: the layout key into its own GnuPG home. */
  commands: string[];
  releaseKeyFingerprint: string;
  rebuilders: { name: string; fingerprint: string; url: string }[];
  layoutUrl: string;
  threshold: number;
}

/**
 * Named to sort after the package's `intoto`, which apt reads first: this
 * file's `#clear` then empties what that one set.
 */
const APT_CONF_FILE = '/etc/apt/apt.conf.d/intoto-countersign';

const joinUrl = (base: string, ...parts: string[]) =>
  `${base.replace(/\/+$/, '')}/${parts.join('/')}`;

/** The suite apt-prod serves and its components, from its Release. */
async function servedSuite(root: string): Promise<{ suite: string; components: string[] }> {
  const dists = join(root, 'dists');
  for (const name of (await readdir(dists).catch(() => [] as string[])).sort()) {
    const text = await readFile(join(dists, name, 'Release'), 'utf8').catch(() => null);
    if (text === null) continue;
    const release = parseReleaseFile(text);
    return { suite: name, components: release.components };
  }
  throw new CountersignError(
    'NOTHING_PROMOTED',
    'apt-prod serves nothing yet, so there is nothing for apt to install.',
    'Promote a release first.',
  );
}

/**
 * The configuration a user installs so that Debian's own apt, through
 * apt-transport-in-toto, installs a package from apt-prod only when the
 * project's rebuilders (threshold of them, agreeing) vouch for its bytes:
 * the `intoto://` sources line, the APT::Intoto block (Rebuilders, Layout,
 * Keyids, GPGHomedir — never NoFail, which would install packages whose
 * links are missing), the release key for apt's signed-by and the layout.
 */
export async function aptClientConfig(
  project: LoadedProject,
  aptProdRoot: string,
): Promise<AptClientConfig> {
  const { config } = project;
  const policy = config.rebuilders;
  const url = config.aptProd?.url;
  if (!policy || !url) {
    throw new CountersignError(
      'INVALID_PROJECT',
      !policy
        ? `Project ${config.name} pins no rebuilders, so apt has no rebuild links to check.`
        : `Project ${config.name} does not say where apt-prod is served (aptProd.url).`,
      'Add rebuilders (names, fingerprints, public keys, threshold) and aptProd.url to project.json, then promote.',
    );
  }
  const inToto = join(aptProdRoot, APT_IN_TOTO_FOLDER);
  const layout = await readFile(join(inToto, APT_LAYOUT_FILE), 'utf8').catch(() => null);
  const key = await readFile(join(inToto, APT_LAYOUT_KEY_FILE), 'utf8').catch(() => null);
  const fingerprint = config.releaseKey?.fingerprint;
  if (layout === null || key === null || !fingerprint) {
    throw new CountersignError(
      'NOTHING_PROMOTED',
      `apt-prod holds no layout for apt-transport-in-toto yet (${join(inToto, APT_LAYOUT_FILE)}).`,
      'Promote a release with rebuilders pinned in project.json: the promotion publishes it.',
    );
  }
  const { suite, components } = await servedSuite(aptProdRoot);
  const dir = `/etc/countersign/${project.id}`;
  const keyring = `/etc/apt/keyrings/${project.id}.asc`;
  const gpgHome = `${dir}/gnupg`;
  const rebuilders = policy.rebuilders
    .filter((one) => !one.revoked)
    .map((one) => ({
      name: one.name,
      fingerprint: one.fingerprint,
      url:
        one.url ??
        joinUrl(
          url,
          APT_IN_TOTO_FOLDER,
          PUBLISHED_REBUILDERS_FOLDER,
          one.fingerprint.slice(0, 8).toLowerCase(),
        ),
    }));
  const sourcesLine = `deb [signed-by=${keyring}] ${url.replace(/^https?:\/\//i, 'intoto://')} ${suite} ${components.join(' ')}`;
  // Every item as a list: the method reads `APT::Intoto::<Name>::=<value>` and nothing else.
  // `#clear` first: the package's own /etc/apt/apt.conf.d/intoto (read before this file)
  // names public rebuilders, another layout and key, and NoFail, which installs a package
  // whose links are missing.
  const aptConf = [
    '#clear APT::Intoto;',
    'APT::Intoto {',
    '  Rebuilders {',
    ...rebuilders.map((one) => `    "${one.url}";`),
    '  };',
    `  GPGHomedir { "${gpgHome}"; };`,
    `  Layout { "${dir}/${APT_LAYOUT_FILE}"; };`,
    `  Keyids { "${fingerprint}"; };`,
    '};',
    '',
  ].join('\n');
  return {
    sourcesLine,
    aptConf,
    files: [
      {
        path: `/etc/apt/sources.list.d/${project.id}.list`,
        content: `${sourcesLine}\n`,
        mode: 0o644,
      },
      {
        path: APT_CONF_FILE,
        content: aptConf,
        mode: 0o644,
      },
      {
        path: keyring,
        content: key,
        mode: 0o644,
        url: joinUrl(url, APT_IN_TOTO_FOLDER, APT_LAYOUT_KEY_FILE),
      },
      {
        path: `${dir}/${APT_LAYOUT_FILE}`,
        content: layout,
        mode: 0o644,
        url: joinUrl(url, APT_IN_TOTO_FOLDER, APT_LAYOUT_FILE),
      },
    ],
    downloads: [
      `install -d -m 0755 /etc/apt/keyrings ${dir}`,
      // Fetched into /tmp, which apt's sandbox user may write, then put in place by root.
      ...[keyring, `${dir}/${APT_LAYOUT_FILE}`].map((path, index) => {
        const name = index === 0 ? APT_LAYOUT_KEY_FILE : APT_LAYOUT_FILE;
        const scratch = `/tmp/${project.id}-${name}`;
        return `/usr/lib/apt/apt-helper download-file ${joinUrl(url, APT_IN_TOTO_FOLDER, name)} ${scratch} && install -m 0644 ${scratch} ${path}`;
      }),
    ],
    commands: [
      `install -d -m 0700 ${gpgHome}`,
      `gpg --batch --quiet --homedir ${gpgHome} --import ${keyring}`,
    ],
    releaseKeyFingerprint: fingerprint,
    rebuilders,
    layoutUrl: joinUrl(url, APT_IN_TOTO_FOLDER, APT_LAYOUT_FILE),
    threshold: policy.threshold,
  };
}
