// /metrics as Prometheus itself reads it: promtool (Debian package
// `prometheus`) checks the exposition format and its naming rules (base
// units, _total on counters, help on every family) on a server with three
// halls, each relaying video (one with a ladder of encoded rungs), after some
// of everything has happened.
#include "forum_fixture.hpp"
#include "server_metrics.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

using namespace veche::test;
using nlohmann::json;

TEST_CASE("/metrics of a server with three halls passes promtool check metrics") {
    forum_fixture forum([](json& config) {
        for (auto& hall : config["event"]["halls"]) hall["source"] = "test:";
        config["event"]["halls"][0]["ladder"] = json::array({{{"name", "360p"}, {"height", 360}, {"video_kbps", 500}},
                                                             {{"name", "240p"}, {"height", 240}, {"video_kbps", 200}}});
        config["event"]["halls"][0]["audio_only"] = true;
    });
    REQUIRE(forum.config["event"]["halls"].size() == 3);

    // Some of everything: a subscription, a question, a vote, a reaction, a bad request.
    auto anna = forum.subscribed(forum.join("Анна")["token"], post_session);
    const auto asked = anna->request({{"type", "ask"}, {"session", post_session}, {"text", "Вопрос"}});
    REQUIRE(asked["type"] == "ack");
    CHECK(anna->request({{"type", "vote"}, {"question", asked["id"]}, {"on", true}})["type"] == "ack");
    anna->send({{"type", "react"}, {"session", post_session}, {"kind", "applause"}});
    CHECK(anna->request({{"type", "vote"}, {"question", 7}})["type"] == "error");
    // Every hall has published video.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    const auto live_everywhere = [&] {
        for (const auto& hall : forum.config["event"]["halls"]) {
            const auto n = metric(forum.port(), "veche_media_segments_total{hall=\"" + hall["id"].get<std::string>() +
                                                    "\",kind=\"live\"}");
            if (!n || *n < 1) return false;
        }
        return true;
    };
    while (!live_everywhere() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(live_everywhere());

    const auto text = http_get(forum.port(), "/metrics").body;
    CHECK(text.find("veche_media_slate_seconds_total{hall=\"main\"}") != std::string::npos);
    CHECK(text.find("veche_media_rung_frames_total{") != std::string::npos);
    const auto path = (forum.dir / "metrics.txt").string();
    std::ofstream(path) << text;
    const auto checked = run_program({"sh", "-c", "promtool check metrics < '" + path + "'"});
    INFO(checked.out + checked.err);
    CHECK(checked.exit_code == 0);
    CHECK(checked.out.empty());
}
