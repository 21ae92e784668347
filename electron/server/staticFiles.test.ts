import { describe, expect, it } from 'vitest';
import { resolveStatic } from './staticFiles';

describe('resolveStatic', () => {
  const root = '/srv/renderer';
  it('serves index.html for the root and files inside the renderer folder', () => {
    expect(resolveStatic(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveStatic(root, '/assets/app.js')).toBe('/srv/renderer/assets/app.js');
  });
  it('never resolves outside the renderer folder', () => {
    for (const path of [
      '/../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../x',
      '/..%2f..%2fx',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const resolved = resolveStatic(root, path);
      expect(resolved === null || resolved.startsWith('/srv/renderer/'), path).toBe(true);
    }
    expect(resolveStatic(root, '/../etc/passwd')).not.toBe('/etc/passwd');
  });
});
