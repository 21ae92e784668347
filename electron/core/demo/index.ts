/**
 * The demo release: a complete sample release built with the app's own code
 * (signed tags, CI's build published to a signed apt-test, an empty apt-prod,
 * an encrypted release key). `countersign demo`, `npm start` and the tests'
 * fixtures use it; the front door they import.
 */
export { createDemo, DEMO_RECIPE, type DemoOptions, type DemoRelease } from './createDemo';
export { countersignCache, countersignHome } from '../lib/project/countersignHome';
/** Builds git repositories with signed tags, as the demo does; tests make their own with it. */
export { DemoRepo } from '../lib/git/gitRepo';
