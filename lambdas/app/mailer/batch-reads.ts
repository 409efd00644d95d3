import { keptUnlessFailed } from '../kept-reading';
import type { DeliveryDeps } from './deliver-outbound';

/**
 * The mailer's ports for one batch: what every mail of the batch renders from (the backlog counters
 * behind the stated times, the notices) is read once and shared. It changes by the minute and a batch
 * takes about a second, while reading it for each mail was four counters and a query per mail, most of
 * the mailer's requests. A failed reading is not kept: the next mail reads again.
 */
export function sharingBatchReads(deps: DeliveryDeps): DeliveryDeps {
  const m = deps.mailer;
  return {
    ...deps,
    mailer: {
      ...m,
      renderContext: keptUnlessFailed(() => m.renderContext()),
      notices: { list: keptUnlessFailed(() => m.notices.list()) },
    },
  };
}
