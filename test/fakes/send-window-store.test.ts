import { sendWindowStoreContract } from '../contracts/send-window-store.contract';
import { InMemorySendWindowStore } from './send-window-store';

sendWindowStoreContract('in memory', () => new InMemorySendWindowStore());
