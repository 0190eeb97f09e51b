// Malformed traffic on the WebSocket, one class per test, each answered as
// the contract says (section 5) while a canary keeps receiving every event.
// ws_limits_test.cpp has the first example of each; these go through the
// variants a hostile or broken client sends.
#include "canary.hpp"
#include "raw_socket.hpp"

#include <catch2/catch.hpp>

using namespace veche::test;
using nlohmann::json;

namespace {

// The questions a moderator sees in the session, for "nothing changed" checks.
json all_questions(forum_fixture& forum, const std::string& session) {
    return http_get(forum.port(), "/api/v1/sessions/" + session + "/questions",
                    {{"Authorization", "Bearer " + forum.staff_token("moderator")}})
        .json()["questions"];
}

// The next reply must be bad_request, carrying the rid when there is one.
void expect_bad_request(ws_client& c, const std::string& text, const std::optional<std::string>& rid) {
    INFO("sent: " << text.substr(0, 200));
    c.send_text(text);
    const auto reply = c.next();
    REQUIRE(reply);
    CHECK((*reply)["type"] == "error");
    CHECK((*reply)["code"] == "bad_request");
    CHECK((*reply)["message"].is_string());
    if (rid)
        CHECK((*reply)["rid"] == *rid);
    else
        CHECK_FALSE(reply->contains("rid"));
}

}  // namespace

TEST_CASE("invalid JSON is answered with bad_request and the connection stays open") {
    forum_fixture forum;
    canary bird(forum);
    const auto before = all_questions(forum, post_session);
    auto c = forum.connect(forum.join()["token"]);
    const std::vector<std::string> invalid = {
        "",
        "{not json",
        "{\"type\":\"ask\",}",
        "{'type':'ask'}",
        "{\"type\":\"ask\"} {\"type\":\"ask\"}",
        "{\"type\":\"subscribe\",\"session\":\"x\",\"since\":NaN}",
        "{\"type\":\"ask\",\"session\":\"x\",\"text\":\"\\ud800\"}",  // a lone surrogate escape
        "{\"type\":\"ask\",\"session\":\"x\",\"text\":\"\x01\"}",     // a raw control character in a string
        std::string(8000, '[') + std::string(8000, ']'),              // deep nesting, just under 16 KiB
        "null",
        "42",
        "\"hello\"",
        "[{\"type\":\"ask\"}]",
    };
    for (const auto& text : invalid) expect_bad_request(*c, text, std::nullopt);
    CHECK(c->request({{"type", "subscribe"}, {"session", post_session}})["type"] == "subscribed");
    CHECK_FALSE(c->is_closed());
    CHECK(all_questions(forum, post_session) == before);
    bird.check();
}

TEST_CASE("unknown message types are answered with bad_request and the rid") {
    forum_fixture forum;
    canary bird(forum);
    auto c = forum.connect(forum.join()["token"]);
    // Unknown, empty, differently cased, and the server's own message types sent back at it.
    for (const auto* type : {"dance", "", "ASK", "Hello", "welcome", "ack", "error", "event", "snapshot", "batch"}) {
        const std::string rid = std::string("u-") + type;
        expect_bad_request(*c, json{{"type", type}, {"rid", rid}, {"session", post_session}}.dump(), rid);
    }
    expect_bad_request(*c, R"({"type":7,"rid":"u-number"})", "u-number");
    expect_bad_request(*c, R"({"rid":"u-none","session":"x"})", "u-none");
    // A second hello on a welcomed connection is refused, not re-authenticated.
    expect_bad_request(*c, json{{"type", "hello"}, {"token", forum.staff_token("admin")}, {"rid", "u-again"}}.dump(),
                       "u-again");
    const auto refused = c->request({{"type", "session_control"}, {"session", post_session}, {"action", "qa_close"}});
    CHECK(refused["code"] == "forbidden");  // still the participant it said it was
    bird.check();
}

TEST_CASE("fields of the wrong type are answered with bad_request and change nothing") {
    forum_fixture forum;
    canary bird(forum);
    auto c = forum.connect(forum.join()["token"]);
    const std::string q = c->request({{"type", "ask"}, {"session", post_session}, {"text", "Вопрос"}})["id"];
    const auto before = all_questions(forum, post_session);
    const std::string s = post_session;
    const std::vector<json> wrong = {
        {{"type", "subscribe"}, {"session", 5}},
        {{"type", "subscribe"}, {"session", s}, {"since", -1}},
        {{"type", "subscribe"}, {"session", s}, {"since", "5"}},
        {{"type", "subscribe"}, {"session", s}, {"since", 1.5}},
        {{"type", "unsubscribe"}, {"session", json::object()}},
        {{"type", "ask"}, {"session", s}, {"text", 42}},
        {{"type", "ask"}, {"session", s}, {"text", json::array({"Вопрос"})}},
        {{"type", "ask"}, {"session", s}, {"text", "Вопрос"}, {"anonymous", "yes"}},
        {{"type", "ask"}, {"session", ""}, {"text", "Вопрос"}},
        {{"type", "ask"}, {"session", s}},
        {{"type", "vote"}, {"question", q}, {"on", "true"}},
        {{"type", "vote"}, {"question", q}, {"on", 1}},
        {{"type", "vote"}, {"question", q}},
        {{"type", "vote"}, {"question", json::array({q})}, {"on", true}},
        {{"type", "moderate"}, {"question", q}, {"action", 7}},
        {{"type", "moderate"}, {"question", q}, {"action", "delete"}},
        {{"type", "moderate"}, {"question", q}, {"action", "edit"}, {"text", 5}},
        {{"type", "session_control"}, {"session", s}, {"action", nullptr}},
        {{"type", "session_control"}, {"session", s}, {"action", "reboot"}},
        {{"type", "hello"}, {"token", 12345}},
    };
    int n = 0;
    for (auto m : wrong) {
        const auto rid = "w" + std::to_string(++n);
        m["rid"] = rid;
        expect_bad_request(*c, m.dump(), rid);
    }
    // A rid that cannot be used is not echoed; 64 bytes is still a rid.
    expect_bad_request(*c, R"({"type":"vote","question":"x.1","on":true,"rid":5})", std::nullopt);
    expect_bad_request(*c, json{{"type", "subscribe"}, {"session", s}, {"rid", std::string(65, 'r')}}.dump(),
                       std::nullopt);
    const auto longest = c->request({{"type", "subscribe"}, {"session", s}, {"rid", std::string(64, 'r')}});
    CHECK(longest["type"] == "subscribed");
    CHECK(all_questions(forum, post_session) == before);
    CHECK_FALSE(c->is_closed());
    bird.check();
}

