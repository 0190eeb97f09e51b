// timeline.json (contract 7.5): a session's stored events as a participant
// received them live, read back over HTTP from the real server, after a
// kill -9 too.
#include "forum_fixture.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <csignal>
#include <ctime>
#include <set>

using namespace veche::test;
using nlohmann::json;

namespace {

http_reply timeline(forum_fixture& forum, const std::string& session) {
    return http_get(forum.port(), "/api/v1/sessions/" + session + "/timeline.json");
}

// The stored events a client received, as timeline items ({"seq","at_ms","kind","data"}), in order: lines
// being typed are not stored.
std::vector<json> stored_events(const ws_client& c, const std::set<std::string>& kinds) {
    std::vector<json> out;
    for (const auto& m : c.seen())
        if (m["type"] == "event" && kinds.count(m["kind"]) && !(m["kind"] == "transcript" && !m["data"]["final"]))
            out.push_back({{"seq", m["seq"]}, {"at_ms", m["at_ms"]}, {"kind", m["kind"]}, {"data", m["data"]}});
    return out;
}

std::vector<json> of_kinds(const json& items, const std::set<std::string>& kinds) {
    std::vector<json> out;
    for (const auto& item : items)
        if (kinds.count(item["kind"])) out.push_back(item);
    return out;
}

// The vote totals a client ends with, from `votes` items or events.
std::map<std::string, int> totals(const std::vector<json>& items) {
    std::map<std::string, int> out;
    for (const auto& item : items)
        if (item["kind"] == "votes")
            for (const auto& [id, n] : item["data"]["counts"].items()) out[id] = n;
    return out;
}

}  // namespace

