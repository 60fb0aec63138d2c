import type { AppInfo } from '../../../../shared/ipc/schemas';
import type { DomainHandlers } from './types';

export function appHandlers(info: AppInfo): DomainHandlers<'app'> {
  return { info: async () => info };
}
