/** The parts of Payrexx's REST v1.0 objects we read (amounts in cents, as Payrexx sends them). */
export interface PayrexxTransaction {
  id: number;
  uuid?: string;
  status: string;
  /** Cents; a refund appears as its own transaction with a negative amount. */
  amount: number;
  referenceId?: string;
  invoice?: PayrexxInvoice;
}

export interface PayrexxInvoice {
  referenceId?: string;
  /** The gateway's id. */
  paymentRequestId?: number;
  currency?: string;
  amount?: number;
  transactions?: PayrexxTransaction[];
}

export interface PayrexxGateway {
  id: number;
  status: string;
  hash?: string;
  link: string;
  amount?: number;
  currency?: string;
  referenceId?: string;
  invoices?: PayrexxInvoice[];
}

export interface GatewayCreate {
  amount: number;
  currency: string;
  purpose: string;
  referenceId: string;
  customerEmail: string;
  successRedirectUrl: string;
  failedRedirectUrl: string;
  cancelRedirectUrl: string;
  /** Minutes the payment page stays open. */
  validity: number;
}
