// Praise on My Day: what clients said about the orders this crew member worked on, by name.
import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { listMyPraise } from "../../lib/follow-through-api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";
import "./follow-through.css";

export function PraiseSection() {
  const { t, tNodes, locale, formatRelative } = useI18n();
  const headingId = useId();
  const praise = useQuery({ queryKey: queryKeys.praise(), queryFn: ({ signal }) => listMyPraise(signal) });
  const items = praise.data?.items ?? [];
  if (items.length === 0) return null;
  const own = (text: string) => <span lang={textLang(text, locale)}>{text}</span>;
  // a person's or a company's name: never given furigana (its reading is theirs to give)
  const name = (text: string) => (
    <span lang={textLang(text, locale)} data-person-name="">
      {text}
    </span>
  );
  return (
    <section className="md-section praise" aria-labelledby={headingId} data-testid="praise">
      <h2 id={headingId}>
        <Icon name="star" /> {t("praise.heading")}
      </h2>
      <p>{t("praise.intro")}</p>
      <ul className="praise-list">
        {items.slice(0, 5).map((p) => (
          <li key={p.feedbackId} className="praise-item" data-testid="praise-item">
            <blockquote className="quote" lang={textLang(p.comment, locale)}>
              {p.comment || "—"}
            </blockquote>
            <p>
              {tNodes("praise.item", { name: name(p.from.name), company: name(p.companyName) })} ·{" "}
              <time dateTime={p.at}>{formatRelative(p.at)}</time>
            </p>
            <p>
              {tNodes("praise.order", { number: `#${p.workOrder.number}`, title: own(p.workOrder.title) })}
              {p.rating !== null && <> · {t("praise.rating", { rating: p.rating })}</>}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
