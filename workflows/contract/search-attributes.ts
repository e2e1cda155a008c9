import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';

// Plain objects of the SDK's key shape: `defineSearchAttributeKey` lives in @temporalio/common, which
// workflow code does not import at runtime.
export const BookingStatusAttribute: SearchAttributeKey<'KEYWORD'> = { name: 'BookingStatus', type: 'KEYWORD' };
export const BookingResourceIdAttribute: SearchAttributeKey<'KEYWORD'> = { name: 'BookingResourceId', type: 'KEYWORD' };
export const BookingStartAttribute: SearchAttributeKey<'DATETIME'> = { name: 'BookingStart', type: 'DATETIME' };
/** What an operator should look at: `compensation-failing`, `disputed`. Filter with `BookingAttention = "compensation-failing"`. */
export const BookingAttentionAttribute: SearchAttributeKey<'KEYWORD_LIST'> = { name: 'BookingAttention', type: 'KEYWORD_LIST' };

/** Registered on every Temporal server the project starts or documents (dev server, compose, tests). */
export const BOOKING_SEARCH_ATTRIBUTES = [
  BookingStatusAttribute,
  BookingResourceIdAttribute,
  BookingStartAttribute,
  BookingAttentionAttribute,
] as const;
