import { useShallow } from 'zustand/react/shallow';
import { UntrustedText } from '../../components/UntrustedText';
import type { CiInspection } from '../../../../shared/projectSetup';
import type { CiKind } from '../setupAnswers';
import { useSetupStore } from '../setupStore';
import { KeySourceEditor } from './KeySourceEditor';
import { Question } from './Question';
import { TextField } from './TextField';

const KINDS: { kind: CiKind; label: string }[] = [
  { kind: 'none', label: 'Not now' },
  { kind: 'folder', label: 'A folder' },
  { kind: 'archive', label: 'An archive (.zip, .tar, .tar.gz, .tar.xz)' },
  { kind: 'apt', label: 'A signed apt repository' },
];

/** What the check found: the kind, where, and for apt the Release that verified. */
function CiFacts({ inspection }: { inspection: CiInspection }) {
  return (
    <dl className="setup-facts" data-testid="ci-facts" data-kind={inspection.kind}>
      <dt>Kind</dt>
      <dd>{inspection.kind}</dd>
      <dt>Location</dt>
      <dd>
        <code>
          <UntrustedText text={inspection.location} />
        </code>
      </dd>
      {inspection.apt ? (
        <>
          <dt>Suite</dt>
          <dd>
            <UntrustedText text={inspection.apt.suite} />
          </dd>
          <dt>Release signed by</dt>
          <dd data-testid="ci-signed-by">
            <UntrustedText text={inspection.apt.signedBy} />
          </dd>
          <dt>Packages listed</dt>
          <dd>{inspection.apt.packages}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Question 5 (optional): where CI's artifacts are, checked at once. */
export function CiQuestion() {
  const { ci, ciInspection, busy, keyProblem } = useSetupStore(
    useShallow((state) => ({
      ci: state.ci,
      ciInspection: state.ciInspection,
      busy: state.busy,
      keyProblem: state.problems['setup-ci-key-value'],
    })),
  );
  const setCi = useSetupStore((state) => state.setCi);
  const checkCi = useSetupStore((state) => state.checkCi);
  const checking = busy === 'ci';

  return (
    <Question
      question="ci"
      number={5}
      title="CI’s artifacts"
      optional
      intro="What your CI built, compared in step 3 with the rebuild. You can add it later in project.json."
      onSubmit={() => void checkCi()}
    >
      <fieldset className="setup-choices">
        <legend className="field__label">CI’s artifacts are in</legend>
        {KINDS.map((option) => (
          <label key={option.kind} className="setup-choices__choice">
            <input
              type="radio"
              name="setup-ci-kind"
              value={option.kind}
              checked={ci.kind === option.kind}
              onChange={() => setCi({ kind: option.kind })}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      {ci.kind === 'folder' || ci.kind === 'archive' ? (
        <TextField
          id="setup-ci-path"
          label={ci.kind === 'folder' ? 'Folder' : 'Archive'}
          value={ci.path}
          onChange={(path) => setCi({ path })}
          mono
          help="On the machine running Countersign."
        />
      ) : null}
      {ci.kind === 'apt' ? (
        <>
          <TextField
            id="setup-ci-url"
            label="Repository root"
            value={ci.url}
            onChange={(url) => setCi({ url })}
            mono
            help="The folder holding dists/ and pool/: an http(s) URL or a path."
          />
          <KeySourceEditor
            idPrefix="setup-ci-key"
            legend="Add the key that signs its Release by"
            keys={ci.keys}
            onAdd={(key) => setCi({ keys: [...ci.keys, key] })}
            onRemove={(index) => setCi({ keys: ci.keys.filter((_, at) => at !== index) })}
            problem={keyProblem}
          />
          <div className="setup-grid setup-grid--three">
            <TextField
              id="setup-ci-suite"
              label="Suite"
              optional
              value={ci.suite}
              onChange={(suite) => setCi({ suite })}
              mono
              help="Default: the only one under dists/."
            />
            <TextField
              id="setup-ci-component"
              label="Component"
              optional
              value={ci.component}
              onChange={(component) => setCi({ component })}
              mono
              help="Default: every one."
            />
            <TextField
              id="setup-ci-architecture"
              label="Architecture"
              optional
              value={ci.architecture}
              onChange={(architecture) => setCi({ architecture })}
              mono
              help="Default: every one."
            />
          </div>
        </>
      ) : null}
      {ci.kind !== 'none' ? (
        <div className="setup-actions">
          <button
            type="submit"
            className="button"
            aria-disabled={checking ? true : undefined}
            data-testid="check-ci"
          >
            {checking ? 'Checking…' : 'Check'}
          </button>
          <p className="setup-status" role="status">
            {ciInspection ? `Checked: a ${ciInspection.kind} Countersign can read.` : ''}
          </p>
        </div>
      ) : null}
      {ciInspection ? <CiFacts inspection={ciInspection} /> : null}
    </Question>
  );
}
