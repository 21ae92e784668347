import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../shell/App';
import { useMachineStore } from '../stores/machineStore';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { gitMissing, reportWith } from '../testing/machineReports';
import { render } from '../testing/render';
import { StartScreen } from './StartScreen';
import { useStartStore } from './startStore';
import { RECENT, sampleProject } from './testing/samples';
import { answer, refusal, scriptEngine } from './testing/scriptedEngine';

describe('StartScreen', () => {
  it('shows the start screen when no project is open, and lists recent projects', async () => {
    scriptEngine({ 'project:recent': () => answer({ projects: RECENT }) });
    render(<App />);

    expect(screen.getByRole('heading', { name: 'Start' })).toBeTruthy();
    expect(screen.queryByRole('tablist')).toBeNull();
    const recent = await screen.findByRole('list', { name: 'Recent projects' });
    const items = within(recent).getAllByTestId('recent-project');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('button', { name: /hello/ })).toBeTruthy();
    // Unavailable: greyed, says why, and cannot be clicked.
    expect(items[1]!.getAttribute('data-available')).toBe('false');
    expect(within(items[1]!).queryByRole('button')).toBeNull();
    expect(within(items[1]!).getByText(/gone or no longer loads/)).toBeTruthy();
  });

  it('says only that the engine is out of reach when asking for the open project failed', () => {
    scriptEngine({});
    useReleaseStore.setState({
      errors: {
        project: { code: 'UNAUTHORIZED', message: 'No session token.' },
        signers: null,
        verify: null,
      },
    });
    render(<App />);
    expect(screen.getByRole('alert').getAttribute('data-code')).toBe('UNAUTHORIZED');
    expect(screen.queryByTestId('start-screen')).toBeNull();
  });

  it('opens a recent project, reloads it and lands on the Tag step', async () => {
    const project = sampleProject();
    const calls = scriptEngine({
      'project:recent': () => answer({ projects: RECENT }),
      'project:open': () => answer(project),
      'project:current': () => answer(project),
    });
    useUiStore.setState({ step: 'compare' });
    const { user } = render(<App />);

    await user.click(await screen.findByRole('button', { name: /hello/ }));

    expect(await screen.findByRole('tablist')).toBeTruthy();
    expect(screen.queryByTestId('start-screen')).toBeNull();
    expect(calls.find((call) => call.channel === 'project:open')?.request).toEqual({
      projectFile: project.projectFile,
    });
    expect(calls.map((call) => call.channel)).toContain('project:current');
    expect(useReleaseStore.getState().project?.name).toBe('hello');
    expect(useUiStore.getState().step).toBe('tag');
    expect(screen.getByTestId('project-name').textContent).toBe('hello');
  });

  it('shows a refused project.json beside the path field, and says there is no file dialog', async () => {
    scriptEngine({
      'project:recent': () => answer({ projects: [] }),
      'project:open': () =>
        refusal('PROJECT_UNREADABLE', 'No project.json at /nowhere.', 'Check the path.'),
    });
    const { user } = render(<StartScreen />);

    const field = screen.getByLabelText('Path of project.json');
    expect(screen.getByText(/no file dialog/)).toBeTruthy();
    await user.type(field, '/nowhere/project.json{Enter}');

    const form = screen.getByRole('form', { name: 'Open project…' });
    const alert = await within(form).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('PROJECT_UNREADABLE');
    expect(within(alert).getByText('Check the path.')).toBeTruthy();
    expect(await screen.findByText(/None yet/)).toBeTruthy();
  });

  it('shows the demo’s job as it is made', async () => {
    const calls = scriptEngine({ 'project:recent': () => answer({ projects: [] }) });
    const { user } = render(<StartScreen />);

    await user.click(screen.getByRole('button', { name: 'Open the demo' }));
    expect(calls.map((call) => call.channel)).toContain('project:openDemo');
    useStartStore.getState().receiveJobEvent({
      jobId: 'job-1',
      kind: 'setup',
      title: 'Make the demo release',
      phase: 'making the demo: keys, signed tags, CI packages in Docker',
      progress: null,
      log: 'bootstrapping bookworm',
      state: 'running',
      at: '2026-12-01T10:00:00.000Z',
    });

    const demo = screen.getByTestId('open-demo');
    expect(await within(demo).findByText(/making the demo/)).toBeTruthy();
    expect(within(demo).getByText('bootstrapping bookworm')).toBeTruthy();
    expect(within(demo).getByRole('progressbar', { name: 'Progress of the demo' })).toBeTruthy();
    expect(within(demo).getByRole('button', { name: 'Opening the demo…' })).toBeTruthy();
    expect(within(demo).getByText(/may take a minute/)).toBeTruthy();
  });

  it('reports each tool, what a missing one blocks and the command that fixes it', () => {
    scriptEngine({});
    useMachineStore.setState({ report: reportWith(gitMissing) });
    render(<StartScreen />);

    const machine = screen.getByTestId('machine-report');
    expect(within(machine).getByText(/1 tool is missing or unusable/)).toBeTruthy();
    const git = within(machine)
      .getAllByTestId('machine-tool')
      .find((row) => row.getAttribute('data-tool') === 'git');
    if (!git) throw new Error('expected a row for git');
    expect(git.getAttribute('data-status')).toBe('missing');
    expect(within(git).getByText('Without it: Tag, Rebuild.')).toBeTruthy();
    expect(within(git).getByText('apt-get install -y git').tagName).toBe('CODE');
  });

  it('opens from the header’s "Switch project…" and goes back to the open project', async () => {
    scriptEngine({ 'project:recent': () => answer({ projects: RECENT }) });
    useReleaseStore.setState({ project: sampleProject() });
    const { user } = render(<App />);
    expect(screen.getByRole('tablist')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Switch project…' }));
    const heading = screen.getByRole('heading', { name: 'Switch project' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.queryByRole('button', { name: 'Switch project…' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Back to hello' }));
    expect(screen.queryByTestId('start-screen')).toBeNull();
    expect(screen.getByRole('tablist')).toBeTruthy();
  });

  it('opens "New project…" and goes back', async () => {
    scriptEngine({ 'project:recent': () => answer({ projects: [] }) });
    const { user } = render(<StartScreen />);
    await user.click(screen.getByRole('button', { name: 'New project…' }));
    expect(screen.getByRole('heading', { name: 'New project', level: 2 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to the start screen' }));
    expect(screen.getByRole('heading', { name: 'Start' })).toBeTruthy();
  });
});
