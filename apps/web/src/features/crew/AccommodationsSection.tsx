// Accommodations (合理的配慮, issue 12) on a crew member's page: what was requested and by whom,
// what was agreed part by part, the review date and who agreed it, and the history of changes.
// Managers of the person's own team and admins record and change it; the person asks for one and
// chooses, part by part, what other managers on the board may see; another team's manager reads
// only those parts. On the person's own page, "who looked at my record" lists every audited read
// of their check-ins and accommodations by others. The server decides who reads what (every read
// is audited); the page only asks the same policy what to offer.
import { useId, useRef, useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  ACCOMMODATION_PARTS,
  isStaff,
  mayRequestAccommodation,
  mayShareAccommodationParts,
  type AccommodationPart,
} from "@crewboard/domain";
import { ApiError, call, type ResultOf } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import { useUser } from "../../app/session.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { Field, FieldSet } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";

type Accommodation = ResultOf<"listAccommodations">["items"][number];
/** The person whose page it is (their team is the server's to know: it answers how much the caller reads). */
type Person = { id: string; name: string };

const listKey = queryKeys.accommodations.of;
const newKey = () =>
  globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now()}-${Math.random()}`;

export function AccommodationsSection({ person }: { person: Person }) {
  const { t } = useI18n();
  const me = useUser();
  const headingId = useId();
  const own = me.id === person.id;
  const list = useQuery({
    queryKey: listKey(person.id),
    queryFn: ({ signal }) => call("listAccommodations", { params: { id: person.id } }, { signal }),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  // own team's managers and admins read all of it (access "full") and write it; the person does not
  const mayWrite = list.data?.access === "full" && !own && isStaff(me);
  // the policy's rules need only the person's id here (the team does not matter for one's own record)
  const mayRequest = mayRequestAccommodation(me, { id: person.id, teamId: null });
  let body;
  if (list.isPending) body = <LoadingNotice />;
  else if (list.error instanceof ApiError && list.error.status === 404)
    body = <p className="notice">{t("accommodations.notYours", { name: person.name })}</p>;
  else if (list.error) body = <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const items = list.data.items;
    const sharedOnly = list.data.access === "shared";
    body = (
      <>
        <p className="crew-muted">
          {own
            ? t("accommodations.introOwn")
            : sharedOnly
              ? t("accommodations.introShared", { name: person.name })
              : t("accommodations.intro")}
        </p>
        {items.length === 0 && <p>{t("accommodations.none")}</p>}
        {items.map((a) => (
          <AccommodationRecord key={a.id} a={a} person={person} mayWrite={mayWrite} own={own} />
        ))}
        {(mayWrite || mayRequest) && <NewAccommodation person={person} asPerson={mayRequest} />}
      </>
    );
  }
  return (
    <section className="crew-member__section" aria-labelledby={headingId} data-testid="accommodations">
      <h2 id={headingId}>{t("accommodations.title")}</h2>
      {body}
    </section>
  );
}

function AccommodationRecord({
  a,
  person,
  mayWrite,
  own,
}: {
  a: Accommodation;
  person: Person;
  mayWrite: boolean;
  own: boolean;
}) {
  const { t, formatDate, locale } = useI18n();
  const me = useUser();
  const [editing, setEditing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const text = (s: string) => (s ? <span lang={textLang(s, locale)}>{s}</span> : t("accommodations.empty"));
  const done = (focus: boolean) => {
    setEditing(false);
    // after saving (or cancelling), focus goes back to the record's heading, which the form replaced
    if (focus) requestAnimationFrame(() => headingRef.current?.focus());
  };

  if (a.view === "shared") {
    const parts = ACCOMMODATION_PARTS.filter((p) => a.sharedParts.includes(p));
    return (
      <article className="accommodation" aria-labelledby={headingId} data-testid="accommodation">
        <h3 id={headingId}>{t("accommodations.sharedTitle")}</h3>
        <dl className="crew-member__facts">
          {parts.map((p) => (
            <div key={p}>
              <dt>{t(`accommodations.part.${p}`)}</dt>
              <dd>{text(a.agreement[p])}</dd>
            </div>
          ))}
        </dl>
      </article>
    );
  }

  return (
    <article className="accommodation" aria-labelledby={headingId} data-testid="accommodation">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} lang={textLang(a.title, locale)}>
        {a.title}
      </h3>
      {editing ? (
        <AccommodationForm a={a} person={person} onDone={done} />
      ) : (
        <>
          <dl className="crew-member__facts">
            <div>
              <dt>{t("accommodations.requested")}</dt>
              <dd>
                {a.requestedBy
                  ? t("accommodations.requestedBy", {
                      name: a.requestedBy.name,
                      date: a.requestedAt ? formatDate(a.requestedAt) : "—",
                    })
                  : "—"}
              </dd>
            </div>
            <div>
              <dt>{t("accommodations.requestText")}</dt>
              <dd>{text(a.requestText)}</dd>
            </div>
            {ACCOMMODATION_PARTS.map((p) => (
              <div key={p}>
                <dt>{t(`accommodations.part.${p}`)}</dt>
                <dd>
                  {text(a.agreement[p])}
                  {a.sharedParts.includes(p) && <span className="crew-muted"> {t("accommodations.sharedMark")}</span>}
                </dd>
              </div>
            ))}
            {a.note && (
              <div>
                <dt>{t("accommodations.note")}</dt>
                <dd>{text(a.note)}</dd>
              </div>
            )}
            <div>
              <dt>{t("accommodations.reviewOn")}</dt>
              <dd data-testid="accommodation-review">
                {a.reviewOn ? formatDate(a.reviewOn, "weekdayDate") : t("accommodations.noReview")}
              </dd>
            </div>
            <div>
              <dt>{t("accommodations.agreed")}</dt>
              <dd>
                {a.agreedBy
                  ? t("accommodations.agreedBy", {
                      name: a.agreedBy.name,
                      date: a.agreedAt ? formatDate(a.agreedAt) : "—",
                    })
                  : t("accommodations.notAgreed")}
              </dd>
            </div>
          </dl>
          {mayWrite && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t("accommodations.edit")}
            </button>
          )}
        </>
      )}
      {own && mayShareAccommodationParts(me, { id: person.id, teamId: null }) && (
        <SharingChoices a={a} person={person} />
      )}
      <AccommodationHistory a={a} />
    </article>
  );
}

function AccommodationForm({
  a,
  person,
  onDone,
}: {
  a: Accommodation;
  person: Person;
  onDone: (focus: boolean) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const formId = useId();
  const [title, setTitle] = useState(a.title);
  const [requestText, setRequestText] = useState(a.requestText);
  const [agreement, setAgreement] = useState<Record<AccommodationPart, string>>({ ...a.agreement });
  const [reviewOn, setReviewOn] = useState(a.reviewOn ?? "");
  const [agree, setAgree] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [titleError, setTitleError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!title.trim()) {
      setTitleError(t("accommodations.titleError"));
      document.getElementById(`${formId}-title`)?.focus();
      return;
    }
    setTitleError(undefined);
    setBusy(true);
    setFailed(null);
    try {
      await call("updateAccommodation", {
        params: { id: a.id },
        body: {
          version: a.version,
          title: title.trim(),
          requestText,
          agreement,
          reviewOn: reviewOn || null,
          ...(agree ? { agreed: true as const } : {}),
        },
      });
      await queryClient.invalidateQueries({ queryKey: listKey(person.id) });
      await queryClient.invalidateQueries({ queryKey: ["accommodation-history", a.id] });
      onDone(true);
    } catch (e) {
      setFailed(e);
      // someone else saved first: show the latest record behind the form
      if (e instanceof ApiError && e.status === 409)
        void queryClient.invalidateQueries({ queryKey: listKey(person.id) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t("accommodations.formLabel")}>
      <Field id={`${formId}-title`} label={t("accommodations.titleLabel")} error={titleError} need="required" alert>
        {(control) => <input {...control} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field id={`${formId}-request`} label={t("accommodations.requestText")}>
        {(control) => (
          <textarea {...control} rows={2} value={requestText} onChange={(e) => setRequestText(e.target.value)} />
        )}
      </Field>
      {ACCOMMODATION_PARTS.map((p) => (
        <Field key={p} id={`${formId}-${p}`} label={t(`accommodations.part.${p}`)}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={agreement[p]}
              onChange={(e) => setAgreement((x) => ({ ...x, [p]: e.target.value }))}
            />
          )}
        </Field>
      ))}
      <Field id={`${formId}-review`} label={t("accommodations.reviewOn")} need="optional">
        {(control) => <input {...control} type="date" value={reviewOn} onChange={(e) => setReviewOn(e.target.value)} />}
      </Field>
      <div className="choice">
        <input id={`${formId}-agree`} type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} />
        <label htmlFor={`${formId}-agree`}>{t("accommodations.agreeNow")}</label>
      </div>
      <div role="alert">{failed ? <p className="notice notice--error">{errorMessage(failed, t)}</p> : null}</div>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t("accommodations.save")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(true)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The person's choice, part by part, of what other managers on the board may see. */
function SharingChoices({ a, person }: { a: Accommodation; person: Person }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const [parts, setParts] = useState<AccommodationPart[]>(a.sharedParts);
  const [status, setStatus] = useState<string>("");
  const [failed, setFailed] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailed(null);
    try {
      await call("updateAccommodation", {
        params: { id: a.id },
        body: { version: a.version, sharedParts: ACCOMMODATION_PARTS.filter((p) => parts.includes(p)) },
      });
      await queryClient.invalidateQueries({ queryKey: listKey(person.id) });
      await queryClient.invalidateQueries({ queryKey: ["accommodation-history", a.id] });
      setStatus(t("accommodations.sharing.saved"));
      // the saved message takes focus, so the screen reader says it and the keyboard stays here
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (e) {
      setFailed(e);
      if (e instanceof ApiError && e.status === 409)
        void queryClient.invalidateQueries({ queryKey: listKey(person.id) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form accommodation__sharing" onSubmit={submit} noValidate>
      <FieldSet id={id} legend={t("accommodations.sharing.legend")} hint={t("accommodations.sharing.hint")}>
        <div className="choice-list">
          {ACCOMMODATION_PARTS.map((p) => (
            <div key={p} className="choice">
              <input
                id={`${id}-${p}`}
                type="checkbox"
                checked={parts.includes(p)}
                onChange={(e) => setParts((l) => (e.target.checked ? [...l, p] : l.filter((x) => x !== p)))}
              />
              <label htmlFor={`${id}-${p}`}>{t(`accommodations.part.${p}`)}</label>
            </div>
          ))}
        </div>
      </FieldSet>
      <div role="alert">{failed ? <p className="notice notice--error">{errorMessage(failed, t)}</p> : null}</div>
      <p role="status" ref={statusRef} tabIndex={-1} className="crew-muted">
        {status}
      </p>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t("accommodations.sharing.save")}
        </button>
      </div>
    </form>
  );
}

const FIELD_KEYS: Record<string, MessageKey> = {
  title: "accommodations.titleLabel",
  note: "accommodations.note",
  requestText: "accommodations.requestText",
  hours: "accommodations.part.hours",
  breaks: "accommodations.part.breaks",
  communication: "accommodations.part.communication",
  consult: "accommodations.part.consult",
  tools: "accommodations.part.tools",
  reviewOn: "accommodations.reviewOn",
  agreedBy: "accommodations.agreed",
  sharedParts: "accommodations.sharing.legend",
};

/** The history of changes, loaded when opened (each read is audited). */
function AccommodationHistory({ a }: { a: Accommodation }) {
  const { t, formatDate, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const history = useQuery({
    queryKey: ["accommodation-history", a.id] as const,
    queryFn: ({ signal }) => call("listAccommodationRevisions", { params: { id: a.id } }, { signal }),
    enabled: open,
  });
  const value = (r: ResultOf<"listAccommodationRevisions">["items"][number], field: string): string => {
    const p = r.previous;
    if ((ACCOMMODATION_PARTS as readonly string[]).includes(field)) return p.agreement[field as AccommodationPart];
    if (field === "reviewOn") return p.reviewOn ? formatDate(p.reviewOn) : "—";
    if (field === "agreedBy") return p.agreedBy ? p.agreedBy.name : t("accommodations.notAgreed");
    if (field === "sharedParts")
      return p.sharedParts.length ? p.sharedParts.map((x) => t(`accommodations.part.${x}`)).join("、") : "—";
    return String((p as Record<string, unknown>)[field] ?? "");
  };
  return (
    <details className="accommodation__history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("accommodations.history.title")}</summary>
      {!open ? null : history.isPending ? (
        <LoadingNotice />
      ) : history.error ? (
        <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <p>{t("accommodations.history.none")}</p>
      ) : (
        <table className="table">
          <caption>{t("accommodations.history.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodations.history.when")}</th>
              <th scope="col">{t("accommodations.history.who")}</th>
              <th scope="col">{t("accommodations.history.before")}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">{formatDate(r.changedAt, "dateTime")}</th>
                <td>{r.changedBy.name}</td>
                <td>
                  <ul className="accommodation__changes">
                    {r.changedFields.map((f) => (
                      <li key={f}>
                        {t(FIELD_KEYS[f] ?? "accommodations.titleLabel")}:{" "}
                        <span lang={textLang(value(r, f), locale)}>{value(r, f) || "—"}</span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** A new record (managers) or a request (the person). */
function NewAccommodation({ person, asPerson }: { person: Person; asPerson: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [requestText, setRequestText] = useState("");
  const [titleError, setTitleError] = useState<string | undefined>();
  const [failed, setFailed] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const openRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [status, setStatus] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!title.trim()) {
      setTitleError(t("accommodations.titleError"));
      document.getElementById(`${formId}-title`)?.focus();
      return;
    }
    setTitleError(undefined);
    setBusy(true);
    setFailed(null);
    try {
      // one key per request: a retry after a lost answer records it once
      await call(
        "createAccommodation",
        { params: { id: person.id }, body: { title: title.trim(), requestText } },
        { idempotencyKey: key },
      );
      await queryClient.invalidateQueries({ queryKey: listKey(person.id) });
      setKey(newKey());
      setTitle("");
      setRequestText("");
      setOpen(false);
      setStatus(asPerson ? t("accommodations.new.sentOwn") : t("accommodations.new.saved"));
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (e) {
      setFailed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="accommodation__new">
      <p role="status" ref={statusRef} tabIndex={-1} className="crew-muted">
        {status}
      </p>
      {open ? (
        <form
          className="form"
          onSubmit={submit}
          noValidate
          aria-label={asPerson ? t("accommodations.new.requestOwn") : t("accommodations.new.record")}
        >
          <Field
            id={`${formId}-title`}
            label={t("accommodations.titleLabel")}
            hint={t("accommodations.titleHint")}
            error={titleError}
            need="required"
            alert
          >
            {(control) => <input {...control} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <Field id={`${formId}-request`} label={t("accommodations.requestText")} need="optional">
            {(control) => (
              <textarea {...control} rows={3} value={requestText} onChange={(e) => setRequestText(e.target.value)} />
            )}
          </Field>
          <div role="alert">{failed ? <p className="notice notice--error">{errorMessage(failed, t)}</p> : null}</div>
          <div className="form__actions">
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {asPerson ? t("accommodations.new.send") : t("accommodations.save")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setOpen(false);
                requestAnimationFrame(() => openRef.current?.focus());
              }}
            >
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          ref={openRef}
          className="button button--secondary"
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => document.getElementById(`${formId}-title`)?.focus());
          }}
        >
          {asPerson ? t("accommodations.new.requestOwn") : t("accommodations.new.record")}
        </button>
      )}
    </div>
  );
}

/** "Who looked at my record": the audited reads of the person's check-ins and accommodations by others. */
export function RecordViewsSection() {
  const { t, formatDate } = useI18n();
  const headingId = useId();
  const captionId = useId();
  const views = useQuery({
    queryKey: ["record-views"] as const,
    queryFn: ({ signal }) => call("listMyRecordViews", {}, { signal }),
  });
  let body;
  if (views.isPending) body = <LoadingNotice />;
  else if (views.error) body = <ErrorNotice error={views.error} onRetry={() => void views.refetch()} />;
  else if (views.data.items.length === 0) body = <p>{t("recordViews.none")}</p>;
  else
    body = (
      <div className="crew-member__table-wrap">
        <TableScroll labelledBy={captionId} hint={t("workOrders.scrollHint")}>
          <table className="table" data-testid="record-views-table">
            <caption id={captionId}>{t("recordViews.caption", { count: views.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("recordViews.when")}</th>
                <th scope="col">{t("recordViews.who")}</th>
                <th scope="col">{t("recordViews.role")}</th>
                <th scope="col">{t("recordViews.what")}</th>
              </tr>
            </thead>
            <tbody>
              {views.data.items.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{formatDate(v.at, "dateTime")}</th>
                  <td>{v.viewer?.name ?? "—"}</td>
                  <td>{t(`recordViews.role.${v.role}`)}</td>
                  <td>
                    {t(`recordViews.what.${v.what}`)}
                    {v.view === "shared" && <> {t("recordViews.sharedOnly")}</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    );
  return (
    <section className="crew-member__section" aria-labelledby={headingId} data-testid="record-views">
      <h2 id={headingId}>{t("recordViews.title")}</h2>
      <p className="crew-muted">{t("recordViews.intro")}</p>
      {body}
    </section>
  );
}
