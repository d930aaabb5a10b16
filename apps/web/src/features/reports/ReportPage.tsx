// A client company's monthly report (issue 12): the month's figures, a chart of the hours by skill
// with its data table as the accessible twin (as the check-in history does: the SVG is for sight
// only, the table says the same), the completed orders, the managers' 「改善のご提案」, a CSV
// download and a printable page. Clients see their own company; managers and admins choose one.
import { useId, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { addCompanyMonths, companyMonth, isClient, mayWriteReportProposal } from "@crewboard/domain";
import type { ClientReport } from "@crewboard/contracts";
import { call, operationUrl } from "../../lib/api.ts";
import { newId } from "../../lib/ids.ts";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import { useSession } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { TableScroll } from "../../ui/TableScroll.tsx";
import "./reports.css";

const MONTHS_OFFERED = 24;
/** as the API's limit (contracts REPORT_PROPOSAL_MAX; the web imports contracts for types only) */
const PROPOSAL_MAX = 4000;

export default function ReportPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const client = user ? isClient(user) : false;
  const current = companyMonth();
  const month = /^\d{4}-\d{2}$/.test(search.get("month") ?? "") ? search.get("month")! : addCompanyMonths(current, -1);
  const companies = useQuery({
    queryKey: ["client-companies", "for-reports"] as const,
    queryFn: ({ signal }) => call("listClientCompanies", { query: { limit: 100 } }, { signal }),
    enabled: !client,
  });
  const companyId = client
    ? (user?.clientCompanyId ?? null)
    : (search.get("company") ?? companies.data?.items[0]?.id ?? null);
  const monthId = useId();
  const companyFieldId = useId();

  function choose(key: "month" | "company", value: string) {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  }

  return (
    <section className="page report-page" data-testid="page-report">
      <PageHeading title={t("reports.title")} />
      <p className="report-page__intro">{t("reports.intro")}</p>
      <div className="report-controls">
        {!client && (
          <div className="field">
            <label htmlFor={companyFieldId}>{t("reports.company")}</label>
            <select
              id={companyFieldId}
              value={companyId ?? ""}
              onChange={(event) => choose("company", event.target.value)}
              data-testid="report-company"
            >
              {(companies.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={monthId}>{t("reports.month")}</label>
          <select
            id={monthId}
            value={month}
            onChange={(event) => choose("month", event.target.value)}
            data-testid="report-month"
          >
            {Array.from({ length: MONTHS_OFFERED }, (_, i) => addCompanyMonths(current, -i)).map((m) => (
              <option key={m} value={m}>
                {monthName(t, m)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!client && companies.isPending && <LoadingNotice />}
      {!client && companies.isError && <ErrorNotice error={companies.error} onRetry={() => void companies.refetch()} />}
      {companyId ? (
        <Report companyId={companyId} month={month} />
      ) : (
        !client && companies.isSuccess && <p>{t("reports.chooseCompany")}</p>
      )}
    </section>
  );
}

/** "2026年10月" / "10/2026" */
function monthName(t: (key: MessageKey, vars?: Record<string, string | number>) => string, month: string): string {
  const [year, m] = month.split("-");
  return t("reports.monthOption", { year: year!, month: String(Number(m)) });
}

function Report({ companyId, month }: { companyId: string; month: string }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const report = useQuery({
    queryKey: ["client-report", companyId, month] as const,
    queryFn: ({ signal }) => call("getClientReport", { params: { id: companyId, month } }, { signal }),
  });
  if (report.isPending) return <LoadingNotice />;
  if (report.isError) return <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const company = locale === "en" && r.company.nameEn ? r.company.nameEn : r.company.name;
  return (
    <article className="report" aria-labelledby="report-heading" data-testid="report">
      <h2 id="report-heading" lang={textLang(company, locale)}>
        {t("reports.heading", { company, month: monthName(t, month) })}
      </h2>
      <div className="report-actions">
        <a
          className="button"
          href={operationUrl("exportClientReport", { params: { id: companyId, month } })}
          download
          aria-describedby="report-csv-hint"
          data-testid="report-csv"
        >
          {t("reports.csv")}
        </a>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("reports.print")}
        </button>
        <p id="report-csv-hint" className="field__hint">
          {t("reports.csvHint")}
        </p>
      </div>
      <details className="report-help">
        <summary>{t("reports.help.summary")}</summary>
        <p>{t("reports.help.text")}</p>
      </details>
      <Figures r={r} />
      <HoursBySkill r={r} />
      <Orders r={r} />
      <Proposal r={r} companyId={companyId} month={month} canWrite={user ? mayWriteReportProposal(user) : false} />
    </article>
  );
}

function Figures({ r }: { r: ClientReport }) {
  const { t, formatNumber } = useI18n();
  const hours = (minutes: number) =>
    t("reports.hours", { hours: formatNumber(minutes / 60, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
  const rows: [MessageKey, string][] = [
    ["reports.ordersCompleted", t("reports.count", { count: r.ordersCompleted })],
    ["reports.ordersOnTime", t("reports.count", { count: r.ordersOnTime })],
    [
      "reports.averageRating",
      r.averageRating === null
        ? t("reports.noRating")
        : t("reports.rating", {
            rating: formatNumber(r.averageRating, { minimumFractionDigits: 1 }),
            count: r.ratingCount,
          }),
    ],
    ["reports.followUpsOpened", t("reports.count", { count: r.followUpsOpened })],
    ["reports.followUpsClosed", t("reports.count", { count: r.followUpsClosed })],
    ["reports.totalHours", hours(r.totalMinutes)],
  ];
  return (
    <section className="report-section" aria-labelledby="report-figures">
      <h3 id="report-figures">{t("reports.figures")}</h3>
      <dl className="report-figures" data-testid="report-figures">
        {rows.map(([label, value]) => (
          <div key={label} className="report-figures__item">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const skillKey = (skill: string | null) => (skill ? `reports.skill.${skill}` : "reports.skill.none") as MessageKey;

function HoursBySkill({ r }: { r: ClientReport }) {
  const { t, formatNumber } = useI18n();
  const tableId = useId();
  const hours = (minutes: number) => formatNumber(minutes / 60, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return (
    <section className="report-section" aria-labelledby="report-hours">
      <h3 id="report-hours">{t("reports.hoursBySkill")}</h3>
      {r.hoursBySkill.length === 0 ? (
        <p>{t("reports.noHours")}</p>
      ) : (
        <div className="report-hours">
          <HoursChart r={r} tableId={tableId} />
          <table className="table report-table" id={tableId} data-testid="report-hours-table">
            <caption>{t("reports.hoursBySkill")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.skill")}</th>
                <th scope="col" className="num">
                  {t("reports.hoursColumn")}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.hoursBySkill.map((h) => (
                <tr key={h.skill ?? "none"}>
                  <th scope="row">{t(skillKey(h.skill))}</th>
                  <td className="num">{t("reports.hours", { hours: hours(h.minutes) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Bars of hours per skill: for sight only (aria-hidden); the table beside it says the same. */
function HoursChart({ r, tableId }: { r: ClientReport; tableId: string }) {
  const { t, formatNumber } = useI18n();
  const width = 560;
  const bar = 24;
  const gap = 10;
  const pad = { left: 150, right: 70, top: 6 };
  const height = pad.top * 2 + r.hoursBySkill.length * (bar + gap);
  const max = Math.max(...r.hoursBySkill.map((h) => h.minutes), 1);
  const x = (minutes: number) => (minutes / max) * (width - pad.left - pad.right);
  return (
    <figure className="report-chart" data-testid="report-chart">
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" className="report-chart__svg">
        {r.hoursBySkill.map((h, i) => {
          const y = pad.top + i * (bar + gap);
          return (
            <g key={h.skill ?? "none"}>
              <text x={pad.left - 8} y={y + bar / 2 + 5} textAnchor="end" className="report-chart__label">
                {t(skillKey(h.skill))}
              </text>
              <rect x={pad.left} y={y} width={Math.max(2, x(h.minutes))} height={bar} className="report-chart__bar" />
              <text x={pad.left + Math.max(2, x(h.minutes)) + 6} y={y + bar / 2 + 5} className="report-chart__value">
                {formatNumber(h.minutes / 60, { maximumFractionDigits: 1, minimumFractionDigits: 1 })}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <a href={`#${tableId}`}>{t("reports.chartCaption")}</a>
      </figcaption>
    </figure>
  );
}

function Orders({ r }: { r: ClientReport }) {
  const { t, locale, formatDate } = useI18n();
  const captionId = useId();
  return (
    <section className="report-section" aria-labelledby="report-orders">
      <h3 id="report-orders">{t("reports.orders")}</h3>
      {r.orders.length === 0 ? (
        <p>{t("reports.noOrders")}</p>
      ) : (
        <TableScroll labelledBy={captionId} hint={t("workOrders.scrollHint")}>
          <table className="table report-table" data-testid="report-orders-table">
            <caption id={captionId} className="visually-hidden">
              {t("reports.orders")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.order")}</th>
                <th scope="col">{t("reports.due")}</th>
                <th scope="col">{t("reports.completed")}</th>
                <th scope="col">{t("reports.onTime")}</th>
                <th scope="col">{t("reports.ratingColumn")}</th>
                <th scope="col">{t("reports.crew")}</th>
              </tr>
            </thead>
            <tbody>
              {r.orders.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    #{o.number} <span lang={textLang(o.title, locale)}>{o.title}</span>
                  </th>
                  <td>{formatDate(o.dueAt, "dateTime")}</td>
                  <td>{formatDate(o.completedAt, "dateTime")}</td>
                  <td>{o.onTime ? t("reports.yes") : t("reports.late")}</td>
                  <td>{o.rating ?? "—"}</td>
                  <td>{o.crew.map((p) => p.name).join("、") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function Proposal({
  r,
  companyId,
  month,
  canWrite,
}: {
  r: ClientReport;
  companyId: string;
  month: string;
  canWrite: boolean;
}) {
  const { t, locale, formatDate } = useI18n();
  const p = r.proposal;
  return (
    <section className="report-section report-proposal" aria-labelledby="report-proposal" data-testid="report-proposal">
      <h3 id="report-proposal">{t("reports.proposal")}</h3>
      {p ? (
        <>
          <p className="report-proposal__body" lang={textLang(p.body, locale)}>
            {p.body}
          </p>
          {p.updatedBy && (
            <p className="report-proposal__by">
              {t("reports.proposalBy", { name: p.updatedBy.name, date: formatDate(p.updatedAt) })}
            </p>
          )}
        </>
      ) : (
        <p>{t("reports.noProposal")}</p>
      )}
      {canWrite && <ProposalForm key={`${companyId}:${month}`} r={r} companyId={companyId} month={month} />}
    </section>
  );
}

function ProposalForm({ r, companyId, month }: { r: ClientReport; companyId: string; month: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const fieldId = useId();
  const [body, setBody] = useState(r.proposal?.body ?? "");
  const [saved, setSaved] = useState(false);
  // one key per attempt at this text: a retry of the same save is answered once
  const idempotencyKey = useRef(newId());
  const save = useMutation({
    mutationFn: () =>
      call(
        "putReportProposal",
        { params: { id: companyId, month }, body: { body, version: r.proposal?.version ?? 0 } },
        { idempotencyKey: idempotencyKey.current },
      ),
    onSuccess: (proposal) => {
      setSaved(true);
      queryClient.setQueryData<ClientReport>(["client-report", companyId, month], (old) =>
        old ? { ...old, proposal } : old,
      );
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!save.isPending) save.mutate();
  }
  return (
    <form className="report-proposal__form form" onSubmit={submit} data-testid="report-proposal-form">
      <h4>{t("reports.proposalForm")}</h4>
      <div className="field">
        <label htmlFor={fieldId}>{t("reports.proposalLabel")}</label>
        <p id={`${fieldId}-hint`} className="field__hint">
          {t("reports.proposalHint")}
        </p>
        <textarea
          id={fieldId}
          rows={6}
          maxLength={PROPOSAL_MAX}
          value={body}
          aria-describedby={`${fieldId}-hint`}
          aria-required
          onChange={(event) => {
            idempotencyKey.current = newId(); // another text: another write
            setBody(event.target.value);
          }}
        />
      </div>
      <div role="alert">
        {save.isError ? <p className="notice notice--error">{errorMessage(save.error, t)}</p> : null}
      </div>
      <p role="status">{saved ? t("reports.saved") : ""}</p>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={save.isPending || undefined}>
          {save.isPending ? t("reports.saving") : t("reports.save")}
        </button>
      </div>
    </form>
  );
}
