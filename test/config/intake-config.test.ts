import { CATALOGUE } from '../../lambdas/shared/catalogue';
import { loadAckBudget } from '../../lambdas/shared/intake-config';

describe('the intake acknowledgement budget settings', () => {
  it('defaults to the catalogue entry, at least 1,000 a minute', () => {
    expect(loadAckBudget({})).toEqual(CATALOGUE.intake.ackBudget);
    expect(loadAckBudget({}).perMinute).toBeGreaterThanOrEqual(1_000);
  });

  it('is tuned by ACK_BUDGET_PER_MINUTE and ACK_CAP_PER_SENDER_PER_DAY', () => {
    expect(loadAckBudget({ ACK_BUDGET_PER_MINUTE: '5000', ACK_CAP_PER_SENDER_PER_DAY: '3' })).toEqual({
      perMinute: 5000,
      perSenderPerDay: 3,
    });
  });

  it('names the variable when a value is not a positive whole number', () => {
    expect(() => loadAckBudget({ ACK_BUDGET_PER_MINUTE: '0' })).toThrow(/ACK_BUDGET_PER_MINUTE/);
    expect(() => loadAckBudget({ ACK_CAP_PER_SENDER_PER_DAY: 'ten' })).toThrow(/ACK_CAP_PER_SENDER_PER_DAY/);
  });
});
