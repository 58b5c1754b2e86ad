// The integration page's logic: plain browser JavaScript, no build step. It uses only the public API
// (see /q/openapi). Server data is always written with textContent, never as HTML.
"use strict";

const videoCall = (() => {
  const OPENTOK_JS = "https://static.opentok.com/v2/js/opentok.min.js";
  const API = "/api/videocall";
  const RECONNECT_MS = 1000;

  const state = {
    jwt: null, // the caller's JWT, kept in memory only
    user: null, // {userId, groups}
    session: null, // the session as the API returned it
    role: null, // the caller's participant role in it
    token: null, // the OpenTok client token, kept in memory only, never shown
    apiKey: null,
    recordingId: null,
    broadcastId: null,
    otSession: null,
    feed: null, // the live feed's AbortController
    lastEventId: null, // where the live feed resumes after a dropped connection
    refreshing: null,
    inviteCode: null, // a guest's code, from the link's fragment; sent once, to redeem it
  };

  const $ = (id) => document.getElementById(id);

  /** A problem+json answer (or any failed request), shown as the server wrote it. */
  class Problem extends Error {
    constructor(status, body) {
      const title = body && typeof body === "object" && body.title ? body.title : `HTTP ${status}`;
      super(title);
      this.status = status;
      this.title = title;
      this.detail = body && typeof body === "object" ? body.detail || "" : "";
      this.errors = body && typeof body === "object" && Array.isArray(body.errors) ? body.errors : [];
      this.type = body && typeof body === "object" ? body.type : undefined;
    }
  }

  async function api(method, path, body, headers = {}) {
    const init = { method, headers: { ...headers } };
    if (state.jwt) init.headers.Authorization = `Bearer ${state.jwt}`;
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new Problem(0, { title: "The service cannot be reached", detail: String(e.message || e) });
    }
    if (response.status === 204) return null;
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json().catch(() => null) : await response.text();
    if (!response.ok) throw new Problem(response.status, data);
    return data;
  }

  function showProblem(error) {
    const problem = error instanceof Problem ? error : new Problem(0, { title: "Something went wrong", detail: String(error) });
    $("problem-title").textContent = problem.title;
    $("problem-detail").textContent = problem.detail;
    const list = $("problem-errors");
    list.replaceChildren(...problem.errors.map((e) => li(`${e.field}: ${e.message}`)));
    $("problem").hidden = false;
    return problem;
  }

  function notice(text) {
    $("notice").textContent = text;
    $("notice").hidden = false;
  }

  /** Runs a user action; its failure is shown as the server's problem, never thrown at the user. */
  async function action(fn) {
    $("problem").hidden = true;
    try {
      return await fn();
    } catch (e) {
      showProblem(e);
      return undefined;
    }
  }

  function li(text) {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }

  function row(cells) {
    const tr = document.createElement("tr");
    for (const cell of cells) {
      const td = document.createElement("td");
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell == null ? "" : String(cell);
      tr.append(td);
    }
    return tr;
  }

  function button(label, onClick, className) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (className) b.className = className;
    b.addEventListener("click", onClick);
    return b;
  }

  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "");
  const sessionPath = (suffix = "") => `${API}/sessions/${encodeURIComponent(state.session.sessionId)}${suffix}`;

  // ---- 1. sign in ----------------------------------------------------------------------------

  function decode(jwt) {
    const part = jwt.split(".")[1];
    if (!part) throw new Problem(0, { title: "Not a JWT", detail: "A JWT has three dot-separated parts." });
    try {
      const bytes = Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new Problem(0, { title: "Not a JWT", detail: "Its payload is not base64url JSON." });
    }
  }

  function signIn(jwt) {
    const claims = decode(jwt.trim());
    state.jwt = jwt.trim();
    state.user = { userId: claims.sub, groups: claims.groups || [] };
    // another user: the previous one's token and call are theirs, not this user's
    leave();
    state.token = null;
    $("token-info").textContent = "";
    updateJoin();
    $("whoami").textContent = `Signed in as ${claims.sub} (${state.user.groups.join(", ") || "no groups"})`;
    $("whoami").hidden = false;
    $("setup").hidden = false;
    // sessions are created by providers and the platform's backends
    $("create-session").hidden = !state.user.groups.some((g) => g === "provider" || g === "service");
    if (state.session) return openSession(state.session.sessionId);
    return undefined;
  }

  async function devSignIn(form) {
    const role = form.role.value;
    const groups = role === "provider" ? "provider" : "patient";
    const query = new URLSearchParams({ sub: form.userId.value, groups, name: form.name.value });
    const response = await fetch(`/_dev/jwt?${query}`);
    if (!response.ok) throw new Problem(response.status, { title: "No dev JWT", detail: await response.text() });
    await signIn(await response.text());
  }

  async function detectDevMode() {
    // /_dev/jwt exists only in dev mode: without parameters it answers 400 there, 404 elsewhere
    try {
      const response = await fetch("/_dev/jwt");
      $("dev-signin").hidden = response.status !== 400;
    } catch (e) {
      $("dev-signin").hidden = true;
    }
  }

  // ---- 2. set up -----------------------------------------------------------------------------

  async function createSession(form) {
    const participants = [];
    if (form.patientId.value) {
      participants.push({ userId: form.patientId.value, role: "patient", displayName: form.patientName.value || undefined });
    }
    const session = await api("POST", `${API}/sessions`, {
      name: form.name.value,
      type: "consultation",
      consultationId: form.consultationId.value,
      chatRoomId: form.chatRoomId.value || undefined,
      waitingRoom: form.waitingRoom.checked,
      participants,
    });
    await showSession(session);
  }

  async function openSession(sessionId) {
    await showSession(await api("GET", `${API}/sessions/${encodeURIComponent(sessionId.trim())}`));
  }

  async function showSession(session) {
    const changed = !state.session || state.session.sessionId !== session.sessionId;
    state.session = session;
    const me = session.participants.find((p) => p.userId === state.user.userId);
    state.role = me ? me.role : null;
    await showConsent();
    $("session-id").textContent = session.sessionId;
    $("session-status").textContent = session.status;
    $("session-role").textContent = state.role || "not a participant";
    $("participants").replaceChildren(...session.participants.map((p) => row([p.userId, p.role, p.displayName])));
    $("session-view").hidden = false;
    const provider = state.role === "provider";
    for (const element of document.querySelectorAll(".provider-only")) element.hidden = !provider;
    $("call").hidden = false;
    $("watch").hidden = false;
    const waits = session.waitingRoom && (state.role === "patient" || state.role === "observer");
    $("waiting").hidden = !waits;
    $("queue").hidden = !(session.waitingRoom && provider);
    if (changed) {
      state.token = null;
      $("token-info").textContent = "";
      $("waiting-status").textContent = "";
      updateJoin();
    }
    follow();
  }

  /** The participants table, read again when the live feed says someone came or went. */
  function refreshParticipants() {
    action(async () => {
      const session = await api("GET", sessionPath());
      state.session.participants = session.participants;
      $("participants").replaceChildren(...session.participants.map((p) => row([p.userId, p.role, p.displayName])));
    });
  }

  async function showConsent() {
    const consents = await api("GET", sessionPath("/consent")).catch(() => []);
    const mine = consents.find((c) => c.userId === state.user.userId);
    $("consent").checked = Boolean(mine && mine.recording);
    $("broadcast-consent").checked = Boolean(mine && mine.broadcast);
  }

  async function addParticipant(form) {
    await api("POST", sessionPath("/participants"), {
      userId: form.userId.value, role: form.role.value, displayName: form.displayName.value || undefined,
    });
    await openSession(state.session.sessionId);
    form.reset();
  }

  async function saveConsent() {
    const consent = await api("PUT", sessionPath("/consent"),
      { recording: $("consent").checked, broadcast: $("broadcast-consent").checked });
    notice(`Recording consent of ${consent.userId} saved: ${consent.recording ? "given" : "withdrawn"};`
      + ` broadcast consent ${consent.broadcast ? "given" : "withdrawn"}.`);
    await refresh();
  }

  // ---- the waiting room ----------------------------------------------------------------------

  async function checkIn() {
    const entry = await api("POST", sessionPath("/waiting-room"));
    showAdmission(entry.status);
  }

  /** A patient's or observer's own place: waiting, or let in (then the page gets a token and joins). */
  function showAdmission(status) {
    const texts = {
      waiting: "Waiting for the clinician to let you in...",
      admitted: "You are admitted: joining the call.",
      declined: "The clinician cannot see you now. You may check in again.",
      sent_back: "You were sent back to the waiting room. Check in again to wait.",
    };
    $("waiting-status").textContent = texts[status] || "";
    $("waiting-status").dataset.status = status;
    if (status === "admitted" && !state.otSession) {
      action(async () => {
        await getToken();
        if (window.OT) join();
      });
    }
  }

  async function decide(userId, decision) {
    await api("POST", sessionPath(`/waiting-room/${encodeURIComponent(userId)}/${decision}`), decision === "decline" ? {} : undefined);
    await refresh();
  }

  // ---- guests ---------------------------------------------------------------------------------

  async function createInvite(form) {
    const invite = await api("POST", sessionPath("/invites"),
      { displayName: form.displayName.value, expiresInSeconds: Number(form.minutes.value) * 60 });
    // the code goes in the fragment, which browsers never send to a server (nor in a Referer)
    $("invite-url").value = `${location.origin}${location.pathname}#invite=${encodeURIComponent(invite.code)}`;
    $("invite-link").hidden = false;
    await refresh();
  }

  async function copyInvite() {
    $("invite-url").select();
    try {
      await navigator.clipboard.writeText($("invite-url").value);
      notice("The invite link is copied. Send it to the guest.");
    } catch (e) {
      notice("Copy the selected link, and send it to the guest.");
    }
  }

  async function revokeInvite(inviteId) {
    await api("DELETE", `${API}/invites/${encodeURIComponent(inviteId)}`);
    await openSession(state.session.sessionId);
  }

  /** A guest's page: the code from the link is redeemed once, and the answer is the token to join with. */
  async function redeemInvite(form) {
    const answer = await api("POST", `${API}/invites/redeem`, { code: state.inviteCode, displayName: form.displayName.value });
    state.inviteCode = null;
    state.token = answer.token;
    state.apiKey = answer.apiKey;
    state.session = { sessionId: answer.sessionId };
    state.role = "guest";
    form.hidden = true;
    $("guest-status").textContent = `You are in the visit as ${answer.connectionData.displayName} (guest).`;
    $("call").hidden = false;
    updateJoin();
    if (window.OT) join();
  }

  /** An invite link opens this page with {@code #invite=<code>}: the page offers to join as a guest. */
  function detectInvite() {
    const match = /^#invite=([^&]+)$/.exec(location.hash);
    if (!match) return;
    state.inviteCode = decodeURIComponent(match[1]);
    history.replaceState(null, "", location.pathname); // the code leaves the address bar and the history
    $("guest").hidden = false;
    $("signin").hidden = true; // a guest has no account to sign in with
  }

  async function getToken() {
    const answer = await api("POST", sessionPath("/token"), {});
    state.token = answer.token;
    state.apiKey = answer.apiKey;
    $("token-info").textContent = `A ${answer.role} token as ${answer.connectionData.displayName}, until ${time(answer.expiresAt)}.`;
    updateJoin();
    await refresh();
  }

  // ---- 3. join with OpenTok.js ---------------------------------------------------------------

  function loadOpenTok() {
    const script = document.createElement("script");
    script.src = OPENTOK_JS;
    script.async = true;
    const failed = setTimeout(openTokFailed, 15000);
    script.onload = () => { clearTimeout(failed); openTokLoaded(); };
    script.onerror = () => { clearTimeout(failed); openTokFailed(); };
    document.body.append(script);
  }

  function openTokLoaded() {
    if (!window.OT) return openTokFailed();
    $("ot-status").textContent = "OpenTok.js is loaded. Get a token, then join.";
    $("ot-status").className = "hint";
    updateJoin();
    return undefined;
  }

  function openTokFailed() {
    if (window.OT) return;
    $("ot-status").textContent = "OpenTok.js could not be loaded from the Vonage CDN (offline, or blocked), so this "
      + "page cannot join the call. Everything else here still works.";
    $("ot-status").className = "warning";
    updateJoin();
  }

  function updateJoin() {
    $("join").disabled = !(window.OT && state.token && !state.otSession);
    $("leave").disabled = !state.otSession;
  }

  function join() {
    const otSession = OT.initSession(state.apiKey, state.session.sessionId);
    otSession.on("streamCreated", (event) => {
      const holder = document.createElement("div");
      holder.className = "video";
      $("subscribers").append(holder);
      otSession.subscribe(event.stream, holder, { insertMode: "append", width: "100%", height: "100%" }, (error) => {
        if (error) showProblem(new Problem(0, { title: "Could not show a participant's video", detail: error.message }));
      });
    });
    otSession.on("sessionDisconnected", () => {
      state.otSession = null;
      $("subscribers").replaceChildren();
      $("publisher").replaceChildren();
      updateJoin();
    });
    otSession.connect(state.token, (error) => {
      if (error) {
        showProblem(new Problem(0, { title: "Could not join the call", detail: error.message }));
        state.otSession = null;
        updateJoin();
        return;
      }
      // an observer's token is a subscriber's: no camera to open, nothing to publish
      if (state.role === "observer") return;
      const publisher = OT.initPublisher($("publisher"), { insertMode: "append", width: "100%", height: "100%" });
      otSession.publish(publisher);
    });
    state.otSession = otSession;
    updateJoin();
  }

  function leave() {
    if (state.otSession) state.otSession.disconnect();
  }

  // ---- 4. provider controls ------------------------------------------------------------------

  async function startRecording() {
    const recording = await api("POST", sessionPath("/recordings"), { outputMode: "composed", layout: { type: "bestFit" } });
    state.recordingId = recording.recordingId;
    notice(`Recording ${recording.recordingId} ${recording.status}.`);
    await refresh();
  }

  async function stopRecording() {
    const id = state.recordingId || (await latest("/recordings", "recordingId"));
    if (!id) throw new Problem(409, { title: "No recording", detail: "This session has no started recording." });
    const recording = await api("POST", `${API}/recordings/${encodeURIComponent(id)}/stop`);
    notice(`Recording ${recording.recordingId} ${recording.status}.`);
    await refresh();
  }

  async function startBroadcast() {
    const broadcast = await api("POST", sessionPath("/broadcasts"), { hls: { dvr: false, lowLatency: false } });
    state.broadcastId = broadcast.broadcastId;
    $("broadcast-info").textContent = broadcast.hlsUrl ? `HLS: ${broadcast.hlsUrl}` : "";
    notice(`Broadcast ${broadcast.broadcastId} ${broadcast.status}.`);
    await refresh();
  }

  async function stopBroadcast() {
    const id = state.broadcastId || (await latest("/broadcasts", "broadcastId"));
    if (!id) throw new Problem(409, { title: "No broadcast", detail: "This session has no started broadcast." });
    const broadcast = await api("POST", `${API}/broadcasts/${encodeURIComponent(id)}/stop`);
    $("broadcast-info").textContent = "";
    notice(`Broadcast ${broadcast.broadcastId} ${broadcast.status}.`);
    await refresh();
  }

  async function latest(suffix, idField) {
    const page = await api("GET", sessionPath(`${suffix}?size=100`));
    const started = page.items.filter((item) => item.status === "started");
    return started.length ? started[started.length - 1][idField] : null;
  }

  async function muteAll() {
    await api("POST", sessionPath("/mute"), { excludedStreamIds: [] });
    notice("Everyone's audio was muted.");
    await refresh();
  }

  async function disconnect(connectionId) {
    await api("DELETE", sessionPath(`/connections/${encodeURIComponent(connectionId)}`));
    notice(`Connection ${connectionId} was disconnected.`);
    await refresh();
  }

  async function endSession() {
    await api("DELETE", sessionPath());
    leave();
    await openSession(state.session.sessionId);
    notice("The session has ended.");
  }

  async function download(recordingId) {
    const answer = await api("GET", `${API}/recordings/${encodeURIComponent(recordingId)}/download`, undefined,
      { Accept: "application/json" });
    window.open(answer.url, "_blank", "noopener");
  }

  // ---- 5. watch ------------------------------------------------------------------------------

  async function refresh() {
    if (!state.session) return;
    const provider = state.role === "provider";
    const [connections, events, analytics, recordings, queue, invites] = await Promise.all([
      api("GET", sessionPath("/connections")),
      api("GET", sessionPath("/events?size=100")),
      api("GET", sessionPath("/analytics")),
      api("GET", sessionPath("/recordings?size=100")),
      state.session.waitingRoom && provider ? api("GET", sessionPath("/waiting-room?size=100")) : null,
      provider ? api("GET", sessionPath("/invites?size=100")) : null,
    ]);
    if (invites) {
      $("invite-list").replaceChildren(...invites.items.map((i) => {
        const tr = row([i.guestUserId ? `${i.displayName} (${i.guestUserId})` : i.displayName, i.status,
          time(i.expiresAt),
          i.status === "open" || (i.status === "redeemed" && !i.revokedAt)
            ? button("Revoke", () => action(() => revokeInvite(i.inviteId)), "small") : ""]);
        tr.dataset.invite = i.inviteId;
        return tr;
      }));
    }
    if (queue) {
      $("waiting-room").replaceChildren(...queue.items.map((w) => {
        const tr = row([`${w.displayName} (${w.userId})`, w.role, w.status,
          w.waitedSeconds == null ? "" : `${w.waitedSeconds} s`,
          w.status === "admitted" ? button("Send back", () => action(() => decide(w.userId, "send-back")), "small") : "",
        ]);
        tr.dataset.user = w.userId;
        if (w.status !== "admitted") {
          tr.lastChild.append(button("Admit", () => action(() => decide(w.userId, "admit")), "small"),
            button("Decline", () => action(() => decide(w.userId, "decline")), "small"));
        }
        return tr;
      }));
    }
    $("connections").replaceChildren(...connections.map((c) => row([
      `${c.displayName || ""} (${c.userId})`, c.role, time(c.connectedAt),
      c.streams.map((s) => s.videoType).join(", "),
      provider ? button("Disconnect", () => action(() => disconnect(c.connectionId)), "small") : "",
    ])));
    $("timeline").replaceChildren(...events.items.map((e) => {
      const item = li(`${time(e.occurredAt)}  ${e.type}${e.actorId ? ` by ${e.actorId}` : ""}`);
      item.dataset.type = e.type;
      return item;
    }));
    $("recordings").replaceChildren(...recordings.items.map((r) => row([
      r.recordingId, r.status, r.durationSeconds,
      r.status === "available" ? button("Download", () => action(() => download(r.recordingId)), "small") : "",
    ])));
    const facts = [
      ["Participants", analytics.uniqueParticipants], ["Connections", analytics.totalConnections],
      ["Live now", analytics.activeConnections], ["Peak", analytics.peakConcurrentConnections],
      ["Connected minutes", analytics.connectedMinutes], ["Screen shares", analytics.screenShares],
      ["Tokens issued", analytics.tokensIssued], ["Recordings", analytics.recordings.count],
      ["Broadcasts", analytics.broadcasts.count], ["Quality samples", analytics.quality.samples],
    ];
    $("analytics").replaceChildren(...facts.flatMap(([name, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value == null ? "" : String(value);
      return [dt, dd];
    }));
  }

  /** Refreshes once for a burst of events, and once more if events came while it ran. */
  function refreshSoon() {
    if (state.refreshing) {
      state.refreshing.again = true;
      return;
    }
    state.refreshing = { again: false };
    setTimeout(async () => {
      await refresh().catch(() => {});
      const again = state.refreshing.again;
      state.refreshing = null;
      if (again) refreshSoon();
    }, 50);
  }

  /**
   * The session's live feed (Server-Sent Events), read with fetch: EventSource cannot send the Authorization
   * header. Each event updates the page; a dropped connection resumes with Last-Event-ID; the feed ends with
   * the session.
   */
  function follow() {
    if (state.feed) state.feed.abort();
    const controller = new AbortController();
    state.feed = controller;
    state.lastEventId = null;
    refresh().catch(showProblem);
    const sessionId = state.session.sessionId;
    const read = async () => {
      const headers = { Authorization: `Bearer ${state.jwt}`, Accept: "text/event-stream" };
      if (state.lastEventId) headers["Last-Event-ID"] = state.lastEventId;
      const response = await fetch(sessionPath("/live"), { headers, signal: controller.signal });
      if (!response.ok) {
        const type = response.headers.get("Content-Type") || "";
        throw new Problem(response.status, type.includes("json") ? await response.json().catch(() => null) : null);
      }
      $("feed-status").textContent = "(live)";
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          onFeedMessage(message);
        }
      }
    };
    const loop = async () => {
      while (!controller.signal.aborted && state.session && state.session.sessionId === sessionId) {
        try {
          await read();
          if (state.session && state.session.status === "ended") break; // the feed closes after session_ended
        } catch (e) {
          if (controller.signal.aborted) return;
          if (e instanceof Problem && e.status >= 400 && e.status < 500 && e.status !== 429) {
            showProblem(e);
            break;
          }
        }
        $("feed-status").textContent = "(reconnecting)";
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
      if (!controller.signal.aborted) $("feed-status").textContent = "(ended)";
    };
    loop();
  }

  function onFeedMessage(text) {
    let id = null;
    let type = null;
    let data = "";
    for (const line of text.split("\n")) {
      if (line.startsWith("id:")) id = line.slice(3).trim();
      else if (line.startsWith("event:")) type = line.slice(6).trim();
      else if (line.startsWith("data:")) data += line.slice(5).trim();
    }
    if (!type) return; // a keep-alive comment
    if (id) state.lastEventId = id;
    const event = data ? JSON.parse(data) : {};
    const me = state.user && event.details && event.details.userId === state.user.userId;
    if (me && type === "participant_admitted") showAdmission("admitted");
    if (me && type === "participant_declined") showAdmission("declined");
    if (me && type === "participant_sent_back") {
      showAdmission("sent_back");
      leave();
    }
    if (type === "session_ended") state.session.status = "ended";
    if (type === "participant_added" || type === "participant_removed") refreshParticipants();
    refreshSoon();
  }

  // ---- wiring --------------------------------------------------------------------------------

  function onSubmit(id, fn) {
    $(id).addEventListener("submit", (event) => {
      event.preventDefault();
      action(() => fn(event.target));
    });
  }

  function onClick(id, fn) {
    $(id).addEventListener("click", () => action(fn));
  }

  function start() {
    $("problem-close").addEventListener("click", () => { $("problem").hidden = true; });
    onSubmit("dev-signin", devSignIn);
    onSubmit("paste-signin", (form) => signIn(form.jwt.value));
    onSubmit("create-session", createSession);
    onSubmit("open-session", (form) => openSession(form.sessionId.value));
    onSubmit("add-participant", addParticipant);
    onSubmit("create-invite", createInvite);
    onSubmit("redeem-invite", redeemInvite);
    onClick("copy-invite", copyInvite);
    onClick("save-consent", saveConsent);
    onClick("check-in", checkIn);
    onClick("get-token", getToken);
    onClick("join", join);
    onClick("leave", leave);
    onClick("start-recording", startRecording);
    onClick("stop-recording", stopRecording);
    onClick("start-broadcast", startBroadcast);
    onClick("stop-broadcast", stopBroadcast);
    onClick("mute-all", muteAll);
    onClick("end-session", endSession);
    document.querySelector("#create-session [name=consultationId]").value = `c-${Date.now().toString(36)}`;
    detectDevMode();
    detectInvite();
    loadOpenTok();
  }

  document.addEventListener("DOMContentLoaded", start);

  // what a developer (or a test) may call from the console
  return {
    state, action, openTokLoaded, openTokFailed,
    startRecording: () => action(startRecording),
    stopRecording: () => action(stopRecording),
    startBroadcast: () => action(startBroadcast),
    muteAll: () => action(muteAll),
    endSession: () => action(endSession),
    refresh: () => action(refresh),
  };
})();
