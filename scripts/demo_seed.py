#!/usr/bin/python3
"""Gives the demo forum its first delegates and a replay (config/demo-seed.json).

Run by scripts/demo.sh once the server listens, in the background:

* Delegates: each gets a token (`veche token` as the forum's portal would
  mint it, or POST /api/v1/join as a self-declared participant), subscribes
  to the session over the WebSocket and asks its question; a moderator
  approves the ones marked so. Nothing happens when the session already has
  questions (the demo's data/ is kept across runs).
* Rehearsal: the session of "rehearsal" runs for "seconds" (about 40) in
  front of the hall's camera, so that its replay is there at once: a
  moderator takes it live and opens Q&A, a captioner sends the transcript
  lines, delegates ask and vote, the moderator approves and highlights, a
  poll is opened, answered and closed, and the session ends. Only when the
  session has never been live: a restarted demo keeps its first replay. A
  rehearsal cut short (the demo stopped during it) is ended at the next
  start, so that its replay has an end too.
  VECHE_REHEARSAL_SECONDS overrides "seconds" (the tests run a short one).

Either part is left out when the forum has no such session (another --config).

    scripts/demo_seed.py BASE_URL VECHE_BINARY CONFIG SEED_FILE

CONFIG is the config the server runs ("" for the built-in demo forum).
"""
import asyncio
import csv
import functools
import io
import itertools
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import websockets  # Debian: python3-websockets

REQUEST_IDS = (f"demo-{n}" for n in itertools.count())


def http_json(url, body=None, token=None):
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=10) as r:
        return json.load(r)


def mint(veche, config, role, session, name="", org="", region=""):
    args = [veche, "token"] + (["--config", config] if config else []) + ["--role", role, "--session", session]
    for option, value in (("--name", name), ("--org", org), ("--region", region)):
        if value:
            args += [option, value]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


def find_session(base, session):
    """The session object, or None when the forum has no such session."""
    try:
        return http_json(f"{base}/api/v1/sessions/{session}")
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return None
        raise


async def request(ws, message):
    """Sends a request and returns its answer (an ack or an error), skipping events."""
    await ws.send(json.dumps(message))
    while True:
        reply = json.loads(await asyncio.wait_for(ws.recv(), 10))
        items = reply["items"] if reply.get("type") == "batch" else [reply]
        for item in items:
            if item.get("rid") == message["rid"]:
                return item


async def take_part(ws_url, token, session, ask=None, anonymous=False):
    """Says hello, subscribes and asks; returns the question's id (or None)."""
    async with websockets.connect(ws_url) as ws:
        await ws.send(json.dumps({"type": "hello", "token": token}))
        subscribed = await request(ws, {"type": "subscribe", "session": session, "rid": "s"})
        if subscribed.get("type") != "subscribed":
            raise RuntimeError("subscribe refused: " + json.dumps(subscribed))
        if not ask:
            return None
        ack = await request(ws, {"type": "ask", "session": session, "text": ask, "anonymous": anonymous, "rid": "a"})
        if ack.get("type") != "ack":
            raise RuntimeError("ask refused: " + json.dumps(ack))
        return ack["id"]


async def seed_delegates(base, veche, config, plan):
    session = plan["session"]
    ws_url = base.replace("http", "ws", 1) + "/ws"
    if not find_session(base, session):
        print(f"demo: no session {session} in this forum: no demo delegates")
        return
    moderator = mint(veche, config, "moderator", session)
    questions = http_json(f"{base}/api/v1/sessions/{session}/questions", token=moderator)["questions"]
    if questions:
        print(f"demo: {session} already has questions: no new demo delegates")
        return
    to_approve = []
    for d in plan["delegates"]:
        if d["via"] == "portal":
            token = mint(veche, config, "participant", session, d["name"], d["org"], d["region"])
        else:
            body = {k: d[k] for k in ("name", "org", "region") if d.get(k)}
            token = http_json(base + "/api/v1/join", body)["token"]
        question = await take_part(ws_url, token, session, d.get("ask"), d.get("anonymous", False))
        if question and d.get("approve"):
            to_approve.append(question)
    async with websockets.connect(ws_url) as ws:
        await ws.send(json.dumps({"type": "hello", "token": moderator}))
        for i, question in enumerate(to_approve):
            await request(ws, {"type": "moderate", "question": question, "action": "approve", "rid": f"m{i}"})
    print(f"demo: {len(plan['delegates'])} delegates from several regions joined {session}; "
          "open the moderator or speaker page to see the region panel")


