// What a client is promised about `seq` and about a repeated `rid`: events in
// seq order, live and replayed (coalesced totals take the seq of their last
// change), never a seq lower than one already seen, and the first answer to a
// rid, refusals included.
#include "../core/session_fixture.hpp"
#include "common/metrics_registry.hpp"
#include "hub/room.hpp"
#include "hub_test_support.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using nlohmann::json;

namespace {

struct order_fixture {
    boost::asio::io_context ioc;
    manual_store store;
    metrics_registry registry;
    hub::hub_metrics metrics{registry};
    store_failures failures;
    core::session_definition def = session_fixture::make_def(core::moderation_mode::post);
    std::shared_ptr<hub::room> room = std::make_shared<hub::room>(ioc, def, hub::room_settings{}, store, metrics,
                                                                  failures.handler());
    std::shared_ptr<recording_link> anna = std::make_shared<recording_link>(person("anna"));
    std::shared_ptr<recording_link> boris = std::make_shared<recording_link>(person("boris"));
    std::shared_ptr<recording_link> mod = std::make_shared<recording_link>(person("mod", core::role::moderator));

    void send(const std::shared_ptr<recording_link>& from, const std::string& text) {
        room->execute(from, std::get<core::client_message>(core::decode_client_message(text)));
    }
    void run() {
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(60));
    }
    void step() {
        run();
        store.commit_all();
        run();
    }
    void subscribe(const std::shared_ptr<recording_link>& l, std::optional<core::seq_t> since = std::nullopt) {
        room->subscribe(l, std::nullopt, since);
        REQUIRE(run_until(ioc, [&] { return !l->of_type("subscribed").empty(); }));
    }
};

// The seq of every event, in the order the client read them.
std::vector<std::uint64_t> event_seqs(const recording_link& l) {
    std::vector<std::uint64_t> out;
    for (const auto& m : l.messages())
        if (m["type"] == "event") out.push_back(m["seq"]);
    return out;
}

bool never_back(const std::vector<std::uint64_t>& seqs) { return std::is_sorted(seqs.begin(), seqs.end()); }

}  // namespace

TEST_CASE("room: coalesced vote totals keep seq order, live and replayed") {
    order_fixture f;
    f.subscribe(f.boris);
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Первый"})");  // seq 1
    f.step();
    client_view seen;
    seen.apply_all(f.boris->messages());
    const auto left_at = seen.seq;
    REQUIRE(left_at == 1);
    f.room->drop(f.boris);
    f.step();

    // In one tick: a vote (seq 2), a new question (seq 3), another vote (seq 4), a question again (seq 5).
    const auto watcher = std::make_shared<recording_link>(person("vera"));
    f.subscribe(watcher);
    f.send(f.anna, R"({"type":"vote","question":"s1.1","on":true})");
    f.send(f.boris, R"({"type":"ask","session":"s1","text":"Второй"})");
    f.send(f.mod, R"({"type":"vote","question":"s1.1","on":true})");
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Третий"})");
    f.step();
    const auto live = event_seqs(*watcher);
    CHECK(live == std::vector<std::uint64_t>{3, 4, 5});  // votes: the seq of their last change, in its place
    const auto votes = watcher->messages();
    CHECK(std::any_of(votes.begin(), votes.end(), [](const json& m) {
        return m.value("kind", "") == "votes" && m["seq"] == 4 && m["data"]["counts"]["s1.1"] == 2;
    }));

    f.boris->clear();
    f.subscribe(f.boris, left_at);
    CHECK(f.boris->of_type("subscribed")[0]["resumed"] == true);
    const auto replayed = event_seqs(*f.boris);
    CHECK(replayed == std::vector<std::uint64_t>{3, 4, 5});
    seen.apply_all(f.boris->messages());
    CHECK(seen.questions.at("s1.1")["votes"] == 2);
    CHECK(seen.questions.size() == 3);
}

