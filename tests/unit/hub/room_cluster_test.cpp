// A room of a cluster node, with a fake relay in place of NATS: a room that
// does not sequence its session forwards commands and holds the answer until
// its replica shows the change; it applies the log's batches as the
// sequencer published them; a sequencer that cannot reach the log refuses.
#include "../core/session_fixture.hpp"
#include "common/metrics_registry.hpp"
#include "common/wall_clock.hpp"
#include "hub/room.hpp"
#include "hub_test_support.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using nlohmann::json;

namespace {

struct fake_relay : hub::command_relay {
    std::atomic<bool> sequencing{false};
    std::atomic<bool> log_reachable{true};
    struct forwarded {
        std::string session, who, message;
        std::function<void(std::optional<hub::relayed_answer>)> done;
    };
    std::vector<forwarded> sent;

    bool sequences(const std::string&) const override { return sequencing; }
    bool reachable() const override { return log_reachable; }
    void forward(const std::string& session, const core::identity& who, const std::string& message,
                 std::function<void(std::optional<hub::relayed_answer>)> done) override {
        sent.push_back({session, who.id, message, std::move(done)});
    }
};

struct cluster_room_fixture {
    boost::asio::io_context ioc;
    manual_store store;
    metrics_registry registry;
    hub::hub_metrics metrics{registry};
    store_failures failures;
    fake_relay relay;
    core::session_definition def = session_fixture::make_def(core::moderation_mode::post);
    std::shared_ptr<hub::room> room;
    std::shared_ptr<recording_link> anna = std::make_shared<recording_link>(person("anna"));

    cluster_room_fixture() {
        hub::room_settings settings;
        settings.relay = &relay;
        room = std::make_shared<hub::room>(ioc, def, settings, store, metrics, failures.handler());
    }
    void send(const std::string& text) {
        room->execute(anna, std::get<core::client_message>(core::decode_client_message(text)));
    }
    void run() {
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(60));
    }
    // The batch the sequencer stored for anna's ask with rid r1: question s1.1, seq 1.
    std::shared_ptr<const store::write_batch> asked_elsewhere() {
        auto b = std::make_shared<store::write_batch>();
        b->session = "s1";
        b->seq = 1;
        b->at = now_ms();  // the request log keeps answers for a day from then
        core::question q;
        q.id = "s1.1";
        q.session = "s1";
        q.text = "Вопрос через другой узел";
        q.author_id = "anna";
        q.state = core::question_state::approved;
        b->changes.push_back({1, core::question_changed{q, false}});
        b->requests.push_back({"anna", "r1", R"({"id":"s1.1"})"});
        return b;
    }
};

}  // namespace

TEST_CASE("room in a cluster: a command is forwarded, and its ack waits until the replica shows the change") {
    cluster_room_fixture f;
    f.room->subscribe(f.anna, std::nullopt, std::nullopt);
    f.run();
    f.send(R"({"type":"ask","session":"s1","text":"Вопрос через другой узел","rid":"r1"})");
    f.run();
    REQUIRE(f.relay.sent.size() == 1);
    CHECK(f.relay.sent[0].session == "s1");
    CHECK(f.relay.sent[0].who == "anna");
    CHECK(json::parse(f.relay.sent[0].message)["rid"] == "r1");  // as the client sent it
    f.store.commit_all();
    for (const auto& b : f.store.committed) CHECK(b->changes.empty());  // applied nothing itself (who came: local)

    // The sequencer answers before this node's replica has the change: the answer waits.
    f.relay.sent[0].done(hub::relayed_answer{R"({"type":"ack","rid":"r1","id":"s1.1"})", 1});
    f.run();
    CHECK(f.anna->of_type("ack").empty());
    f.room->replicate(f.asked_elsewhere());
    f.run();
    REQUIRE(f.anna->of_type("ack").size() == 1);
    CHECK(f.anna->of_type("ack")[0]["id"] == "s1.1");
    const auto events = question_events(*f.anna);
    REQUIRE(events.size() == 1);
    CHECK(events[0]["seq"] == 1);  // the sequencer's seq
    // Read again (the follower restarted): nothing applied twice.
    f.room->replicate(f.asked_elsewhere());
    f.run();
    CHECK(question_events(*f.anna).size() == 1);

    // No sequencer answered: an error to retry, with the rid.
    f.send(R"({"type":"vote","question":"s1.1","on":true,"rid":"v1"})");
    f.run();
    REQUIRE(f.relay.sent.size() == 2);
    f.relay.sent[1].done(std::nullopt);
    f.run();
    REQUIRE(f.anna->of_type("error").size() == 1);
    CHECK(f.anna->of_type("error")[0]["code"] == "internal");
    CHECK(f.anna->of_type("error")[0]["rid"] == "v1");
}

TEST_CASE("room in a cluster: after taking over, it answers a retry from the log and refuses while the log is away") {
    cluster_room_fixture f;
    f.room->replicate(f.asked_elsewhere());
    bool started = false;
    f.room->take_over([&] {
        started = true;
        f.relay.sequencing = true;
    });
    f.run();
    REQUIRE(started);
    // The ask sent again through this node (its first node died before answering): the first answer.
    f.send(R"({"type":"ask","session":"s1","text":"Вопрос через другой узел","rid":"r1"})");
    f.run();
    f.store.commit_all();
    f.run();
    REQUIRE(f.anna->of_type("ack").size() == 1);
    CHECK(f.anna->of_type("ack")[0]["id"] == "s1.1");
    CHECK(f.relay.sent.empty());
    // A new ask continues the sequence after the log's.
    f.send(R"({"type":"ask","session":"s1","text":"Ещё один вопрос","rid":"r2"})");
    f.run();
    f.store.commit_all();
    f.run();
    REQUIRE(f.anna->of_type("ack").size() == 2);
    CHECK(f.anna->of_type("ack")[1]["id"] == "s1.2");
    REQUIRE_FALSE(f.store.committed.empty());
    CHECK(f.store.committed.back()->changes.at(0).seq == 2);
    const auto stored = f.store.committed.size();

    // The log out of reach: refused, nothing applied.
    f.relay.log_reachable = false;
    f.send(R"({"type":"ask","session":"s1","text":"Третий","rid":"r3"})");
    f.run();
    REQUIRE(f.anna->of_type("error").size() == 1);
    CHECK(f.anna->of_type("error")[0]["code"] == "internal");
    f.store.commit_all();
    CHECK(f.store.committed.size() == stored);
}
