/** Joins what a stream of byte chunks yields into one UTF-8 string (small test data only). */
export async function collectChunks(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}
