// The cluster's parts on a real nats-server: the lease (one owner at a
// time, taken over once it lapses), the fenced append (a stale sequencer is
// refused; a retried append is not stored twice), the follower (every
// message once, in order, decoded back to the batch written) and the
// store's group commit (a burst in few messages, none over max_payload).
#include "cluster/batch_codec.hpp"
#include "cluster/jetstream_event_store.hpp"
#include "cluster/session_lease.hpp"
#include "cluster/stream_follower.hpp"
#include "cluster/stream_log.hpp"
#include "support/nats_server.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <future>
#include <map>
#include <mutex>
#include <thread>

using namespace veche;
using namespace veche::cluster;
using namespace std::chrono_literals;

TEST_CASE("a session lease has one holder at a time, and another node takes it once it lapses", "[cluster]") {
    test::nats_server nats;
    nats_link a_link({nats.url()}, "a"), b_link({nats.url()}, "b");
    session_lease a(a_link, "veche-test-leases", 1), b(b_link, "veche-test-leases", 1);

    const auto held = a.acquire("s1", "a");
    REQUIRE(held);
    CHECK_FALSE(b.acquire("s1", "b"));
    CHECK(b.owner("s1") == "a");
    // Only the holder's revision renews it.
    CHECK_FALSE(b.renew("s1", "b", *held + 1));
    const auto renewed = a.renew("s1", "a", *held);
    REQUIRE(renewed);
    CHECK(b.owner("s1") == "a");

    // a stops renewing (it died): within the TTL and a little, b holds it, and a's renewal fails.
    const auto deadline = std::chrono::steady_clock::now() + session_lease::ttl + 2s;
    std::optional<std::uint64_t> taken;
    while (!taken && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(100ms);
        taken = b.acquire("s1", "b");
    }
    REQUIRE(taken);
    CHECK(a.owner("s1") == "b");
    CHECK_FALSE(a.renew("s1", "a", *renewed));

    // A clean stop gives it back at once.
    b.release("s1", *taken);
    CHECK_FALSE(a.owner("s1"));
    CHECK(a.acquire("s1", "a"));
}

TEST_CASE("an append is fenced by the session's last sequence, and a retried append is stored once", "[cluster]") {
    test::nats_server nats;
    nats_link link({nats.url()}, "a");
    stream_log log(link, "forum", 1);
    CHECK(log.last_sequence("s1") == 0u);

    const auto first = log.append("s1", "one", 0, "s1:0");
    REQUIRE(first.result == stream_log::outcome::stored);
    CHECK(log.last_sequence("s1") == first.sequence);
    // The same append again (a timeout made the node retry it): the first one's sequence, nothing new.
    const auto retry = log.append("s1", "one", 0, "s1:0");
    CHECK(retry.result == stream_log::outcome::stored);
    CHECK(retry.duplicate);
    CHECK(retry.sequence == first.sequence);
    // A node that still expects the session empty (it lost its lease without knowing): refused.
    CHECK(log.append("s1", "stale", 0, "s1:0-stale").result == stream_log::outcome::fenced);
    // Another session's appends do not move this one's fence.
    REQUIRE(log.append("s2", "other", 0, "s2:0").result == stream_log::outcome::stored);
    const auto second = log.append("s1", "two", first.sequence, "s1:" + std::to_string(first.sequence));
    REQUIRE(second.result == stream_log::outcome::stored);
    CHECK(log.stream_end() == second.sequence);

    // NATS gone: the append says so (the store retries it), it is not mistaken for a fence.
    nats.stop(SIGKILL);
    CHECK(log.append("s1", "three", second.sequence, "s1:x").result == stream_log::outcome::unavailable);
}

