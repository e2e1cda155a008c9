/** Services, resources and availability: what the public and admin catalog routes accept and answer. */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { tierConflicts } from '../../pricing/price-tiers';
import { catalogIdSchema, instantSchema } from './common.schemas';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MAX_AVAILABILITY_SPAN_MS = 62 * 24 * 60 * 60 * 1000;

const startOfRangeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00 to 23:59)');
/** A day that works until midnight ends at "24:00": the end of that day, not the start of the next. */
const endOfRangeSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM (00:00 to 23:59, or 24:00 for the end of the day)');

export const timeRangeSchema = z
  .object({ start: startOfRangeSchema, end: endOfRangeSchema })
  .strict()
  .refine((r) => r.start < r.end, { message: 'start must be before end', path: ['end'] });

/** A day's opening ranges; overlaps are refused because they would offer the same slot twice. */
const dayHoursSchema = z.array(timeRangeSchema).superRefine((ranges, ctx) => {
  const sorted = [...ranges].sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current.start < previous.end) {
      ctx.addIssue({ code: 'custom', message: `${current.start}-${current.end} overlaps ${previous.start}-${previous.end}` });
    }
  }
});

export const weeklyHoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursSchema.default([])])) as Record<(typeof WEEKDAYS)[number], z.ZodDefault<typeof dayHoursSchema>>)
  .strict()
  .describe('Opening hours per weekday in the resource time zone; a missing day is closed; a day may end at "24:00".');

export const dateOverridesSchema = z
  .record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'), dayHoursSchema)
  .describe('Dates (in the resource time zone) with their own hours; an empty list closes the day; a day may end at "24:00".');

export const timeZoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), { message: 'must be an IANA time zone such as Europe/Zurich' });

const minutes = z.number().int().min(0).max(525_600);

// Issue 7: calendar and Calendly bindings. Null unbinds.
const calendlyUriSchema = (what: string) =>
  z.string().trim().url().max(500).nullable().describe(`The Calendly ${what} URI (https://api.calendly.com/...), or null for none.`);
const calendlyEventTypeUriSchema = calendlyUriSchema('event type').describe(
  'The Calendly event type (https://api.calendly.com/event_types/...) whose invitees book this service; null for none.',
);
const calendlyUserUriSchema = calendlyUriSchema('user').describe('The Calendly user (https://api.calendly.com/users/...) whose events are this resource\'s; null for none.');
const calendarIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .nullable()
  .describe('The resource\'s calendar: a Google calendar id (`primary`, an address) or a CalDAV calendar URL, per CALENDAR_PROVIDER; null: the local calendar.');

// Issue 6: prices by duration (src/pricing). The service's own duration and price are always offered.
const priceTiersSchema = z
  .array(z.object({ durationMinutes: z.number().int().min(1).max(1440), priceCents: z.number().int().min(0) }).strict())
  .max(20)
  .describe(
    'Other durations the service may be booked for, each with its price (`POST /v1/bookings` and `GET /v1/availability` take `durationMinutes`). ' +
      'The service\'s own `durationMinutes` at `priceCents` is always offered; a tier may repeat it only at that price.',
  );

const serviceFields = {
  name: z.string().trim().min(1).max(200),
  durationMinutes: z.number().int().min(1).max(1440),
  priceCents: z.number().int().min(0),
  // Stripe writes currencies in lower case (`chf`): any case is accepted, kept and answered in upper case.
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO currency code such as CHF')
    .toUpperCase()
    .describe('ISO 4217 code in any case; stored and answered in upper case.'),
  depositCents: z.number().int().min(0),
  bufferBeforeMinutes: minutes,
  bufferAfterMinutes: minutes,
  minNoticeMinutes: minutes,
  maxAdvanceDays: z.number().int().min(1).max(3650),
  slotStepMinutes: z.number().int().min(1).max(1440),
  paymentWindowMinutes: z.number().int().min(1).max(10_080),
  refundWindowHours: z.number().int().min(0).max(8760),
  reminderOffsetsMinutes: z.array(z.number().int().positive().max(525_600)).max(10),
  maxReschedules: z
    .number()
    .int()
    .min(0)
    .max(100)
    .describe('How often a customer may reschedule one booking (past it: 409 INVALID_TRANSITION); an admin may go past it.'),
  calendlyEventTypeUri: calendlyEventTypeUriSchema,
  priceTiers: priceTiersSchema,
  active: z.boolean(),
};

export const serviceSchema = z.object({ id: z.string(), ...serviceFields }).meta({ id: 'Service' });

const depositWithinPrice = (s: { depositCents?: number; priceCents?: number }) =>
  s.depositCents === undefined || s.priceCents === undefined || s.depositCents <= s.priceCents;
const depositRule = { message: 'depositCents must not exceed priceCents', path: ['depositCents'] };

