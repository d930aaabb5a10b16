/** A table of allowed status transitions; anything not listed is forbidden. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export function allowedTransitions<S extends string>(table: TransitionTable<S>, from: S): readonly S[] {
  return table[from];
}

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}
