import type { CalendarProvider } from './calendar/calendar-provider';
import type { MessageSender } from './messages/message-sender';
import type { PaymentProvider } from './payments/payment-provider';

/** The providers chosen by configuration, built once at start-up (`build-providers.ts`). */
export interface Providers {
  payments: PaymentProvider;
  calendar: CalendarProvider;
  /** One sender per channel; a booking's messages go to every channel the customer can receive. */
  messages: MessageSender[];
}
