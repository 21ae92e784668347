import { describe, expect, it } from 'vitest';
import type { PromotionCandidate } from '../../../../shared/promote';
import { chosenPackages, planRequestFor, samePlanRequest, withPackage } from './candidateSelection';

function candidate(name: string, architecture: string, selected: boolean): PromotionCandidate {
  return {
    key: `deb:${name}_1.0.0_${architecture}`,
    package: name,
    version: '1.0.0',
    architecture,
    component: 'main',
    filename: `pool/main/${name}_1.0.0_${architecture}.deb`,
    size: 1000,
    sha256: 'a'.repeat(64),
    comparison: 'identical',
    verdict: null,
    evidence: 'identical to the rebuild',
    refusals: [],
    selected,
  };
}

describe('chosenPackages', () => {
  const candidates = [
    candidate('zeta', 'amd64', true),
    candidate('alpha', 'amd64', true),
    candidate('alpha', 'arm64', true),
    candidate('extra', 'all', false),
  ];

  it('takes the engine’s default until the user chooses, each name once and sorted', () => {
    expect(chosenPackages(candidates, null)).toEqual(['alpha', 'zeta']);
  });

  it('takes the user’s choice once there is one, even an empty one', () => {
    expect(chosenPackages(candidates, ['zeta'])).toEqual(['zeta']);
    expect(chosenPackages(candidates, [])).toEqual([]);
  });
});

describe('withPackage', () => {
  it('adds and removes a package by name, keeping the list sorted and unique', () => {
    expect(withPackage(['b'], 'a', true)).toEqual(['a', 'b']);
    expect(withPackage(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
    expect(withPackage(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});

describe('planRequestFor', () => {
  it('leaves the engine’s defaults out of the request', () => {
    expect(planRequestFor('v1.0.0', null, false)).toEqual({ tag: 'v1.0.0' });
    expect(planRequestFor('v1.0.0', [], true)).toEqual({
      tag: 'v1.0.0',
      packages: [],
      allowDowngrade: true,
    });
  });
});

describe('samePlanRequest', () => {
  it('compares the tag, the packages whatever their order, and the downgrade choice', () => {
    const base = { tag: 'v1.0.0', packages: ['a', 'b'] };
    expect(samePlanRequest(base, { tag: 'v1.0.0', packages: ['b', 'a'] })).toBe(true);
    expect(samePlanRequest(base, { ...base, allowDowngrade: false })).toBe(true);
    expect(samePlanRequest(base, { ...base, allowDowngrade: true })).toBe(false);
    expect(samePlanRequest(base, { tag: 'v1.0.0' })).toBe(false);
    expect(samePlanRequest(base, { ...base, tag: 'v2.0.0' })).toBe(false);
    expect(samePlanRequest(null, null)).toBe(true);
    expect(samePlanRequest(base, null)).toBe(false);
  });
});
