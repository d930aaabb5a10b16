// A crew member's page (issue 12): their work profile — agreed weekly hours, working days, skills
// (staff change it, the person reads it) — and their check-ins of the last four weeks, as a small
// chart with a table beside it that says the same in words (the table is the accessible twin; the
// chart is hidden from screen readers and only points to it). Managers of the person's team and
// admins open it from the crew overview (/crew/:userId); the person opens their own (/me/profile).
// Who may read what is the server's rule: another team's manager sees the profile but is told the
// check-ins are not theirs to see. Below them: the person's accommodations (AccommodationsSection)
// and, on their own page, who looked at their record.
import { useId, useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isStaff, SKILLS, WEEKDAYS, type Skill, type Weekday } from "@crewboard/domain";
import { ApiError, call, type CheckIn, type Condition } from "../../lib/api.ts";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import { useUser } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { Field, FieldSet } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { Icon, type IconName } from "../../ui/Icon.tsx";
import { textLang } from "../../ui/lang.ts";
import { AccommodationsSection, RecordViewsSection } from "./AccommodationsSection.tsx";
import "./crew.css";

const CONDITION_ICONS: Record<Condition, IconName> = { good: "good", okay: "okay", tired: "tired", unwell: "unwell" };
/** Height on the chart: good on top, unwell at the bottom. */
const LEVEL: Record<Condition, number> = { good: 3, okay: 2, tired: 1, unwell: 0 };

export default function CrewMemberPage() {
  const { userId } = useParams();
  const me = useUser();
  const id = userId ?? me.id;
  const { t } = useI18n();
  const profile = useQuery({
    queryKey: ["work-profile", id] as const,
    queryFn: ({ signal }) => call("getWorkProfile", { params: { id } }, { signal }),
  });
  if (profile.isPending) return <LoadingNotice />;
  if (profile.error) return <ErrorNotice error={profile.error} onRetry={() => void profile.refetch()} />;
  const person = profile.data.user;
  return (
    <section className="page crew-member" data-testid="page-crew-member">
      <PageHeading title={id === me.id ? t("crewMember.titleOwn") : t("crewMember.title", { name: person.name })} />
      <WorkProfileSection id={id} />
      <CheckInHistorySection id={id} name={person.name} />
      <AccommodationsSection person={{ id, name: person.name }} />
      {id === me.id && <RecordViewsSection />}
    </section>
  );
}

