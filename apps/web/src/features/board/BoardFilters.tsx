// Filters and the view switch, as labelled form controls. Their state lives in the URL query
// string (bookmarkable, survives a reload); a change applies at once without moving focus, and
// the count of shown tasks is said politely.
import { useId } from "react";
import { useI18n } from "../../i18n/index.ts";
import { Field, NameOptions } from "../../ui/Field.tsx";
import type { ClientCompany, CrewMember, Task, WorkOrder } from "../../lib/api.ts";
import { textLang } from "../../ui/lang.ts";
import { UNASSIGNED, hasActiveFilters, type BoardFilters, type BoardView, type DueFilter } from "./board-model.ts";
import { Icon } from "../../ui/Icon.tsx";

export function BoardFilterBar({
  filters,
  onChange,
  tasks,
  orders,
  companies,
  crew,
  shown,
  total,
}: {
  filters: BoardFilters;
  onChange: (next: BoardFilters) => void;
  tasks: readonly Task[];
  orders: readonly WorkOrder[];
  companies: readonly ClientCompany[];
  crew: readonly CrewMember[];
  shown: number;
  total: number;
}) {
  const { t, locale } = useI18n();
  const id = useId();

  const orderOptions = new Map<string, { number: number; title: string }>();
  for (const order of orders) orderOptions.set(order.id, { number: order.number, title: order.title });
  for (const task of tasks)
    if (!orderOptions.has(task.workOrder.id)) orderOptions.set(task.workOrder.id, task.workOrder);
  const sortedOrders = [...orderOptions.entries()].sort((a, b) => b[1].number - a[1].number);

  const companyOptions = new Map<string, string>();
  for (const company of companies)
    companyOptions.set(company.id, locale === "en" && company.nameEn ? company.nameEn : company.name);
  for (const order of orders) {
    if (!companyOptions.has(order.clientCompany.id)) {
      companyOptions.set(
        order.clientCompany.id,
        locale === "en" && order.clientCompany.nameEn ? order.clientCompany.nameEn : order.clientCompany.name,
      );
    }
  }

  const set = (patch: Partial<BoardFilters>) => onChange({ ...filters, ...patch });
  const views: BoardView[] = ["columns", "lanes"];
  const dues: DueFilter[] = ["overdue", "today", "week"];

  return (
    <div className="board-toolbar">
      <fieldset className="board-views">
        <legend>{t("board.view.label")}</legend>
        <div className="choice-list">
          {views.map((view) => (
            <div className="choice" key={view}>
              <input
                type="radio"
                id={`${id}-view-${view}`}
                name="board-view"
                value={view}
                checked={filters.view === view}
                onChange={() => set({ view })}
              />
              <label htmlFor={`${id}-view-${view}`}>{t(`board.view.${view}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="board-filters">
        <legend>{t("board.filters.title")}</legend>
        <div className="board-filters__fields">
          <Field id={`${id}-order`} label={t("board.filters.workOrder")}>
            {(control) => (
              <select
                {...control}
                name="order"
                value={filters.order ?? ""}
                onChange={(e) => set({ order: e.target.value || undefined })}
              >
                <option value="">{t("board.filters.all")}</option>
                {sortedOrders.map(([orderId, order]) => (
                  <option key={orderId} value={orderId} lang={textLang(order.title, locale)}>
                    #{order.number} {order.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-company`} label={t("board.filters.company")}>
            {(control) => (
              <select
                {...control}
                name="company"
                value={filters.company ?? ""}
                onChange={(e) => set({ company: e.target.value || undefined })}
              >
                <option value="">{t("board.filters.all")}</option>
                <NameOptions items={[...companyOptions].map(([companyId, name]) => ({ id: companyId, name }))} />
              </select>
            )}
          </Field>
          <Field id={`${id}-crew`} label={t("board.filters.crew")}>
            {(control) => (
              <select
                {...control}
                name="crew"
                value={filters.crew ?? ""}
                onChange={(e) => set({ crew: e.target.value || undefined })}
              >
                <option value="">{t("board.filters.all")}</option>
                <option value={UNASSIGNED}>{t("board.filters.unassigned")}</option>
                <NameOptions items={crew} />
              </select>
            )}
          </Field>
          <Field id={`${id}-due`} label={t("board.filters.due")}>
            {(control) => (
              <select
                {...control}
                name="due"
                value={filters.due ?? ""}
                onChange={(e) => set({ due: (e.target.value || undefined) as DueFilter | undefined })}
              >
                <option value="">{t("board.filters.all")}</option>
                {dues.map((due) => (
                  <option key={due} value={due}>
                    {t(`board.due.${due}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="choice board-filters__blocked">
            <input
              type="checkbox"
              id={`${id}-blocked`}
              name="blocked"
              checked={filters.blocked}
              onChange={(e) => set({ blocked: e.target.checked })}
            />
            <label htmlFor={`${id}-blocked`}>
              <Icon name="blocked" className="icon--before" />
              {t("board.filters.blockedOnly")}
            </label>
          </div>
        </div>
        {hasActiveFilters(filters) && (
          <button
            type="button"
            className="button button--secondary board-filters__clear"
            onClick={() => {
              onChange({ view: filters.view, blocked: false });
              // the button goes away with the filters: keep focus in the form
              requestAnimationFrame(() => document.getElementById(`${id}-order`)?.focus());
            }}
          >
            {t("board.filters.clear")}
          </button>
        )}
      </fieldset>
      <p className="board-summary" role="status" data-testid="board-summary">
        {t("board.filters.summary", { shown, total })}
      </p>
    </div>
  );
}
