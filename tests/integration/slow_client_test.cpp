// A client that stops reading is closed with 4408 while everyone else keeps
// receiving, and the server's memory stays bounded meanwhile.
#include "forum_fixture.hpp"

#include <catch2/catch.hpp>
#include <regex>

using namespace veche::test;
using nlohmann::json;

namespace {

int evictions(std::uint16_t port) {
    static const std::regex line(R"(veche_ws_closed_total\{code="4408"\} (\d+))");
    std::smatch m;
    const auto text = http_get(port, "/metrics").body;
    return std::regex_search(text, m, line) ? std::stoi(m[1]) : 0;
}

}  // namespace

TEST_CASE("a client that stops reading is closed with 4408, the others keep receiving") {
    forum_fixture forum([](json& cfg) { cfg["limits"] = {{"messages_per_second", 5000}, {"messages_burst", 10000}}; });
    const auto mod_token = forum.staff_token("moderator");
    auto producer = forum.connect(mod_token);
    const auto anna = forum.join("Анна");
    auto author = forum.connect(anna["token"]);
    const std::string id = author->request({{"type", "ask"}, {"session", post_session}, {"text", "Исходный текст"}})["id"];

    // The slow one: a moderator tablet that froze, with a tiny receive buffer so the server backs up soon.
    auto slow = std::make_unique<ws_client>(forum.port(), std::map<std::string, std::string>{}, 4096);
    slow->hello(mod_token);
    slow->send({{"type", "subscribe"}, {"session", post_session}});
    auto canary = forum.subscribed(forum.join("Канарейка")["token"], post_session);

    const long rss_before = forum.server->rss_kib();
    std::string filler;  // ~480 bytes of Cyrillic per edit
    for (int i = 0; i < 240; ++i) filler += "ж";
    std::string last_text;
    std::string canary_saw;
    auto canary_reads = [&](std::chrono::milliseconds wait) {
        while (auto m = canary->next(wait))
            if (question_event(id)(*m)) canary_saw = (*m)["data"]["text"];
    };
    int edits = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (evictions(forum.port()) == 0 && std::chrono::steady_clock::now() < deadline) {
        for (int i = 0; i < 50; ++i, ++edits) {
            last_text = std::to_string(edits) + filler;
            producer->send({{"type", "moderate"}, {"question", id}, {"action", "edit"}, {"text", last_text}});
        }
        // The canary keeps up with every edit; the producer's acks are drained so it never becomes slow itself.
        const auto wait_until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (canary_saw != last_text && std::chrono::steady_clock::now() < wait_until)
            canary_reads(std::chrono::milliseconds(20));
        REQUIRE(canary_saw == last_text);
        while (producer->next(std::chrono::milliseconds(1))) {
        }
    }
    REQUIRE(evictions(forum.port()) == 1);
    INFO("edits before the eviction: " << edits);

    // The frozen client wakes up: what was in flight, then the close frame.
    CHECK(slow->wait_closed(std::chrono::seconds(4)) == 4408);

    // Everyone else got everything, up to the last edit.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (canary_saw != last_text && !canary->is_closed() && std::chrono::steady_clock::now() < until)
        canary_reads(std::chrono::milliseconds(100));
    CHECK(canary_saw == last_text);
    CHECK_FALSE(canary->is_closed());
    const long rss_after = forum.server->rss_kib();
    INFO("RSS before " << rss_before << " KiB, after " << rss_after << " KiB");
// Under the sanitizers freed memory waits in quarantine and every byte has a
// shadow: RSS says nothing about the send queues there.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    CHECK(rss_after - rss_before < 64 * 1024);
#endif
}
