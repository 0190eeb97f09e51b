// Transcripts, polls and reactions through real WebSocket and HTTP clients,
// and all of it still there after a restart.
#include "forum_fixture.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <thread>

using namespace veche::test;
using nlohmann::json;

namespace {

std::vector<std::string> final_texts(const ws_client& c) {
    std::vector<std::string> out;
    for (const auto& m : c.seen())
        if (is_event(m, "transcript") && m["data"]["final"] == true) out.push_back(m["data"]["text"]);
    return out;
}

}  // namespace

TEST_CASE("a captioner's lines reach every participant, in order, and download as WebVTT and JSON") {
    forum_fixture forum;
    const auto captioner_token = forum.staff_token("captioner", pre_session);
    auto captioner = forum.connect(captioner_token);
    auto anna = forum.subscribed(forum.join("Анна")["token"], pre_session);
    auto boris = forum.subscribed(forum.join("Борис")["token"], pre_session);

    const std::vector<std::string> lines{"Добрый день, уважаемые коллеги!", "Начинаем панельную дискуссию «Сила в людях».",
                                         "Слово <Анне> & всем — спасибо."};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto id = "line-" + std::to_string(i);
        // Typing: the line grows, then Enter makes it final.
        for (std::size_t cut = 5; cut < lines[i].size(); cut += 9) {
            while (cut < lines[i].size() && (static_cast<unsigned char>(lines[i][cut]) & 0xC0) == 0x80) ++cut;
            captioner->send({{"type", "transcript"}, {"session", pre_session}, {"id", id},
                             {"text", lines[i].substr(0, cut)}, {"final", false}});
        }
        auto ack = captioner->request({{"type", "transcript"}, {"session", pre_session}, {"id", id}, {"text", lines[i]},
                                       {"final", true}, {"speaker", "Модератор"}, {"lang", "ru"}});
        REQUIRE(ack["type"] == "ack");
        CHECK(ack["id"] == id);
    }
    auto got_all = [&](ws_client& c) {
        return c.wait_for([&](const json& m) {
            return is_event(m, "transcript") && m["data"]["final"] == true && m["data"]["text"] == lines.back();
        });
    };
    REQUIRE(got_all(*anna));
    REQUIRE(got_all(*boris));
    CHECK(final_texts(*anna) == lines);
    CHECK(final_texts(*boris) == lines);
    bool saw_partial = false;
    for (const auto& m : anna->seen()) saw_partial = saw_partial || (is_event(m, "transcript") && m["data"]["final"] == false);
    CHECK(saw_partial);

    // Programs post through HTTP.
    const auto path = std::string("/api/v1/sessions/") + pre_session + "/transcript";
    auto posted = http_post(forum.port(), path, json{{"id", "asr-1"}, {"text", "Строка от системы распознавания"}, {"final", true}}.dump(),
                            {{"Authorization", "Bearer " + captioner_token}});
    CHECK(posted.status == 200);
    CHECK(posted.json() == json{{"id", "asr-1"}});
    // A line being typed is answered on receipt, with or without a rid.
    auto typing = http_post(forum.port(), path, json{{"id", "asr-2"}, {"text", "Строка набирается"}, {"final", false}}.dump(),
                            {{"Authorization", "Bearer " + captioner_token}});
    CHECK(typing.status == 200);
    CHECK(typing.json() == json{{"id", "asr-2"}});

    // Participants cannot post a transcript, by either road.
    const auto participant = forum.join()["token"].get<std::string>();
    auto p = forum.connect(participant);
    auto refused = p->request({{"type", "transcript"}, {"session", pre_session}, {"id", "x"}, {"text", "Чужой текст"}, {"final", true}});
    CHECK(refused["code"] == "forbidden");
    CHECK(http_post(forum.port(), path, json{{"id", "y"}, {"text", "Чужой"}, {"final", true}}.dump(),
                    {{"Authorization", "Bearer " + participant}})
              .status == 403);
    CHECK(http_post(forum.port(), path, json{{"id", "y"}, {"text", "Без токена"}, {"final", true}}.dump()).status == 401);

    const auto json_dl = http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/transcript.json");
    REQUIRE(json_dl.status == 200);
    CHECK(json_dl.json()["segments"].size() == 4);
    CHECK(json_dl.json()["segments"][2]["text"] == lines[2]);

    // A real WebVTT parser reads every line back.
    const auto vtt_url = "http://127.0.0.1:" + std::to_string(forum.port()) + "/api/v1/sessions/" + pre_session +
                         "/transcript.vtt";
    const auto vtt = http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/transcript.vtt");
    CHECK(vtt.header("content-type") == "text/vtt; charset=utf-8");
    CHECK(vtt.body.rfind("WEBVTT\n", 0) == 0);
    const auto srt = run_command({"ffmpeg", "-v", "error", "-i", vtt_url, "-f", "srt", "-"});
    for (const auto& line : lines) CHECK_THAT(srt, Catch::Contains(line));
    CHECK_THAT(srt, Catch::Contains("Строка от системы распознавания"));
    CHECK_THAT(srt, Catch::Contains("\n4\n"));  // four cues
}

