// Crew overview (managers): by 10:00, who is struggling today. One table row per crew member of
// the manager's team (admins: everyone): today's check-in (condition as text + icon; "not checked
// in yet" and "unwell" first and marked in words), office or home today, online / away / offline,
// blocked tasks (linked to the board), late work (open tasks overdue / due today, on the company
// calendar) and load (open tasks, estimated hours left). The table can be sorted to put the people
// with late work first (kept in the URL: ?sort=due); the summary at the top names who has overdue tasks.
//
// Live: tasks and check-ins through lib/live.ts (check_in:updated, issue 12: sent to the team's
// managers' room only, which admins follow for every team), presence through presence:updated. No
// polling: after a reconnect the rooms are synced, and a room too far behind reloads the check-ins.
// Issue 12: the team's "not checked in by" time is set here too (CheckInReminderSettings).
import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { mayFollowTeamAsManager, personalDataScope, rooms } from "@crewboard/domain";
import { Link, useSearchParams } from "react-router";
import { intlLocale, useI18n, type MessageKey } from "../../i18n/index.ts";
import { FieldSet } from "../../ui/Field.tsx";
import { useNarrowerThan } from "../../ui/media.ts";
import { TableCardFacts } from "../../ui/TableCardFacts.tsx";
import { call, type CheckIn, type Condition } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { paths } from "../../app/paths.ts";
import { useUser } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { textLang } from "../../ui/lang.ts";
import { useBoardTasks } from "../board/board-queries.ts";
import { PLACE_ICONS, PRESENCE_ICONS, usePresence } from "./presence.ts";
import { crewRows, sortCrewRows, type CrewRow, type CrewSort } from "./crew-model.ts";
import { DUE_ICONS } from "../board/DueWork.tsx";
import { useNow } from "../../lib/now.ts";
import "./crew.css";
import { Icon, type IconName } from "../../ui/Icon.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { liveClient } from "../../lib/socket.ts";
import { CheckInReminderSettings, useReminderTeams } from "./CheckInReminderSettings.tsx";

const CONDITION_ICONS: Record<Condition, IconName> = { good: "good", okay: "okay", tired: "tired", unwell: "unwell" };
const NOT_CHECKED_IN_ICON: IconName = "help";

export default function CrewOverviewPage() {
  const { t } = useI18n();
  return (
    <section className="page crew-page" data-testid="page-crew">
      <PageHeading title={t("crew.title")} />
      <p className="crew-muted">{t("crew.intro")}</p>
      <CrewOverview />
    </section>
  );
}

