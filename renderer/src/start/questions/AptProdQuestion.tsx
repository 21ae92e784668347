import { useSetupStore } from '../setupStore';
import { Question } from './Question';
import { TextField } from './TextField';

/** Question 6 (optional): apt-prod, where approved packages are published, and its Release fields. */
export function AptProdQuestion() {
  const aptProd = useSetupStore((state) => state.aptProd);
  const setAptProd = useSetupStore((state) => state.setAptProd);
  return (
    <Question
      question="aptProd"
      number={6}
      title="apt-prod"
      optional
      intro="The apt repository step 5 publishes approved packages to, signed with the release key."
    >
      <div className="field field--check">
        <input
          id="setup-aptprod-enabled"
          type="checkbox"
          checked={aptProd.enabled}
          onChange={(event) => setAptProd({ enabled: event.target.checked })}
        />
        <label className="field__label" htmlFor="setup-aptprod-enabled">
          Publish approved packages to an apt-prod
        </label>
      </div>
      {aptProd.enabled ? (
        <div className="setup-grid">
          <TextField
            id="setup-aptprod-path"
            className="setup-grid__wide"
            label="Folder"
            value={aptProd.path}
            onChange={(path) => setAptProd({ path })}
            mono
            help="Made if absent; serve it with any web server."
          />
          <TextField
            id="setup-aptprod-url"
            className="setup-grid__wide"
            label="Public URL"
            optional
            value={aptProd.url}
            onChange={(url) => setAptProd({ url })}
            mono
            placeholder="https://apt.example.org/"
            help="What users put in sources.list. Without it, attestations name a file:// path nobody outside this machine can check."
          />
          <TextField
            id="setup-aptprod-origin"
            label="Origin"
            optional
            value={aptProd.origin}
            onChange={(origin) => setAptProd({ origin })}
            help="Default: Countersign."
          />
          <TextField
            id="setup-aptprod-label"
            label="Label"
            optional
            value={aptProd.label}
            onChange={(label) => setAptProd({ label })}
            help="Default: Countersign."
          />
          <TextField
            id="setup-aptprod-suite"
            label="Suite"
            optional
            value={aptProd.suite}
            onChange={(suite) => setAptProd({ suite })}
            mono
            help="Default: apt-test’s."
          />
        </div>
      ) : null}
    </Question>
  );
}
