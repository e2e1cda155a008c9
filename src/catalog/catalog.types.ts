/** Services and resources as the API and the domain see them (camelCase; the tables are snake_case). */
import type { DateOverrides, WeeklyHours } from '../db/schema';
import type { PriceTier } from '../pricing/price-tiers';

export type { DateOverrides, TimeRange, WeeklyHours, Weekday } from '../db/schema';

export interface Service {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  depositCents: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  slotStepMinutes: number;
  paymentWindowMinutes: number;
  refundWindowHours: number;
  reminderOffsetsMinutes: number[];
  /** How often a customer may reschedule one booking (an admin may go past it). */
  maxReschedules: number;
  /** The Calendly event type whose invitees book this service (issue 7); null when none. */
  calendlyEventTypeUri?: string | null;
  /** Issue 6: the other durations this service may be booked for, each with its price (src/pricing). Unset: none. */
  priceTiers?: PriceTier[];
  active: boolean;
}

export interface Resource {
  id: string;
  name: string;
  timeZone: string;
  weeklyHours: WeeklyHours;
  dateOverrides: DateOverrides;
  serviceIds: string[];
  /** Issue 7: the resource's own calendar (a Google calendar id, or a CalDAV calendar URL); null: the local calendar. */
  calendarId?: string | null;
  /** Issue 7: the Calendly user whose events are this resource's; null when none. */
  calendlyUserUri?: string | null;
  active: boolean;
}

export interface Slot {
  start: string;
  end: string;
  resourceId: string;
}
