import { describe, expect, it } from 'vitest';
import { ErrorBody, PageQuery, Severity } from './common.js';

describe('common model', () => {
  it('accepts only the four severities', () => {
    expect(Severity.options).toEqual(['critical', 'high', 'medium', 'low']);
    expect(Severity.safeParse('urgent').success).toBe(false);
  });
  it('coerces and bounds paging', () => {
    expect(PageQuery.parse({ limit: '20' })).toEqual({ limit: 20, offset: 0 });
    expect(PageQuery.safeParse({ limit: '5000' }).success).toBe(false);
  });
  it('describes the one error shape', () => {
    expect(ErrorBody.safeParse({ error: { code: 'not_found', message: 'no such host' } }).success).toBe(true);
    expect(ErrorBody.safeParse({ message: 'x' }).success).toBe(false);
  });
});
