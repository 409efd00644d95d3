/**
 * Counters behind the honest, surge-aware response time: how many cases wait for a
 * first response, and how many first responses were sent per hour recently.
 */
export const AWAITING_FIRST_RESPONSE = 'STAT#awaiting_first_response';

export const firstResponsesKey = (hour: Date): string => `STAT#first_responses#${hour.toISOString().slice(0, 13)}`;
