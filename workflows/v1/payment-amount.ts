export { amountDueAtBooking } from '../state/payment-amount';
