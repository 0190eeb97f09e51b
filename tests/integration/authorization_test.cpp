// Nobody reaches a role or a session they were not given (contract sections
// 1 and 6): bad and expired tokens, roles used beyond their rights, tokens
// scoped to another session, foreign origins; a canary keeps receiving every
// event meanwhile.
#include "canary.hpp"
#include "jwt_minter.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace veche::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const json hs256 = {{"alg", "HS256"}, {"typ", "JWT"}};

std::string secret_of(const forum_fixture& forum) { return forum.config["auth"]["secret"]; }

json claims(const std::string& role, long long exp_in_s = 3600) {
    return {{"sub", "tester"}, {"role", role}, {"exp", unix_now() + exp_in_s}};
}

int questions_status(forum_fixture& forum, const std::string& session, const std::string& token,
                     const std::string& suffix = "") {
    return http_get(forum.port(), "/api/v1/sessions/" + session + "/questions" + suffix,
                    {{"Authorization", "Bearer " + token}})
        .status;
}

// The question as moderators see it.
json question_now(forum_fixture& forum, const std::string& session, const std::string& id) {
    const auto all = http_get(forum.port(), "/api/v1/sessions/" + session + "/questions",
                              {{"Authorization", "Bearer " + forum.staff_token("admin")}})
                         .json()["questions"];
    for (const auto& q : all)
        if (q["id"] == id) return q;
    return nullptr;
}

}  // namespace

TEST_CASE("bad, forged and expired tokens are refused: 4401 on the WebSocket, 401 over HTTP") {
    forum_fixture forum;
    canary bird(forum);
    const auto secret = secret_of(forum);
    auto expired = claims("admin", -10);
    auto no_exp = claims("admin");
    no_exp.erase("exp");
    auto unknown_role = claims("superuser");
    auto role_list = claims("admin");
    role_list["role"] = json::array({"admin"});
    auto empty_sub = claims("admin");
    empty_sub["sub"] = "";
    auto long_sub = claims("admin");
    long_sub["sub"] = std::string(129, 's');
    auto no_sessions = claims("moderator");
    no_sessions["sessions"] = json::array();
    auto not_yet = claims("admin");
    not_yet["nbf"] = unix_now() + 3600;
    auto exp_text = claims("admin");
    exp_text["exp"] = std::to_string(unix_now() + 3600);

    const auto good = mint_jwt(hs256, claims("admin"), secret);
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"expired", mint_jwt(hs256, expired, secret)},
        {"no exp", mint_jwt(hs256, no_exp, secret)},
        {"exp as text", mint_jwt(hs256, exp_text, secret)},
        {"unknown role", mint_jwt(hs256, unknown_role, secret)},
        {"role as a list", mint_jwt(hs256, role_list, secret)},
        {"empty sub", mint_jwt(hs256, empty_sub, secret)},
        {"sub too long", mint_jwt(hs256, long_sub, secret)},
        {"empty sessions", mint_jwt(hs256, no_sessions, secret)},
        {"not valid yet", mint_jwt(hs256, not_yet, secret)},
        {"alg none", mint_jwt({{"alg", "none"}}, claims("admin"), "")},
        {"alg none, HS256 signature", mint_jwt({{"alg", "none"}}, claims("admin"), secret)},
        {"alg HS512", mint_jwt({{"alg", "HS512"}}, claims("admin"), secret)},
        {"another secret", mint_jwt(hs256, claims("admin"), "not-the-event-secret")},
        {"signature cut", good.substr(0, good.size() - 2)},
        {"signature dropped", good.substr(0, good.rfind('.') + 1)},
        {"a fourth part", good + ".e30"},
        {"claims swapped",
         good.substr(0, good.find('.') + 1) + base64url(claims("admin", 7200).dump()) + good.substr(good.rfind('.'))},
        {"huge", std::string(9000, 'a')},
        {"empty", ""},
    };
    for (const auto& [why, token] : refused) {
        INFO(why);
        ws_client c(forum.port());
        c.send({{"type", "hello"}, {"token", token}});
        CHECK(c.wait_closed() == 4401);
        // Over HTTP a token too big for the header limit is refused before it is read.
        CHECK(questions_status(forum, post_session, token) == (token.size() > 8000 ? 431 : 401));
    }
    // The same claims, correctly signed, get in: the refusals above are about the token.
    CHECK(forum.connect(good)->request({{"type", "subscribe"}, {"session", post_session}})["type"] == "subscribed");
    bird.check();
}

