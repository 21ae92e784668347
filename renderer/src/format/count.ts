const numbers = new Intl.NumberFormat('en');

/** A count with thousands separators: "10,000". */
export function formatCount(count: number): string {
  return numbers.format(count);
}
