const UNITS = ['bytes', 'KiB', 'MiB', 'GiB'] as const;

/** A file size a person can read ("4.2 KiB"); exact bytes below 1 KiB. */
export function formatByteSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