TEST_CASE("timeline.json holds what a participant received live, in seq order, and survives kill -9") {
    forum_fixture forum;
    const auto anna = forum.join("Анна Смирнова");
    const auto boris = forum.join("Борис");
    const auto mod_token = forum.staff_token("moderator", pre_session);
    const auto captioner_token = forum.staff_token("captioner");

    CHECK(timeline(forum, "no-such-session").status == 404);
    CHECK(timeline(forum, "no-such-session").json()["error"] == "not_found");
    auto before = timeline(forum, pre_session);
    REQUIRE(before.status == 200);
    CHECK(before.json() == json{{"session", pre_session}, {"from_ms", nullptr}, {"to_ms", nullptr}, {"items", json::array()}});
    CHECK(before.header("cache-control") == "no-cache");

    // Boris watches from the start: he is the participant the timeline must match.
    auto watcher = forum.subscribed(boris["token"], pre_session);
    auto a = forum.subscribed(anna["token"], pre_session);
    auto mod = forum.subscribed(mod_token, pre_session);
    const auto control = [&](const std::string& action) {
        REQUIRE(mod->request({{"type", "session_control"}, {"session", pre_session}, {"action", action}})["type"] == "ack");
    };
    const auto moderate = [&](const std::string& id, const std::string& action) {
        REQUIRE(mod->request({{"type", "moderate"}, {"question", id}, {"action", action}})["type"] == "ack");
    };
    const auto ask = [&](const std::string& text, bool anonymous) -> std::string {
        return a->request({{"type", "ask"}, {"session", pre_session}, {"text", text}, {"anonymous", anonymous}})["id"];
    };
    control("live");
    const auto named = ask("Как удержать молодёжь в малых городах?", false);
    const auto anonymous = ask("Анонимный вопрос о грантах", true);
    const auto rejected = ask("Отклонённый вопрос", false);
    const auto pending = ask("Так и не одобренный вопрос", false);
    moderate(named, "approve");
    moderate(anonymous, "approve");
    moderate(rejected, "reject");
    CHECK(watcher->request({{"type", "vote"}, {"question", anonymous}, {"on", true}})["votes"] == 1);
    CHECK(a->request({{"type", "vote"}, {"question", anonymous}, {"on", true}})["votes"] == 2);
    CHECK(a->request({{"type", "vote"}, {"question", named}, {"on", true}})["votes"] == 1);
    moderate(named, "reject");  // approved, then rejected: the watcher got it whole, then the stub

    const std::string poll = mod->request({{"type", "poll_create"}, {"session", pre_session}, {"question", "Куда дальше?"},
                                           {"options", {"Казань", "Томск"}}})["id"];
    REQUIRE(mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "open"}})["type"] == "ack");
    REQUIRE(watcher->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {1}}})["type"] == "ack");
    REQUIRE(mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "close"}})["type"] == "ack");
    const auto posted = http_post(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/transcript",
                                  json{{"id", "line-1"}, {"text", "Добрый день, коллеги"}, {"final", true}}.dump(),
                                  {{"Authorization", "Bearer " + captioner_token}});
    REQUIRE(posted.status == 200);
    const auto typing = http_post(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/transcript",
                                  json{{"id", "typing"}, {"text", "Набирается"}, {"final", false}}.dump(),
                                  {{"Authorization", "Bearer " + captioner_token}});
    REQUIRE(typing.status == 200);
    REQUIRE(watcher->wait_for([](const json& m) { return is_event(m, "transcript") && m["data"]["id"] == "typing"; }));

    auto live = timeline(forum, pre_session);
    REQUIRE(live.status == 200);
    CHECK(live.header("cache-control") == "no-cache");
    CHECK(live.json()["from_ms"].is_number_integer());
    CHECK(live.json()["to_ms"].is_null());

    control("end");
    REQUIRE(watcher->wait_for([](const json& m) { return is_event(m, "session") && m["data"]["state"] == "ended"; }));
    const auto ended = timeline(forum, pre_session);
    REQUIRE(ended.status == 200);
    CHECK(ended.header("cache-control") == "public, max-age=300");
    CHECK(ended.header("content-type") == "application/json; charset=utf-8");
    const auto body = ended.json();
    CHECK(body["session"] == pre_session);
    const auto& items = body["items"];

    // In seq order; the session's first item is its going live, at from_ms, and its last the end, at to_ms.
    for (std::size_t i = 1; i < items.size(); ++i) CHECK(items[i]["seq"] > items[i - 1]["seq"]);
    REQUIRE(items.size() > 2);
    CHECK(items.front()["kind"] == "session");
    CHECK(items.front()["at_ms"] == body["from_ms"]);
    CHECK(items.back()["data"]["state"] == "ended");
    CHECK(items.back()["at_ms"] == body["to_ms"]);

    // Exactly what the watcher received, event by event (votes and poll counts are coalesced per commit in
    // the timeline and per tick live, so those compare by their outcome).
    const std::set<std::string> whole{"question", "session", "transcript"};
    CHECK(of_kinds(items, whole) == stored_events(*watcher, whole));
    for (const auto& event : stored_events(*watcher, {"poll"})) CHECK(std::count(items.begin(), items.end(), event) == 1);
    CHECK(totals(of_kinds(items, {"votes"})) == totals(stored_events(*watcher, {"votes"})));
    CHECK(totals(of_kinds(items, {"votes"})) == std::map<std::string, int>{{anonymous, 2}, {named, 1}});

    // What a participant never saw is not there; an anonymous author stays hidden.
    const auto text = ended.body;
    CHECK(text.find(rejected) == std::string::npos);
    CHECK(text.find(pending) == std::string::npos);
    CHECK(text.find("typing") == std::string::npos);
    std::vector<json> about_named;
    for (const auto& item : of_kinds(items, {"question"})) {
        if (item["data"]["id"] == anonymous) CHECK(item["data"]["author"].is_null());
        if (item["data"]["id"] == named) about_named.push_back(item["data"]);
    }
    REQUIRE(about_named.size() == 2);
    CHECK(about_named[0]["state"] == "approved");
    CHECK(about_named[1] == json{{"id", named}, {"session", pre_session}, {"state", "rejected"}});
    const auto polls = of_kinds(items, {"poll"});
    REQUIRE_FALSE(polls.empty());
    CHECK(polls.front()["data"]["state"] == "open");  // never as a draft
    CHECK(polls.front()["data"]["options"][0]["votes"].is_null());
    CHECK(polls.back()["data"]["options"][1]["votes"] == 1);

    // kill -9 and back: the log is on disk, the timeline the same.
    forum.restart_after(SIGKILL);
    const auto after = timeline(forum, pre_session);
    REQUIRE(after.status == 200);
    CHECK(after.json() == body);
}

