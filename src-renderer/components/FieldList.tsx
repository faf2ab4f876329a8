import type { ReactNode } from 'react';

interface FieldListProps {
  fields: { id: string; label: string; value: ReactNode }[];
}

export function FieldList({ fields }: FieldListProps) {
  return (
    <dl className="fields">
      {fields.map((field) => (
        <div className="fields__row" key={field.id}>
          <dt>{field.label}</dt>
          <dd data-testid={`field-${field.id}`}>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}
