// pdfkit accepts an already parsed fontkit font (PDFFontFactory.open checks for `.layout`); its types do not
// say so. einvoice-pdf.ts passes one so the font is parsed once per process, not once per invoice.
import type { Font } from 'fontkit';

declare global {
  namespace PDFKit.Mixins {
    interface PDFFont {
      font(src: Font, size?: number): this;
    }
  }
}
