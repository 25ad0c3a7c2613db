// Main process. How services announce main → renderer events; app-core fans them out to each host's listeners.
import type { EventName, EventPayload } from '../../shared/api/contract';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
