// Issue 12: "not checked in by" a time set per team. On the crew overview, a manager sets their own
// team's time and an admin every team's: at that time on a working day the team's managers hear
// who has not checked in, and each of them gets a gentle reminder. Unticked: no reminders.
import { useEffect, useId, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DEFAULT_CHECK_IN_BY, mayChangeTeamSettings } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { call, type Team } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useUser } from "../../app/session.tsx";
import { Field } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";

/** The teams whose time this user may set (a manager: their own; an admin: all). */
export function useReminderTeams(): Team[] {
  const user = useUser();
  const teams = useQuery({
    queryKey: queryKeys.admin.teams(),
    queryFn: ({ signal }) => call("listTeams", {}, { signal }),
    staleTime: 5 * 60_000,
  });
  return (teams.data?.items ?? []).filter((team) => mayChangeTeamSettings(user, team.id));
}

export function CheckInReminderSettings({ teams }: { teams: Team[] }) {
  const { t } = useI18n();
  const headingId = useId();
  if (teams.length === 0) return null;
  return (
    <section className="crew-reminders" aria-labelledby={headingId} data-testid="check-in-reminders">
      <h2 id={headingId}>{t("crew.reminder.title")}</h2>
      <p className="crew-muted">{t("crew.reminder.intro")}</p>
      {teams.map((team) => (
        <TeamReminderForm key={team.id} team={team} />
      ))}
    </section>
  );
}

function TeamReminderForm({ team }: { team: Team }) {
  const { t, tNodes, locale } = useI18n();
  const id = useId();
  const queryClient = useQueryClient();
  const [on, setOn] = useState(team.checkInBy !== null);
  const [time, setTime] = useState(team.checkInBy ?? DEFAULT_CHECK_IN_BY);
  const [saved, setSaved] = useState("");
  useEffect(() => {
    setOn(team.checkInBy !== null);
    setTime(team.checkInBy ?? DEFAULT_CHECK_IN_BY);
  }, [team.checkInBy]);
  const save = useMutation({
    mutationFn: (checkInBy: string | null) => call("updateTeam", { params: { id: team.id }, body: { checkInBy } }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.teams() });
      setSaved(
        updated.checkInBy
          ? t("crew.reminder.saved", { team: updated.name, time: updated.checkInBy })
          : t("crew.reminder.savedOff", { team: updated.name }),
      );
    },
  });
  const valid = /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    if (on && !valid) return;
    save.mutate(on ? time : null);
  }
  // the team's name is people's text ("A"), in its own language
  const teamName = <span lang={textLang(team.name, locale)}>{team.name}</span>;
  return (
    <form className="form crew-reminder" onSubmit={submit} noValidate data-testid={`check-in-reminder-${team.id}`}>
      <div className="choice">
        <input id={`${id}-on`} type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        <label htmlFor={`${id}-on`}>{tNodes("crew.reminder.on", { team: teamName })}</label>
      </div>
      <Field
        id={`${id}-time`}
        label={tNodes("crew.reminder.time", { team: teamName })}
        hint={t("crew.reminder.timeHint")}
        error={on && !valid ? t("crew.reminder.timeError") : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="time"
            step={60}
            value={time}
            disabled={!on}
            onChange={(e) => setTime(e.target.value)}
          />
        )}
      </Field>
      <div role="alert">
        {save.error ? <p className="notice notice--error">{errorMessage(save.error, t)}</p> : null}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" aria-disabled={save.isPending || undefined}>
          {tNodes("crew.reminder.save", { team: teamName })}
        </button>
      </div>
      <p className="form__status" role="status">
        {saved}
      </p>
    </form>
  );
}
