import { describe, expect, it } from 'vitest';
import { countChanges, describeChange, writingChanges } from './changeText';
import { sampleChange } from './testing/samplePlan';

describe('describeChange', () => {
  it('says what each change does to apt-prod, with both versions where two are involved', () => {
    expect(describeChange(sampleChange('hello'))).toBe('hello all: 1.0.0, new in apt-prod');
    expect(
      describeChange(sampleChange('hello', { action: 'replace', previousVersion: '0.9.0' })),
    ).toBe('hello all: 0.9.0 → 1.0.0');
    expect(
      describeChange(
        sampleChange('hello', { action: 'downgrade', version: '0.8.0', previousVersion: '1.0.0' }),
      ),
    ).toBe('hello all: 1.0.0 → 0.8.0, an older version');
    expect(describeChange(sampleChange('hello', { action: 'unchanged' }))).toBe(
      'hello all: 1.0.0, already published',
    );
  });
});

describe('countChanges', () => {
  it('counts each kind in a fixed order, leaving out kinds that do not occur', () => {
    const changes = [
      sampleChange('a', { action: 'unchanged' }),
      sampleChange('b'),
      sampleChange('c'),
      sampleChange('d', { action: 'replace', previousVersion: '0.1' }),
    ];
    expect(countChanges(changes)).toBe('2 to add, 1 to replace, 1 unchanged');
    expect(countChanges([])).toBe('nothing');
  });
});

describe('writingChanges', () => {
  it('keeps only the changes that write to apt-prod', () => {
    const changes = [sampleChange('a', { action: 'unchanged' }), sampleChange('b')];
    expect(writingChanges(changes).map((change) => change.package)).toEqual(['b']);
  });
});
