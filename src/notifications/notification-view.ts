import type { NotificationRecord } from './notifications.repository';

/** A notification as operators read it (GET /v1/admin/bookings/:id/notifications). */
export interface NotificationView {
  kind: string;
  channel: string;
  to: string;
  /** The API's three states: an attempt in flight shows as `pending`. */
  status: 'pending' | 'sent' | 'failed';
  sentAt: string | null;
  provider: string;
  providerMessageId: string | null;
  attempts: number;
  failure: { kind: string; code: string | null; reason: string } | null;
  delivery: { status: string; code: string | null; detail: string | null; at: string | null } | null;
  fallbackFor: string | null;
}

export function notificationView(n: NotificationRecord, all: NotificationRecord[] = []): NotificationView {
  return {
    kind: n.kind,
    channel: n.channel,
    to: n.recipient,
    status: n.status === 'sending' ? 'pending' : n.status,
    sentAt: n.sentAt,
    provider: n.provider,
    providerMessageId: n.providerMessageId,
    attempts: n.attempts,
    failure: n.status === 'failed' ? { kind: n.failureKind ?? 'transient', code: n.errorCode, reason: n.error ?? '' } : null,
    delivery: n.delivery.status ? { status: n.delivery.status, code: n.delivery.errorCode, detail: n.delivery.detail, at: n.delivery.updatedAt } : null,
    fallbackFor: n.fallbackFor ? (all.find((other) => other.id === n.fallbackFor)?.kind ?? n.fallbackFor) : null,
  };
}
