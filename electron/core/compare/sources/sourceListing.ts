import type { ArtifactCopy, ArtifactSource } from '../../../../shared/compare';
import type { ByteProgress } from './byteProgress';

/** One side of a comparison, read and hashed. */
export interface SourceListing {
  source: ArtifactSource;
  copies: ArtifactCopy[];
}

export interface ListOptions {
  progress: ByteProgress;
  signal?: AbortSignal;
}

/** File names that are Debian binary packages, whose identity comes from their control data. */
export function looksLikeDeb(path: string): boolean {
  return /\.u?deb$/i.test(path);
}
