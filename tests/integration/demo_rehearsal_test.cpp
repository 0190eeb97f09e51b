// The demo has a replay with nothing done by hand: scripts/demo_seed.py, as scripts/demo.sh runs it, rehearses the
// opening (config/demo-seed.json, "rehearsal") on the real server with the demo config, only once, and ends a
// rehearsal that was cut short.
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace veche::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

const std::string source_dir = VECHE_SOURCE_DIR;

json rehearsal_plan() { return json::parse(std::ifstream(source_dir + "/config/demo-seed.json"))["rehearsal"]; }

// A moderator of the opening, under that name, takes it live or ends it.
void control_opening(std::uint16_t port, const std::string& moderator_name, const std::string& action) {
    const auto token = run_veche({"token", "--config", source_dir + "/config/demo.json", "--role", "moderator",
                                  "--session", "opening", "--name", moderator_name});
    REQUIRE(token.exit_code == 0);
    ws_client moderator(port);
    moderator.hello(token.out.substr(0, token.out.find('\n')));
    REQUIRE(moderator.request({{"type", "session_control"}, {"session", "opening"}, {"action", action}})["type"] ==
            "ack");
}

std::string opening_state(std::uint16_t port) {
    return http_get(port, "/api/v1/sessions/opening").json()["state"];
}

process_result run_seed(std::uint16_t port) {
    // A short rehearsal: the demo's lasts 40 s.
    return run_program({"/usr/bin/env", "VECHE_REHEARSAL_SECONDS=12", "/usr/bin/python3",
                        source_dir + "/scripts/demo_seed.py", "http://127.0.0.1:" + std::to_string(port), VECHE_BIN,
                        source_dir + "/config/demo.json", source_dir + "/config/demo-seed.json"});
}

// The replay's playlist once it has its end (the segment running at the end is cut a moment later).
std::string ended_playlist(std::uint16_t port) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (true) {
        const auto reply = http_get(port, "/vod/opening/index.m3u8");
        if (reply.status == 200 && reply.body.find("#EXT-X-ENDLIST") != std::string::npos) return reply.body;
        if (std::chrono::steady_clock::now() > deadline) return reply.body;
        std::this_thread::sleep_for(250ms);
    }
}

std::vector<std::string> segment_names(const std::string& playlist) {
    std::vector<std::string> names;
    std::istringstream lines(playlist);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line.front() != '#') names.push_back(line);
    return names;
}

std::vector<json> items_of_kind(const json& timeline, const std::string& kind) {
    std::vector<json> out;
    for (const auto& item : timeline["items"])
        if (item["kind"] == kind) out.push_back(item["data"]);
    return out;
}

}  // namespace

TEST_CASE("the demo rehearses its opening once, so that its replay is there at once") {
    const auto plan = rehearsal_plan();
    REQUIRE(plan["session"] == "opening");
    temp_dir dir;
    server_process server({"--config", source_dir + "/config/demo.json", "--data", (dir / "data").string()});
    CHECK(http_get(server.port(), "/vod/opening/index.m3u8").status == 404);  // never live: no replay yet

    const auto first = run_seed(server.port());
    INFO(first.out << first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("demo: opening was rehearsed") != std::string::npos);
    CHECK(opening_state(server.port()) == "ended");

    // The video: a VOD playlist of recorded segments that are served.
    const auto playlist = ended_playlist(server.port());
    INFO(playlist);
    CHECK(playlist.find("#EXT-X-PLAYLIST-TYPE:VOD") != std::string::npos);
    REQUIRE(playlist.find("#EXT-X-ENDLIST") != std::string::npos);
    const auto names = segment_names(playlist);
    CHECK(names.size() >= 8);  // 1 s segments over at least 12 s
    for (const auto& name : {names.front(), names.back()}) {
        const auto segment = http_get(server.port(), "/vod/opening/" + name);
        CHECK(segment.status == 200);
        CHECK(segment.header("content-type") == "video/mp2t");
        CHECK((!segment.body.empty() && segment.body.front() == 'G'));  // an MPEG-TS sync byte
    }

    // What happened, as a participant saw it, inside the replay's range.
    const auto timeline_reply = http_get(server.port(), "/api/v1/sessions/opening/timeline.json");
    REQUIRE(timeline_reply.status == 200);
    const auto timeline = timeline_reply.json();
    REQUIRE(timeline["from_ms"].is_number());
    REQUIRE(timeline["to_ms"].is_number());
    for (const auto& item : timeline["items"]) {
        CHECK(item["at_ms"] >= timeline["from_ms"]);
        CHECK(item["at_ms"] <= timeline["to_ms"]);
    }
    std::vector<std::string> said;
    for (const auto& line : items_of_kind(timeline, "transcript")) said.push_back(line["text"]);
    CHECK(said == plan["lines"].get<std::vector<std::string>>());

    std::set<std::string> approved, seen, highlighted;
    for (const auto& d : plan["delegates"])
        if (d.value("approve", false)) approved.insert(d["ask"].get<std::string>());
    for (const auto& q : items_of_kind(timeline, "question")) {
        seen.insert(q["text"].get<std::string>());
        if (q["highlighted"] == true) highlighted.insert(q["text"].get<std::string>());
    }
    CHECK(seen == approved);  // an unapproved question never shows
    CHECK(highlighted.size() == 1);
    CHECK(!items_of_kind(timeline, "votes").empty());

    const auto polls = items_of_kind(timeline, "poll");
    REQUIRE(!polls.empty());
    CHECK(polls.front()["state"] == "open");
    CHECK(polls.front()["question"] == plan["poll"]["question"]);
    const auto& closed = polls.back();
    CHECK(closed["state"] == "closed");
    std::vector<int> counts(plan["poll"]["options"].size(), 0);
    for (const auto& choice : plan["poll"]["ballots"]) ++counts.at(choice.get<std::size_t>());
    for (std::size_t i = 0; i < counts.size(); ++i) CHECK(closed["options"][i]["votes"] == counts[i]);

    // A restarted demo keeps its first replay: the seed does not rehearse again.
    const auto second = run_seed(server.port());
    INFO(second.out << second.err);
    CHECK(second.exit_code == 0);
    CHECK(second.out.find("demo: opening has been live already") != std::string::npos);
    CHECK(http_get(server.port(), "/api/v1/sessions/opening/timeline.json").json() == timeline);
    CHECK(http_get(server.port(), "/vod/opening/index.m3u8").body == playlist);
}

TEST_CASE("the demo ends a rehearsal cut short at its next start, and leaves a session a moderator took live") {
    const auto plan = rehearsal_plan();
    temp_dir dir;
    server_process server({"--config", source_dir + "/config/demo.json", "--data", (dir / "data").string()});

    control_opening(server.port(), "Анна Смирнова", "live");
    const auto taken = run_seed(server.port());
    INFO(taken.out << taken.err);
    CHECK(taken.exit_code == 0);
    CHECK(taken.out.find("demo: opening has been live already") != std::string::npos);
    CHECK(opening_state(server.port()) == "live");

    // The demo was stopped during a rehearsal: the rehearsal's moderator was the last to take the opening live.
    control_opening(server.port(), "Анна Смирнова", "end");
    control_opening(server.port(), plan["moderator"], "live");
    const auto next_start = run_seed(server.port());
    INFO(next_start.out << next_start.err);
    CHECK(next_start.exit_code == 0);
    CHECK(next_start.out.find("demo: the rehearsal of opening was cut short") != std::string::npos);
    CHECK(opening_state(server.port()) == "ended");
    CHECK(ended_playlist(server.port()).find("#EXT-X-ENDLIST") != std::string::npos);
}
