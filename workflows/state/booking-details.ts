import type { BookingState, BookingWorkflowInput } from '../contract/booking-types';

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

/** The markdown an operator reads on the workflow's page in the Web UI. */
export function bookingDetailsMarkdown(state: BookingState, input: BookingWorkflowInput): string {
  const last = state.history[state.history.length - 1];
  const payment = state.payment;
  const lines = [
    `**${input.service.name}** with **${input.resource.name}**: **${state.status}**`,
    '',
    `- Slot: ${state.start} to ${state.end} (${input.resource.timeZone})`,
    `- Customer: ${state.customer.name} <${state.customer.email}>`,
    `- Payment: ${payment.status}, ${money(payment.amountCents, payment.currency)}` +
      (payment.refundedCents > 0 ? `, refunded ${money(payment.refundedCents, payment.currency)}` : ''),
    `- Revision: ${state.revision}, refundable until ${state.refundableUntil}`,
  ];
  if (state.cancellationReason) lines.push(`- Cancellation reason: ${state.cancellationReason}`);
  if (last) lines.push(`- Last event: ${last.event} by ${last.actor} at ${last.at}${last.detail ? ` (${last.detail})` : ''}`);
  if (state.attention.length > 0) lines.push('', `**Needs attention: ${state.attention.join(', ')}**`);
  for (const pending of state.pendingUndos) {
    lines.push(`- ${pending.name} failing since ${pending.since}, ${pending.attempts} attempts, last error: ${pending.lastError}`);
  }
  return lines.join('\n');
}
