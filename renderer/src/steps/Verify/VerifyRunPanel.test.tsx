import { screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ProjectSummary } from '../../../../shared/project';
import { useReleaseStore } from '../../stores/releaseStore';
import { render } from '../../testing/render';
import { useVerifyStore } from './verifyStore';
import { VerifyRunPanel } from './VerifyRunPanel';

const FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';
const PUBLIC_KEY =
  '-----BEGIN PGP PUBLIC KEY BLOCK-----\nxjMEZ…\n-----END PGP PUBLIC KEY BLOCK-----';

function project(withReleaseKey: boolean): ProjectSummary {
  return {
    id: 'hello-1a2b3c4d',
    name: 'hello',
    projectFile: '/srv/releases/hello/project.json',
    repoPath: '/srv/src/hello',
    trustedSigners: [],
    tags: [],
    rebuild: null,
    ci: null,
    aptProd: { location: '/srv/releases/hello/apt-prod' },
    releaseKey: withReleaseKey
      ? {
          info: {
            fingerprint: FINGERPRINT,
          } as NonNullable<NonNullable<ProjectSummary['releaseKey']>['info']>,
          problem: null,
        }
      : null,
  };
}

/** What a field's aria-describedby points at, as a screen reader reads it after the label. */
const descriptionOf = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

/** The form over a project, with the store's verify replaced by a spy. */
function showForm(tag: string | null, withReleaseKey: boolean) {
  useReleaseStore.setState({ project: project(withReleaseKey) });
  const verify = vi.fn(() => Promise.resolve(true));
  useVerifyStore.setState(({ verification }) => ({ verification: { ...verification, verify } }));
  return { verify, ...render(<VerifyRunPanel tag={tag} resultHeadingRef={createRef()} />) };
}

describe('QA’s Verify form', () => {
  it("verifies apt-prod with the release key's public part by default, showing its fingerprint in groups", async () => {
    const { user, verify } = showForm('v1.0.0', true);
    expect(screen.getByLabelText<HTMLInputElement>(/The project's release key/).checked).toBe(true);
    expect(screen.getByTestId('verify-repo-release-key').textContent).toMatch(
      '0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567',
    );
    expect(screen.getByLabelText<HTMLInputElement>(/Use this release's review/).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Verify apt-prod' }));
    expect(verify).toHaveBeenCalledWith({ tag: 'v1.0.0' });
  });

  it('verifies any repository by URL with a pasted public key, without a review', async () => {
    const { user, verify } = showForm('v1.0.0', false);
    await user.type(screen.getByLabelText(/^Repository/), 'https://apt.example.org/prod');
    expect(screen.getByLabelText<HTMLInputElement>('Paste a public key').checked).toBe(true);
    await user.click(screen.getByLabelText('Armored public key'));
    await user.paste(PUBLIC_KEY);
    await user.type(screen.getByLabelText(/^Suite/), 'bookworm');
    await user.click(screen.getByLabelText(/Use this release's review/));
    await user.click(screen.getByRole('button', { name: 'Verify this repository' }));
    expect(verify).toHaveBeenCalledWith({
      repo: 'https://apt.example.org/prod',
      keyring: { kind: 'armored', text: PUBLIC_KEY },
      suite: 'bookworm',
    });
  });

  it('says what to give when the project has no release key and no key was pasted, sending nothing', async () => {
    const { user, verify } = showForm(null, false);
    expect(screen.queryByLabelText(/Use this release's review/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Verify apt-prod' }));
    expect(verify).not.toHaveBeenCalled();
    expect(descriptionOf(screen.getByLabelText('Armored public key'))).toMatch(
      /no release key: paste the armored public key/,
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Armored public key'));
  });

  it('refuses a pasted secret key and a URL that is not http(s) before anything is sent', async () => {
    const { user, verify } = showForm(null, true);
    await user.type(screen.getByLabelText(/^Repository/), 'ftp://example.org/apt');
    await user.click(screen.getByLabelText('Paste a public key'));
    await user.click(screen.getByLabelText('Armored public key'));
    await user.paste('-----BEGIN PGP PRIVATE KEY BLOCK-----');
    await user.click(screen.getByRole('button', { name: 'Verify this repository' }));
    expect(verify).not.toHaveBeenCalled();
    expect(descriptionOf(screen.getByLabelText(/^Repository/))).toMatch(/http\(s\)/);
    expect(descriptionOf(screen.getByLabelText('Armored public key'))).toMatch(/secret key/);
  });

  it('reads a keyring file named on this machine', async () => {
    const { user, verify } = showForm(null, true);
    await user.click(screen.getByLabelText('A keyring file on this machine'));
    await user.type(screen.getByLabelText('Keyring file'), '/usr/share/keyrings/prod.gpg');
    await user.click(screen.getByRole('button', { name: 'Verify apt-prod' }));
    expect(verify).toHaveBeenCalledWith({
      keyring: { kind: 'file', path: '/usr/share/keyrings/prod.gpg' },
    });
  });
});