TEST_CASE("a message over the limit closes with 1009, one at the limit is read, fragments count together") {
    forum_fixture forum;
    canary bird(forum);
    const auto token = forum.join()["token"].get<std::string>();
    constexpr std::size_t limit = 16 * 1024;
    // Exactly the limit: read and answered (an unknown field pads it).
    json at_limit = {{"type", "subscribe"}, {"session", post_session}, {"rid", "edge"}, {"pad", ""}};
    at_limit["pad"] = std::string(limit - at_limit.dump().size(), 'x');
    REQUIRE(at_limit.dump().size() == limit);
    auto edge = forum.connect(token);
    edge->send(at_limit);
    CHECK(edge->wait_for([](const json& m) { return m.value("rid", "") == "edge"; }));
    at_limit["pad"] = at_limit["pad"].get<std::string>() + "x";
    edge->send(at_limit);
    CHECK(edge->wait_closed() == 1009);

    // The same through many small fragments: the whole message counts.
    raw_socket raw(forum.port());
    REQUIRE(raw.upgrade());
    REQUIRE(raw.send(raw_socket::frame(json{{"type", "hello"}, {"token", token}}.dump())));
    REQUIRE(raw.wait_for_text("welcome", std::chrono::seconds(5)));
    bool first = true;
    for (std::size_t sent = 0;
         sent <= limit && raw.send(raw_socket::frame(std::string(1024, ' '), first ? 0x1 : 0x0, false)); sent += 1024)
        first = false;
    CHECK(raw.wait_closed(std::chrono::seconds(10)));
    CHECK(raw.close_code() == 1009);
    bird.check();
}

TEST_CASE("a text frame that is not UTF-8 closes with 1007, UTF-8 split across fragments is fine") {
    forum_fixture forum;
    canary bird(forum);
    const auto token = forum.join()["token"].get<std::string>();
    // A stray byte, an overlong '/', an encoded surrogate, a code point past U+10FFFF, a cut-off sequence.
    for (const std::string bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xd0"}) {
        auto c = forum.connect(token);
        c->send_text(R"({"type":"ask","session":")" + std::string(post_session) + R"(","text":")" + bad + R"("})");
        CHECK(c->wait_closed() == 1007);
    }
    // Before the hello too.
    ws_client early(forum.port());
    early.send_text("\xff");
    CHECK(early.wait_closed() == 1007);

    raw_socket raw(forum.port());
    REQUIRE(raw.upgrade());
    REQUIRE(raw.send(raw_socket::frame(json{{"type", "hello"}, {"token", token}}.dump())));
    REQUIRE(raw.wait_for_text("welcome", std::chrono::seconds(5)));
    const std::string ask = json{{"type", "ask"}, {"session", post_session}, {"text", "Жж"}, {"rid", "split"}}.dump();
    const auto cut = ask.find("Жж") + 1;  // inside the two bytes of "Ж"
    REQUIRE(
        raw.send(raw_socket::frame(ask.substr(0, cut), 0x1, false) + raw_socket::frame(ask.substr(cut), 0x0, true)));
    CHECK(raw.wait_for_text(R"("rid":"split")", std::chrono::seconds(5)));
    bird.check();
}

TEST_CASE("binary frames close with 4400, before and after the hello, framing errors close the connection") {
    forum_fixture forum;
    canary bird(forum);
    const auto token = forum.join()["token"].get<std::string>();
    {
        ws_client early(forum.port());
        early.send_binary(json{{"type", "hello"}, {"token", token}}.dump());
        CHECK(early.wait_closed() == 4400);
    }
    {
        auto late = forum.connect(token);
        late->send_binary(json{{"type", "subscribe"}, {"session", post_session}}.dump());
        CHECK(late->wait_closed() == 4400);
    }
    // Below the contract, RFC 6455 itself: an unmasked client frame, a
    // reserved opcode, a continuation with nothing to continue, a ping too big.
    const std::string hello = raw_socket::frame(json{{"type", "hello"}, {"token", token}}.dump());
    std::string unmasked = "\x81\x02{}";
    for (const std::string& bad : {unmasked, raw_socket::frame("x", 0x3), raw_socket::frame("x", 0x0),
                                   raw_socket::frame(std::string(126, 'p'), 0x9)}) {
        raw_socket raw(forum.port());
        REQUIRE(raw.upgrade());
        REQUIRE(raw.send(hello));
        REQUIRE(raw.wait_for_text("welcome", std::chrono::seconds(5)));
        raw.send(bad);
        CHECK(raw.wait_closed(std::chrono::seconds(10)));
        CHECK(raw.close_code() == 1002);
    }
    bird.check();
}
