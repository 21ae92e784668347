import { useState, type FormEvent } from 'react';
import { useReleaseStore } from '../../stores/releaseStore';
import { checkVerifyForm, type VerifyFormProblems } from './verifyFormChecks';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';

const NO_TAGS: readonly never[] = [];

/** Chooses the tag (from the project's tags, or typed) and the commit it must point at. */
export function VerifyTagForm() {
  const tags = useReleaseStore((state) => state.project?.tags ?? NO_TAGS);
  const selectedTag = useReleaseStore((state) => state.selectedTag);
  const expectedCommit = useReleaseStore((state) => state.expectedCommit);
  const allowSha1 = useReleaseStore((state) => state.allowSha1);
  const verifying = useReleaseStore((state) => state.verifying);
  const selectTag = useReleaseStore((state) => state.selectTag);
  const setExpectedCommit = useReleaseStore((state) => state.setExpectedCommit);
  const setAllowSha1 = useReleaseStore((state) => state.setAllowSha1);
  const verifySelectedTag = useReleaseStore((state) => state.verifySelectedTag);
  const [problems, setProblems] = useState<VerifyFormProblems>({});

  const listed = tags.some((tag) => tag.name === selectedTag.trim());
  const typedOther = selectedTag.trim() !== '' && !listed;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (verifying) return;
    const found = checkVerifyForm(selectedTag, expectedCommit);
    setProblems(found);
    if (found.tag || found.commit) {
      document.getElementById(found.tag ? 'verify-tag-name' : 'verify-expected-commit')?.focus();
      return;
    }
    void verifySelectedTag();
  };

  return (
    <form
      className="panel verify-form"
      aria-labelledby="verify-heading"
      noValidate
      onSubmit={onSubmit}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="verify-heading">
          Verify the release tag
        </h2>
      </div>
      <p className="panel__intro">
        Countersign accepts a tag only if a key in this project’s trust list signed it, and, when
        you give one, only if it points at the commit you expect.
      </p>

      <div className="verify-form__fields">
        <div className="field">
          <label className="field__label" htmlFor="verify-tag-select">
            Project tag
          </label>
          <select
            id="verify-tag-select"
            className="field__control"
            value={listed ? selectedTag.trim() : ''}
            onChange={(event) => selectTag(event.target.value)}
          >
            <option value="">
              {typedOther
                ? 'Other (typed below)'
                : tags.length > 0
                  ? 'Choose a tag…'
                  : 'No tags found'}
            </option>
            {tags.map((tag) => (
              <option key={tag.name} value={tag.name}>
                {tag.annotated ? tag.name : `${tag.name} — lightweight, cannot be signed`}
              </option>
            ))}
          </select>
        </div>

        <div className="field">
          <label className="field__label" htmlFor="verify-tag-name">
            Tag name
          </label>
          <input
            id="verify-tag-name"
            className="field__control field__control--mono"
            value={selectedTag}
            onChange={(event) => selectTag(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-invalid={problems.tag ? true : undefined}
            aria-describedby={fieldNoteId('verify-tag-name', problems.tag)}
          />
          <FieldNote
            fieldId="verify-tag-name"
            problem={problems.tag}
            help="Pick one above, or type any tag name."
          />
        </div>

        <div className="field verify-form__commit">
          <label className="field__label" htmlFor="verify-expected-commit">
            Expected commit <span className="field__optional">(optional)</span>
          </label>
          <input
            id="verify-expected-commit"
            className="field__control field__control--mono"
            value={expectedCommit}
            onChange={(event) => setExpectedCommit(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder="full commit SHA"
            aria-invalid={problems.commit ? true : undefined}
            aria-describedby={fieldNoteId('verify-expected-commit', problems.commit)}
          />
          <FieldNote
            fieldId="verify-expected-commit"
            problem={problems.commit}
            help="The commit CI built, if you have it: the tag must point exactly there."
          />
        </div>
        <div className="field field--check verify-form__sha1">
          <input
            id="verify-allow-sha1"
            type="checkbox"
            checked={allowSha1}
            onChange={(event) => setAllowSha1(event.target.checked)}
            aria-describedby="verify-allow-sha1-help"
          />
          <div>
            <label className="field__label" htmlFor="verify-allow-sha1">
              Accept SHA-1 signatures
            </label>
            <p className="field__help" id="verify-allow-sha1-help">
              Only for releases signed before SHA-1 was retired; new tags should never need it.
            </p>
          </div>
        </div>
      </div>

      <div className="verify-form__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={verifying ? true : undefined}
          data-testid="verify-button"
        >
          {verifying ? 'Verifying…' : 'Verify tag'}
        </button>
      </div>
    </form>
  );
}
