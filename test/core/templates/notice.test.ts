import { activeNotices, noticeExtraDelayMinutes, NoticeSchema, type Notice } from '../../../lambdas/core/notice';

const n = (over: Partial<Notice>): Notice => ({
  id: 'n',
  kind: 'maintenance',
  message: 'm',
  startsAt: '2026-03-08T10:00:00Z',
  endsAt: '2026-03-08T14:00:00Z',
  extraDelayMinutes: 60,
  ...over,
});

describe('notices', () => {
  it('is active from its start up to (not including) its end, or open-ended', () => {
    const open = n({ id: 'open', endsAt: undefined, startsAt: '2026-03-08T12:00:00Z' });
    const list = [n({ id: 'a' }), open];
    expect(activeNotices(list, new Date('2026-03-08T09:59:59Z'))).toEqual([]);
    expect(activeNotices(list, new Date('2026-03-08T10:00:00Z')).map((x) => x.id)).toEqual(['a']);
    expect(activeNotices(list, new Date('2026-03-08T13:00:00Z')).map((x) => x.id)).toEqual(['a', 'open']);
    expect(activeNotices(list, new Date('2026-03-08T14:00:00Z')).map((x) => x.id)).toEqual(['open']);
  });

  it('adds the largest delay of overlapping notices, not their sum', () => {
    const list = [n({ id: 'a', extraDelayMinutes: 60 }), n({ id: 'b', extraDelayMinutes: 90 })];
    expect(noticeExtraDelayMinutes(list, new Date('2026-03-08T11:00:00Z'))).toBe(90);
    expect(noticeExtraDelayMinutes(list, new Date('2026-03-09T11:00:00Z'))).toBe(0);
  });

  it('rejects a notice that ends before it starts, or has unknown fields', () => {
    expect(NoticeSchema.safeParse(n({ endsAt: '2026-03-08T09:00:00Z' })).success).toBe(false);
    expect(NoticeSchema.safeParse({ ...n({}), extra: 1 }).success).toBe(false);
    expect(NoticeSchema.safeParse(n({})).success).toBe(true);
  });
});
