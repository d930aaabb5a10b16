// The message composer: a labelled textarea (Enter sends, Shift+Enter starts a new line, Enter
// while an input method is composing Japanese does neither), a send button, and mentions chosen
// from the room's members in a small listbox (or typed as "@name"). An empty message is refused
// with a message tied to the field; nothing typed is lost when sending fails.
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { TEXT_LIMITS } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { Field } from "../../ui/Field.tsx";
import type { PersonRef } from "../../lib/api.ts";
import { textLang } from "../../ui/lang.ts";
import { errorMessage } from "../../ui/errors.ts";
import { Icon } from "../../ui/Icon.tsx";

export type SendOutcome = "sent" | "queued";

export interface ComposerProps {
  /** who can be mentioned (the room's other members) */
  members: readonly PersonRef[];
  /** sends; rejects when the server refused (the text comes back into the field) */
  onSend: (body: string, mentions: string[]) => Promise<SendOutcome>;
  /** on every change of the text (typing indicator) */
  onTyping?: () => void;
  /** the textarea's id (so a page can move focus to it) */
  inputId?: string;
}

/** The members whose "@name" is in the text. */
export function mentionsIn(body: string, members: readonly PersonRef[]): string[] {
  return members.filter((m) => body.includes(`@${m.name}`)).map((m) => m.id);
}

export function Composer({ members, onSend, onTyping, inputId }: ComposerProps) {
  const { t, locale } = useI18n();
  const generatedId = useId();
  const id = inputId ?? `${generatedId}-message`;
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);

  async function send() {
    const text = body;
    const trimmed = text.trim();
    if (!trimmed) {
      setError(t("chat.composer.empty"));
      setStatus("");
      textarea.current?.focus();
      return;
    }
    if (trimmed.length > TEXT_LIMITS.chatMessage) {
      setError(t("chat.composer.tooLong", { max: TEXT_LIMITS.chatMessage, count: trimmed.length }));
      textarea.current?.focus();
      return;
    }
    setError(undefined);
    setStatus("");
    // the message is kept in the outbox from here on: the field is free for the next one
    setBody("");
    try {
      const outcome = await onSend(trimmed, mentionsIn(trimmed, members));
      // each send confirms its own outcome (the connection banner stays silent while online)
      setStatus(outcome === "queued" ? t("chat.composer.queued") : t("chat.composer.sent"));
    } catch (e) {
      // refused for good: give the text back (unless something new was typed meanwhile)
      setBody((current) => (current === "" ? text : current));
      setError(errorMessage(e, t));
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // Enter that confirms a Japanese input method's conversion is not "send"
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void send();
  }

  function insertMention(person: PersonRef) {
    const el = textarea.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    const before = body.slice(0, start);
    const spaceBefore = before === "" || /\s$/.test(before) ? "" : " ";
    const inserted = `${spaceBefore}@${person.name} `;
    const next = before + inserted + body.slice(end);
    setBody(next);
    setError(undefined);
    setStatus(t("chat.composer.mentionAdded", { name: person.name }));
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const caret = start + inserted.length;
      el.setSelectionRange(caret, caret);
    });
  }

  return (
    <form className="chat-composer" onSubmit={onSubmit} noValidate>
      <Field id={id} label={t("chat.composer.label")} hint={t("chat.composer.hint")} error={error} alert>
        {(control) => (
          <textarea
            {...control}
            ref={textarea}
            name="message"
            rows={3}
            value={body}
            lang={textLang(body, locale)}
            onChange={(event) => {
              setBody(event.target.value);
              if (error && event.target.value.trim()) setError(undefined);
              onTyping?.();
            }}
            onKeyDown={onKeyDown}
          />
        )}
      </Field>
      <div className="chat-composer__actions">
        {members.length > 0 && <MentionPicker members={members} onPick={insertMention} />}
        <button type="submit" className="button button--primary">
          {t("chat.composer.send")}
        </button>
      </div>
      <p className="chat-composer__status" role="status">
        {status}
      </p>
    </form>
  );
}

/**
 * "Mention someone": a button that opens a listbox of the room's members. Arrow keys move,
 * Enter or Space chooses, Escape closes; focus goes back to the text (chosen) or the button.
 */
function MentionPicker({ members, onPick }: { members: readonly PersonRef[]; onPick: (person: PersonRef) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = `${id}-list`;
  const labelId = `${id}-label`;

  function openList() {
    setActive(0);
    setOpen(true);
    requestAnimationFrame(() => list.current?.focus());
  }

  function close(focusButton: boolean) {
    setOpen(false);
    if (focusButton) requestAnimationFrame(() => button.current?.focus());
  }

  function choose(index: number) {
    const person = members[index];
    setOpen(false);
    if (person) onPick(person);
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setActive((i) => Math.min(members.length - 1, i + 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        setActive((i) => Math.max(0, i - 1));
        break;
      case "Home":
        event.preventDefault();
        setActive(0);
        break;
      case "End":
        event.preventDefault();
        setActive(members.length - 1);
        break;
      case "Enter":
      case " ":
        event.preventDefault();
        choose(active);
        break;
      case "Escape":
        event.preventDefault();
        close(true);
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  }

  return (
    <div className="chat-mention">
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => (open ? close(false) : openList())}
      >
        <Icon name="mention" className="icon--before" />
        <span id={labelId}>{t("chat.composer.mention")}</span>
      </button>
      {open && (
        <ul
          ref={list}
          id={listId}
          role="listbox"
          tabIndex={0}
          aria-labelledby={labelId}
          aria-activedescendant={`${id}-option-${active}`}
          className="chat-mention__list"
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            if (
              !event.currentTarget.contains(event.relatedTarget as Node | null) &&
              event.relatedTarget !== button.current
            )
              setOpen(false);
          }}
        >
          {members.map((person, index) => (
            <li
              key={person.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className={
                index === active ? "chat-mention__option chat-mention__option--active" : "chat-mention__option"
              }
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              <span lang={textLang(person.name, locale)}>{person.name}</span>
              <span className="chat-mention__role">({t(`role.${person.role}`)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
