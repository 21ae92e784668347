import type { ReactNode } from 'react';

/** A checkbox with its label and a line of help under it, read out with the box. */
export function CheckField({
  id,
  label,
  help,
  checked,
  disabled = false,
  onChange,
  className = '',
}: {
  id: string;
  label: string;
  help: ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}) {
  return (
    <div className={`field field--check ${className}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-help`}
        data-testid={id}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      </div>
    </div>
  );
}
