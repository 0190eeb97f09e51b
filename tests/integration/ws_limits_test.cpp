// Contract section 5: every limit and close code, each answered as the
// contract says, while a canary client keeps receiving.
#include "forum_fixture.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <catch2/catch.hpp>
#include <csignal>

using namespace veche::test;
using nlohmann::json;

TEST_CASE("hello must come first, in time, with a good token") {
    forum_fixture forum([](json& cfg) { cfg["limits"] = {{"hello_timeout_ms", 800}}; });
    {
        ws_client silent(forum.port());
        CHECK(silent.wait_closed(std::chrono::seconds(5)) == 4401);
    }
    {
        ws_client wrong_first(forum.port());
        wrong_first.send({{"type", "subscribe"}, {"session", pre_session}});
        CHECK(wrong_first.wait_closed() == 4401);
    }
    {
        ws_client bad(forum.port());
        bad.send({{"type", "hello"}, {"token", "not-a-token"}});
        CHECK(bad.wait_closed() == 4401);
    }
    {
        // Signed with another secret.
        auto other = forum.config;
        other["auth"]["secret"] = "some-other-secret";
        const auto path = write_config(forum.dir, other, "other.json");
        auto r = run_veche({"token", "--config", path, "--role", "admin"});
        ws_client forged(forum.port());
        forged.send({{"type", "hello"}, {"token", r.out.substr(0, r.out.find('\n'))}});
        CHECK(forged.wait_closed() == 4401);
    }
    {
        ws_client ok(forum.port());
        auto welcome = ok.hello(forum.join("Анна")["token"]);
        CHECK(welcome["you"]["role"] == "participant");
        CHECK(welcome["you"]["name"] == "Анна");
        CHECK(welcome["server_time"].is_string());
    }
}

TEST_CASE("bad requests are answered and the connection stays open") {
    forum_fixture forum;
    auto c = forum.connect(forum.join()["token"]);
    c->send_text("{not json");
    auto e = c->next();
    REQUIRE(e);
    CHECK((*e)["type"] == "error");
    CHECK((*e)["code"] == "bad_request");
    c->send({{"type", "dance"}, {"rid", "r1"}});
    e = c->next();
    CHECK((*e)["code"] == "bad_request");
    CHECK((*e)["rid"] == "r1");
    c->send({{"type", "vote"}, {"question", 5}, {"on", true}, {"rid", "r2"}});
    e = c->next();
    CHECK((*e)["code"] == "bad_request");
    CHECK((*e)["rid"] == "r2");
    auto missing = c->request({{"type", "subscribe"}, {"session", "no-such-session"}});
    CHECK(missing["code"] == "not_found");
    auto text = c->request({{"type", "ask"}, {"session", pre_session}, {"text", "   "}});
    CHECK(text["code"] == "bad_request");
    auto too_long = c->request({{"type", "ask"}, {"session", pre_session}, {"text", std::string(501, 'x')}});
    CHECK(too_long["code"] == "too_long");
    CHECK(c->request({{"type", "ask"}, {"session", pre_session}, {"text", "Всё ещё на связи?"}})["type"] == "ack");
    CHECK_FALSE(c->is_closed());
}

TEST_CASE("asks are limited to five a minute per participant") {
    forum_fixture forum;
    auto c = forum.connect(forum.join()["token"]);
    for (int i = 0; i < 5; ++i)
        CHECK(c->request({{"type", "ask"}, {"session", pre_session}, {"text", "Вопрос " + std::to_string(i)}})["type"] ==
              "ack");
    auto sixth = c->request({{"type", "ask"}, {"session", pre_session}, {"text", "Шестой"}});
    CHECK(sixth["type"] == "error");
    CHECK(sixth["code"] == "rate_limited");
}

TEST_CASE("oversized messages close with 1009, binary frames with 4400") {
    forum_fixture forum;
    const auto token = forum.join()["token"].get<std::string>();
    auto big = forum.connect(token);
    big->send({{"type", "ask"}, {"session", pre_session}, {"text", std::string(17 * 1024, 'x')}});
    CHECK(big->wait_closed() == 1009);
    auto binary = forum.connect(token);
    binary->send_binary(std::string("\x01\x02\x03", 3));
    CHECK(binary->wait_closed() == 4400);
}

TEST_CASE("a flood from one connection is refused, then closed with 4429, others are not disturbed") {
    forum_fixture forum;
    const auto mod_token = forum.staff_token("moderator");
    auto canary = forum.subscribed(forum.join("Канарейка")["token"], post_session);
    auto flood = forum.connect(forum.join()["token"]);
    for (int i = 0; i < 400 && !flood->is_closed(); ++i) {
        try {
            flood->send({{"type", "vote"}, {"question", std::string(post_session) + ".1"}, {"on", true}});
        } catch (const std::exception&) {
            break;  // the server already closed it
        }
    }
    CHECK(flood->wait_closed() == 4429);
    bool refused = false;
    for (const auto& m : flood->seen()) refused = refused || m.value("code", "") == "rate_limited";
    CHECK(refused);

    auto mod = forum.connect(mod_token);
    mod->request({{"type", "session_control"}, {"session", post_session}, {"action", "qa_close"}});
    CHECK(canary->wait_for([](const json& m) { return is_event(m, "session") && m["data"]["qa_open"] == false; }));
}

TEST_CASE("a WebSocket from a foreign origin is refused with 403") {
    forum_fixture forum;
    CHECK_THROWS(ws_client(forum.port(), {{"Origin", "https://evil.example"}}));
    ws_client self(forum.port(), {{"Origin", "http://127.0.0.1:" + std::to_string(forum.port())}});
    CHECK(self.hello(forum.join()["token"])["type"] == "welcome");
}

TEST_CASE("SIGTERM closes every WebSocket with 1001 and exits 0") {
    forum_fixture forum;
    auto a = forum.subscribed(forum.join()["token"], pre_session);
    auto b = forum.subscribed(forum.staff_token("moderator"), pre_session);
    std::chrono::milliseconds took{};
    const auto result = forum.server->stop(SIGTERM, &took);
    INFO("signal " << result.signal << "\n" << result.out << result.err);
    CHECK(a->wait_closed() == 1001);
    CHECK(b->wait_closed() == 1001);
    CHECK(result.exit_code == 0);
    CHECK(took < std::chrono::seconds(5));
}
