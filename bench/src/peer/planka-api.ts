// Planka's REST API, as much as the side-by-side comparison needs: signing in (accepting the
// terms a fresh install asks for), a board with a list of cards to read and to rename.
import { now } from "../stats.ts";
import { WRITE_TIMEOUT_MS, type Write } from "../renamer.ts";

export interface PlankaBoard {
  token: string;
  boardId: string;
  cardIds: string[];
}

const BOARD_NAME = "Crewboard peer bench";

/** `termsPending`: the sign-in, which answers 403 E_FORBIDDEN with a pending token until the terms are accepted. */
async function json<T>(url: string, init: RequestInit & { token?: string; termsPending?: boolean } = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      "content-type": "application/json",
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  const body = (await res.json().catch(() => ({}))) as T & { code?: string; message?: string };
  if (!res.ok && !(init.termsPending && res.status === 403 && body.code === "E_FORBIDDEN"))
    throw new Error(`Planka ${init.method ?? "GET"} ${new URL(url).pathname}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** An access token; a fresh install first asks the user to accept its terms, which this does. */
export async function plankaSignIn(url: string, email: string, password: string): Promise<string> {
  const first = await json<{ item?: string; pendingToken?: string; step?: string }>(`${url}/api/access-tokens`, {
    method: "POST",
    body: JSON.stringify({ emailOrUsername: email, password }),
    termsPending: true,
  });
  if (first.item) return first.item;
  if (!first.pendingToken) throw new Error(`Planka sign-in: ${JSON.stringify(first)}`);
  const terms = await json<{ item: { signature: string } }>(`${url}/api/terms?type=general`);
  const accepted = await json<{ item: string }>(`${url}/api/access-tokens/accept-terms`, {
    method: "POST",
    body: JSON.stringify({ pendingToken: first.pendingToken, signature: terms.item.signature }),
  });
  return accepted.item;
}

/** The bench's board (made on the first run, found again after), with at least `cards` cards. */
export async function plankaBoard(url: string, token: string, cards: number): Promise<PlankaBoard> {
  const projects = await json<{ items: { id: string }[]; included: { boards: { id: string; name: string }[] } }>(
    `${url}/api/projects`,
    { token },
  );
  let boardId = projects.included.boards.find((b) => b.name === BOARD_NAME)?.id;
  if (!boardId) {
    const project = await json<{ item: { id: string } }>(`${url}/api/projects`, {
      method: "POST",
      token,
      body: JSON.stringify({ type: "private", name: BOARD_NAME }),
    });
    const board = await json<{ item: { id: string } }>(`${url}/api/projects/${project.item.id}/boards`, {
      method: "POST",
      token,
      body: JSON.stringify({ name: BOARD_NAME, position: 65536 }),
    });
    boardId = board.item.id;
  }
  const read = () =>
    json<{ included: { lists: { id: string; type: string }[]; cards: { id: string }[] } }>(
      `${url}/api/boards/${boardId}`,
      { token },
    );
  let board = await read();
  let listId = board.included.lists.find((l) => l.type === "active")?.id;
  if (!listId) {
    const list = await json<{ item: { id: string } }>(`${url}/api/boards/${boardId}/lists`, {
      method: "POST",
      token,
      body: JSON.stringify({ type: "active", name: "bench", position: 65536 }),
    });
    listId = list.item.id;
  }
  for (let i = board.included.cards.length; i < cards; i++) {
    await json(`${url}/api/lists/${listId}/cards`, {
      method: "POST",
      token,
      body: JSON.stringify({ type: "project", name: `card ${i + 1}`, position: 65536 * (i + 1) }),
    });
  }
  board = await read();
  return { token, boardId, cardIds: board.included.cards.map((c) => c.id) };
}

/**
 * PATCH /api/cards/:id { name: "bench <n>" }: Planka's rename, over a pool of cards, one write per
 * card at a time like crewboardRename (Planka has no version to send).
 */
export function plankaRename(url: string, board: PlankaBoard, pool: number): Write {
  const cards = board.cardIds.slice(0, pool);
  let next = 0;
  return async (index) => {
    const id = cards[next++ % cards.length]!;
    const started = now();
    try {
      const res = await fetch(`${url}/api/cards/${id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", authorization: `Bearer ${board.token}` },
        body: JSON.stringify({ name: `bench ${index}` }),
        signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      return { ok: res.ok, ms: now() - started, sentAt: started };
    } catch {
      return { ok: false, ms: now() - started, sentAt: started };
    }
  };
}
