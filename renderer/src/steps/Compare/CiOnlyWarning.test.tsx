import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ArtifactComparison, CompareResult } from '../../../../shared/compare';
import { summarise } from '../../../../shared/compare';
import { render } from '../../testing/render';
import { CiOnlyWarning } from './CiOnlyWarning';
import { CompareVerdict } from './CompareVerdict';

const SHA = (c: string) => c.repeat(64);
const deb = (name: string, version = '1.0.0') => ({
  package: name,
  version,
  architecture: 'all',
});
const copy = (name: string, sha: string, version?: string) => ({
  path: `pool/main/c/${name}_1.0.0_all.deb`,
  size: 2048,
  sha256: SHA(sha),
  deb: deb(name, version),
});

/** The demo release's comparison: one identical, one differing, one only CI built. */
const DEMO_ROWS: ArtifactComparison[] = [
  {
    key: 'deb:countersign-hello_1.0.0_all',
    name: 'countersign-hello_1.0.0_all.deb',
    status: 'identical',
    ci: copy('countersign-hello', 'a'),
    local: copy('countersign-hello', 'a'),
  },
  {
    key: 'deb:countersign-hello-doc_1.0.0_all',
    name: 'countersign-hello-doc_1.0.0_all.deb',
    status: 'differs',
    ci: copy('countersign-hello-doc', 'b'),
    local: copy('countersign-hello-doc', 'c'),
  },
  {
    key: 'deb:countersign-hello-telemetry_1.0.0_all',
    name: 'countersign-hello-telemetry_1.0.0_all.deb',
    status: 'only-ci',
    ci: copy('countersign-hello-telemetry', 'd'),
    local: null,
  },
];

function result(
  artifacts: ArtifactComparison[],
  extra: Partial<CompareResult> = {},
): CompareResult {
  const summary = summarise(artifacts);
  return {
    ci: { kind: 'apt', location: '/srv/apt-test', repository: null, skipped: [] },
    local: { kind: 'folder', location: '/rebuild', repository: null, skipped: [] },
    artifacts,
    summary,
    identical: false,
    comparedAt: '2026-02-01T10:00:00.000Z',
    bytesHashed: 0,
    ...extra,
  };
}

describe('CiOnlyWarning', () => {
  it('raises the package only CI built as a warning, with a way to inspect it', async () => {
    const onInspect = vi.fn();
    const { user } = render(<CiOnlyWarning result={result(DEMO_ROWS)} onInspect={onInspect} />);
    const warning = screen.getByRole('region', {
      name: /1 package built by CI from no source the rebuild made/,
    });
    expect(warning.textContent).toMatch(/never approved and never promoted/);
    const items = within(warning).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]?.textContent).toContain('countersign-hello-telemetry 1.0.0 all');
    await user.click(within(warning).getByRole('button', { name: 'Inspect its contents' }));
    expect(onInspect).toHaveBeenCalledWith('deb:countersign-hello-telemetry_1.0.0_all');
  });

  it('shows nothing when CI built nothing the rebuild did not', () => {
    const { container } = render(
      <CiOnlyWarning result={result(DEMO_ROWS.slice(0, 2))} onInspect={vi.fn()} />,
    );
    expect(container.textContent).toBe('');
  });

  it('lists the first twenty and counts the rest, so 10,000 rows stay quick', () => {
    const [, , onlyCi] = DEMO_ROWS;
    const many = Array.from({ length: 25 }, (_, index) => ({
      ...onlyCi!,
      key: `deb:extra-${index}`,
      name: `extra-${index}.deb`,
    }));
    render(<CiOnlyWarning result={result(many)} onInspect={vi.fn()} />);
    expect(screen.getAllByTestId('ci-only-item')).toHaveLength(20);
    expect(screen.getByTestId('ci-only-more').textContent).toContain('5 more');
    expect(screen.getByTestId('ci-only-warning').getAttribute('data-count')).toBe('25');
  });

  it('shows a hostile package name as text', () => {
    const hostile = '<img src=x onerror="alert(1)">.deb';
    const [, , onlyCi] = DEMO_ROWS;
    render(
      <CiOnlyWarning
        result={result([{ ...onlyCi!, key: 'deb:x', name: hostile }])}
        onInspect={vi.fn()}
      />,
    );
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('CompareVerdict', () => {
  it('counts what only CI built among what needs review, as Review counts it', () => {
    render(<CompareVerdict result={result(DEMO_ROWS)} />);
    const verdict = screen.getByTestId('compare-verdict');
    expect(verdict.textContent).toContain('2 artifacts need review: 1 built only by CI, 1 differs');
    expect(verdict.getAttribute('data-needs-review')).toBe('2');
  });

  it('says plainly that CI did not publish this release when apt-test holds another version', () => {
    const rc = (name: string) => ({
      key: `deb:${name}_1.0.0~rc1_all`,
      name: `${name}_1.0.0~rc1_all.deb`,
      status: 'only-local' as const,
      ci: null,
      local: copy(name, 'e', '1.0.0~rc1'),
    });
    render(
      <CompareVerdict
        result={result([rc('countersign-hello'), rc('countersign-hello-doc')], {
          versionMismatch: {
            source: 'countersign-hello',
            tagVersion: '1.0.0~rc1',
            ciVersions: ['1.0.0'],
          },
        })}
      />,
    );
    const verdict = screen.getByTestId('compare-verdict');
    expect(verdict.getAttribute('data-verdict')).toBe('version-mismatch');
    expect(verdict.textContent).toContain(
      'apt-test holds countersign-hello 1.0.0; this tag builds 1.0.0~rc1: CI did not publish this release.',
    );
    expect(verdict.textContent).not.toMatch(/only local|only in CI/);
  });
});
