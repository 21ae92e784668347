import type { MachineTool, ToolNeed } from '../../../shared/doctor';

/**
 * What each tool is run for, and the steps that stop without it, as the engine
 * runs them today (each line names where it is spawned). Step 3 (compare) and
 * step 6 (verify) run no outside program: archives, xz, OpenPGP and apt
 * repositories are read in-process.
 */
export const TOOL_NEEDS: Record<MachineTool, { purpose: string; blocks: ToolNeed[] }> = {
  // tag/readTag.ts reads the tag object; rebuild/ streams `git archive` of the
  // tagged commit and reads its date (sourceDateEpoch.ts).
  git: {
    purpose: 'reads the signed tag and exports the tagged source',
    blocks: [
      { step: 'tag', only: null },
      { step: 'rebuild', only: null },
    ],
  },
  // lib/docker/dockerCli.ts: every rebuild runs in a container.
  docker: {
    purpose: 'runs each rebuild in a container, network off',
    blocks: [{ step: 'rebuild', only: null }],
  },
  // lib/docker/baseImage.ts: only a recipe whose base is a Debian suite bootstraps one.
  mmdebstrap: {
    purpose: 'bootstraps a rebuild base image from a Debian suite',
    blocks: [{ step: 'rebuild', only: 'recipes whose base is a Debian suite to bootstrap' }],
  },
  // lib/diffoscope/runDiffoscope.ts: our own member listing needs no diffoscope.
  diffoscope: {
    purpose: 'explains what differs inside two artifacts',
    blocks: [
      {
        step: 'review',
        only: "diffoscope's report and each member's diff (the list of differing members still shows)",
      },
    ],
  },
  // publish/xzCompress.ts: apt-prod's Packages.xz is written by xz.
  xz: {
    purpose: "compresses apt-prod's Packages.xz indexes",
    blocks: [{ step: 'promote', only: null }],
  },
  // No step runs gpgv: signatures are checked with openpgp.js. It is what apt
  // and the users of apt-prod check its signatures with.
  gpgv: {
    purpose:
      "what apt and apt-prod's users check its signatures with (Countersign itself does not run it)",
    blocks: [],
  },
};
