import { useState, type ChangeEvent } from 'react';
import { groupedFingerprint } from '../../../../shared/auditSummary';
import { useBundleStore } from '../../bundle/bundleStore';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';

/** A chosen file's bytes as base64, read in the renderer (no path leaves the page). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/** The largest decisions file the engine takes (its base64 fits the request limit). */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * "Import decisions…": a reviewer on another machine sent back their signed
 * decisions file; it is appended to this release's audit log only when its
 * signature, its reviewer (pinned, unrevoked) and its reports all check.
 */
export function ImportDecisionsPanel({ tag }: { tag: string }) {
  const importing = useBundleStore((state) => state.importing);
  const imported = useBundleStore((state) => state.imported);
  const error = useBundleStore((state) => state.importError);
  const [tooLarge, setTooLarge] = useState<string | null>(null);

  const onChoose = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    if (file.size > MAX_BYTES) {
      setTooLarge(`${file.name} is ${file.size} bytes: a decisions file is far smaller.`);
      return;
    }
    setTooLarge(null);
    await useBundleStore.getState().importDecisions(tag, await base64Of(file));
  };

  return (
    <section
      className="facts review-signoff"
      aria-labelledby="review-import-heading"
      data-testid="review-import"
      data-state={importing ? 'importing' : imported ? 'imported' : error ? 'refused' : 'idle'}
    >
      <h3 className="facts__title" id="review-import-heading">
        Import decisions…
      </h3>
      <p className="review-signoff__what">
        A reviewer who reviewed from a bundle (<code>countersign review export</code>) sends back
        one signed file. It is checked against the pinned reviewers and these reports before
        anything is appended.
      </p>
      <div className="field">
        <label className="field__label" htmlFor="review-import-file">
          Decisions file
        </label>
        <input
          id="review-import-file"
          className="field__control"
          type="file"
          accept=".json,application/json"
          disabled={importing}
          onChange={(event) => void onChoose(event)}
          data-testid="review-import-file"
        />
      </div>
      <p role="status" className="import-signer__status" data-testid="review-import-status">
        {importing
          ? 'Checking the signatures…'
          : imported
            ? `${imported.reviewer.name} (${groupedFingerprint(imported.reviewer.fingerprint)}): ${imported.appended} decision(s) appended${imported.alreadyRecorded ? `, ${imported.alreadyRecorded} already recorded` : ''}.`
            : ''}
      </p>
      {tooLarge ? <p className="field__problem">{<UntrustedText text={tooLarge} />}</p> : null}
      {error ? (
        <ErrorAlert
          error={error}
          title="Nothing was imported"
          onDismiss={() => useBundleStore.getState().dismissImport()}
        />
      ) : null}
    </section>
  );
}