TEST_CASE("the follower reads every batch once, in order, as it was written", "[cluster]") {
    test::nats_server nats;
    nats_link link({nats.url()}, "a");
    stream_log log(link, "forum", 1);

    std::vector<store::write_batch> written;
    std::map<std::string, std::uint64_t> last;  // each session's fence is its own last message
    for (core::seq_t seq = 1; seq <= 20; ++seq) {
        store::write_batch b;
        b.session = seq % 2 ? "s1" : "s2";
        b.at = 1700000000000 + static_cast<core::epoch_ms>(seq);
        b.seq = seq;
        core::question q;
        q.id = b.session + "." + std::to_string(seq);
        q.session = b.session;
        q.text = "Вопрос " + std::to_string(seq);
        q.author_id = "p-1";
        b.changes.push_back({seq, core::question_changed{q, false}});
        b.requests.push_back({"p-1", "r" + std::to_string(seq), R"({"id":")" + q.id + "\"}"});
        b.reaction_totals["clap"] = static_cast<std::int64_t>(seq);
        b.attendees.emplace_back("p-1", "Тверская область");
        const auto r = log.append(b.session, batch_text(b), last[b.session], std::to_string(seq));
        REQUIRE(r.result == stream_log::outcome::stored);
        written.push_back(b);
        last[b.session] = r.sequence;
    }

    std::mutex mutex;
    std::vector<std::pair<std::string, store::write_batch>> read;
    std::vector<std::string> unreadable;  // checked here: a failed REQUIRE on the client's thread would abort
    stream_follower follower(link, log, [&](const std::string& session, std::uint64_t, std::uint64_t, std::string_view data) {
        auto b = batch_from_text(data);
        std::lock_guard lock(mutex);
        if (b) read.emplace_back(session, std::move(*b));
        else unreadable.emplace_back(data);
    });
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (follower.position() < *log.stream_end() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    std::lock_guard lock(mutex);
    for (const auto& text : unreadable) FAIL_CHECK("unreadable: " << text);
    REQUIRE(read.size() == written.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        INFO(i);
        CHECK(read[i].first == written[i].session);
        CHECK(read[i].second.seq == written[i].seq);
        CHECK(read[i].second.changes.size() == 1);
        CHECK(read[i].second.changes[0].seq == written[i].changes[0].seq);
        CHECK(std::get<core::question_changed>(read[i].second.changes[0].payload).after ==
              std::get<core::question_changed>(written[i].changes[0].payload).after);
        CHECK(read[i].second.requests[0].reply == written[i].requests[0].reply);
        CHECK(read[i].second.reaction_totals == written[i].reaction_totals);
        CHECK(read[i].second.attendees == written[i].attendees);
    }
    CHECK_FALSE(batch_from_text("{\"session\":\"s1\"}"));
    CHECK_FALSE(batch_from_text("not json"));
}

TEST_CASE("the store appends a burst in few messages within max_payload and every batch reads back once in order",
          "[cluster]") {
    test::nats_server nats;
    nats_link link({nats.url()}, "a");
    stream_log log(link, "forum", 1);
    metrics_registry registry;
    cluster_metrics metrics(registry);
    std::vector<std::shared_ptr<const store::write_batch>> written;
    std::vector<std::future<bool>> committed;
    {
        jetstream_event_store store(log, "a", metrics);
        store.sequence("s1", 0);
        store.sequence("s2", 0);
        // 300 small batches of two sessions, then 40 of ~30 KB of s1: together more than one message may hold.
        for (core::seq_t n = 1; n <= 340; ++n) {
            auto b = std::make_shared<store::write_batch>();
            b->session = n <= 300 && n % 3 == 0 ? "s2" : "s1";
            b->at = 1700000000000 + static_cast<core::epoch_ms>(n);
            b->seq = n;
            b->changes.push_back({n, core::vote_changed{"q" + std::to_string(n % 7), "p-" + std::to_string(n), true, 1}});
            const std::string reply = n <= 300 ? R"({"votes":1})" : "{\"pad\":\"" + std::string(30'000, 'x') + "\"}";
            b->requests.push_back({"p-" + std::to_string(n), "v" + std::to_string(n), reply});
            auto done = std::make_shared<std::promise<bool>>();
            committed.push_back(done->get_future());
            store.append(b, [done](bool ok) { done->set_value(ok); });
            written.push_back(std::move(b));
        }
        for (auto& c : committed) {
            REQUIRE(c.wait_for(30s) == std::future_status::ready);
            CHECK(c.get());
        }
        CHECK(store.committed_seq("s1") == 340);
        CHECK(store.committed_seq("s2") == 300);

        // One batch alone over max_payload: refused at once, counted as such, and nothing of it is stored.
        auto huge = std::make_shared<store::write_batch>(*written.back());
        huge->seq = huge->changes[0].seq = 341;
        huge->requests[0].reply = "{\"pad\":\"" + std::string(1'200'000, 'x') + "\"}";
        std::promise<bool> refused;
        store.append(huge, [&refused](bool ok) { refused.set_value(ok); });
        auto outcome = refused.get_future();
        REQUIRE(outcome.wait_for(30s) == std::future_status::ready);
        CHECK_FALSE(outcome.get());
        CHECK(metrics.appends_too_large.value() == 1);
        CHECK(store.committed_seq("s1") == 340);
    }
    CHECK(metrics.appended_batches.value() == 340);
    CHECK(metrics.appends.value() >= 2);   // 40 × 30 KB do not fit one message
    CHECK(metrics.appends.value() <= 40);  // but a burst does not go one batch a message

    std::mutex mutex;
    std::map<std::string, std::vector<core::seq_t>> read;
    std::vector<std::string> unreadable;
    stream_follower follower(link, log, [&](const std::string& session, std::uint64_t, std::uint64_t, std::string_view data) {
        auto batches = batches_from_message(data);
        std::lock_guard lock(mutex);
        if (!batches) {
            unreadable.emplace_back(data.substr(0, 200));
            return;
        }
        for (const auto& b : *batches) read[session].push_back(b.seq);
    });
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (follower.position() < *log.stream_end() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    std::lock_guard lock(mutex);
    for (const auto& text : unreadable) FAIL_CHECK("unreadable: " << text);
    std::map<std::string, std::vector<core::seq_t>> expected;
    for (const auto& b : written) expected[b->session].push_back(b->seq);
    CHECK(read == expected);
}
