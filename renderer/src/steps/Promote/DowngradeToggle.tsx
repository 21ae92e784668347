import { usePromoteStore } from './promoteStore';
import { CheckField } from './CheckField';

/** "Allow downgrade": shown only when the plan refused an older version than apt-prod's. */
export function DowngradeToggle({ locked }: { locked: boolean }) {
  const allowDowngrade = usePromoteStore((state) => state.planning.allowDowngrade);
  const setAllowDowngrade = usePromoteStore((state) => state.planning.setAllowDowngrade);
  return (
    <CheckField
      id="promote-allow-downgrade"
      className="promote-downgrade"
      label="Allow downgrade"
      help="Publish a version older than the one apt-prod serves. apt does not install it over the newer one by itself; use it to withdraw a bad release."
      checked={allowDowngrade}
      disabled={locked}
      onChange={setAllowDowngrade}
    />
  );
}
