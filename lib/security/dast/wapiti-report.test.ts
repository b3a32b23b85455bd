import { describe, expect, it } from 'vitest';
import { findingsOf, highFindings } from './wapiti-report';

const report = {
  classifications: {},
  vulnerabilities: {
    'Cross Site Scripting': [{ method: 'GET', path: '/findings', info: 'XSS via q', level: 4, parameter: 'q' }],
    'Content Security Policy Configuration': [{ method: 'GET', path: '/', info: 'CSP weak', level: 2 }],
    'SQL Injection': [],
  },
  anomalies: { 'Internal Server Error': [{ method: 'POST', path: '/api/x', info: '500', level: 3 }] },
  additionals: {},
  infos: { target: 'http://localhost:3100/' },
};

describe('wapiti report verdict', () => {
  it('lists every finding with its level', () => {
    expect(findingsOf(report)).toHaveLength(3);
  });
  it('fails on high or critical vulnerabilities and anomalies, not on medium', () => {
    expect(highFindings(report).map((f) => f.category).sort()).toEqual(['Cross Site Scripting', 'Internal Server Error']);
  });
  it('passes a clean report', () => {
    expect(highFindings({ vulnerabilities: { 'SQL Injection': [] }, anomalies: {} })).toEqual([]);
  });
});
