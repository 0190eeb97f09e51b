// Group commit for the stream, without NATS: what queues while a round is
// under way goes out in the next round, each session's batches together and
// in order, and every batch learns its outcome.
#include "cluster/append_batcher.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <mutex>

using namespace veche;

namespace {

std::shared_ptr<const store::write_batch> batch(const std::string& session, core::seq_t seq) {
    auto b = std::make_shared<store::write_batch>();
    b->session = session;
    b->seq = seq;
    return b;
}

}  // namespace

TEST_CASE("append batcher: batches queued during a round go out in the next, one group per session, in order") {
    std::mutex mutex;
    std::vector<std::vector<std::string>> groups;  // each call: "session:seq" of its batches
    std::promise<void> first_round_entered, release_first_round;
    auto released = release_first_round.get_future().share();
    std::vector<std::future<bool>> outcomes;
    {
        cluster::append_batcher batcher(std::chrono::milliseconds(1), [&](std::vector<cluster::append_batcher::queued>& group) {
            std::vector<std::string> names;
            for (const auto& q : group) names.push_back(q.batch->session + ":" + std::to_string(q.batch->seq));
            bool first = false;
            {
                std::lock_guard lock(mutex);
                first = groups.empty();
                groups.push_back(names);
            }
            if (first) {
                first_round_entered.set_value();
                released.wait();  // an append under way: everything posted now must wait for the next round
            }
            for (auto& q : group) q.committed(q.batch->seq != 99);
        });
        const auto post = [&](const std::string& session, core::seq_t seq) {
            auto done = std::make_shared<std::promise<bool>>();
            outcomes.push_back(done->get_future());
            batcher.post({batch(session, seq), [done](bool ok) { done->set_value(ok); }});
        };
        post("s1", 1);
        first_round_entered.get_future().wait();
        post("s1", 2);
        post("s2", 1);
        post("s1", 3);
        post("s2", 99);  // its append fails: its batch is told so
        post("s1", 4);
        release_first_round.set_value();
        for (auto& f : outcomes) REQUIRE(f.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    }
    std::vector<bool> ok;
    for (auto& f : outcomes) ok.push_back(f.get());
    CHECK(ok == std::vector<bool>{true, true, true, true, false, true});
    REQUIRE(groups.size() == 3);
    CHECK(groups[0] == std::vector<std::string>{"s1:1"});
    CHECK(groups[1] == std::vector<std::string>{"s1:2", "s1:3", "s1:4"});
    CHECK(groups[2] == std::vector<std::string>{"s2:1", "s2:99"});
}

TEST_CASE("append batcher: an idle batcher appends a lone batch without waiting for company") {
    std::promise<std::size_t> appended;
    cluster::append_batcher batcher(std::chrono::hours(1), [&](std::vector<cluster::append_batcher::queued>& group) {
        for (auto& q : group) q.committed(true);
        appended.set_value(group.size());
    });
    auto done = std::make_shared<std::promise<bool>>();
    batcher.post({batch("s1", 1), [done](bool ok) { done->set_value(ok); }});
    // The first round starts at once: the linger counts from the round before, and there was none.
    auto size = appended.get_future();
    REQUIRE(size.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(size.get() == 1);
    CHECK(done->get_future().get());
}
