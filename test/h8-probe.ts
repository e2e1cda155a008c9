import ical, { ICalCalendarMethod } from 'ical-generator';
import nodemailer from 'nodemailer';
import ICAL from 'ical.js';
import twilio from 'twilio';
const c = ical({ method: ICalCalendarMethod.REQUEST });
console.log(typeof nodemailer.createTransport, typeof ICAL.parse, typeof twilio.validateRequest, c.toString().slice(0, 30));
