// The labelled values of one card, where a table that would scroll sideways on a narrow screen
// becomes a list of cards (styles.css .table-card*): the table's column labels before each value.
import type { ReactNode } from "react";

export interface TableCardFact {
  key: string;
  /** the table's column label, in the user's language */
  label: string;
  value: ReactNode;
}

export function TableCardFacts({ facts }: { facts: readonly TableCardFact[] }) {
  return (
    <dl className="table-card__facts">
      {facts.map(({ key, label, value }) => (
        <div key={key} className="table-card__fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