function CrewOverview() {
  const { t, locale } = useI18n();
  const user = useUser();
  // admins see every crew member, a manager their own team's (whose check-ins they may read)
  const scope = personalDataScope(user);
  const teamId = scope.kind === "team" ? scope.teamId : null;
  const people = useQuery({
    queryKey: ["crew", "members", teamId ?? "all"] as const,
    queryFn: ({ signal }) => call("listUsers", { query: { role: "crew", active: true, limit: 100 } }, { signal }),
    select: (page) => page.items.filter((person) => teamId === null || person.teamId === teamId),
    staleTime: 5 * 60_000,
  });
  const checkIns = useQuery({
    queryKey: queryKeys.checkIns({}),
    queryFn: ({ signal }) => call("listCheckIns", {}, { signal }),
  });
  const teams = useReminderTeams();
  useFollowTeams(teams.map((team) => team.id));
  const { query: tasksQuery, tasks } = useBoardTasks();
  const presence = usePresence();
  const now = useNow();
  const [search, setSearch] = useSearchParams();
  // shown at once (a controlled radio must not wait for the navigation), kept in the URL
  const sortInUrl: CrewSort = search.get("sort") === "due" ? "due" : "attention";
  const [sort, setSort] = useState<CrewSort>(sortInUrl);
  useEffect(() => setSort(sortInUrl), [sortInUrl]);

  const rows = useMemo(
    () =>
      crewRows(
        people.data ?? [],
        checkIns.data?.items ?? [],
        tasks,
        presence,
        new Intl.Collator(intlLocale(locale)),
        now,
      ),
    [people.data, checkIns.data, tasks, presence, locale, now],
  );
  const sorted = useMemo(() => sortCrewRows(rows, sort), [rows, sort]);

  if (people.isPending || checkIns.isPending || tasksQuery.isPending) return <LoadingNotice />;
  const failed = people.error ?? checkIns.error ?? (tasksQuery.data ? null : tasksQuery.error);
  if (failed) {
    return (
      <ErrorNotice
        error={failed}
        onRetry={() => {
          void people.refetch();
          void checkIns.refetch();
          void tasksQuery.refetch();
        }}
      />
    );
  }
  if (rows.length === 0) return <p className="notice">{t("crew.empty")}</p>;

  return (
    <>
      <Attention rows={rows} />
      <p className="crew-muted crew-refresh">
        {t("crew.refreshNote")}{" "}
        <button type="button" className="button button--secondary" onClick={() => void checkIns.refetch()}>
          {t("crew.refresh")}
        </button>
      </p>
      <SortChoice
        value={sort}
        onChange={(next) => {
          setSort(next);
          const params = new URLSearchParams(search);
          if (next === "due") params.set("sort", "due");
          else params.delete("sort");
          setSearch(params, { replace: true });
        }}
      />
      <CrewTable rows={sorted} sort={sort} />
      <CheckInReminderSettings teams={teams} />
    </>
  );
}

/**
 * Follows each team's managers' room (check_in:updated) while the overview is open: a manager's own
 * is one of their home rooms already; an admin's are joined here, so they are synced on reconnect.
 */
function useFollowTeams(teamIds: string[]) {
  const user = useUser();
  const key = teamIds.join(",");
  useEffect(() => {
    for (const teamId of key ? key.split(",") : [])
      if (mayFollowTeamAsManager(user, teamId)) liveClient.trackRoom(rooms.teamManagers(teamId)).catch(() => undefined);
  }, [key, user]);
}

