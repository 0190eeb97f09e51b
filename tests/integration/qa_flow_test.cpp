// The Q&A of one session as its people live it, through real WebSocket and
// HTTP clients against the real server.
#include "forum_fixture.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <thread>

using namespace veche::test;
using nlohmann::json;

namespace {

std::vector<std::string> queue_ids(const json& questions) {
    std::vector<std::string> ids;
    for (const auto& q : questions) ids.push_back(q["id"]);
    return ids;
}

}  // namespace

TEST_CASE("ask, moderate, vote, highlight and answer: everyone sees what they should") {
    forum_fixture forum;
    const auto anna = forum.join("Анна Смирнова");
    const auto boris = forum.join("Борис");
    const auto mod_token = forum.staff_token("moderator", pre_session);
    const auto speaker_token = forum.staff_token("speaker");

    auto a = forum.subscribed(anna["token"], pre_session);
    auto b = forum.subscribed(boris["token"], pre_session);
    auto mod = forum.subscribed(mod_token, pre_session);
    auto speaker = forum.subscribed(speaker_token, pre_session);

    // Pre-moderation: the question waits; the moderator and its author see it, nobody else.
    auto ack = a->request({{"type", "ask"}, {"session", pre_session}, {"text", "Как удержать молодёжь в малых городах?"},
                           {"anonymous", false}});
    REQUIRE(ack["type"] == "ack");
    const std::string q1 = ack["id"];
    auto seen = mod->wait_for(question_event(q1, "pending"));
    REQUIRE(seen);
    CHECK((*seen)["data"]["author"]["name"] == "Анна Смирнова");
    CHECK((*seen)["seq"].get<int>() > 0);
    CHECK((*seen)["at_ms"].get<long long>() > 1'700'000'000'000);
    CHECK(a->wait_for(question_event(q1, "pending")));
    CHECK_FALSE(b->wait_for(question_event(q1), std::chrono::milliseconds(300)));
    CHECK_FALSE(speaker->wait_for(question_event(q1), std::chrono::milliseconds(100)));

    // A participant cannot moderate.
    auto refused = b->request({{"type", "moderate"}, {"question", q1}, {"action", "approve"}});
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "forbidden");

    // Approved: everyone sees it.
    auto approved = mod->request({{"type", "moderate"}, {"question", q1}, {"action", "approve"}});
    REQUIRE(approved["type"] == "ack");
    CHECK(approved["question"]["state"] == "approved");
    CHECK(b->wait_for(question_event(q1, "approved")));
    CHECK(speaker->wait_for(question_event(q1, "approved")));

    const std::string q2 = a->request({{"type", "ask"}, {"session", pre_session}, {"text", "Второй вопрос"}})["id"];
    mod->request({{"type", "moderate"}, {"question", q2}, {"action", "approve"}});

    // Votes: twice counts once, and an unvote takes it back.
    CHECK(b->request({{"type", "vote"}, {"question", q2}, {"on", true}})["votes"] == 1);
    CHECK(b->request({{"type", "vote"}, {"question", q2}, {"on", true}})["votes"] == 1);
    CHECK(a->request({{"type", "vote"}, {"question", q2}, {"on", true}})["votes"] == 2);
    CHECK(a->request({{"type", "vote"}, {"question", q2}, {"on", false}})["votes"] == 1);
    auto totals = speaker->wait_for([&](const json& m) {
        return is_event(m, "votes") && m["data"]["counts"].contains(q2) && m["data"]["counts"][q2] == 1;
    });
    CHECK(totals);

    // The speaker queue: q2 (1 vote) before q1 (0 votes).
    const auto queue = http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/questions",
                                {{"Authorization", "Bearer " + speaker_token}});
    REQUIRE(queue.status == 200);
    CHECK(queue_ids(queue.json()["questions"]) == std::vector<std::string>{q2, q1});

    // Highlight moves from one question to the other.
    mod->request({{"type", "moderate"}, {"question", q1}, {"action", "highlight"}});
    CHECK(speaker->wait_for([&](const json& m) { return question_event(q1)(m) && m["data"]["highlighted"] == true; }));
    mod->request({{"type", "moderate"}, {"question", q2}, {"action", "highlight"}});
    CHECK(speaker->wait_for([&](const json& m) { return question_event(q1)(m) && m["data"]["highlighted"] == false; }));
    CHECK(speaker->wait_for([&](const json& m) { return question_event(q2)(m) && m["data"]["highlighted"] == true; }));

    // The speaker marks the highlighted one answered: it goes to the end of the queue.
    auto answered = speaker->request({{"type", "moderate"}, {"question", q2}, {"action", "answer"}});
    REQUIRE(answered["type"] == "ack");
    CHECK(answered["question"]["state"] == "answered");
    CHECK(answered["question"]["highlighted"] == false);
    const std::string q3 = b->request({{"type", "ask"}, {"session", pre_session}, {"text", "Третий"}})["id"];
    mod->request({{"type", "moderate"}, {"question", q3}, {"action", "approve"}});
    mod->request({{"type", "moderate"}, {"question", q3}, {"action", "highlight"}});
    const auto after = http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/questions",
                                {{"Authorization", "Bearer " + speaker_token}});
    CHECK(queue_ids(after.json()["questions"]) == std::vector<std::string>{q3, q1, q2});
}