TEST_CASE("transcript.vtt?clock=program: another clock is a bad request, a session without a replay 404") {
    forum_fixture forum;  // no hall has a source: nothing is recorded
    const auto path = std::string("/api/v1/sessions/") + pre_session + "/transcript.vtt";
    const auto mod = forum.subscribed(forum.staff_token("moderator", pre_session), pre_session);
    const auto captioner = forum.staff_token("captioner");
    REQUIRE(http_post(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/transcript",
                      json{{"id", "l1"}, {"text", "Добрый день"}, {"final", true}}.dump(),
                      {{"Authorization", "Bearer " + captioner}})
                .status == 200);

    for (const auto* clock : {"wall", "", "Program", "program&clock=wall"}) {
        const auto refused = http_get(forum.port(), path + "?clock=" + clock);
        CHECK(refused.status == 400);
        CHECK(refused.json()["error"] == "bad_request");
    }
    const auto never_live = http_get(forum.port(), path + "?clock=program");
    CHECK(never_live.status == 404);
    CHECK(never_live.json()["error"] == "not_found");
    REQUIRE(mod->request({{"type", "session_control"}, {"session", pre_session}, {"action", "live"}})["type"] == "ack");
    CHECK(http_get(forum.port(), path + "?clock=program").status == 404);  // live, but its hall records nothing
    // Without the option, as before: times from the first line.
    const auto plain = http_get(forum.port(), path);
    REQUIRE(plain.status == 200);
    CHECK(plain.body.find("00:00:00.000 --> ") != std::string::npos);
    CHECK(plain.body.find("Добрый день") != std::string::npos);
}

TEST_CASE("session_control replay_range: refused with a clear error until there is a recording to correct") {
    forum_fixture forum;  // no hall has a source: nothing is recorded
    auto mod = forum.subscribed(forum.staff_token("moderator", pre_session), pre_session);
    auto participant = forum.subscribed(forum.join()["token"], pre_session);
    const auto range = [&](ws_client& c, const json& from, const json& to) {
        return c.request({{"type", "session_control"}, {"session", pre_session}, {"action", "replay_range"},
                          {"from_ms", from}, {"to_ms", to}});
    };
    const auto now = static_cast<long long>(std::time(nullptr)) * 1000;
    CHECK(range(*participant, now - 60'000, now)["code"] == "forbidden");
    CHECK(range(*mod, now - 60'000, now)["code"] == "conflict");  // not ended
    CHECK(range(*mod, "10:04", now)["code"] == "bad_request");
    REQUIRE(mod->request({{"type", "session_control"}, {"session", pre_session}, {"action", "live"}})["type"] == "ack");
    REQUIRE(mod->request({{"type", "session_control"}, {"session", pre_session}, {"action", "end"}})["type"] == "ack");
    CHECK(range(*mod, now, now - 60'000)["code"] == "bad_request");
    const auto none = range(*mod, now - 60'000, now);
    CHECK(none["code"] == "conflict");
    CHECK(none["message"] == "The session's hall has no recording");
    // Nothing changed: the replay's range is the session's own.
    const auto t = http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/timeline.json").json();
    CHECK(t["items"].back()["data"]["replay_range"].is_null());
    CHECK(t["to_ms"] == t["items"].back()["at_ms"]);
}
