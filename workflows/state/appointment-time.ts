/**
 * An appointment's start as its customer reads it: local to the resource, with the zone's short name
 * ("Mon, 23 Nov 2026, 09:00 CET"). Intl is part of the workflow sandbox; the text only feeds activity
 * inputs (payment descriptions), which replay does not compare.
 */
export function appointmentTimeText(startIso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(startIso));
}
