import type { ProjectSummary } from '../../../../shared/project';
import type {
  KeysInspection,
  RecentProject,
  SourceInspection,
} from '../../../../shared/projectSetup';

/** A project as the engine summarises it once opened. */
export function sampleProject(overrides: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id: 'hello-1a2b3c4d',
    name: 'hello',
    projectFile: '/srv/releases/hello/project.json',
    repoPath: '/srv/src/hello',
    trustedSigners: [],
    tags: [{ name: 'v1.0.0', annotated: true }],
    rebuild: null,
    ci: null,
    aptProd: null,
    releaseKey: null,
    ...overrides,
  };
}

export const RECENT: RecentProject[] = [
  {
    projectFile: '/srv/releases/hello/project.json',
    id: 'hello-1a2b3c4d',
    name: 'hello',
    openedAt: '2026-12-01T10:00:00.000Z',
    available: true,
  },
  {
    projectFile: '/mnt/usb/old/project.json',
    id: 'old-99999999',
    name: 'old release',
    openedAt: '2026-11-01T10:00:00.000Z',
    available: false,
  },
];

/** What `setup:inspectSource` finds in a small Debian package's repository. */
export const SOURCE_INSPECTION: SourceInspection = {
  kind: 'local',
  location: '/srv/src/hello',
  tags: ['v1.0.0', 'v1.0.0-rc1'],
  suggestedName: 'hello',
  debian: { source: 'hello', version: '1.0.0', distribution: 'bookworm' },
  recipe: {
    base: { kind: 'bootstrap', suite: 'bookworm', packages: [] },
    preset: 'debian',
    artifacts: ['*.deb', '*.buildinfo', '*.changes'],
    env: {},
  },
  recipeNote: 'Base suite bookworm, from debian/changelog’s distribution.',
};

export const MAINTAINER_FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';

export const KEYS_INSPECTION: KeysInspection = {
  keys: [
    {
      fingerprint: MAINTAINER_FINGERPRINT,
      keyId: '89ABCDEF01234567',
      algorithm: 'ed25519',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: null,
      revoked: false,
      canSign: true,
      userIds: ['Dana Maintainer <dana@example.org>'],
      subkeys: [],
    },
  ],
};
