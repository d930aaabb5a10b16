import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "@crewboard/contracts";

export type CrewboardServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type CrewboardSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