/** Tiers name each duration once, and the service's own duration only at its own price. */
function tiersAgree(s: { durationMinutes?: number; priceCents?: number; priceTiers?: { durationMinutes: number; priceCents: number }[] }, ctx: z.RefinementCtx): void {
  if (s.durationMinutes === undefined || s.priceCents === undefined) return;
  for (const conflict of tierConflicts({ durationMinutes: s.durationMinutes, priceCents: s.priceCents, priceTiers: s.priceTiers })) {
    ctx.addIssue({ code: 'custom', message: conflict.message, path: ['priceTiers', conflict.index] });
  }
}

export const serviceCreateSchema = z
  .object({
    id: catalogIdSchema.optional(),
    name: serviceFields.name,
    durationMinutes: serviceFields.durationMinutes,
    priceCents: serviceFields.priceCents,
    currency: serviceFields.currency,
    depositCents: serviceFields.depositCents.default(0),
    bufferBeforeMinutes: serviceFields.bufferBeforeMinutes.default(0),
    bufferAfterMinutes: serviceFields.bufferAfterMinutes.default(0),
    minNoticeMinutes: serviceFields.minNoticeMinutes.default(60),
    maxAdvanceDays: serviceFields.maxAdvanceDays.default(60),
    slotStepMinutes: serviceFields.slotStepMinutes.default(15),
    paymentWindowMinutes: serviceFields.paymentWindowMinutes.default(30),
    refundWindowHours: serviceFields.refundWindowHours.default(24),
    reminderOffsetsMinutes: serviceFields.reminderOffsetsMinutes.default([1440, 60]),
    maxReschedules: serviceFields.maxReschedules.default(3),
    calendlyEventTypeUri: serviceFields.calendlyEventTypeUri.default(null),
    priceTiers: serviceFields.priceTiers.default([]),
    active: serviceFields.active.default(true),
  })
  .strict()
  .refine(depositWithinPrice, depositRule)
  .superRefine(tiersAgree)
  .meta({ id: 'ServiceCreate' });

export const servicePatchSchema = z.object(serviceFields).partial().strict().meta({ id: 'ServicePatch' });

/** The rule a patch must keep once merged with the stored service. */
export const serviceInvariantSchema = z
  .object({ depositCents: z.number(), priceCents: z.number(), durationMinutes: z.number(), priceTiers: z.array(z.object({ durationMinutes: z.number(), priceCents: z.number() })).optional() })
  .refine(depositWithinPrice, depositRule)
  .superRefine(tiersAgree);

const resourceFields = {
  name: z.string().trim().min(1).max(200),
  timeZone: timeZoneSchema,
  weeklyHours: weeklyHoursSchema,
  dateOverrides: dateOverridesSchema,
  serviceIds: z.array(z.string().min(1).max(200)).max(500),
  calendarId: calendarIdSchema,
  calendlyUserUri: calendlyUserUriSchema,
  active: z.boolean(),
};

export const resourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    weeklyHours: weeklyHoursSchema,
    dateOverrides: dateOverridesSchema,
    serviceIds: z.array(z.string()),
    calendarId: z.string().nullable().optional().describe('Admin answers only: the resource\'s calendar; null: the local calendar.'),
    calendlyUserUri: z.string().nullable().optional(),
    active: z.boolean(),
  })
  .meta({ id: 'Resource' });

export const resourceCreateSchema = z
  .object({
    id: catalogIdSchema.optional(),
    name: resourceFields.name,
    timeZone: resourceFields.timeZone,
    weeklyHours: resourceFields.weeklyHours,
    dateOverrides: resourceFields.dateOverrides.default({}),
    serviceIds: resourceFields.serviceIds.default([]),
    calendarId: resourceFields.calendarId.default(null),
    calendlyUserUri: resourceFields.calendlyUserUri.default(null),
    active: resourceFields.active.default(true),
  })
  .strict()
  .meta({ id: 'ResourceCreate' });

export const resourcePatchSchema = z.object(resourceFields).partial().strict().meta({ id: 'ResourcePatch' });

export const servicesResponseSchema = z.object({ services: z.array(serviceSchema) });
export const resourcesResponseSchema = z.object({ resources: z.array(resourceSchema) });
export const serviceResponseSchema = z.object({ service: serviceSchema });
export const resourceResponseSchema = z.object({ resource: resourceSchema });

export const availabilityQuerySchema = z
  .object({
    serviceId: z.string().min(1).max(200),
    from: instantSchema,
    to: instantSchema,
    resourceId: z.string().min(1).max(200).optional(),
    durationMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(1440)
      .optional()
      .describe('The appointment length to find slots for: one of the service\'s price tiers (default: the service\'s own duration); another answers 422.'),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_AVAILABILITY_SPAN_MS, { message: 'from and to may be at most 62 days apart', path: ['to'] });

export const slotSchema = z.object({ start: instantSchema, end: instantSchema, resourceId: z.string() }).meta({ id: 'Slot' });
export const availabilityResponseSchema = z.object({ slots: z.array(slotSchema) });
