import { CountersignError } from '../../../../shared/errors';
import { loadProject, type LoadedProject } from './projectStore';
import { rememberProject } from './recentProjects';

/**
 * Which project the window has open: none (the start screen), or one
 * project.json that every step reads again on each call. Opening one checks
 * that it loads and remembers it among the recent projects.
 */
export class ProjectSession {
  constructor(private file: string | null) {}

  get projectFile(): string | null {
    return this.file;
  }

  /** The open project, read now; refused when none is open. */
  async current(): Promise<LoadedProject> {
    if (!this.file) {
      throw new CountersignError(
        'NO_PROJECT',
        'No project is open.',
        'Open or create one on the start screen, or start Countersign with --project DIR/project.json.',
      );
    }
    return loadProject(this.file);
  }

  /** Opens another project: it must load, its keys matching their pins. */
  async open(file: string): Promise<LoadedProject> {
    const project = await loadProject(file);
    this.file = project.file;
    await rememberProject({ projectFile: project.file, id: project.id, name: project.config.name });
    return project;
  }
}