class Attendee:
    """One person in the rehearsed session: a WebSocket that said hello and subscribed."""

    def __init__(self, ws, session):
        self.ws = ws
        self.session = session
        self.questions = []  # ids of the questions this person asked

    @classmethod
    async def join(cls, ws_url, token, session):
        # The events pile up unread between requests: no queue limit, so the pings keep being answered.
        ws = await websockets.connect(ws_url, max_queue=None)
        await ws.send(json.dumps({"type": "hello", "token": token}))
        attendee = cls(ws, session)
        await attendee.send(type="subscribe", session=session, expect="subscribed")
        return attendee

    async def send(self, expect="ack", **message):
        answer = await request(self.ws, dict(message, rid=next(REQUEST_IDS)))
        if answer.get("type") != expect:
            raise RuntimeError(f"{message['type']} refused: {json.dumps(answer, ensure_ascii=False)}")
        return answer

    async def control(self, action):
        await self.send(type="session_control", session=self.session, action=action)


async def say(captioner, speaker, pace, n, text):
    """A final line, said over the moment before it (so that its caption shows that long in the replay)."""
    now_ms = int(time.time() * 1000)
    await captioner.send(type="transcript", session=captioner.session, id=f"rehearsal-{n}", text=text, final=True,
                         start_ms=now_ms - int(pace * 1000), end_ms=now_ms, speaker=speaker, lang="ru")


async def ask(delegate, text):
    delegate.questions.append((await delegate.send(type="ask", session=delegate.session, text=text))["id"])


def marked(delegates, cast, key):
    """The questions of the delegates whose part in the seed file has KEY set."""
    return [q for attendee, part in zip(delegates, cast) if part.get(key) for q in attendee.questions]


async def moderate_marked(moderator, delegates, cast, key, action):
    for question in marked(delegates, cast, key):
        await moderator.send(type="moderate", question=question, action=action)


async def support(delegates, cast):
    """Each question gets the votes of the first "votes" delegates other than its author."""
    for author, part in zip(delegates, cast):
        voters = [v for v in delegates if v is not author][:part.get("votes", 0)]
        for voter, question in itertools.product(voters, author.questions):
            await voter.send(type="vote", question=question, on=True)


async def open_poll(moderator, poll):
    created = await moderator.send(type="poll_create", session=moderator.session, question=poll["question"],
                                   options=poll["options"])
    poll["id"] = created["id"]
    await moderator.send(type="poll_control", poll=poll["id"], action="open")


async def close_poll(moderator, poll):
    await moderator.send(type="poll_control", poll=poll["id"], action="close")


async def cast_ballots(delegates, poll):
    for voter, choice in zip(delegates, poll["ballots"]):
        await voter.send(type="poll_vote", poll=poll["id"], choices=[choice])


def rehearsal_steps(plan, seconds, moderator, captioner, delegates):
    """The rehearsal as moments (coroutine functions) played an even pace apart: (pace in seconds, moments)."""
    step = functools.partial
    cast, poll, lines = plan["delegates"], dict(plan["poll"]), plan["lines"]
    opening = [step(moderator.control, "live"), step(moderator.control, "qa_open")]
    asks = [step(ask, attendee, part["ask"]) for attendee, part in zip(delegates, cast) if part.get("ask")]
    middle = [step(moderate_marked, moderator, delegates, cast, "approve", "approve"),
              step(support, delegates, cast),
              step(moderate_marked, moderator, delegates, cast, "highlight", "highlight"),
              step(open_poll, moderator, poll),
              step(cast_ballots, delegates, poll)]
    closing = [step(close_poll, moderator, poll), step(moderator.control, "end")]
    pace = seconds / (len(opening) + len(lines) + len(asks) + len(middle) + len(closing) - 1)
    spoken = [step(say, captioner, plan["speaker"], pace, n, text) for n, text in enumerate(lines)]
    half = len(spoken) // 2
    return pace, opening + spoken[:half] + asks + middle + spoken[half:] + closing