function Attention({ rows }: { rows: CrewRow[] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const groups: { key: "unwell" | "notCheckedIn" | "late" | "tired"; icon: IconName; rows: CrewRow[] }[] = [
    { key: "unwell", icon: CONDITION_ICONS.unwell, rows: rows.filter((r) => r.checkIn?.condition === "unwell") },
    { key: "notCheckedIn", icon: NOT_CHECKED_IN_ICON, rows: rows.filter((r) => !r.checkIn) },
    { key: "late", icon: DUE_ICONS.overdue, rows: rows.filter((r) => r.overdue > 0) },
    { key: "tired", icon: CONDITION_ICONS.tired, rows: rows.filter((r) => r.checkIn?.condition === "tired") },
  ];
  const any = groups.some((g) => g.rows.length > 0 && g.key !== "tired");
  return (
    <section className="crew-attention" aria-labelledby={headingId} data-testid="crew-attention">
      <h2 id={headingId}>{t("crew.attention.title")}</h2>
      {any ? (
        <dl className="crew-attention__list">
          {groups
            .filter((g) => g.rows.length > 0)
            .map((group) => (
              <div key={group.key} className={`crew-attention__group crew-attention__group--${group.key}`}>
                <dt>
                  <Icon name={group.icon} className="crew-icon" />
                  {t(`crew.attention.${group.key}`)}
                </dt>
                <dd>
                  <ul className="crew-names">
                    {group.rows.map((row) => (
                      <li key={row.person.id} lang={textLang(row.person.name, locale)}>
                        {row.person.name}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
        </dl>
      ) : (
        <p>{t("crew.attention.none")}</p>
      )}
    </section>
  );
}

/** Today's check-in: condition in words and icon, when, and the note. */
function CheckInSummary({ checkIn }: { checkIn: CheckIn | undefined }) {
  const { t, locale, formatDate } = useI18n();
  if (!checkIn) {
    return (
      <span className="crew-condition crew-condition--none">
        <Icon name={NOT_CHECKED_IN_ICON} className="crew-icon" />
        {t("crew.notCheckedIn")}
      </span>
    );
  }
  return (
    <>
      <span className={`crew-condition crew-condition--${checkIn.condition}`}>
        <Icon name={CONDITION_ICONS[checkIn.condition]} className="crew-icon" />
        {t(`condition.${checkIn.condition}`)}
      </span>{" "}
      <span className="crew-muted crew-time">
        {t("crew.checkedInAt", { time: formatDate(checkIn.createdAt, "time") })}
      </span>
      {checkIn.note && (
        <p className="crew-note" lang={textLang(checkIn.note, locale)}>
          {checkIn.note}
        </p>
      )}
    </>
  );
}

function Place({ row }: { row: CrewRow }) {
  const { t } = useI18n();
  return (
    <span className="crew-inline">
      <Icon name={row.place ? PLACE_ICONS[row.place] : "help"} className="crew-icon" />
      {row.place ? t(`place.${row.place}`) : t("crew.placeUnknown")}
    </span>
  );
}

function Connection({ row }: { row: CrewRow }) {
  const { t } = useI18n();
  return (
    <span className={`crew-inline crew-presence--${row.presence?.status ?? "unknown"}`}>
      <Icon name={row.presence ? PRESENCE_ICONS[row.presence.status] : "help"} className="crew-icon" />
      {row.presence ? t(`presence.${row.presence.status}`) : t("crew.presenceUnknown")}
    </span>
  );
}

function Blocked({ row }: { row: CrewRow }) {
  const { t, tn, locale } = useI18n();
  if (row.blockedTasks.length === 0) return <span className="crew-muted">{t("crew.blocked.none")}</span>;
  return (
    <>
      <span className="crew-blocked">
        <Icon name="blocked" className="crew-icon" />
        {tn("crew.blocked.count", row.blockedTasks.length)}
      </span>
      <ul className="crew-blocked__list">
        {row.blockedTasks.map((task) => (
          <li key={task.id}>
            <Link to={paths.workOrder(task.workOrder.id)} lang={textLang(task.title, locale)}>
              {task.title}
            </Link>
          </li>
        ))}
      </ul>
      <Link to={`${paths.board}?crew=${encodeURIComponent(row.person.id)}&blocked=1`}>
        {t("crew.blocked.showOnBoard", { name: row.person.name })}
      </Link>
    </>
  );
}

function SortChoice({ value, onChange }: { value: CrewSort; onChange: (sort: CrewSort) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <FieldSet id={id} className="crew-sort" legend={t("crew.sort.legend")}>
      <div className="choice-list">
        {(["attention", "due"] as const).map((option) => (
          <div key={option} className="choice">
            <input
              id={`${id}-${option}`}
              type="radio"
              name={`${id}-sort`}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            <label htmlFor={`${id}-${option}`}>{t(`crew.sort.${option}`)}</label>
          </div>
        ))}
      </div>
    </FieldSet>
  );
}

function Due({ row }: { row: CrewRow }) {
  const { tn, t } = useI18n();
  if (row.overdue === 0 && row.dueToday === 0) return <span className="crew-muted">{t("crew.due.none")}</span>;
  return (
    <ul className="crew-due">
      {row.overdue > 0 && (
        <li className="crew-due__item crew-due__item--overdue">
          <Icon name={DUE_ICONS.overdue} className="crew-icon" />
          {tn("crew.due.overdue", row.overdue)}
        </li>
      )}
      {row.dueToday > 0 && (
        <li className="crew-due__item crew-due__item--today">
          <Icon name={DUE_ICONS.due_today} className="crew-icon" />
          {tn("crew.due.today", row.dueToday)}
        </li>
      )}
    </ul>
  );
}

function Load({ row }: { row: CrewRow }) {
  const { t, tn, formatNumber } = useI18n();
  if (row.openTasks.length === 0) return <span className="crew-muted">{t("crew.load.none")}</span>;
  return (
    <>
      <span className="crew-load">{tn("crew.load.open", row.openTasks.length)}</span>
      {row.hoursLeft > 0 && (
        <span className="crew-load crew-muted">{t("crew.load.hours", { hours: formatNumber(row.hoursLeft) })}</span>
      )}
    </>
  );
}

/**
 * What is shown of each person, in this order: the table's columns on wide screens, the labelled
 * lines of each card on narrow ones. A new column is a new entry here.
 */
const COLUMNS: readonly {
  key: string;
  label: MessageKey;
  /** the column the table is sorted by, when sorted by it */
  sortedBy?: CrewSort;
  cellClass?: (row: CrewRow) => string | undefined;
  Content: (props: { row: CrewRow }) => ReactNode;
}[] = [
  {
    key: "checkIn",
    label: "crew.col.checkIn",
    cellClass: (row) => (row.checkIn ? undefined : "crew-cell--none"),
    Content: ({ row }) => <CheckInSummary checkIn={row.checkIn} />,
  },
  { key: "place", label: "crew.col.place", Content: Place },
  { key: "presence", label: "crew.col.presence", Content: Connection },
  { key: "blocked", label: "crew.col.blocked", Content: Blocked },
  { key: "due", label: "crew.col.due", sortedBy: "due", Content: Due },
  { key: "load", label: "crew.col.load", Content: Load },
];

const rowClass = (row: CrewRow) => (!row.checkIn ? "crew-row--none" : `crew-row--${row.checkIn.condition}`);

/**
 * Below this width, in the page's own rem (the text size chosen in Settings counts: useNarrowerThan),
 * the table (about 960 px wide at the default size) would scroll sideways: each person becomes a
 * card with the same labels (WCAG 1.4.10 reflow).
 */
export const CREW_CARDS_BELOW_REM = 60;

function CrewTable({ rows, sort }: { rows: CrewRow[]; sort: CrewSort }) {
  const narrow = useNarrowerThan(CREW_CARDS_BELOW_REM);
  return narrow ? <CrewCards rows={rows} /> : <CrewWideTable rows={rows} sort={sort} />;
}

/** Narrow screens: a list of cards, a heading per person, the table's labels before each value. */
function CrewCards({ rows }: { rows: CrewRow[] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  return (
    <section className="crew-cards" aria-labelledby={headingId} data-testid="crew-cards">
      <h2 id={headingId}>{t("crew.table.caption", { count: rows.length })}</h2>
      <ul className="table-cards__list">
        {rows.map((row) => (
          <li
            key={row.person.id}
            className={`table-card crew-card ${rowClass(row)}`}
            data-testid={`crew-card-${row.person.id}`}
          >
            <h3 className="table-card__title" lang={textLang(row.person.name, locale)}>
              <Link to={paths.crewMember(row.person.id)}>{row.person.name}</Link>
            </h3>
            <TableCardFacts
              facts={COLUMNS.map(({ key, label, Content }) => ({ key, label: t(label), value: <Content row={row} /> }))}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CrewWideTable({ rows, sort }: { rows: CrewRow[]; sort: CrewSort }) {
  const { t, locale } = useI18n();
  const captionId = useId();
  return (
    <TableScroll labelledBy={captionId} hint={t("crew.scrollHint")}>
      <table className="data-table crew-table" data-testid="crew-table">
        <caption id={captionId}>{t("crew.table.caption", { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("crew.col.name")}</th>
            {COLUMNS.map(({ key, label, sortedBy }) => (
              <th key={key} scope="col" aria-sort={sortedBy && sortedBy === sort ? "descending" : undefined}>
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.person.id} className={`crew-row ${rowClass(row)}`} data-testid={`crew-row-${row.person.id}`}>
              <th scope="row" lang={textLang(row.person.name, locale)}>
                <Link to={paths.crewMember(row.person.id)}>{row.person.name}</Link>
              </th>
              {COLUMNS.map(({ key, cellClass, Content }) => (
                <td key={key} className={cellClass?.(row)}>
                  <Content row={row} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