TEST_CASE("a token that expires while connected closes the connection at the next message") {
    forum_fixture forum;
    canary bird(forum);
    auto c = forum.connect(mint_jwt(hs256, claims("moderator", 3), secret_of(forum)));
    CHECK(c->request({{"type", "subscribe"}, {"session", post_session}})["type"] == "subscribed");
    std::this_thread::sleep_for(3500ms);
    c->send({{"type", "session_control"}, {"session", post_session}, {"action", "qa_close"}, {"rid", "late"}});
    CHECK(c->wait_closed() == 4401);
    for (const auto& m : c->seen()) CHECK(m.value("rid", "") != "late");
    CHECK(http_get(forum.port(), std::string("/api/v1/sessions/") + post_session).json()["qa_open"] == true);
    bird.check();
}

TEST_CASE("a participant cannot act as moderator, speaker or captioner") {
    forum_fixture forum;
    canary bird(forum);
    const auto token = forum.join("Участник")["token"].get<std::string>();
    auto p = forum.connect(token);
    auto mod = forum.connect(forum.staff_token("moderator"));
    const std::string q = mod->request({{"type", "ask"}, {"session", post_session}, {"text", "Чужой вопрос"}})["id"];
    const std::string own = p->request({{"type", "ask"}, {"session", post_session}, {"text", "Мой вопрос"}})["id"];
    const auto session_before = http_get(forum.port(), std::string("/api/v1/sessions/") + post_session).json();

    for (const auto& id : {q, own}) {
        const auto before = question_now(forum, post_session, id);
        for (const auto* action : {"approve", "reject", "highlight", "unhighlight", "answer", "archive", "restore"}) {
            INFO(id << " " << action);
            CHECK(p->request({{"type", "moderate"}, {"question", id}, {"action", action}})["code"] == "forbidden");
        }
        CHECK(p->request({{"type", "moderate"}, {"question", id}, {"action", "edit"}, {"text", "Подмена"}})["code"] ==
              "forbidden");
        CHECK(question_now(forum, post_session, id) == before);
    }
    for (const auto* action : {"qa_open", "qa_close", "moderation_pre", "moderation_post", "live", "end"})
        CHECK(p->request({{"type", "session_control"}, {"session", post_session}, {"action", action}})["code"] ==
              "forbidden");
    CHECK(http_get(forum.port(), std::string("/api/v1/sessions/") + post_session).json() == session_before);
    // The moderators' export is not for participants either.
    CHECK(questions_status(forum, post_session, token, ".csv") == 403);
    // Nor the captioner's lines, nor the moderator's polls.
    CHECK(p->request({{"type", "transcript"},
                      {"session", post_session},
                      {"id", "x"},
                      {"text", "Чужая строка"},
                      {"final", true}})["code"] == "forbidden");
    const json poll = {
        {"type", "poll_create"}, {"session", post_session}, {"question", "Опрос?"}, {"options", {"да", "нет"}}};
    CHECK(p->request(poll)["code"] == "forbidden");
    const std::string poll_id = mod->request(poll)["id"];
    CHECK(p->request({{"type", "poll_control"}, {"poll", poll_id}, {"action", "open"}})["code"] == "forbidden");
    CHECK(http_get(forum.port(), std::string("/api/v1/sessions/") + post_session + "/transcript.json")
              .json()["segments"]
              .empty());

    // A speaker may mark answered, not moderate; a captioner may not take part in the Q&A.
    auto speaker = forum.connect(forum.staff_token("speaker"));
    CHECK(speaker->request({{"type", "moderate"}, {"question", q}, {"action", "reject"}})["code"] == "forbidden");
    CHECK(speaker->request({{"type", "session_control"}, {"session", post_session}, {"action", "end"}})["code"] ==
          "forbidden");
    auto captioner = forum.connect(forum.staff_token("captioner"));
    CHECK(captioner->request({{"type", "ask"}, {"session", post_session}, {"text", "Вопрос"}})["code"] == "forbidden");
    CHECK(captioner->request({{"type", "vote"}, {"question", q}, {"on", true}})["code"] == "forbidden");
    CHECK(captioner->request({{"type", "moderate"}, {"question", q}, {"action", "answer"}})["code"] == "forbidden");
    CHECK(question_now(forum, post_session, q)["votes"] == 0);
    bird.check();
}

