import { useShallow } from 'zustand/react/shallow';
import { useSetupStore } from '../setupStore';
import { Question } from './Question';
import { TextField } from './TextField';

/** Question 2: where project.json goes, what the project is called, and its identity. */
export function ProjectQuestion() {
  const { dir, name, id } = useSetupStore(
    useShallow((state) => ({ dir: state.dir, name: state.name, id: state.id })),
  );
  const setProject = useSetupStore((state) => state.setProject);
  return (
    <Question
      question="project"
      number={2}
      title="Project folder and name"
      intro="Countersign writes project.json into this folder (made if absent); the name is what the window shows."
    >
      <div className="setup-grid">
        <TextField
          id="setup-dir"
          className="setup-grid__wide"
          label="Project folder"
          value={dir}
          onChange={(value) => setProject({ dir: value })}
          mono
          help="A new or empty folder on the machine running Countersign."
        />
        <TextField
          id="setup-name"
          label="Name"
          value={name}
          onChange={(value) => setProject({ name: value })}
          help="Filled in from the source when you check it."
        />
        <TextField
          id="setup-id"
          label="Identity"
          optional
          value={id}
          onChange={(value) => setProject({ id: value })}
          mono
          help="default: name plus 8 random hex digits. Review folders are kept under it, for good."
        />
      </div>
    </Question>
  );
}
