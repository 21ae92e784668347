/**
 * A publication run in a child process, for the crash-safety test: it
 * publishes as told in CS_PUBLISH_CHILD and, when a checkpoint is named in
 * `killAt`, kills itself there with SIGKILL (no cleanup code of ours runs).
 * Every checkpoint passed is appended to `trace`.
 */
import { appendFileSync } from 'node:fs';
import type { ProdLayout } from '../publishTypes';
import { publish } from '../publish';
import { gpgReleaseSigner } from './gpgReleaseSigner';
import { packageToPublish } from './packageToPublish';

interface ChildOrder {
  root: string;
  layout: ProdLayout;
  packages: { file: string; component: string }[];
  gnupgHome: string;
  fingerprint: string;
  date: string;
  killAt: string | null;
  trace: string;
}

const order = JSON.parse(process.env.CS_PUBLISH_CHILD ?? '{}') as ChildOrder;
const add = await Promise.all(
  order.packages.map((pkg) => packageToPublish(pkg.file, pkg.component)),
);
await publish(order.root, order.layout, add, {
  sign: gpgReleaseSigner(order.gnupgHome, order.fingerprint),
  date: new Date(order.date),
  checkpoint: (name) => {
    appendFileSync(order.trace, `${name}\n`);
    if (name === order.killAt) process.kill(process.pid, 'SIGKILL');
  },
});
