/**
 * What a build's environment is allowed to differ in, as reprotest varies it.
 * A reproducible package comes out byte-identical under both.
 */
export interface BuildVariation {
  name: 'reference' | 'varied';
  /** Folder holding the source folder; dpkg-buildpackage writes its outputs here. */
  parent: string;
  timeZone: string;
  locale: string;
  umask: string;
  hostname: string;
}

export const REFERENCE_BUILD: BuildVariation = {
  name: 'reference',
  parent: '/build',
  timeZone: 'UTC',
  locale: 'C.UTF-8',
  umask: '022',
  hostname: 'countersign',
};

export const VARIED_BUILD: BuildVariation = {
  name: 'varied',
  parent: '/build/elsewhere/deeper',
  // A POSIX zone needs no tzdata in the image.
  timeZone: 'NZST-12',
  locale: 'C',
  umask: '002',
  hostname: 'varied-host',
};
