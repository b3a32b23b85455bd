import { describe, expect, it } from 'vitest';
import type { Severity } from '@/lib/domain/model';
import { CONTROLS } from './controls';
import { computeControlStatus, getControl, type ControlFacts } from './status';

function open(counts: Partial<Record<Severity, number>> = {}): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, informational: 0, ...counts };
}

function facts(evidenceRecords: number, counts: Partial<Record<Severity, number>> = {}, extra: Partial<ControlFacts> = {}): ControlFacts {
  return { evidenceRecords, openBySeverity: open(counts), ...extra };
}

const anyFinding = getControl('operate-no-privileged-containers'); // no-open-findings
const criticalOrHigh = getControl('build-registry-image-scanning'); // no-open-critical-or-high
const mediumOrAbove = getControl('operate-active-threat-monitoring'); // no-open-medium-or-above
const manual = getControl('plan-threat-modelling');

describe('computeControlStatus', () => {
  it('uses the rule each test below assumes', () => {
    expect(anyFinding.statusRule).toBe('no-open-findings');
    expect(criticalOrHigh.statusRule).toBe('no-open-critical-or-high');
    expect(mediumOrAbove.statusRule).toBe('no-open-medium-or-above');
    expect(manual.statusRule).toBe('manual-attestation');
  });

  it('reports no-evidence when nothing maps to the control', () => {
    expect(computeControlStatus(anyFinding, facts(0))).toBe('no-evidence');
    expect(computeControlStatus(criticalOrHigh, facts(0))).toBe('no-evidence');
  });

  it('passes with evidence and no open findings', () => {
    expect(computeControlStatus(anyFinding, facts(12))).toBe('pass');
  });

  it('no-open-findings fails on any open finding, even informational', () => {
    expect(computeControlStatus(anyFinding, facts(12, { informational: 1 }))).toBe('fail');
    expect(computeControlStatus(anyFinding, facts(12, { critical: 1 }))).toBe('fail');
  });

  it('fails on an open finding even when the evidence count is zero', () => {
    expect(computeControlStatus(anyFinding, facts(0, { low: 1 }))).toBe('fail');
  });

  it('no-open-critical-or-high ignores medium and lower, fails on high or critical', () => {
    expect(computeControlStatus(criticalOrHigh, facts(40, { medium: 9, low: 3, informational: 2 }))).toBe('pass');
    expect(computeControlStatus(criticalOrHigh, facts(40, { high: 1 }))).toBe('fail');
    expect(computeControlStatus(criticalOrHigh, facts(40, { critical: 1 }))).toBe('fail');
  });

  it('counts below-threshold open findings as evidence', () => {
    expect(computeControlStatus(criticalOrHigh, facts(0, { low: 2 }))).toBe('pass');
  });

  it('no-open-medium-or-above ignores low and informational, fails on medium', () => {
    expect(computeControlStatus(mediumOrAbove, facts(5, { low: 4, informational: 10 }))).toBe('pass');
    expect(computeControlStatus(mediumOrAbove, facts(5, { medium: 1 }))).toBe('fail');
  });

  it('keeps manual controls at no-evidence whatever the facts say', () => {
    expect(computeControlStatus(manual, facts(100))).toBe('no-evidence');
    expect(computeControlStatus(manual, facts(100, { critical: 3 }))).toBe('no-evidence');
  });

  it('will not pass a control while one of its evidence sources is failing', () => {
    expect(computeControlStatus(criticalOrHigh, facts(40, {}, { sourcesFailing: ['defender-vulnerability'] }))).toBe('no-evidence');
    // A failing source the control does not use changes nothing.
    expect(computeControlStatus(criticalOrHigh, facts(40, {}, { sourcesFailing: ['sentinel-incident'] }))).toBe('pass');
  });

  it('still fails on known open findings while a source is failing', () => {
    expect(computeControlStatus(criticalOrHigh, facts(40, { high: 2 }, { sourcesFailing: ['defender-vulnerability'] }))).toBe('fail');
  });

  it('gives every catalog control a status for empty facts', () => {
    for (const c of CONTROLS) expect(computeControlStatus(c, facts(0))).toBe('no-evidence');
  });
});