TEST_CASE("room: poll totals keep seq order too") {
    order_fixture f;
    f.subscribe(f.boris);
    f.send(f.mod, R"({"type":"poll_create","session":"s1","question":"Да?","options":["Да","Нет"],"live_results":true})");
    f.step();
    f.send(f.mod, R"({"type":"poll_control","poll":"s1.p1","action":"open"})");
    f.step();
    f.send(f.anna, R"({"type":"poll_vote","poll":"s1.p1","choices":[0]})");  // seq 3
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Вопрос"})");       // seq 4
    f.step();
    CHECK(never_back(event_seqs(*f.boris)));
    CHECK(event_seqs(*f.boris).back() == 4);
}

TEST_CASE("room: what is not a stored change never carries a seq below the snapshot's") {
    order_fixture f;
    f.subscribe(f.boris);
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Вопрос"})");
    f.run();
    f.store.commit_all();
    // The commit is back, the tick that publishes it not yet: a snapshot now shows seq 1.
    f.ioc.restart();
    f.ioc.poll();
    const auto late = std::make_shared<recording_link>(person("vera"));
    f.room->subscribe(late, std::nullopt, std::nullopt);
    f.room->stream_changed("live");
    f.send(f.anna, R"({"type":"react","session":"s1","kind":"heart"})");
    f.ioc.restart();
    f.ioc.poll();
    REQUIRE_FALSE(late->of_type("snapshot").empty());
    CHECK(late->of_type("snapshot")[0]["seq"] == 1);
    REQUIRE(run_until(f.ioc, [&] {
        const auto events = late->of_type("event");
        return std::any_of(events.begin(), events.end(), [](const json& e) { return e["kind"] == "reactions"; });
    }));
    for (const auto& e : late->of_type("event")) CHECK(e["seq"].get<std::uint64_t>() >= 1);
    CHECK(never_back(event_seqs(*f.boris)));
}

TEST_CASE("room: a refused request sent again with its rid gets the same refusal, never a later success") {
    order_fixture f;
    f.subscribe(f.mod);
    f.send(f.mod, R"({"type":"session_control","session":"s1","action":"qa_close","rid":"c"})");
    f.step();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Поздно","rid":"a1"})");
    f.step();
    REQUIRE(f.anna->of_type("error").size() == 1);
    CHECK(f.anna->of_type("error")[0]["code"] == "closed");

    f.send(f.mod, R"({"type":"session_control","session":"s1","action":"qa_open","rid":"o"})");
    f.step();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Поздно","rid":"a1"})");
    f.step();
    const auto errors = f.anna->of_type("error");
    REQUIRE(errors.size() == 2);
    CHECK(errors[1] == errors[0]);
    CHECK(f.anna->of_type("ack").empty());
    CHECK(question_events(*f.mod).empty());  // nothing was asked

    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Поздно","rid":"a2"})");
    f.step();
    CHECK(f.anna->of_type("ack").size() == 1);
}

TEST_CASE("room: a batch the store cannot keep is never acknowledged, the owner hears of it") {
    order_fixture f;
    f.subscribe(f.boris);
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Вопрос","rid":"r"})");
    f.run();
    REQUIRE(f.store.fail_next());
    f.run();
    CHECK(f.failures.sessions == std::vector<std::string>{"s1"});
    CHECK(f.anna->of_type("ack").empty());
    CHECK(question_events(*f.boris).empty());
}

TEST_CASE("room: a burst of commands is stored in batches of bounded size, each command whole, all acknowledged") {
    order_fixture f;
    constexpr int askers = 600;
    std::vector<std::shared_ptr<recording_link>> links;
    for (int i = 0; i < askers; ++i) {
        links.push_back(std::make_shared<recording_link>(person("p" + std::to_string(i))));
        // All queued on the strand before any runs: one flush would take them all.
        f.send(links.back(), R"({"type":"ask","session":"s1","text":"Вопрос )" + std::to_string(i) + R"(","rid":"r"})");
    }
    f.step();
    REQUIRE(f.store.committed.size() >= 3);
    std::size_t requests = 0;
    for (const auto& batch : f.store.committed) {
        CHECK(batch->changes.size() + batch->requests.size() <= hub::commit_pipeline::max_batch_items);
        // A command's change and its request travel together: a batch never splits one.
        CHECK(batch->changes.size() == batch->requests.size());
        requests += batch->requests.size();
    }
    CHECK(requests == askers);
    for (const auto& l : links) CHECK(l->of_type("ack").size() == 1);
}
