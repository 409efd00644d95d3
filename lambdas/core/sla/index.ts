/** SLA clock: policies, presets, business-time arithmetic, deadline planning, timers, policy diffs. */
export * from './business-time';
export * from './calendar';
export * from './duration';
export * from './expected-response';
export * from './plan-deadlines';
export * from './policy';
export * from './policy-diff';
export * from './presets';
export * from './timer-delay';
