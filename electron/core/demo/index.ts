/**
 * The demo release: a complete sample release built with the app's own code
 * (signed tags, CI's build published to a signed apt-test, an empty apt-prod,
 * an encrypted release key). `countersign demo`, `npm start` and the tests'
 * fixtures use it; the front door they import.
 */
export {
  createDemo,
  DEMO_RECIPE,
  gpgTime,
  MAINTAINER_UID,
  CI_UID,
  UNTRUSTED_UID,
  type DemoOptions,
  type DemoRelease,
} from './createDemo';
export { RELEASE_UID } from './demoReleaseKey';
export { DEMO_RC_DATE, DEMO_RELEASE_DATE } from './demoSource';
export { countersignCache, countersignHome } from '../lib/project/countersignHome';
/** Builds git repositories with signed tags, as the demo does; tests make their own with it. */
export { DemoRepo } from '../lib/git/gitRepo';
