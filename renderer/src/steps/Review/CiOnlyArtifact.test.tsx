import { screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../../../shared/api';
import type { ArtifactContents } from '../../../../shared/artifactContents';
import type { ArtifactComparison } from '../../../../shared/compare';
import type { Outcome } from '../../../../shared/errors';
import { render } from '../../testing/render';
import { activeTransport } from '../../transport/activeTransport';
import { CiOnlyArtifact } from './CiOnlyArtifact';
import { OneSidedChoices, ReviewCounts } from './OneSidedChoices';

const KEY = 'deb:countersign-hello-telemetry_1.0.0_all';
const HOSTILE = './usr/share/<img src=x onerror="alert(1)">';

const TELEMETRY: ArtifactComparison = {
  key: KEY,
  name: 'countersign-hello-telemetry_1.0.0_all.deb',
  status: 'only-ci',
  ci: {
    path: 'pool/main/c/countersign-hello-telemetry_1.0.0_all.deb',
    size: 812,
    sha256: 'd'.repeat(64),
    deb: { package: 'countersign-hello-telemetry', version: '1.0.0', architecture: 'all' },
  },
  local: null,
};

const CONTENTS: ArtifactContents = {
  key: KEY,
  name: TELEMETRY.name,
  sha256: 'd'.repeat(64),
  control: [
    { name: 'Package', value: 'countersign-hello-telemetry' },
    { name: 'Source', value: 'countersign-hello' },
    { name: 'Description', value: 'reports usage of countersign-hello\nA package CI published.' },
  ],
  controlMembers: [
    { path: './control', type: 'file', size: 300, mode: 0o644, linkTarget: null },
    { path: './postinst', type: 'file', size: 40, mode: 0o755, linkTarget: null },
  ],
  files: [
    { path: './usr/', type: 'dir', size: 0, mode: 0o755, linkTarget: null },
    { path: './usr/bin/phone-home', type: 'file', size: 1200, mode: 0o4755, linkTarget: null },
    { path: HOSTILE, type: 'symlink', size: 0, mode: 0o777, linkTarget: '/etc/shadow' },
  ],
  totalFiles: 3,
  limit: 2000,
};

/** The engine answers `review:inspectArtifact` with `answer`; other channels never answer. */
function engineAnswers(answer: Outcome<unknown>): { channel: Channel; request: unknown }[] {
  const calls: { channel: Channel; request: unknown }[] = [];
  vi.spyOn(activeTransport.client, 'invoke').mockImplementation((channel, request) => {
    calls.push({ channel, request });
    if (channel === 'review:inspectArtifact') return Promise.resolve(answer as never);
    return new Promise(() => {});
  });
  return calls;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CiOnlyArtifact', () => {
  it('warns, and shows the control data and file list the engine read', async () => {
    const calls = engineAnswers({ ok: true, value: CONTENTS });
    render(<CiOnlyArtifact tag="v1.0.0" artifact={TELEMETRY} headingRef={createRef()} />);

    expect(screen.getByTestId('review-ci-only-warning').textContent).toContain(
      'This package was built by CI from no source the rebuild made.',
    );
    const contents = await screen.findByTestId('artifact-contents-read');
    expect(calls).toEqual([
      { channel: 'review:inspectArtifact', request: { tag: 'v1.0.0', key: KEY } },
    ]);

    const control = within(contents).getByTestId('contents-control');
    expect(control.textContent).toContain('Source');
    expect(control.textContent).toContain('reports usage of countersign-hello');
    expect(screen.getByTestId('contents-scripts').textContent).toBe(
      '1 maintainer script runs as root when it is installed or removed: postinst.',
    );

    const files = within(contents).getByTestId('contents-files');
    const rows = within(files).getAllByTestId('contents-entry');
    expect(rows.map((row) => row.getAttribute('data-path'))).toEqual([
      './usr/',
      './usr/bin/phone-home',
      HOSTILE,
    ]);
    expect(rows[1]?.textContent).toContain('-rwsr-xr-x');
    expect(within(rows[2]!).getByTestId('contents-link-target').textContent).toBe('/etc/shadow');
    // Names from the package are text, never markup.
    expect(document.querySelector('img')).toBeNull();
  });

  it('says why when the package cannot be read, and reads it again on request', async () => {
    const calls = engineAnswers({
      ok: false,
      error: { code: 'LOCAL_TAMPERED', message: 'It is gone.', hint: 'Compare again.' },
    });
    const { user } = render(
      <CiOnlyArtifact tag="v1.0.0" artifact={TELEMETRY} headingRef={createRef()} />,
    );
    expect((await screen.findByTestId('error-alert')).textContent).toContain('It is gone.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(calls).toHaveLength(2);
  });
});

describe('OneSidedChoices and ReviewCounts', () => {
  const DIFFERING: ArtifactComparison = {
    ...TELEMETRY,
    key: 'deb:doc',
    name: 'countersign-hello-doc_1.0.0_all.deb',
    status: 'differs',
    local: TELEMETRY.ci,
  };

  it('lists what only CI built apart, and counts it with what differs', async () => {
    const onSelect = vi.fn();
    const { user } = render(
      <>
        <ReviewCounts comparisons={[DIFFERING, TELEMETRY]} />
        <OneSidedChoices
          comparisons={[DIFFERING, TELEMETRY]}
          selectedKey={null}
          onSelect={onSelect}
        />
      </>,
    );
    expect(screen.getByTestId('review-counts').textContent).toBe(
      '2 artifacts need review: 1 built only by CI, 1 differs',
    );
    const list = screen.getByRole('navigation', { name: /Built only by CI/ });
    await user.click(within(list).getByRole('button', { name: TELEMETRY.name }));
    expect(onSelect).toHaveBeenCalledWith(KEY);
    expect(screen.queryByTestId('review-only-local-list')).toBeNull();
  });
});
