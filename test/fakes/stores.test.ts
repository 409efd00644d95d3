import { configurationStoreContract, macroStoreContract, noticeStoreContract } from '../contracts/stores.contract';
import { FakeClock } from './clock';
import { InMemoryConfigurationStore, InMemoryMacroStore, InMemoryNoticeStore } from './stores';

noticeStoreContract('in memory', () => new InMemoryNoticeStore(new FakeClock()));
macroStoreContract('in memory', () => new InMemoryMacroStore());
configurationStoreContract('in memory', () => new InMemoryConfigurationStore());
