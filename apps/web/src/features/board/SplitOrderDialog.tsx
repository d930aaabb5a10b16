// Split an accepted work order into tasks: one row per task (title, assignee, estimate in hours,
// due) → POST /work-orders/:id/tasks (all rows are created, or none). Errors name the row and the
// field, are tied to the field, and keep everything typed. The assignee is chosen from the order's
// suggestions (issue 10, AssigneeChooser): the client's nominee is preselected only when they may
// take work today; otherwise the dialog says so and choosing them needs an explicit confirmation.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { SKILLS, TASK_ESTIMATE_MAX_MINUTES, TEXT_LIMITS, type Skill } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { Field, FormAlert, type FieldErrors, type SummaryItem } from "../../ui/Field.tsx";
import { call, ApiError, type CrewMember, type Task, type WorkOrder } from "../../lib/api.ts";
import { newId } from "../../lib/ids.ts";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { BoardDialog } from "./BoardDialog.tsx";
import { fromCompanyLocalInput, toCompanyLocalInput } from "./board-model.ts";
import { Icon } from "../../ui/Icon.tsx";
import { AssigneeChooser, needsConfirmation, type Suggestion } from "./AssigneeChooser.tsx";
import { FieldSet } from "../../ui/Field.tsx";

interface Row {
  key: string;
  title: string;
  assigneeId: string;
  /** the manager confirmed an assignee who needs an override */
  override: boolean;
  /** the skills the task needs (issue 10): they order its suggestions, and later reports count hours by them */
  skills: Skill[];
  hours: string;
  due: string;
}

type RowField = "title" | "assignee" | "hours" | "due";
const ROW_FIELDS: readonly RowField[] = ["title", "assignee", "hours", "due"];
type RowErrors = FieldErrors<RowField, string>;

/** Estimates in hours: from half an hour (the board's own step) to the catalogue's longest. */
const ESTIMATE_MIN_HOURS = 0.5;
const ESTIMATE_MAX_HOURS = TASK_ESTIMATE_MAX_MINUTES / 60;

function emptyRow(order: WorkOrder, assigneeId = ""): Row {
  return {
    key: newId(),
    title: "",
    assigneeId,
    override: false,
    skills: [],
    hours: "",
    due: toCompanyLocalInput(order.dueAt),
  };
}

const estimateInvalid = (t: ReturnType<typeof useI18n>["t"], n: number) =>
  t("board.split.estimateInvalid", { n, min: ESTIMATE_MIN_HOURS, max: ESTIMATE_MAX_HOURS });

export function validateRows(
  rows: readonly Row[],
  t: ReturnType<typeof useI18n>["t"],
  suggestions?: readonly Suggestion[],
): RowErrors[] {
  return rows.map((row, index) => {
    const n = index + 1;
    const errors: RowErrors = {};
    if (!row.title.trim()) errors.title = t("board.split.titleRequired", { n });
    if (needsConfirmation(suggestions, row.assigneeId) && !row.override)
      errors.assignee = t("board.split.assigneeConfirm", { n });
    if (row.hours.trim()) {
      const hours = Number(row.hours.replace(",", "."));
      if (!Number.isFinite(hours) || hours < ESTIMATE_MIN_HOURS || hours > ESTIMATE_MAX_HOURS)
        errors.hours = estimateInvalid(t, n);
    }
    if (row.due && !fromCompanyLocalInput(row.due)) errors.due = t("board.split.dueInvalid", { n });
    return errors;
  });
}

export function SplitOrderDialog({
  order,
  crew,
  crewDetail,
  onClose,
  onCreated,
}: {
  order: WorkOrder | undefined;
  crew: CrewMember[];
  /** e.g. where the person works today, shown after the name */
  crewDetail?: (person: CrewMember) => string | undefined;
  onClose: () => void;
  onCreated: (order: WorkOrder, tasks: Task[]) => void;
}) {
  const { t } = useI18n();
  return (
    <BoardDialog
      isOpen={order !== undefined}
      onClose={onClose}
      title={order ? t("board.split.title", { number: order.number }) : ""}
      testId="split-dialog"
      wide
    >
      {order && (
        <SplitForm
          key={order.id}
          order={order}
          crew={crew}
          crewDetail={crewDetail}
          onClose={onClose}
          onCreated={onCreated}
        />
      )}
    </BoardDialog>
  );
}

