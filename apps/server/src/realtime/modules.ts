// The features' socket event handlers that every connection gets (createApp's default).
import { chatSocket } from "../modules/chat/chat.socket.ts";
import type { SocketModule } from "./realtime.ts";

export const defaultSocketModules: SocketModule[] = [chatSocket];
