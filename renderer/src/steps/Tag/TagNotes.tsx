import { UntrustedText } from '../../components/UntrustedText';

/** Facts worth knowing that did not refuse the tag. */
export function TagNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <section className="notes" aria-labelledby="notes-heading">
      <h3 className="notes__title" id="notes-heading">
        Notes
      </h3>
      <ul className="notes__list">
        {notes.map((note, index) => (
          <li key={index} data-testid="tag-note">
            <UntrustedText text={note} />
          </li>
        ))}
      </ul>
    </section>
  );
}
