// The integration page, driven in Debian's headless Chromium against the service in dev mode
// (e2e/run.sh starts it). OpenTok.js is replaced by a small fake, so no CDN is needed: the test
// checks how the page initialises it, not Vonage's media.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://localhost:8095";
const SCREENSHOTS = process.env.SCREENSHOTS ?? "../target/e2e";
const OPENTOK_JS = "https://static.opentok.com/v2/js/opentok.min.js";
const run = Date.now().toString(36);

// records every call the page makes, so the test can check the initialisation order and arguments
const FAKE_OPENTOK = `
window.fakeOT = { calls: [] };
window.OT = {
  initSession(apiKey, sessionId) {
    fakeOT.calls.push({ call: "initSession", apiKey, sessionId });
    const handlers = {};
    return {
      on(name, handler) { handlers[name] = handler; },
      connect(token, done) {
        fakeOT.calls.push({ call: "connect", tokenIsT1: typeof token === "string" && token.startsWith("T1==") });
        setTimeout(() => {
          done();
          handlers.streamCreated?.({ stream: { streamId: "remote-stream" } });
        }, 10);
      },
      publish() { fakeOT.calls.push({ call: "publish" }); },
      subscribe(stream, element, options, done) {
        fakeOT.calls.push({ call: "subscribe", streamId: stream.streamId });
        const video = document.createElement("div");
        video.className = "fake-video";
        video.textContent = "the other participant";
        element.append(video);
        done?.();
      },
      disconnect() { handlers.sessionDisconnected?.({}); },
    };
  },
  initPublisher(element) {
    fakeOT.calls.push({ call: "initPublisher" });
    const video = document.createElement("div");
    video.className = "fake-video";
    video.textContent = "your camera";
    element.append(video);
    return {};
  },
};`;

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
});

after(async () => {
  await browser?.close();
});

async function openPage({ openTok }) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
  const page = await context.newPage();
  await page.route(OPENTOK_JS, (route) => (openTok
    ? route.fulfill({ status: 200, contentType: "application/javascript", body: FAKE_OPENTOK })
    : route.abort("internetdisconnected")));
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${BASE}/video-call.html`);
  await page.locator("#dev-signin").waitFor({ state: "visible" });
  return { page, errors };
}

async function signIn(page, userId, role, name) {
  const form = page.locator("#dev-signin");
  await form.locator("[name=userId]").fill(userId);
  await form.locator("[name=name]").fill(name);
  await form.locator("[name=role]").selectOption(role);
  await form.locator("button[type=submit]").click();
  await page.locator("#whoami").filter({ hasText: `Signed in as ${userId}` }).waitFor();
}

async function devJwt(userId, groups) {
  const response = await fetch(`${BASE}/_dev/jwt?sub=${userId}&groups=${groups}`);
  assert.equal(response.status, 200);
  return response.text();
}

async function timelineHas(page, type) {
  await page.locator(`#timeline li[data-type="${type}"]`).first().waitFor({ timeout: 10000 });
}