TEST_CASE("a client that resumes with since ends with the state of a fresh snapshot") {
    forum_fixture forum;
    const auto mod_token = forum.staff_token("moderator");
    const auto anna = forum.join("Анна");
    const auto boris = forum.join("Борис");
    auto mod = forum.subscribed(mod_token, pre_session);
    auto a = forum.subscribed(anna["token"], pre_session);

    json snapshot;
    auto b = forum.subscribed(boris["token"], pre_session, &snapshot);
    const std::string q1 = a->request({{"type", "ask"}, {"session", pre_session}, {"text", "Первый"}})["id"];
    mod->request({{"type", "moderate"}, {"question", q1}, {"action", "approve"}});
    auto last = b->wait_for(question_event(q1, "approved"));
    REQUIRE(last);
    const auto since = (*last)["seq"].get<std::uint64_t>();
    b.reset();  // boris's phone loses the network

    const std::string q2 = a->request({{"type", "ask"}, {"session", pre_session}, {"text", "Второй"}})["id"];
    mod->request({{"type", "moderate"}, {"question", q2}, {"action", "approve"}});
    a->request({{"type", "vote"}, {"question", q2}, {"on", true}});
    mod->request({{"type", "moderate"}, {"question", q1}, {"action", "reject"}});
    mod->request({{"type", "moderate"}, {"question", q2}, {"action", "highlight"}});

    // Back: the state he had, plus what he missed.
    std::map<std::string, json> view;
    for (const auto& q : snapshot["questions"]) view[q["id"]] = q;
    view[q1] = (*last)["data"];
    auto back = forum.connect(boris["token"]);
    back->send({{"type", "subscribe"}, {"session", pre_session}, {"since", since}});
    auto done = back->wait_for([](const json& m) { return m["type"] == "subscribed"; });
    REQUIRE(done);
    CHECK((*done)["resumed"] == true);
    for (const auto& m : back->seen()) {
        CHECK(m["type"] != "snapshot");
        if (is_event(m, "question")) {
            if (m["data"].contains("text")) view[m["data"]["id"]] = m["data"];
            else view.erase(m["data"]["id"].get<std::string>());
        }
        if (is_event(m, "votes"))
            for (const auto& [id, n] : m["data"]["counts"].items())
                if (view.count(id)) view[id]["votes"] = n;
    }

    json fresh;
    forum.subscribed(boris["token"], pre_session, &fresh);
    std::map<std::string, json> expected;
    for (const auto& q : fresh["questions"]) expected[q["id"]] = q;
    CHECK(view == expected);
    CHECK(expected.size() == 1);
    CHECK(expected[q2]["highlighted"] == true);
    CHECK(expected[q2]["votes"] == 1);
}

TEST_CASE("the same rid after a reconnect is applied once") {
    forum_fixture forum;
    const auto anna = forum.join("Анна");
    const auto mod_token = forum.staff_token("moderator");
    auto first = forum.connect(anna["token"]);
    first->send({{"type", "ask"}, {"session", post_session}, {"text", "Один раз"}, {"rid", "phone-1"}});
    auto ack1 = first->wait_for([](const json& m) { return m["type"] == "ack"; });
    REQUIRE(ack1);
    first.reset();

    auto again = forum.connect(anna["token"]);
    again->send({{"type", "ask"}, {"session", post_session}, {"text", "Один раз"}, {"rid", "phone-1"}});
    auto ack2 = again->wait_for([](const json& m) { return m["type"] == "ack"; });
    REQUIRE(ack2);
    CHECK((*ack2)["id"] == (*ack1)["id"]);

    const auto all = http_get(forum.port(), std::string("/api/v1/sessions/") + post_session + "/questions",
                              {{"Authorization", "Bearer " + mod_token}});
    CHECK(all.json()["questions"].size() == 1);
}

TEST_CASE("a rid is remembered within the request log's bound, after a restart too, and forgotten past it") {
    forum_fixture forum([](json& cfg) {
        cfg["limits"] = {{"asks_per_minute", 1000}, {"request_log_size", 3}, {"request_log_ttl", "3s"}};
    });
    const auto anna = forum.join("Анна");
    const auto ask = [&](ws_client& c, const std::string& rid) {
        auto ack = c.request({{"type", "ask"}, {"session", post_session}, {"text", "Вопрос " + rid}, {"rid", rid}});
        REQUIRE(ack["type"] == "ack");
        return ack["id"].get<std::string>();
    };
    auto c = forum.connect(anna["token"]);
    const auto first = ask(*c, "a1");
    c.reset();
    forum.restart_after(SIGTERM);
    c = forum.connect(anna["token"]);
    CHECK(ask(*c, "a1") == first);  // inside the bound, after a restart: the first answer

    // Three more rids push a1 out of a bound of three: it is a new request again.
    for (const auto* rid : {"a2", "a3", "a4"}) ask(*c, rid);
    const auto again = ask(*c, "a1");
    CHECK(again != first);
    // And past the age limit.
    const auto fresh = ask(*c, "b1");
    CHECK(ask(*c, "b1") == fresh);
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));
    CHECK(ask(*c, "b1") != fresh);
}

