// Renderer. Import fields → message keys of their labels.
import type { ImportField } from '../../../shared/api/schemas';
import type { MessageKey } from '../../i18n/i18n';

export const IMPORT_FIELD_LABEL: Readonly<Record<ImportField, MessageKey>> = {
  invoiceNo: 'field.invoiceNo',
  orderNo: 'field.orderNo',
  billType: 'field.billType',
  shop: 'field.shop',
  saleOrg: 'field.saleOrg',
  buyerTitle: 'field.buyerTitle',
  amount: 'field.amount',
  taxAmount: 'field.taxAmount',
  invoiceDate: 'field.invoiceDate',
  invoiceCode: 'field.invoiceCode',
  invoiceNum: 'field.invoiceNum',
  pdfUrl: 'field.pdfUrl',
  targetStatus: 'field.targetStatus',
  errorInfo: 'field.errorInfo',
};
