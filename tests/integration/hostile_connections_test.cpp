// Connections that misbehave over time (contract section 5): they flood,
// never read, trickle their handshake, never say hello or go silent. Each is
// closed as the contract says, its resources are given back, and a canary
// keeps receiving every event meanwhile. ws_limits_test.cpp and
// slow_client_test.cpp have the first example of some of these.
#include "canary.hpp"
#include "raw_socket.hpp"
#include "server_metrics.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace veche::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// Short deadlines so the tests need not wait the production ones.
void short_timeouts(json& cfg) {
    cfg["limits"]["hello_timeout_ms"] = 1000;
    cfg["http"]["request_timeout_ms"] = 1000;
}

// Waits until the metric reaches the value; false after the timeout.
bool metric_reaches(std::uint16_t port, const std::string& series, double value, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (metric(port, series).value_or(-1) == value) return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

}  // namespace

TEST_CASE("a flood of garbage is refused, then closed with 4429, and the flooder may come back") {
    forum_fixture forum;
    canary bird(forum);
    const auto token = forum.join()["token"].get<std::string>();
    auto flood = forum.connect(token);
    // Invalid JSON costs the server least to refuse, so it is what a flood would send.
    for (int i = 0; i < 1000 && !flood->is_closed(); ++i) {
        try {
            flood->send_text("{");
        } catch (const std::exception&) {
            break;  // closed already
        }
    }
    CHECK(flood->wait_closed() == 4429);
    int refused = 0;
    for (const auto& m : flood->seen()) refused += m.value("code", "") == "rate_limited";
    CHECK(refused > 0);
    bird.check();
    // The close is for that connection, not a ban of the person.
    auto again = forum.connect(token);
    CHECK(again->request({{"type", "subscribe"}, {"session", post_session}})["type"] == "subscribed");
}

TEST_CASE("a client that never reads is closed with 4408 and its socket is cut") {
    // The producer sends faster than the default per-connection limit allows.
    forum_fixture forum([](json& cfg) {
        cfg["limits"] = {{"messages_per_second", 5000}, {"messages_burst", 10000}, {"asks_per_minute", 10000}};
    });
    canary bird(forum);
    auto producer = forum.connect(forum.staff_token("moderator"));
    const auto open_before = metric(forum.port(), "veche_ws_connections_open").value_or(-1);
    // Upgrades, says hello, subscribes, then reads nothing at all, not even the close frame.
    raw_socket deaf(forum.port(), 4096);
    REQUIRE(deaf.upgrade());
    deaf.send(raw_socket::frame(json{{"type", "hello"}, {"token", forum.staff_token("moderator")}}.dump()) +
              raw_socket::frame(json{{"type", "subscribe"}, {"session", post_session}}.dump()));
    REQUIRE(metric_reaches(forum.port(), "veche_ws_connections_open", open_before + 1, 5s));

    // New questions of nearly 500 characters, each an event of its own.
    std::string filler;
    for (int i = 0; i < 490; ++i) filler += "ж";
    const std::string evicted = "veche_ws_closed_total{code=\"4408\"}";
    const auto deadline = std::chrono::steady_clock::now() + 90s;
    for (int i = 0; std::chrono::steady_clock::now() < deadline && metric(forum.port(), evicted) == 0; ++i) {
        for (int k = 0; k < 20; ++k)
            producer->send({{"type", "ask"}, {"session", post_session}, {"text", std::to_string(i * 20 + k) + filler}});
        while (producer->next(10ms)) {
        }
        bird.check();
    }
    REQUIRE(metric(forum.port(), evicted) == 1);
    // Unread, the close frame never gets out: the socket is cut after 5 s and the connection is gone.
    CHECK(metric_reaches(forum.port(), "veche_ws_connections_open", open_before, 15s));
    CHECK(deaf.wait_closed(15s));
    bird.check();
}

TEST_CASE("idle sockets and slow handshakes are cut off") {
    forum_fixture forum(short_timeouts);
    canary bird(forum);
    {
        // Connects and says nothing at all.
        raw_socket idle(forum.port());
        CHECK(idle.wait_closed(10s));
    }
    {
        // Trickles the upgrade request, a byte at a time: cut before it is whole.
        raw_socket slow(forum.port());
        const auto request = raw_socket::upgrade_request(forum.port());
        bool cut = false;
        for (std::size_t i = 0; i < request.size() && !cut; ++i) {
            cut = !slow.send(request.substr(i, 1)) || slow.wait_closed(100ms);
        }
        CHECK(cut);
    }
    {
        // Upgrades, then sends half of its hello frame and stops.
        raw_socket half(forum.port());
        REQUIRE(half.upgrade());
        const auto hello = raw_socket::frame(json{{"type", "hello"}, {"token", forum.join()["token"]}}.dump());
        half.send(hello.substr(0, hello.size() / 2));
        CHECK(half.wait_closed(10s));
        CHECK(half.close_code() == 4401);
    }
    CHECK(metric_reaches(forum.port(), "veche_http_connections_open", 1, 5s));  // only the /metrics request itself
    bird.check();
}

TEST_CASE("hello never sent, or not first, or not a hello: 4401") {
    forum_fixture forum(short_timeouts);
    canary bird(forum);
    const auto first_messages = std::vector<std::string>{
        "{not json",
        R"({"type":"ask","session":"municipalnyi-nastavnik","text":"Без приветствия"})",
        R"({"type":"hello"})",
        R"({"type":"hello","token":""})",
        R"({"type":"hello","token":42})",
        R"({"type":"HELLO","token":"x"})",
    };
    for (const auto& first : first_messages) {
        INFO(first);
        ws_client c(forum.port());
        c.send_text(first);
        CHECK(c.wait_closed(5s) == 4401);
    }
    {
        ws_client silent(forum.port());
        CHECK(silent.wait_closed(5s) == 4401);
    }
    {
        // Pings keep the socket alive, but they are not a hello.
        raw_socket pinging(forum.port());
        REQUIRE(pinging.upgrade());
        for (int i = 0; i < 40 && !pinging.close_code(); ++i) {
            pinging.send(raw_socket::frame("ping", 0x9));
            pinging.wait_closed(100ms);
        }
        CHECK(pinging.close_code() == 4401);
        CHECK(pinging.wait_closed(10s));
    }
    CHECK(metric(forum.port(), "veche_ws_closed_total{code=\"4401\"}") >=
          static_cast<double>(first_messages.size() + 2));
    bird.check();
}

TEST_CASE("a welcomed client that goes silent and answers no ping is dropped within a minute") {
    forum_fixture forum;
    canary bird(forum);
    const auto open_before = metric(forum.port(), "veche_ws_connections_open").value_or(-1);
    raw_socket gone(forum.port());
    REQUIRE(gone.upgrade());
    gone.send(raw_socket::frame(json{{"type", "hello"}, {"token", forum.join()["token"]}}.dump()) +
              raw_socket::frame(json{{"type", "subscribe"}, {"session", post_session}}.dump()));
    REQUIRE(gone.wait_for_text("subscribed", 5s));
    // A phone that lost its network: its socket stays open, nothing answers.
    // The server pings after 30 s of silence and gives up 30 s later. The
    // canary, meanwhile, reads (and so answers its pings).
    bool closed = false;
    for (int i = 0; i < 15 && !closed; ++i) {
        closed = gone.wait_closed(5s);
        bird.check();
    }
    CHECK(closed);
    CHECK(gone.saw_ping());
    CHECK(metric_reaches(forum.port(), "veche_ws_connections_open", open_before, 5s));
    bird.check();
}
