import { CountersignError } from '../../../../shared/errors';
import { loadProject, type LoadedProject } from './projectStore';
import { rememberProject } from './recentProjects';

/**
 * Which project the window has open: none (the start screen), or one
 * project.json that every step reads again on each call. Opening one checks
 * that it loads and remembers it among the recent projects.
 */
export class ProjectSession {
  /** What stands in for a project while a review bundle is open (then no project file is). */
  private standIn: LoadedProject | null = null;

  constructor(private file: string | null) {}

  get projectFile(): string | null {
    return this.file;
  }

  /** The stand-in project of an opened review bundle, or null while none is open. */
  get openedBundle(): LoadedProject | null {
    return this.standIn;
  }

  /** Opens a review bundle's stand-in project in place of any project file (the start screen's "Open review bundle…"). */
  useBundle(standIn: LoadedProject): void {
    this.file = null;
    this.standIn = standIn;
  }

  /** Closes an opened bundle: back to the start screen. */
  closeBundle(): void {
    this.standIn = null;
  }

  /** The open project, read now; refused when none is open. */
  async current(): Promise<LoadedProject> {
    if (this.standIn) return this.standIn;
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
    this.standIn = null;
    await rememberProject({ projectFile: project.file, id: project.id, name: project.config.name });
    return project;
  }
}
