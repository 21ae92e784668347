/** Where a bundle's decisions file goes by default: beside the bundle, named after it. */
export function decisionsFileBeside(bundleFile: string): string {
  const slash = bundleFile.lastIndexOf('/');
  const dir = bundleFile.slice(0, slash + 1);
  const base = bundleFile.slice(slash + 1).replace(/\.(tar|tar\.xz|bundle)$/, '');
  return `${dir}${base || 'review'}.decisions.json`;
}
