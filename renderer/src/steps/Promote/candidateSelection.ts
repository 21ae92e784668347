import type { PromotionCandidate, PromotionRequest } from '../../../../shared/promote';

/**
 * The packages a plan moves: the user's choice once they made one (by package
 * name, so every architecture of a package goes together), else the engine's
 * default, every package that passes the gate.
 */
export function chosenPackages(
  candidates: readonly PromotionCandidate[],
  selection: readonly string[] | null,
): string[] {
  const names = selection ?? candidates.filter((row) => row.selected).map((row) => row.package);
  return [...new Set(names)].sort();
}

/** The choice with one package added or taken out, sorted, each name once. */
export function withPackage(chosen: readonly string[], name: string, selected: boolean): string[] {
  const next = new Set(chosen);
  if (selected) next.add(name);
  else next.delete(name);
  return [...next].sort();
}

/** The plan request for a tag and the user's choices; the engine's defaults are left out. */
export function planRequestFor(
  tag: string,
  selection: readonly string[] | null,
  allowDowngrade: boolean,
): PromotionRequest {
  return {
    tag,
    ...(selection === null ? {} : { packages: [...selection] }),
    ...(allowDowngrade ? { allowDowngrade: true } : {}),
  };
}

/** Whether two plan requests ask for the same plan. */
export function samePlanRequest(a: PromotionRequest | null, b: PromotionRequest | null): boolean {
  if (a === null || b === null) return a === b;
  const packages = (request: PromotionRequest) =>
    request.packages === undefined ? null : [...request.packages].sort().join('\n');
  return (
    a.tag === b.tag &&
    packages(a) === packages(b) &&
    (a.allowDowngrade ?? false) === (b.allowDowngrade ?? false)
  );
}
