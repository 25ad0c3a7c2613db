// Renderer. Reads a chosen file as base64 for import:preview / import:commit (the main process decodes it).
import { bytesToBase64 } from '../../components/download';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export interface ChosenFile {
  readonly fileName: string;
  readonly contentBase64: string;
  readonly size: number;
}

export async function readChosenFile(file: File): Promise<ChosenFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { fileName: file.name, contentBase64: bytesToBase64(bytes), size: file.size };
}