TEST_CASE("the questions routes answer by role, the CSV opens in a spreadsheet") {
    forum_fixture forum;
    const auto anna = forum.join("Анна, \"глава\" поселения");
    const auto boris = forum.join("Борис");
    const auto mod_token = forum.staff_token("moderator", pre_session);
    auto a = forum.connect(anna["token"]);
    const std::string mine = a->request({{"type", "ask"}, {"session", pre_session},
                                         {"text", "=HYPERLINK(\"x\")\nвторая строка"}, {"anonymous", true}})["id"];

    const auto path = std::string("/api/v1/sessions/") + pre_session + "/questions";
    CHECK(http_get(forum.port(), path).status == 401);
    CHECK(http_get(forum.port(), path, {{"Authorization", "Bearer nonsense"}}).status == 401);
    CHECK(http_get(forum.port(), path, {{"Authorization", "Bearer " + boris["token"].get<std::string>()}})
              .json()["questions"]
              .empty());
    const auto own = http_get(forum.port(), path, {{"Authorization", "Bearer " + anna["token"].get<std::string>()}});
    REQUIRE(own.json()["questions"].size() == 1);
    CHECK(own.json()["questions"][0]["author"]["id"] == anna["participant"]["id"]);
    CHECK(http_get(forum.port(), "/api/v1/sessions/nope/questions", {{"Authorization", "Bearer " + mod_token}}).status ==
          404);
    const auto other = std::string("/api/v1/sessions/") + post_session + "/questions";
    CHECK(http_get(forum.port(), other, {{"Authorization", "Bearer " + mod_token}}).status == 403);

    const auto csv_path = path + ".csv";
    CHECK(http_get(forum.port(), csv_path, {{"Authorization", "Bearer " + boris["token"].get<std::string>()}}).status ==
          403);
    const auto csv = http_get(forum.port(), csv_path, {{"Authorization", "Bearer " + mod_token}});
    REQUIRE(csv.status == 200);
    CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
    CHECK_THAT(csv.header("content-disposition"), Catch::Contains("attachment"));
    CHECK(csv.body.rfind("\xEF\xBB\xBFid,state,highlighted,votes,text,author_id,author_name", 0) == 0);
    CHECK_THAT(csv.body, Catch::Contains(mine + ",pending,false,0,\"'=HYPERLINK(\"\"x\"\")\nвторая строка\","));
    CHECK_THAT(csv.body, Catch::Contains("\"Анна, \"\"глава\"\" поселения\",true,"));
    CHECK_THAT(csv.body, Catch::EndsWith(",false,,,\r\n"));  // unverified; no merge, no reply
}

TEST_CASE("veche token mints working staff tokens and refuses mistakes") {
    forum_fixture forum;
    auto speaker = forum.connect(forum.staff_token("speaker", pre_session));
    auto out_of_scope = speaker->request({{"type", "subscribe"}, {"session", post_session}});
    CHECK(out_of_scope["code"] == "forbidden");

    auto r = run_veche({"token", "--config", forum.config_path, "--role", "emperor"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown role"));
    r = run_veche({"token", "--config", forum.config_path, "--role", "moderator", "--session", "nope"});
    CHECK(r.exit_code == 2);
    r = run_veche({"token", "--config", forum.config_path, "--role", "moderator", "--ttl", "soon"});
    CHECK(r.exit_code == 2);
}

TEST_CASE("joining: names, join codes and the per-address limit") {
    forum_fixture forum([](json& cfg) {
        cfg["auth"]["join_code"] = "РОДИНА-2026";
        cfg["limits"] = {{"joins_per_minute_per_ip", 2}, {"name_chars", 10}};
    });
    auto ok = http_post(forum.port(), "/api/v1/join", json{{"name", "  Анна  "}, {"code", "РОДИНА-2026"}}.dump());
    REQUIRE(ok.status == 200);
    CHECK(ok.json()["participant"]["name"] == "Анна");
    CHECK(ok.json()["token"].is_string());
    CHECK(http_post(forum.port(), "/api/v1/join", json{{"code", "wrong"}}.dump()).status == 403);
    auto long_name = http_post(forum.port(), "/api/v1/join", json{{"name", "Анна Смирнова"}, {"code", "РОДИНА-2026"}}.dump());
    CHECK(long_name.status == 400);
    CHECK(long_name.json()["error"] == "too_long");
    auto limited = http_post(forum.port(), "/api/v1/join", json{{"code", "РОДИНА-2026"}}.dump());
    CHECK(limited.status == 429);
    CHECK(limited.json()["error"] == "rate_limited");
}
