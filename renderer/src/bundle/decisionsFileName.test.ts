import { describe, expect, it } from 'vitest';
import { decisionsFileBeside } from './decisionsFileName';

describe('decisionsFileBeside', () => {
  it('names the decisions file after the bundle, beside it', () => {
    expect(decisionsFileBeside('/tmp/in/hello-1.0.0.review.tar')).toBe(
      '/tmp/in/hello-1.0.0.review.decisions.json',
    );
    expect(decisionsFileBeside('bundle')).toBe('bundle.decisions.json');
    expect(decisionsFileBeside('/x/.tar')).toBe('/x/review.decisions.json');
  });
});