function WorkProfileSection({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useUser();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const profile = useQuery({
    queryKey: ["work-profile", id] as const,
    queryFn: ({ signal }) => call("getWorkProfile", { params: { id } }, { signal }),
  });
  if (!profile.data) return null;
  const p = profile.data;
  const days = WEEKDAYS.filter((d) => (p.workingDays as number[]).includes(d));
  return (
    <section className="crew-member__section" aria-labelledby={headingId} data-testid="work-profile">
      <h2 id={headingId}>{t("crewMember.profile.title")}</h2>
      {editing ? (
        <WorkProfileForm
          id={id}
          initial={{ hours: p.weeklyMinutes / 60, days: p.workingDays as Weekday[], skills: p.skills as Skill[] }}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          <dl className="crew-member__facts">
            <div>
              <dt>{t("crewMember.profile.hours")}</dt>
              <dd>{t("crewMember.profile.hoursValue", { hours: Math.round((p.weeklyMinutes / 60) * 10) / 10 })}</dd>
            </div>
            <div>
              <dt>{t("crewMember.profile.days")}</dt>
              <dd>{days.length ? days.map((d) => t(`crewMember.weekday.${d}`)).join("・") : t("crewMember.none")}</dd>
            </div>
            <div>
              <dt>{t("crewMember.profile.skills")}</dt>
              <dd>
                {p.skills.length
                  ? p.skills.map((s) => t(`crewMember.skill.${s as Skill}`)).join("、")
                  : t("crewMember.none")}
              </dd>
            </div>
          </dl>
          {isStaff(me) && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t("crewMember.profile.edit")}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function WorkProfileForm({
  id,
  initial,
  onDone,
}: {
  id: string;
  initial: { hours: number; days: Weekday[]; skills: Skill[] };
  onDone: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [hours, setHours] = useState(String(initial.hours));
  const [days, setDays] = useState<Weekday[]>(initial.days);
  const [skills, setSkills] = useState<Skill[]>(initial.skills);
  const [error, setError] = useState<string | undefined>();
  const [failed, setFailed] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const daysId = useId();
  const skillsId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const value = Number(hours);
    if (!Number.isFinite(value) || value < 0 || value > 80 || hours.trim() === "") {
      setError(t("crewMember.profile.hoursError"));
      document.getElementById("work-profile-hours")?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const saved = await call("putWorkProfile", {
        params: { id },
        body: {
          weeklyMinutes: Math.round(value * 60),
          workingDays: [...days].sort(),
          skills: SKILLS.filter((s) => skills.includes(s)),
        },
      });
      queryClient.setQueryData(["work-profile", id], saved);
      onDone();
    } catch (e) {
      setFailed(e);
    } finally {
      setBusy(false);
    }
  }
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field id="work-profile-hours" label={t("crewMember.profile.hours")} error={error} need="required" alert>
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="decimal"
            min={0}
            max={80}
            step={0.5}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        )}
      </Field>
      <FieldSet id={daysId} legend={t("crewMember.profile.days")}>
        <div className="choice-list choice-list--inline">
          {WEEKDAYS.map((d) => (
            <div key={d} className="choice">
              <input
                id={`${daysId}-${d}`}
                type="checkbox"
                checked={days.includes(d)}
                onChange={(e) => setDays((list) => toggle(list, d, e.target.checked))}
              />
              <label htmlFor={`${daysId}-${d}`}>{t(`crewMember.weekday.${d}`)}</label>
            </div>
          ))}
        </div>
      </FieldSet>
      <FieldSet id={skillsId} legend={t("crewMember.profile.skills")}>
        <div className="choice-list">
          {SKILLS.map((s) => (
            <div key={s} className="choice">
              <input
                id={`${skillsId}-${s}`}
                type="checkbox"
                checked={skills.includes(s)}
                onChange={(e) => setSkills((list) => toggle(list, s, e.target.checked))}
              />
              <label htmlFor={`${skillsId}-${s}`}>{t(`crewMember.skill.${s}`)}</label>
            </div>
          ))}
        </div>
      </FieldSet>
      <div role="alert">{failed ? <p className="notice notice--error">{errorMessage(failed, t)}</p> : null}</div>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t("crewMember.profile.save")}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function CheckInHistorySection({ id, name }: { id: string; name: string }) {
  const { t, formatDate, locale } = useI18n();
  const headingId = useId();
  const tableId = useId();
  const captionId = useId();
  const history = useQuery({
    queryKey: ["check-in-history", id] as const,
    queryFn: ({ signal }) => call("listUserCheckIns", { params: { id }, query: {} }, { signal }),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  let body;
  if (history.isPending) body = <LoadingNotice />;
  else if (history.error instanceof ApiError && history.error.status === 404)
    body = <p className="notice">{t("crewMember.history.notYours", { name })}</p>;
  else if (history.error) body = <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />;
  else {
    const { from, to, items } = history.data;
    body = (
      <>
        <p className="crew-muted">
          {t("crewMember.history.span", { from: formatDate(from), to: formatDate(to), count: items.length })}
        </p>
        <div className="crew-member__history">
          <ConditionChart from={from} to={to} items={items} tableId={tableId} />
          <div className="crew-member__table-wrap">
            <TableScroll labelledBy={captionId} hint={t("workOrders.scrollHint")}>
              <table className="table crew-member__table" id={tableId}>
                <caption id={captionId}>{t("crewMember.history.caption", { name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("crewMember.history.day")}</th>
                    <th scope="col">{t("crewMember.history.condition")}</th>
                    <th scope="col">{t("crewMember.history.place")}</th>
                    <th scope="col">{t("crewMember.history.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...items].reverse().map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{formatDate(c.day, "weekdayDate")}</th>
                      <td>
                        <Icon name={CONDITION_ICONS[c.condition]} className="crew-icon" />
                        {t(`condition.${c.condition}` as MessageKey)}
                      </td>
                      <td>{c.place ? t(`place.${c.place}` as MessageKey) : "—"}</td>
                      <td lang={c.note ? textLang(c.note, locale) : undefined}>
                        {c.note || "—"}
                        {c.note && !c.noteShared && <> {t("crewMember.history.private")}</>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
        </div>
      </>
    );
  }
  return (
    <section className="crew-member__section" aria-labelledby={headingId} data-testid="check-in-history">
      <h2 id={headingId}>{t("crewMember.history.title")}</h2>
      {body}
    </section>
  );
}

/** The chart: one point per check-in over the days of the span. For sight only; the table says the same. */
function ConditionChart({ from, to, items, tableId }: { from: string; to: string; items: CheckIn[]; tableId: string }) {
  const { t } = useI18n();
  const dayMs = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const span = Math.max(1, Math.round((Date.parse(`${to}T00:00:00Z`) - start) / dayMs));
  const width = 560;
  const height = 160;
  const pad = { left: 64, right: 8, top: 10, bottom: 20 };
  const x = (day: string) =>
    pad.left + ((Date.parse(`${day}T00:00:00Z`) - start) / dayMs / span) * (width - pad.left - pad.right);
  const y = (c: Condition) => pad.top + ((3 - LEVEL[c]) / 3) * (height - pad.top - pad.bottom);
  const points = items.map((c) => `${x(c.day).toFixed(1)},${y(c.condition).toFixed(1)}`).join(" ");
  return (
    <figure className="crew-member__chart" data-testid="check-in-chart">
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" className="condition-chart">
        {(["good", "okay", "tired", "unwell"] as const).map((c) => (
          <g key={c}>
            <line x1={pad.left} x2={width - pad.right} y1={y(c)} y2={y(c)} className="condition-chart__grid" />
            <text x={pad.left - 6} y={y(c) + 4} textAnchor="end" className="condition-chart__label">
              {t(`condition.${c}` as MessageKey)}
            </text>
          </g>
        ))}
        <polyline points={points} className="condition-chart__line" />
        {items.map((c) => (
          <circle
            key={c.id}
            cx={x(c.day)}
            cy={y(c.condition)}
            r={4}
            className={`condition-chart__point condition-chart__point--${c.condition}`}
          />
        ))}
      </svg>
      <figcaption>
        <a href={`#${tableId}`}>{t("crewMember.history.chartCaption")}</a>
      </figcaption>
    </figure>
  );
}
