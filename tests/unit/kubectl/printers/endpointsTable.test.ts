import { describe, expect, it } from 'vitest';
import type { Endpoints } from 'kubernetes-types/core/v1';
import { formatEndpoints } from '../../../../src/kubectl/printers/tables/network';
import { printTable } from '../../../../src/kubectl/printers/index';

function ep(subsets: Endpoints['subsets']): Endpoints {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'svc', namespace: 'ns', creationTimestamp: '2026-11-24T15:00:00Z' }, ...(subsets ? { subsets } : {}) };
}
const addr = (ip: string) => ({ ip });

describe('get endpoints (printEndpoints / formatEndpoints)', () => {
  it('prints <none> without subsets and an empty cell when no address is ready', () => {
    expect(formatEndpoints(ep(undefined))).toBe('<none>');
    expect(formatEndpoints(ep([{ notReadyAddresses: [addr('10.0.0.1')], ports: [{ port: 80 }] }]))).toBe('');
  });

  it('lists ip:port per port and address, three at most, then "+ N more..."', () => {
    expect(formatEndpoints(ep([{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [{ name: 'http', port: 80 }] }]))).toBe('10.0.0.1:80,10.0.0.2:80');
    const many = ep([{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }] }]);
    expect(formatEndpoints(many)).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...');
    expect(formatEndpoints(many, new Set(['b']))).toBe('10.0.0.1:443,10.0.0.2:443');
  });

  it('lists bare IPs for a headless subset without ports, and brackets IPv6', () => {
    expect(formatEndpoints(ep([{ addresses: [addr('10.0.0.1')] }]))).toBe('10.0.0.1');
    expect(formatEndpoints(ep([{ addresses: [addr('fd00::1')], ports: [{ port: 80 }] }]))).toBe('[fd00::1]:80');
  });

  it('renders NAME ENDPOINTS AGE', () => {
    const now = Date.parse('2026-11-24T15:05:00Z');
    const out = printTable('Endpoints', [ep([{ addresses: [addr('10.0.0.1')], ports: [{ port: 8080 }] }])], { now });
    expect(out).toBe('NAME   ENDPOINTS       AGE\nsvc    10.0.0.1:8080   5m\n');
  });
});
