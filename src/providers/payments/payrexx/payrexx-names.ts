export const PAYREXX_PROVIDER_NAME = 'payrexx';

/** Transaction statuses Payrexx documents (Payrexx\Models\Response\Transaction in its PHP SDK). */
export const PayrexxStatus = {
  CONFIRMED: 'confirmed',
  WAITING: 'waiting',
  INITIATED: 'initiated',
  AUTHORIZED: 'authorized',
  RESERVED: 'reserved',
  CANCELLED: 'cancelled',
  DECLINED: 'declined',
  ERROR: 'error',
  EXPIRED: 'expired',
  REFUNDED: 'refunded',
  PARTIALLY_REFUNDED: 'partially-refunded',
  REFUND_PENDING: 'refund_pending',
  DISPUTED: 'disputed',
} as const;
