import { backoffMs, checkHttpResponse, PermanentDeliveryError } from './outbox-handler';

describe('outbox retry policy', () => {
  const mid = () => 0.5; // no jitter
  it('doubles the wait on each attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000, 3_600_000, mid))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('caps the wait', () => {
    expect(backoffMs(30, 1000, 60_000, mid)).toBe(60_000);
  });
  it('jitters within ±20%', () => {
    expect(backoffMs(3, 1000, 3_600_000, () => 0)).toBe(3200);
    expect(backoffMs(3, 1000, 3_600_000, () => 0.999)).toBe(4798);
  });
  it('retries 5xx, 408 and 429, gives up on other 4xx', async () => {
    await expect(checkHttpResponse(new Response('ok', { status: 200 }), 'x')).resolves.toBeUndefined();
    await expect(checkHttpResponse(new Response('down', { status: 503 }), 'x')).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    await expect(checkHttpResponse(new Response('slow', { status: 429 }), 'x')).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    await expect(checkHttpResponse(new Response('bad', { status: 422 }), 'x')).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});
