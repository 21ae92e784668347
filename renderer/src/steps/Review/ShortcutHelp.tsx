import { Fragment } from 'react';
import { SHORTCUT_HELP } from './reviewShortcuts';

/** The Review step's keys, always in view (they do nothing while typing in a field). */
export function ShortcutHelp() {
  return (
    <p className="review-keys" data-testid="review-keys">
      <span className="review-keys__title">Keys:</span>
      {SHORTCUT_HELP.map((shortcut) => (
        <span key={shortcut.action} className="review-keys__item">
          {shortcut.keys.map((key, index) => (
            <Fragment key={key}>
              {index > 0 ? ' / ' : null}
              <kbd>{key}</kbd>
            </Fragment>
          ))}{' '}
          {shortcut.action}
        </span>
      ))}
    </p>
  );
}