TEST_CASE("a token scoped to one session cannot reach another") {
    forum_fixture forum;
    canary bird(forum);
    auto open = forum.connect(forum.staff_token("moderator"));
    const std::string there =
        open->request({{"type", "ask"}, {"session", post_session}, {"text", "В другом зале"}})["id"];
    const std::string poll = open->request(
        {{"type", "poll_create"}, {"session", post_session}, {"question", "Опрос?"}, {"options", {"да", "нет"}}})["id"];
    REQUIRE(open->request({{"type", "poll_control"}, {"poll", poll}, {"action", "open"}})["type"] == "ack");

    const auto scoped_mod = forum.staff_token("moderator", pre_session);
    auto scoped_participant = claims("participant");
    scoped_participant["sessions"] = json::array({pre_session});
    const auto participant = mint_jwt(hs256, scoped_participant, secret_of(forum));
    for (const auto& token : {scoped_mod, participant}) {
        auto c = forum.connect(token);
        // At home: allowed.
        CHECK(c->request({{"type", "subscribe"}, {"session", pre_session}})["type"] == "subscribed");
        CHECK(c->request({{"type", "ask"}, {"session", pre_session}, {"text", "Дома"}})["type"] == "ack");
        // Elsewhere: forbidden, whatever the request.
        const std::vector<json> elsewhere = {
            {{"type", "subscribe"}, {"session", post_session}},
            {{"type", "ask"}, {"session", post_session}, {"text", "Не мой зал"}},
            {{"type", "vote"}, {"question", there}, {"on", true}},
            {{"type", "moderate"}, {"question", there}, {"action", "archive"}},
            {{"type", "session_control"}, {"session", post_session}, {"action", "qa_close"}},
            {{"type", "transcript"}, {"session", post_session}, {"id", "x"}, {"text", "Не мой зал"}, {"final", true}},
            {{"type", "poll_create"}, {"session", post_session}, {"question", "?"}, {"options", {"a", "b"}}},
            {{"type", "poll_control"}, {"poll", poll}, {"action", "close"}},
            {{"type", "poll_vote"}, {"poll", poll}, {"choices", {0}}},
        };
        for (const auto& m : elsewhere) {
            INFO(m.dump());
            CHECK(c->request(m)["code"] == "forbidden");
        }
        CHECK(questions_status(forum, post_session, token) == 403);
        CHECK(questions_status(forum, post_session, token, ".csv") == 403);
    }
    const auto q = question_now(forum, post_session, there);
    CHECK(q["state"] == "approved");
    CHECK(q["votes"] == 0);
    CHECK(http_get(forum.port(), std::string("/api/v1/sessions/") + post_session).json()["qa_open"] == true);
    json snapshot;
    forum.subscribed(forum.staff_token("admin"), post_session, &snapshot);
    REQUIRE(snapshot["polls"].size() == 1);
    CHECK(snapshot["polls"][0]["state"] == "open");
    CHECK(snapshot["polls"][0]["voters"] == 0);
    bird.check();
}

TEST_CASE("a WebSocket or POST from a foreign origin is refused with 403") {
    forum_fixture forum;
    canary bird(forum);
    const auto port = std::to_string(forum.port());
    // The demo config allows "self" and two localhost origins.
    for (const std::string& origin : std::vector<std::string>{
             "https://evil.example", "null", "http://127.0.0.1:" + port + ".evil.example",
             "http://127.0.0.1:" + port + "@evil.example", "http://evil.example/http://127.0.0.1:" + port,
             "http://127.0.0.1:1", "http://localhost:8080.evil.example", std::string("127.0.0.1:") + port}) {
        INFO(origin);
        CHECK_THROWS(ws_client(forum.port(), {{"Origin", origin}}));
        const auto join = http_post(forum.port(), "/api/v1/join", "{}", {{"Origin", origin}});
        CHECK(join.status == 403);
        CHECK(join.json()["error"] == "forbidden");
    }
    for (const auto& origin : {"http://127.0.0.1:" + port, std::string("http://localhost:8080")}) {
        INFO(origin);
        ws_client allowed(forum.port(), {{"Origin", origin}});
        CHECK(allowed.hello(forum.join()["token"])["type"] == "welcome");
        CHECK(http_post(forum.port(), "/api/v1/join", "{}", {{"Origin", origin}}).status == 200);
    }
    bird.check();
}
