import { DateTime } from 'luxon';
import type { BookingWorkflowInput } from '../../workflows/contract';

/** One line an operator reads in the Temporal Web UI's list: who, with whom, when (in the resource's zone). */
export function bookingSummary(input: BookingWorkflowInput): string {
  const when = DateTime.fromISO(input.start, { zone: input.resource.timeZone }).toFormat('yyyy-MM-dd HH:mm');
  return `${input.service.name} with ${input.resource.name} — ${when} ${input.resource.timeZone} — ${input.customer.email}`;
}

/** Markdown shown on the workflow's page, so the booking is readable without opening its history. */
export function bookingDetails(input: BookingWorkflowInput): string {
  const zone = input.resource.timeZone;
  const fmt = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('cccc, d LLLL yyyy HH:mm');
  const price = (input.service.priceCents / 100).toFixed(2);
  return [
    `**Booking** \`${input.bookingId}\``,
    '',
    `- **Service:** ${input.service.name} (\`${input.service.id}\`), ${input.service.durationMinutes} min, ${price} ${input.service.currency}`,
    `- **Resource:** ${input.resource.name} (\`${input.resource.id}\`)`,
    `- **When:** ${fmt(input.start)} – ${DateTime.fromISO(input.end, { zone }).toFormat('HH:mm')} (${zone})`,
    `- **Customer:** ${input.customer.name} <${input.customer.email}>${input.customer.phone ? `, ${input.customer.phone}` : ''}`,
    ...(input.notes ? [`- **Notes:** ${input.notes.replace(/\s+/g, ' ').slice(0, 500)}`] : []),
  ].join('\n');
}
