#!/usr/bin/python3
"""Gives the demo forum its first delegates (config/demo-seed.json).

Run by scripts/demo.sh once the server listens: each delegate gets a token
(`veche token` as the forum's portal would mint it, or POST /api/v1/join as a
self-declared participant), subscribes to the session over the WebSocket and
asks its question; a moderator approves the ones marked so. Nothing happens
when the session already has questions (the demo's data/ is kept across runs)
or when the forum has no such session (another --config).

    scripts/demo_seed.py BASE_URL VECHE_BINARY CONFIG SEED_FILE

CONFIG is the config the server runs ("" for the built-in demo forum).
"""
import asyncio
import json
import subprocess
import sys
import urllib.error
import urllib.request

import websockets  # Debian: python3-websockets


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


async def seed(base, veche, config, seed_file):
    with open(seed_file, encoding="utf-8") as f:
        plan = json.load(f)
    session = plan["session"]
    ws_url = base.replace("http", "ws", 1) + "/ws"
    if session not in [s["id"] for s in http_json(base + "/api/v1/event")["sessions"]]:
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


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    try:
        asyncio.run(seed(*sys.argv[1:]))
    except (OSError, RuntimeError, subprocess.CalledProcessError, urllib.error.URLError, asyncio.TimeoutError,
            websockets.WebSocketException) as e:
        # The demo runs without them: say so and go on.
        print(f"demo: could not add the demo delegates: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