test("a provider sets up a consultation, joins it, and records it with the patient's consent", async () => {
  const { page, errors } = await openPage({ openTok: true });
  const provider = `dr-e2e-${run}`;
  const patient = `pat-e2e-${run}`;
  await signIn(page, provider, "provider", "Dr Browser");

  // create the session, then add the patient
  await page.locator("#create-session [name=name]").fill("Browser consultation");
  await page.locator("#create-session button[type=submit]").click();
  await page.locator("#session-role").filter({ hasText: "provider" }).waitFor();
  const sessionId = await page.locator("#session-id").textContent();
  assert.match(sessionId, /^[12]_/);
  const add = page.locator("#add-participant");
  await add.locator("[name=userId]").fill(patient);
  await add.locator("[name=role]").selectOption("patient");
  await add.locator("[name=displayName]").fill("Pat Browser");
  await add.locator("button[type=submit]").click();
  await page.locator("#participants td", { hasText: patient }).waitFor();

  // a recording needs the patient's consent: the server's problem is shown as it came
  await page.locator("#start-recording").click();
  await page.locator("#problem").waitFor({ state: "visible" });
  assert.equal(await page.locator("#problem-title").textContent(), "Consent required");
  assert.ok((await page.locator("#problem-detail").textContent()).length > 0);

  // the patient consents on the same page, then the provider signs back in
  await signIn(page, patient, "patient", "Pat Browser");
  await page.locator("#session-role").filter({ hasText: "patient" }).waitFor();
  await page.locator("#consent").check();
  await page.locator("#save-consent").click();
  await page.locator("#notice").filter({ hasText: "given" }).waitFor();
  await signIn(page, provider, "provider", "Dr Browser");
  await page.locator("#session-role").filter({ hasText: "provider" }).waitFor();

  // a token, and OpenTok.js initialised with it: initSession(apiKey, sessionId), then connect(token)
  await page.locator("#get-token").click();
  await page.locator("#token-info").filter({ hasText: "moderator" }).waitFor();
  assert.ok(!(await page.locator("#token-info").textContent()).includes("T1=="), "the token is never shown");
  await page.locator("#join:not([disabled])").click();
  await page.locator("#publisher .fake-video").waitFor();
  await page.locator("#subscribers .fake-video").waitFor();
  const calls = await page.evaluate(() => window.fakeOT.calls);
  assert.equal(calls[0].call, "initSession");
  assert.equal(calls[0].sessionId, sessionId);
  assert.match(calls[0].apiKey, /^\d+$/);
  assert.deepEqual(calls[1], { call: "connect", tokenIsT1: true });
  assert.ok(calls.some((c) => c.call === "publish"));

  // record, and stop
  await page.locator("#start-recording").click();
  await page.locator("#notice").filter({ hasText: "started" }).waitFor();
  await page.locator("#recordings td", { hasText: "started" }).waitFor();
  await page.locator("#stop-recording").click();
  await page.locator("#notice").filter({ hasText: "stopped" }).waitFor();

  // the timeline shows what happened
  for (const type of ["session_created", "participant_added", "consent_changed", "token_issued",
    "recording_started", "recording_stopped"]) {
    await timelineHas(page, type);
  }
  await page.locator("#analytics dd").first().waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/provider-flow.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("a patient sees no provider controls, the server refuses them, and the page works without OpenTok.js", async () => {
  const provider = `dr-e2e2-${run}`;
  const patient = `pat-e2e2-${run}`;
  const created = await fetch(`${BASE}/api/videocall/sessions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await devJwt(provider, "provider")}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Patient view", consultationId: `c-e2e-${run}`,
      participants: [{ userId: patient, role: "patient", displayName: "Pat" }] }),
  });
  assert.equal(created.status, 201);
  const { sessionId } = await created.json();
  const plan = await fetch(`${BASE}/api/videocall/entitlements/${patient}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${await devJwt("plans-backend", "service")}`, "Content-Type": "application/json" },
    body: JSON.stringify({ plan: "premium" }),
  });
  assert.equal(plan.status, 200);

  const { page, errors } = await openPage({ openTok: false });
  await signIn(page, patient, "patient", "Pat");
  await page.locator("#open-session [name=sessionId]").fill(sessionId);
  await page.locator("#open-session button[type=submit]").click();
  await page.locator("#session-role").filter({ hasText: "patient" }).waitFor();

  // OpenTok.js could not load: the page says so, and cannot join, but everything else works
  await page.locator("#ot-status.warning").waitFor();
  assert.match(await page.locator("#ot-status").textContent(), /could not be loaded/);
  assert.ok(await page.locator("#join").isDisabled());

  // no provider controls for a patient
  for (const selector of ["#controls", "#add-participant"]) {
    assert.equal(await page.locator(selector).isVisible(), false, `${selector} is hidden`);
  }
  // and the server refuses them when asked anyway, with its problem shown to the user
  await page.evaluate(() => videoCall.startRecording());
  await page.locator("#problem").waitFor({ state: "visible" });
  assert.equal(await page.locator("#problem-title").textContent(), "Forbidden");
  await page.evaluate(() => videoCall.endSession());
  await page.locator("#problem-title").filter({ hasText: "Forbidden" }).waitFor();
  const status = await page.evaluate(async (id) => {
    const jwt = videoCall.state.jwt;
    const response = await fetch(`/api/videocall/sessions/${encodeURIComponent(id)}/mute`, {
      method: "POST", headers: { Authorization: `Bearer ${jwt}`, "Content-Type": "application/json" }, body: "{}",
    });
    return { status: response.status, type: response.headers.get("Content-Type") };
  }, sessionId);
  assert.equal(status.status, 403);
  assert.match(status.type, /application\/problem\+json/);

  // the patient can still take part: a token, and the timeline
  await page.locator("#get-token").click();
  await page.locator("#token-info").filter({ hasText: "publisher" }).waitFor();
  await timelineHas(page, "token_issued");
  await page.screenshot({ path: `${SCREENSHOTS}/patient-view.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("a patient checks in and waits, the provider admits them, and the patient joins without a reload", async () => {
  const provider = `dr-e2e3-${run}`;
  const patient = `pat-e2e3-${run}`;
  const plan = await fetch(`${BASE}/api/videocall/entitlements/${patient}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${await devJwt("plans-backend", "service")}`, "Content-Type": "application/json" },
    body: JSON.stringify({ plan: "premium" }),
  });
  assert.equal(plan.status, 200);

  // the provider sets up a consultation with a waiting room, in one browser
  const clinic = await openPage({ openTok: true });
  await signIn(clinic.page, provider, "provider", "Dr Waiting");
  const create = clinic.page.locator("#create-session");
  await create.locator("[name=name]").fill("Waiting room visit");
  await create.locator("[name=patientId]").fill(patient);
  await create.locator("[name=patientName]").fill("Pat Waiting");
  await create.locator("[name=waitingRoom]").check();
  await create.locator("button[type=submit]").click();
  await clinic.page.locator("#session-role").filter({ hasText: "provider" }).waitFor();
  const sessionId = await clinic.page.locator("#session-id").textContent();

  // the patient, in another browser, checks in and waits
  const home = await openPage({ openTok: true });
  await signIn(home.page, patient, "patient", "Pat Waiting");
  await home.page.locator("#open-session [name=sessionId]").fill(sessionId);
  await home.page.locator("#open-session button[type=submit]").click();
  await home.page.locator("#session-role").filter({ hasText: "patient" }).waitFor();
  await home.page.locator("#consent").check();
  await home.page.locator("#save-consent").click();
  await home.page.locator("#notice").filter({ hasText: "given" }).waitFor();
  await home.page.locator("#check-in").click();
  await home.page.locator("#waiting-status").filter({ hasText: "Waiting for the clinician" }).waitFor();
  assert.ok(await home.page.locator("#join").isDisabled(), "a waiting patient cannot join");

  // the provider sees them in the queue, with how long they waited, and admits them
  const entry = clinic.page.locator(`#waiting-room tr[data-user="${patient}"]`);
  await entry.filter({ hasText: "waiting" }).waitFor({ timeout: 10000 });
  await clinic.page.screenshot({ path: `${SCREENSHOTS}/waiting-room-provider.png`, fullPage: true });
  await entry.locator("button", { hasText: "Admit" }).click();
  await entry.filter({ hasText: "admitted" }).waitFor();

  // the patient's page learns it from the live feed: no reload, and it joins the call
  await home.page.locator("#waiting-status[data-status=admitted]").waitFor({ timeout: 5000 });
  await home.page.locator("#publisher .fake-video").waitFor({ timeout: 5000 });
  const calls = await home.page.evaluate(() => window.fakeOT.calls.map((c) => c.call));
  assert.deepEqual(calls.slice(0, 2), ["initSession", "connect"]);

  // a recording the provider starts is on the patient's timeline within 2 s, from the live feed
  await clinic.page.locator("#start-recording").click();
  await clinic.page.locator("#notice").filter({ hasText: "started" }).waitFor();
  const started = Date.now();
  await home.page.locator('#timeline li[data-type="recording_started"]').first().waitFor({ timeout: 2000 });
  assert.ok(Date.now() - started < 2000);
  await home.page.screenshot({ path: `${SCREENSHOTS}/waiting-room-patient.png`, fullPage: true });
  assert.deepEqual(clinic.errors, []);
  assert.deepEqual(home.errors, []);
});

test("a provider invites a guest without an account, who opens the link, gives a name and joins", async () => {
  const provider = `dr-e2e4-${run}`;
  const clinic = await openPage({ openTok: true });
  await signIn(clinic.page, provider, "provider", "Dr Invite");
  const create = clinic.page.locator("#create-session");
  await create.locator("[name=name]").fill("Visit with an interpreter");
  await create.locator("button[type=submit]").click();
  await clinic.page.locator("#session-role").filter({ hasText: "provider" }).waitFor();

  // the provider invites an interpreter and copies the link
  const invite = clinic.page.locator("#create-invite");
  await invite.locator("[name=displayName]").fill("Interpreter (Spanish)");
  await invite.locator("button[type=submit]").click();
  await clinic.page.locator("#invite-link").waitFor({ state: "visible" });
  const link = await clinic.page.locator("#invite-url").inputValue();
  assert.match(link, /#invite=[0-9a-f]{32}\.[A-Za-z0-9_-]{32}$/);
  await clinic.page.locator("#copy-invite").click();
  await clinic.page.locator("#notice").filter({ hasText: "link" }).waitFor();
  await clinic.page.locator("#invite-list tr").filter({ hasText: "open" }).waitFor();

  // a third browser, with no account: the link, a name, and the visit
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
  const guestPage = await context.newPage();
  await guestPage.route(OPENTOK_JS, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: FAKE_OPENTOK }));
  const guestErrors = [];
  guestPage.on("pageerror", (error) => guestErrors.push(error.message));
  await guestPage.goto(link);
  await guestPage.locator("#guest").waitFor({ state: "visible" });
  assert.ok(!guestPage.url().includes("invite="), "the code leaves the address bar");
  await guestPage.locator("#redeem-invite [name=displayName]").fill("Maria");
  await guestPage.locator("#redeem-invite button[type=submit]").click();
  await guestPage.locator("#guest-status").filter({ hasText: "Maria (guest)" }).waitFor();
  await guestPage.locator("#publisher .fake-video").waitFor({ timeout: 5000 });
  const calls = await guestPage.evaluate(() => window.fakeOT.calls.map((c) => c.call));
  assert.deepEqual(calls.slice(0, 2), ["initSession", "connect"]);
  await guestPage.screenshot({ path: `${SCREENSHOTS}/guest-joined.png`, fullPage: true });

  // the provider sees the guest among the participants, from the live feed, and the invite used
  await clinic.page.locator("#participants tr").filter({ hasText: "guest" }).waitFor({ timeout: 5000 });
  await clinic.page.locator("#invite-list tr").filter({ hasText: "redeemed" }).waitFor({ timeout: 5000 });
  await timelineHas(clinic.page, "invite_redeemed");

  // the link works once
  const again = await fetch(`${BASE}/api/videocall/invites/redeem`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: decodeURIComponent(link.split("#invite=")[1]), displayName: "Someone else" }),
  });
  assert.equal(again.status, 410);
  await clinic.page.screenshot({ path: `${SCREENSHOTS}/guest-provider.png`, fullPage: true });
  assert.deepEqual(clinic.errors, []);
  assert.deepEqual(guestErrors, []);
});