def cut_short(base, token, session, moderator_name):
    """Whether the session is live because a rehearsal stopped half-way: the last to take it live was the rehearsal."""
    request = urllib.request.Request(f"{base}/api/v1/sessions/{session}/audit.csv",
                                     headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=10) as r:
        rows = list(csv.DictReader(io.TextIOWrapper(r, encoding="utf-8-sig", newline="")))
    went_live = [row["actor_name"] for row in rows if row["action"] == "session_control.live"]
    return bool(went_live) and went_live[-1] == moderator_name


def wait_for_picture(base, hall, seconds=30):
    """Whether the hall shows its source (so the replay starts with a picture), waiting for it a while."""
    deadline = time.monotonic() + seconds
    while True:
        halls = {h["id"]: h for h in http_json(base + "/api/v1/event")["halls"]}
        if halls[hall]["stream"]["status"] == "live":
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


async def rehearse(base, veche, config, plan):
    session = plan["session"]
    ws_url = base.replace("http", "ws", 1) + "/ws"
    found = find_session(base, session)
    if not found:
        print(f"demo: no session {session} in this forum: no rehearsal")
        return
    replay = f"{base}/vod/{session}/index.m3u8"
    moderator_token = mint(veche, config, "moderator", session, plan["moderator"])
    if found["state"] == "live" and cut_short(base, moderator_token, session, plan["moderator"]):
        moderator = await Attendee.join(ws_url, moderator_token, session)
        await moderator.control("end")
        await moderator.ws.close()
        print(f"demo: the rehearsal of {session} was cut short; now ended, its replay is at {replay}")
        return
    if found["state"] != "scheduled":
        print(f"demo: {session} has been live already: its replay is at {replay}")
        return
    if not wait_for_picture(base, found["hall"]):
        print(f"demo: hall {found['hall']} shows no picture: no rehearsal of {session}")
        return
    seconds = float(os.environ.get("VECHE_REHEARSAL_SECONDS", plan["seconds"]))
    moderator = await Attendee.join(ws_url, moderator_token, session)
    captioner = await Attendee.join(ws_url, mint(veche, config, "captioner", session), session)
    delegates = [await Attendee.join(ws_url, mint(veche, config, "participant", session, d["name"], d["org"],
                                                  d["region"]), session) for d in plan["delegates"]]
    pace, moments = rehearsal_steps(plan, seconds, moderator, captioner, delegates)
    print(f"demo: rehearsing {session} for {seconds:g} s")
    try:
        for n, moment in enumerate(moments):
            if n:
                await asyncio.sleep(pace)
            await moment()
    finally:
        # After a failure too: the session does not stay live, so its replay has an end.
        if find_session(base, session)["state"] == "live":
            await moderator.control("end")
        for attendee in [moderator, captioner] + delegates:
            await attendee.ws.close()
    print(f"demo: {session} was rehearsed: its replay plays on its page and at {replay}")


async def seed(base, veche, config, seed_file):
    """Runs both parts; returns whether both went through."""
    with open(seed_file, encoding="utf-8") as f:
        plan = json.load(f)
    ok = True
    for part, what in ((functools.partial(seed_delegates, base, veche, config, plan), "the demo delegates"),
                       (functools.partial(rehearse, base, veche, config, plan["rehearsal"]), "the rehearsal")):
        try:
            await part()
        except (OSError, RuntimeError, subprocess.CalledProcessError, urllib.error.URLError, asyncio.TimeoutError,
                websockets.WebSocketException) as e:
            # The demo runs without it: say so and go on.
            print(f"demo: could not add {what}: {e}", file=sys.stderr)
            ok = False
    return ok


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(0 if asyncio.run(seed(*sys.argv[1:])) else 1)


if __name__ == "__main__":
    main()