TEST_CASE("a poll runs from draft to results, one ballot per participant") {
    forum_fixture forum;
    auto mod = forum.subscribed(forum.staff_token("moderator"), pre_session);
    std::vector<std::unique_ptr<ws_client>> people;
    for (int i = 0; i < 3; ++i) people.push_back(forum.subscribed(forum.join()["token"], pre_session));

    auto created = mod->request({{"type", "poll_create"}, {"session", pre_session}, {"question", "Что важнее всего?"},
                                 {"options", {"Дороги", "Школы", "Рабочие места"}}, {"multi", false},
                                 {"live_results", false}});
    REQUIRE(created["type"] == "ack");
    const std::string id = created["id"];
    CHECK(mod->request({{"type", "poll_control"}, {"poll", id}, {"action", "open"}})["poll"]["state"] == "open");
    auto open = people[0]->wait_for([&](const json& m) { return is_event(m, "poll") && m["data"]["state"] == "open"; });
    REQUIRE(open);
    CHECK((*open)["data"]["options"][0]["votes"].is_null());  // hidden until closed

    CHECK(people[0]->request({{"type", "poll_vote"}, {"poll", id}, {"choices", {0}}})["type"] == "ack");
    CHECK(people[0]->request({{"type", "poll_vote"}, {"poll", id}, {"choices", {2}}})["type"] == "ack");  // replaces
    CHECK(people[1]->request({{"type", "poll_vote"}, {"poll", id}, {"choices", {2}}})["type"] == "ack");
    CHECK(people[2]->request({{"type", "poll_vote"}, {"poll", id}, {"choices", {1}}})["type"] == "ack");
    CHECK(people[2]->request({{"type", "poll_vote"}, {"poll", id}, {"choices", {3}}})["code"] == "bad_request");
    CHECK(people[2]->request({{"type", "poll_vote"}, {"poll", id}, {"choices", {0, 1}}})["code"] == "bad_request");

    auto closed = mod->request({{"type", "poll_control"}, {"poll", id}, {"action", "close"}});
    REQUIRE(closed["type"] == "ack");
    CHECK(closed["poll"]["voters"] == 3);
    std::vector<int> results;
    for (const auto& o : closed["poll"]["options"]) results.push_back(o["votes"]);
    CHECK(results == std::vector<int>{0, 1, 2});
    auto revealed = people[1]->wait_for([&](const json& m) { return is_event(m, "poll") && m["data"]["state"] == "closed"; });
    REQUIRE(revealed);
    CHECK((*revealed)["data"]["options"][2]["votes"] == 2);
    CHECK(people[1]->request({{"type", "poll_vote"}, {"poll", id}, {"choices", {0}}})["code"] == "closed");
}

