// Main process. Migration 006: the clerk's decisions on exceptions (issue 13 §5), kept on the invoice itself so
// every row read carries them and a re-import (which writes only the ERP's columns) never touches them.
// - clerk_note: the clerk's note on what was checked and decided (red without blue, partially reversed, …).
// - split_choice: the invoice_no_out the clerk chose for a split order (one blue's number, or all joined);
//   '' = none. The plan allows 80 for a split invoice only while invoice_num still holds exactly this value.
export const sql = `
ALTER TABLE invoices ADD COLUMN clerk_note TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN split_choice TEXT NOT NULL DEFAULT '';
`;
