// My Day's box for words people write (a check-in's note, a progress note, why work is blocked):
// the field's label, hint and error (ui/Field), and the text in its own `lang` (ui/lang.ts).
import type { Ref } from "react";
import { useI18n } from "../../i18n/index.ts";
import { Field, type FieldProps } from "../../ui/Field.tsx";
import { textLang } from "../../ui/lang.ts";

export interface NoteFieldProps extends Omit<FieldProps, "children" | "className"> {
  name: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  inputRef?: Ref<HTMLTextAreaElement>;
}

export function NoteField({ name, value, onChange, rows = 2, inputRef, ...field }: NoteFieldProps) {
  const { locale } = useI18n();
  return (
    <Field {...field} className="md-field">
      {(control) => (
        <textarea
          {...control}
          ref={inputRef}
          name={name}
          rows={rows}
          className="md-input md-textarea"
          value={value}
          lang={textLang(value, locale)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
