// Follows a conference's room on Socket.IO (namespace /room, event `state`). socket.io-client
// reconnects by itself after a dropped connection or a server restart; every (re)connection
// joins the room again, and the join's reply carries the state now, so the page is current at
// once. States older than the one shown (by `revision`) are ignored. WebSocket only: with several
// server processes (docs/server.md) a WebSocket stays in the process that accepted it, where
// HTTP long-polling would need every request sent to the same one.
import { io } from 'socket.io-client';

/** Call `onState(state)` with each newer state of `conference`, `onOnline(bool)` on each
 * connection change. */
export function follow(conference, { onState, onOnline = () => {} }) {
  const socket = io('/room', {
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  let shown = -1;
  const accept = (state) => {
    if (!state || state.conference !== conference || state.revision < shown) return;
    shown = state.revision;
    onState(state);
  };
  socket.on('connect', () => {
    onOnline(true);
    socket.emit('join', { conference }, (reply) => accept(reply && reply.state));
  });
  socket.on('state', accept);
  socket.on('disconnect', () => onOnline(false));
  socket.on('connect_error', () => onOnline(false));
  return socket;
}
