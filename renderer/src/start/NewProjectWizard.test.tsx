import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { render } from '../testing/render';
import { NewProjectWizard } from './NewProjectWizard';
import { useSetupStore } from './setupStore';
import {
  KEYS_INSPECTION,
  MAINTAINER_FINGERPRINT,
  SOURCE_INSPECTION,
  sampleProject,
} from './testing/samples';
import { answer, refusal, scriptEngine } from './testing/scriptedEngine';

/** Every required answer given, the keys read and trusted. */
function seedAnswers() {
  useSetupStore.setState({
    source: '/srv/src/hello',
    inspection: SOURCE_INSPECTION,
    dir: '/srv/releases/hello',
    name: 'hello',
    signers: [{ kind: 'gpg', fingerprint: MAINTAINER_FINGERPRINT }],
    keysInspection: KEYS_INSPECTION,
    keysTrusted: true,
  });
}

const question = (name: string) => screen.getByTestId(`setup-question-${name}`);

describe('NewProjectWizard', () => {
  it('checks the source on Enter and shows its tags, Debian version, name and recipe note', async () => {
    const calls = scriptEngine({ 'setup:inspectSource': () => answer(SOURCE_INSPECTION) });
    const { user } = render(<NewProjectWizard />);

    await user.type(screen.getByLabelText('Repository path or URL'), '/srv/src/hello{Enter}');

    const facts = await screen.findByTestId('source-facts');
    expect(calls[0]).toEqual({
      channel: 'setup:inspectSource',
      request: { source: '/srv/src/hello' },
    });
    expect(
      within(facts)
        .getAllByTestId('source-tag')
        .map((tag) => tag.textContent),
    ).toEqual(['v1.0.0', 'v1.0.0-rc1']);
    expect(within(facts).getByTestId('source-debian').textContent).toBe('hello 1.0.0 (bookworm)');
    expect(within(facts).getByText(/from debian\/changelog/)).toBeTruthy();
    expect(within(question('source')).getByText('Found 2 tags.')).toBeTruthy();
    // The suggested name fills the empty name; the detected recipe fills its fields.
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('hello');
    expect(screen.getByLabelText<HTMLInputElement>('Base suite').value).toBe('bookworm');
    expect(
      screen.getByText('default: name plus 8 random hex digits.', { exact: false }),
    ).toBeTruthy();
  });

  it('marks each missing answer under its field and moves focus to the first', async () => {
    const calls = scriptEngine({});
    const { user } = render(<NewProjectWizard />);

    await user.click(screen.getByRole('button', { name: 'Create project' }));

    const source = screen.getByLabelText('Repository path or URL');
    await waitFor(() => expect(document.activeElement).toBe(source));
    expect(source.getAttribute('aria-invalid')).toBe('true');
    expect(within(question('project')).getByText(/folder where project.json/)).toBeTruthy();
    expect(within(question('project')).getByText('Give the project a name.')).toBeTruthy();
    expect(within(question('signers')).getByText(/at least one trusted signer/)).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('refuses to go on until the keys read are trusted, then sends every answer', async () => {
    const calls = scriptEngine({
      'setup:inspectKeys': () => answer(KEYS_INSPECTION),
      'setup:create': () => answer(sampleProject()),
    });
    seedAnswers();
    useSetupStore.setState({ signers: [], keysInspection: null, keysTrusted: false });
    const { user } = render(<NewProjectWizard />);

    await user.click(screen.getByRole('radio', { name: 'GnuPG fingerprint' }));
    // Spaces as GnuPG prints them are fine; Enter adds the key.
    await user.type(
      screen.getByLabelText('Fingerprint in your GnuPG keyring'),
      '0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567{Enter}',
    );
    expect(screen.getByText(`GnuPG keyring ${MAINTAINER_FINGERPRINT}`)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Create project' }));
    const trust = await within(question('signers')).findByText(/confirm “Trust these keys”/);
    expect(trust).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.id).toBe('setup-signers-trust'));

    await user.click(screen.getByRole('button', { name: 'Read keys' }));
    const read = await screen.findByTestId('read-key');
    expect(within(read).getByText('0123 4567 89AB CDEF 0123')).toBeTruthy();
    expect(within(read).getByText('4567 89AB CDEF 0123 4567')).toBeTruthy();
    expect(within(read).getByText('Dana Maintainer <dana@example.org>')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Trust these keys' }));
    expect(screen.getByText('You trust 1 key.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(calls.map((call) => call.channel)).toContain('setup:create'));
    const create = calls.find((call) => call.channel === 'setup:create');
    expect(create?.request).toEqual({
      dir: '/srv/releases/hello',
      name: 'hello',
      source: '/srv/src/hello',
      signers: [{ kind: 'gpg', fingerprint: MAINTAINER_FINGERPRINT }],
    });
  });

  it('shows an engine refusal beside the question it belongs to, and focuses it', async () => {
    scriptEngine({
      'setup:create': () =>
        refusal(
          'PROJECT_EXISTS',
          '/srv/releases/hello already holds a project.',
          'Open it instead, or choose another folder.',
        ),
    });
    seedAnswers();
    const { user } = render(<NewProjectWizard />);

    await user.click(screen.getByRole('button', { name: 'Create project' }));

    const alert = await within(question('project')).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('PROJECT_EXISTS');
    expect(within(alert).getByText('Open it instead, or choose another folder.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.id).toBe('setup-project-error'));
    // Nowhere else.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('places a request check the engine refused by the field it names', async () => {
    scriptEngine({
      'setup:create': () =>
        refusal('INVALID_REQUEST', 'The request was not valid: aptProd.suite: a suite name.'),
    });
    seedAnswers();
    useSetupStore.setState({
      aptProd: { enabled: true, path: '/srv/apt', url: '', origin: '', label: '', suite: '' },
    });
    const { user } = render(<NewProjectWizard />);

    await user.click(screen.getByRole('button', { name: 'Create project' }));

    const alert = await within(question('aptProd')).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('INVALID_REQUEST');
    await waitFor(() => expect(document.activeElement?.id).toBe('setup-aptProd-error'));
  });

  it('checks CI’s apt repository and shows the Release that verified; its refusal stays with CI', async () => {
    let refuse = true;
    scriptEngine({
      'setup:checkCi': () =>
        refuse
          ? refusal('REPOSITORY_UNSIGNED', 'dists/stable has no InRelease or Release.gpg.')
          : answer({
              kind: 'apt',
              location: 'https://ci.example.org/apt',
              apt: { suite: 'stable', signedBy: 'CI <ci@example.org>', packages: 3 },
            }),
    });
    const { user } = render(<NewProjectWizard />);

    await user.click(screen.getByRole('radio', { name: 'A signed apt repository' }));
    await user.click(screen.getByTestId('check-ci'));
    // Nothing is sent without the repository and its key.
    expect(await within(question('ci')).findByText(/repository’s root/)).toBeTruthy();

    await user.type(screen.getByLabelText('Repository root'), 'https://ci.example.org/apt');
    await user.type(
      within(question('ci')).getByLabelText('Path of the key file'),
      '/keys/ci.asc{Enter}',
    );
    await user.click(screen.getByTestId('check-ci'));
    const alert = await within(question('ci')).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('REPOSITORY_UNSIGNED');

    refuse = false;
    await user.click(screen.getByTestId('check-ci'));
    const facts = await screen.findByTestId('ci-facts');
    expect(within(facts).getByTestId('ci-signed-by').textContent).toBe('CI <ci@example.org>');
    expect(within(question('ci')).queryByRole('alert')).toBeNull();
  });

  it('explains why apt-prod wants a public URL', async () => {
    scriptEngine({});
    const { user } = render(<NewProjectWizard />);
    await user.click(screen.getByLabelText('Publish approved packages to an apt-prod'));
    expect(screen.getByText(/file:\/\/ path nobody outside this machine can check/)).toBeTruthy();
  });
});
