/** A full object id, monospaced and selectable; never shortened, since that is what gets compared. */
export function Sha({ value, testId }: { value: string; testId?: string }) {
  return (
    <code className="sha" data-testid={testId}>
      {value}
    </code>
  );
}
