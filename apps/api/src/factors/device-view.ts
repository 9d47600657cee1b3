import type { DeviceView } from '@latchkey/contracts';
import type { TotpDevice } from './factor.entities';

/** A device as the console shows it: its name and dates, never its secret. */
export function deviceView(d: TotpDevice): DeviceView {
  return {
    id: d.id,
    name: d.name,
    createdAt: d.createdAt.toISOString(),
    lastUsedAt: d.lastUsedAt ? d.lastUsedAt.toISOString() : null,
  };
}