TEST_CASE("a thousand reactions from a hundred people arrive as a handful of events that add up") {
    forum_fixture forum;
    auto watcher = forum.subscribed(forum.join("Зритель")["token"], post_session);
    std::vector<std::unique_ptr<ws_client>> crowd;
    for (int i = 0; i < 100; ++i) crowd.push_back(forum.connect(forum.join()["token"]));
    const std::vector<std::string> kinds{"applause", "heart", "like", "laugh", "wow"};
    std::map<std::string, int> sent;
    for (int round = 0; round < 10; ++round)
        for (std::size_t i = 0; i < crowd.size(); ++i) {
            const auto& kind = kinds[(i + static_cast<std::size_t>(round)) % kinds.size()];
            crowd[i]->send({{"type", "react"}, {"session", post_session}, {"kind", kind}});
            ++sent[kind];
        }
    std::map<std::string, int> received;
    int events = 0, total = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (total < 1000 && std::chrono::steady_clock::now() < deadline) {
        auto m = watcher->next(std::chrono::milliseconds(500));
        if (!m || !is_event(*m, "reactions")) continue;
        ++events;
        CHECK((*m)["data"]["window_ms"] == 500);
        for (const auto& [kind, n] : (*m)["data"]["counts"].items()) {
            received[kind] += n.get<int>();
            total += n.get<int>();
        }
    }
    CHECK(total == 1000);
    CHECK(received == sent);
    CHECK(events <= 12);
    INFO("reactions events: " << events);
}

TEST_CASE("transcripts, polls and reactions are all there after a restart") {
    forum_fixture forum;
    auto captioner = forum.connect(forum.staff_token("captioner"));
    auto mod = forum.connect(forum.staff_token("moderator"));
    const auto voter = forum.join()["token"].get<std::string>();
    for (int i = 0; i < 5; ++i)
        captioner->request({{"type", "transcript"}, {"session", pre_session}, {"id", "l" + std::to_string(i)},
                            {"text", "Строка " + std::to_string(i)}, {"final", true}});
    const std::string poll = mod->request({{"type", "poll_create"}, {"session", pre_session}, {"question", "Да или нет?"},
                                           {"options", {"Да", "Нет"}}, {"multi", false}, {"live_results", true}})["id"];
    mod->request({{"type", "poll_control"}, {"poll", poll}, {"action", "open"}});
    auto v = forum.connect(voter);
    v->request({{"type", "poll_vote"}, {"poll", poll}, {"choices", {1}}});
    for (int i = 0; i < 3; ++i) v->send({{"type", "react"}, {"session", pre_session}, {"kind", "applause"}});
    auto watcher = forum.subscribed(forum.join()["token"], pre_session);
    REQUIRE(watcher->wait_for([](const json& m) { return is_event(m, "reactions"); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the totals go out with the next batch

    captioner.reset();
    mod.reset();
    v.reset();
    watcher.reset();
    forum.restart_after(SIGTERM);

    json snapshot;
    auto back = forum.subscribed(voter, pre_session, &snapshot);
    REQUIRE(snapshot["transcript"].size() == 5);
    CHECK(snapshot["transcript"][4]["text"] == "Строка 4");
    REQUIRE(snapshot["polls"].size() == 1);
    CHECK(snapshot["polls"][0]["state"] == "open");
    CHECK(snapshot["polls"][0]["options"][1]["votes"] == 1);
    CHECK(snapshot["my_ballots"][poll] == json::array({1}));
    CHECK(http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/transcript.json")
              .json()["segments"]
              .size() == 5);
    // The next window's totals continue from the stored ones.
    back->send({{"type", "react"}, {"session", pre_session}, {"kind", "applause"}});
    auto r = back->wait_for([](const json& m) { return is_event(m, "reactions"); });
    REQUIRE(r);
    CHECK((*r)["data"]["totals"]["applause"] == 4);
}