function SplitForm({
  order,
  crew,
  crewDetail,
  onClose,
  onCreated,
}: {
  order: WorkOrder;
  crew: CrewMember[];
  crewDetail?: (person: CrewMember) => string | undefined;
  onClose: () => void;
  onCreated: (order: WorkOrder, tasks: Task[]) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => [emptyRow(order)]);
  const suggestionsQuery = useOrderSuggestions(order.id, []);
  const suggestions = suggestionsQuery.data?.items;
  const nominee = order.nominatedCrew ? suggestions?.find((s) => s.user.id === order.nominatedCrew!.id) : undefined;
  // the nominee is preselected once the suggestions say they may take work today, never before
  const nomineeApplied = useRef(false);
  useEffect(() => {
    if (nomineeApplied.current || !nominee) return;
    nomineeApplied.current = true;
    if (nominee.needsOverride) return;
    setRows((all) =>
      all.map((row, index) => (index === 0 && !row.assigneeId ? { ...row, assigneeId: nominee.user.id } : row)),
    );
  }, [nominee]);
  const [errors, setErrors] = useState<RowErrors[]>([]);
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newId());
  const summaryRef = useRef<HTMLDivElement>(null);

  const update = (key: string, patch: Partial<Row>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const fieldId = (index: number, field: string) => `${id}-${index}-${field}`;

  function addRow() {
    setRows((all) => [...all, emptyRow(order)]);
    const index = rows.length;
    requestAnimationFrame(() => document.getElementById(fieldId(index, "title"))?.focus());
  }

  function removeRow(index: number) {
    setRows((all) => all.filter((_, i) => i !== index));
    setErrors((all) => all.filter((_, i) => i !== index));
    requestAnimationFrame(() => document.getElementById(fieldId(Math.max(0, index - 1), "title"))?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = validateRows(rows, t, suggestions);
    setErrors(found);
    setFormError(undefined);
    if (found.some((e) => Object.keys(e).length > 0)) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const { items } = await call(
        "createTasks",
        {
          params: { id: order.id },
          body: {
            tasks: rows.map((row) => ({
              title: row.title.trim(),
              ...(row.assigneeId ? { assigneeId: row.assigneeId } : {}),
              ...(row.assigneeId && row.override && needsConfirmation(suggestions, row.assigneeId)
                ? { assigneeOverride: true }
                : {}),
              ...(row.skills.length ? { requiredSkills: row.skills } : {}),
              ...(row.hours.trim()
                ? { estimateMinutes: Math.max(1, Math.round(Number(row.hours.replace(",", ".")) * 60)) }
                : {}),
              ...(row.due ? { dueAt: fromCompanyLocalInput(row.due) } : {}),
            })),
          },
        },
        { idempotencyKey: idempotencyKey.current },
      );
      onCreated(order, items);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.code === "task.assignee_needs_override")) {
        // the server's field errors, by row ("tasks.1.title")
        const fields = error.fieldErrors();
        const byRow: RowErrors[] = rows.map((_, index) => ({
          ...(fields[`tasks.${index}.title`]
            ? { title: `${t("board.split.row", { n: index + 1 })}: ${fields[`tasks.${index}.title`]}` }
            : {}),
          ...(fields[`tasks.${index}.estimateMinutes`] ? { hours: estimateInvalid(t, index + 1) } : {}),
          ...(fields[`tasks.${index}.assigneeId`]
            ? { assignee: t("board.split.assigneeConfirm", { n: index + 1 }) }
            : {}),
          ...(fields[`tasks.${index}.dueAt`] ? { due: t("board.split.dueInvalid", { n: index + 1 }) } : {}),
        }));
        setErrors(byRow);
      }
      idempotencyKey.current = newId();
      setFormError(errorMessage(error, t));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const summary: SummaryItem[] = errors.flatMap((rowErrors, index) =>
    ROW_FIELDS.flatMap((field) =>
      rowErrors[field] ? [{ target: fieldId(index, field), error: rowErrors[field]! }] : [],
    ),
  );

  return (
    <form className="form board-form board-split" onSubmit={submit} noValidate>
      <p>
        <span lang={textLang(order.title, locale)} className="board-split__order">
          {order.title}
        </span>
      </p>
      <p>{t("board.split.intro")}</p>
      {order.nominatedCrew && (
        <p className="board-split__nominated">
          <Icon name="star" className="icon--before" />
          <span lang={textLang(order.nominatedCrew.name, locale)}>
            {t("board.split.nominated", { name: order.nominatedCrew.name })}
          </span>
        </p>
      )}
      {nominee?.needsOverride && (
        <p className="board-split__nominee-warning" data-testid="nominee-warning">
          <Icon name="warning" className="icon--before" />
          <span lang={textLang(nominee.user.name, locale)}>
            {t("board.split.nomineeNeedsConfirm", { name: nominee.user.name })}
          </span>{" "}
          {nominee.warnings.map((w) => (
            <span key={w.code} lang={textLang(w.text, locale)}>
              {w.text}{" "}
            </span>
          ))}
        </p>
      )}
      {suggestionsQuery.isError && <p className="board-hint">{t("board.assign.suggestionsFailed")}</p>}
      <FormAlert
        ref={summaryRef}
        title={summary.length > 0 ? t("board.split.errorSummary") : undefined}
        items={summary}
        message={summary.length ? undefined : formError}
      />
      {rows.map((row, index) => {
        const rowErrors = errors[index] ?? {};
        const n = index + 1;
        return (
          <fieldset key={row.key} className="fieldset board-split__row">
            <legend>{t("board.split.row", { n })}</legend>
            <div className="board-split__fields">
              <Field
                id={fieldId(index, "title")}
                className="board-split__title"
                label={t("board.split.taskTitle")}
                error={rowErrors.title}
                need="required"
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    name={`tasks.${index}.title`}
                    maxLength={TEXT_LIMITS.title}
                    value={row.title}
                    onChange={(e) => update(row.key, { title: e.target.value })}
                  />
                )}
              </Field>
              <FieldSet
                id={fieldId(index, "skills")}
                className="board-split__skills"
                legend={t("board.split.skills")}
                hint={t("board.split.skillsHint")}
              >
                <div className="choice-list choice-list--inline">
                  {SKILLS.map((skill) => (
                    <div key={skill} className="choice">
                      <input
                        id={`${fieldId(index, "skills")}-${skill}`}
                        type="checkbox"
                        name={`tasks.${index}.skills`}
                        value={skill}
                        checked={row.skills.includes(skill)}
                        onChange={(e) =>
                          update(row.key, {
                            skills: e.target.checked ? [...row.skills, skill] : row.skills.filter((x) => x !== skill),
                          })
                        }
                      />
                      <label htmlFor={`${fieldId(index, "skills")}-${skill}`}>{t(`crewMember.skill.${skill}`)}</label>
                    </div>
                  ))}
                </div>
              </FieldSet>
              <RowAssignee
                orderId={order.id}
                skills={row.skills}
                fallback={suggestions}
                id={fieldId(index, "assignee")}
                name={`tasks.${index}.assignee`}
                label={t("board.split.assignee")}
                emptyLabel={t("board.split.unassigned")}
                crew={crew}
                crewDetail={crewDetail}
                value={row.assigneeId}
                override={row.override}
                onChange={(assigneeId, override) => update(row.key, { assigneeId, override })}
                error={rowErrors.assignee}
              />
              <Field
                id={fieldId(index, "hours")}
                label={t("board.split.estimate")}
                hint={t("board.split.estimateHint", { min: ESTIMATE_MIN_HOURS, max: ESTIMATE_MAX_HOURS })}
                error={rowErrors.hours}
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    inputMode="decimal"
                    name={`tasks.${index}.hours`}
                    value={row.hours}
                    onChange={(e) => update(row.key, { hours: e.target.value })}
                  />
                )}
              </Field>
              <Field id={fieldId(index, "due")} label={t("board.split.due")} error={rowErrors.due}>
                {(control) => (
                  <input
                    {...control}
                    type="datetime-local"
                    name={`tasks.${index}.due`}
                    value={row.due}
                    onChange={(e) => update(row.key, { due: e.target.value })}
                  />
                )}
              </Field>
            </div>
            {rows.length > 1 && (
              <button
                type="button"
                className="button button--secondary board-split__remove"
                onClick={() => removeRow(index)}
              >
                {t("board.split.removeRow", { n })}
              </button>
            )}
          </fieldset>
        );
      })}
      <div className="board-form__actions">
        <button type="button" className="button button--secondary" onClick={addRow}>
          <Icon name="add" className="icon--before" />
          {t("board.split.addRow")}
        </button>
      </div>
      <div className="board-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t("board.saving") : t("board.split.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The order's suggestions for a task that needs these skills (the same list, ranked by them). */
function useOrderSuggestions(orderId: string, skills: readonly Skill[]) {
  const sorted = [...skills].sort();
  return useQuery({
    queryKey: ["dispatch", "order-suggestions", orderId, sorted] as const,
    queryFn: ({ signal }) =>
      call(
        "listWorkOrderSuggestions",
        { params: { id: orderId }, query: sorted.length ? { skills: sorted } : {} },
        { signal },
      ),
    // while the list for the new skills loads, the previous one stays (no flash of the plain list)
    placeholderData: keepPreviousData,
  });
}

/** A row's assignee, chosen from the suggestions for that row's skills. */
function RowAssignee({
  orderId,
  skills,
  fallback,
  ...chooser
}: Omit<Parameters<typeof AssigneeChooser>[0], "suggestions"> & {
  orderId: string;
  skills: readonly Skill[];
  fallback: readonly Suggestion[] | undefined;
}) {
  const query = useOrderSuggestions(orderId, skills);
  return <AssigneeChooser {...chooser} suggestions={query.data?.items ?? fallback} />;
}
