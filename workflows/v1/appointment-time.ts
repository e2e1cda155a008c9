export { appointmentTimeText } from '../state/appointment-time';
