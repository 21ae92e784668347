import type { ReactNode } from 'react';

/** A glyph in a ring and its words; the tone's colour only repeats what they say. */
export function StatusMark({
  icon,
  tone,
  children,
}: {
  icon: string;
  tone: string;
  children: ReactNode;
}) {
  return (
    <span className={`status-label ${tone}`}>
      <span className="status-label__icon" aria-hidden="true">
        {icon}
      </span>
      {children}
    </span>
  );
}
