/**
 * The demo's small Debian source package, as files. Two binary packages, so
 * later steps have something reproducible and something to compare.
 */
const control = `Source: countersign-hello
Section: utils
Priority: optional
Maintainer: Dana Maintainer <dana@example.org>
Build-Depends: debhelper-compat (= 13)
Standards-Version: 4.6.2
Rules-Requires-Root: no

Package: countersign-hello
Architecture: all
Depends: \${misc:Depends}
Description: greets release managers
 A tiny program used by Countersign's demo release.

Package: countersign-hello-doc
Architecture: all
Section: doc
Depends: \${misc:Depends}
Description: documentation for countersign-hello
 The manual of Countersign's demo program.
`;

function changelogEntry(version: string, text: string, date: string): string {
  return `countersign-hello (${version}) unstable; urgency=medium

  * ${text}

 -- Dana Maintainer <dana@example.org>  ${date}
`;
}

export const DEMO_RC_DATE = '2026-01-15T10:00:00Z';
export const DEMO_RELEASE_DATE = '2026-02-01T10:00:00Z';

export function demoSourceFiles(release: boolean, epoch?: number): Record<string, string> {
  const prefix = epoch === undefined ? '' : `${epoch}:`;
  const rc = changelogEntry(
    `${prefix}1.0.0~rc1`,
    'Release candidate 1.',
    'Thu, 15 Jan 2026 10:00:00 +0000',
  );
  const final = changelogEntry(
    `${prefix}1.0.0`,
    'First stable release.',
    'Sun, 01 Feb 2026 10:00:00 +0000',
  );
  return {
    'hello.sh': `#!/bin/sh\n# Greets whoever runs it.\necho "Hello from countersign-hello ${release ? '1.0.0' : '1.0.0~rc1'}"\n`,
    // The documentation carries its build time, taken from SOURCE_DATE_EPOCH so
    // that a reproducible build stamps the changelog's date, not the clock's.
    'README.in':
      '# countersign-hello\n\nThe sample package of the Countersign demo release.\n\nBuilt @BUILD_DATE@.\n',
    'debian/control': control,
    'debian/changelog': release ? `${final}\n${rc}` : rc,
    'debian/rules': [
      '#!/usr/bin/make -f',
      "BUILD_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) '+%Y-%m-%d %H:%M UTC')",
      '%:',
      '\tdh $@',
      'override_dh_auto_build:',
      "\tsed 's/@BUILD_DATE@/$(BUILD_DATE)/' README.in > README.md",
      'override_dh_auto_clean:',
      '\trm -f README.md',
      '',
    ].join('\n'),
    'debian/source/format': '3.0 (native)\n',
    'debian/copyright':
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: countersign-hello\n\nFiles: *\nCopyright: 2026 Dana Maintainer\nLicense: MIT\n',
    'debian/countersign-hello.install': 'hello.sh usr/bin\n',
    'debian/countersign-hello-doc.install': 'README.md usr/share/doc/countersign-hello-doc\n',
  };
}
