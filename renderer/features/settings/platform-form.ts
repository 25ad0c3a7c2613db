// Renderer. Validates a platform's settings with the contract's own schema and maps issues onto form fields.
import type { FormInstance } from 'antd';
import type { z } from 'zod';

export function applyIssues(form: FormInstance, error: z.ZodError): void {
  const byField = new Map<string, string[]>();
  for (const i of error.issues) {
    const f = String(i.path[0] ?? '');
    byField.set(f, [...(byField.get(f) ?? []), i.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
}
