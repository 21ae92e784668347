/**
 * A form's submit button beside its polite status line: the button says
 * what is under way and is only aria-disabled meanwhile (it keeps its
 * focus), the status is announced when it changes.
 */
export function SubmitWithStatus(props: {
  busy: boolean;
  label: string;
  busyLabel: string;
  status: string;
  testId?: string;
}) {
  return (
    <div className="import-signer__actions">
      <button
        type="submit"
        className="button"
        aria-disabled={props.busy ? true : undefined}
        data-testid={props.testId}
      >
        {props.busy ? props.busyLabel : props.label}
      </button>
      <p className="import-signer__status" role="status">
        {props.status}
      </p>
    </div>
  );
}
