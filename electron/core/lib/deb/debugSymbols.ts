/**
 * Debug-symbol packages (`<name>-dbgsym`, made by dh_strip) are published by
 * Debian in a separate archive (debian-debug), not beside the packages: a
 * repository that lacks them is complete, and a rebuild that makes them has
 * nothing to compare them with there.
 */
export function isDebugSymbolsPackage(name: string): boolean {
  return name.endsWith('-dbgsym');
}

/** Why a rebuild's debug symbols are set aside next to a repository that does not publish them. */
export const DEBUG_SYMBOLS_NOT_PUBLISHED =
  "debug symbols: CI's repository does not publish them (Debian keeps them in a separate archive, debian-debug); expected, and not compared";
