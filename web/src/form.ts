/** A text field of a submitted form; a missing field (or a file) reads as ''. */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
