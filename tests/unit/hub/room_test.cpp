#include "../core/session_fixture.hpp"
#include "common/metrics_registry.hpp"
#include "hub/room.hpp"
#include "hub_test_support.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using nlohmann::json;

namespace {

struct room_fixture {
    boost::asio::io_context ioc;
    manual_store store;
    metrics_registry registry;
    hub::hub_metrics metrics{registry};
    store_failures failures;
    core::session_definition def = session_fixture::make_def(core::moderation_mode::pre);
    std::shared_ptr<hub::room> room;
    std::shared_ptr<recording_link> anna = link(person("anna", core::role::participant, "Анна"));
    std::shared_ptr<recording_link> boris = link(person("boris"));
    std::shared_ptr<recording_link> mod = link(person("mod", core::role::moderator));
    std::shared_ptr<recording_link> speaker = link(person("speaker", core::role::speaker));

    std::shared_ptr<std::atomic<std::int64_t>> backlog = std::make_shared<std::atomic<std::int64_t>>(0);

    explicit room_fixture(std::size_t replay_events = 4096,
                          std::chrono::milliseconds max_publish_delay = std::chrono::milliseconds(200)) {
        hub::room_settings settings;
        settings.replay_events = replay_events;
        settings.pacing.max_publish_delay = max_publish_delay;
        room = std::make_shared<hub::room>(ioc, def, settings, store, metrics, failures.handler(), backlog);
    }

    static std::shared_ptr<recording_link> link(core::identity who) {
        return std::make_shared<recording_link>(std::move(who));
    }

    void subscribe_all() {
        for (auto& l : {anna, boris, mod, speaker}) room->subscribe(l, std::nullopt, std::nullopt);
        REQUIRE(run_until(ioc, [&] { return speaker->of_type("subscribed").size() == 1; }));
        // Who took part goes to the store on its own (contract 7.1 stats): not what these tests look at.
        REQUIRE(run_until(ioc, [&] { return store.commit_all() == 1; }));
        store.committed.clear();
    }

    void send(const std::shared_ptr<recording_link>& from, const std::string& text) {
        auto decoded = core::decode_client_message(text);
        room->execute(from, std::get<core::client_message>(decoded));
    }

    // Lets the room run, commits what it submitted, lets it publish.
    void step() {
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(60));
        store.commit_all();
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(60));
    }

    json last_ack(const std::shared_ptr<recording_link>& l) {
        auto acks = l->of_type("ack");
        REQUIRE_FALSE(acks.empty());
        return acks.back();
    }
};

}  // namespace

TEST_CASE("room: an ack waits until the store has the change") {
    room_fixture f;
    f.subscribe_all();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Вопрос","rid":"r1"})");
    f.ioc.restart();
    f.ioc.run_for(std::chrono::milliseconds(50));
    CHECK(f.anna->of_type("ack").empty());  // not durable yet
    CHECK(question_events(*f.mod).empty());
    f.step();
    const auto ack = f.last_ack(f.anna);
    CHECK(ack["rid"] == "r1");
    CHECK(ack["id"] == "s1.1");
    REQUIRE(f.store.committed.size() == 1);
    CHECK(f.store.committed[0]->changes.size() == 1);
    CHECK(f.store.committed[0]->requests.size() == 1);
    CHECK(f.store.committed[0]->seq == 1);
}

TEST_CASE("room: pending questions reach moderators and their author only") {
    room_fixture f;
    f.subscribe_all();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Анонимно","anonymous":true,"rid":"a"})");
    f.step();
    REQUIRE(question_events(*f.mod).size() == 1);
    CHECK(question_events(*f.mod)[0]["data"]["author"]["id"] == "anna");
    REQUIRE(question_events(*f.anna).size() == 1);
    CHECK(question_events(*f.anna)[0]["data"]["state"] == "pending");
    CHECK(question_events(*f.anna)[0]["data"]["author"]["name"] == "Анна");
    CHECK(question_events(*f.boris).empty());
    CHECK(question_events(*f.speaker).empty());

    f.send(f.mod, R"({"type":"moderate","question":"s1.1","action":"approve","rid":"m"})");
    f.step();
    CHECK(f.last_ack(f.mod)["question"]["state"] == "approved");
    REQUIRE(question_events(*f.boris).size() == 1);
    CHECK(question_events(*f.boris)[0]["data"]["state"] == "approved");
    CHECK(question_events(*f.boris)[0]["data"]["author"].is_null());  // anonymous to everyone else
    CHECK(question_events(*f.speaker).size() == 1);
    CHECK(question_events(*f.anna).back()["data"]["author"]["id"] == "anna");

    // Rejected after being visible: readers get a stub so they can drop it.
    f.send(f.mod, R"({"type":"moderate","question":"s1.1","action":"reject"})");
    f.step();
    CHECK(question_events(*f.boris).back()["data"] == json{{"id", "s1.1"}, {"session", "s1"}, {"state", "rejected"}});
    CHECK(question_events(*f.anna).back()["data"]["text"] == "Анонимно");
}

TEST_CASE("room: speakers see where a named author comes from, participants never") {
    room_fixture f;
    auto who = person("tver", core::role::participant, "Ирина");
    who.affiliation = {"Бежецкий округ", "Тверская область", true};
    const auto tver = room_fixture::link(who);
    f.room->subscribe(tver, std::nullopt, std::nullopt);
    f.subscribe_all();
    f.send(tver, R"({"type":"ask","session":"s1","text":"Как получить грант?","rid":"a"})");
    f.step();
    f.send(f.mod, R"({"type":"moderate","question":"s1.1","action":"approve","rid":"m"})");
    f.step();
    const json where = {{"id", "tver"}, {"name", "Ирина"}, {"org", "Бежецкий округ"}, {"region", "Тверская область"},
                        {"verified", true}};
    CHECK(question_events(*f.mod).back()["data"]["author"] == where);
    REQUIRE(question_events(*f.speaker).size() == 1);
    CHECK(question_events(*f.speaker)[0]["data"]["author"] == where);
    for (const auto& reader : {f.boris, f.anna, tver}) {
        REQUIRE_FALSE(question_events(*reader).empty());
        for (const auto& e : question_events(*reader))
            CHECK(e["data"]["author"] == json{{"id", "tver"}, {"name", "Ирина"}});
    }
    // The stats count the participants who subscribed, not the staff.
    json stats;
    f.room->stats([&](json s) { stats = std::move(s); });
    REQUIRE(run_until(f.ioc, [&] { return !stats.is_null(); }));
    CHECK(stats["participants"] == 3);
    CHECK(stats["askers"] == 1);
    CHECK(stats["regions"][0] == json{{"region", nullptr}, {"participants", 2}, {"askers", 0}, {"questions", 0}});
    CHECK(stats["regions"][1] == json{{"region", "Тверская область"}, {"participants", 1}, {"askers", 1}, {"questions", 1}});
}

TEST_CASE("room: a burst goes out as one batch frame per audience, vote totals coalesced") {
    room_fixture f;
    f.subscribe_all();
    f.send(f.mod, R"({"type":"session_control","session":"s1","action":"moderation_post"})");
    f.step();
    f.boris->clear();
    for (int i = 0; i < 10; ++i)
        f.send(f.anna, R"({"type":"ask","session":"s1","text":"Вопрос )" + std::to_string(i) + R"("})");
    f.step();
    auto frames = f.boris->frames();
    REQUIRE(frames.size() == 1);
    const auto batch = json::parse(frames[0]);
    CHECK(batch["type"] == "batch");
    CHECK(batch["items"].size() == 5);  // at most five asks a minute
    CHECK(f.anna->of_type("error").size() == 5);

    f.boris->clear();
    for (int i = 0; i < 20; ++i) {
        auto voter = room_fixture::link(person("voter" + std::to_string(i)));
        f.send(voter, R"({"type":"vote","question":"s1.2","on":true})");
    }
    f.step();
    const auto msgs = f.boris->messages();
    REQUIRE(msgs.size() == 1);
    CHECK(msgs[0]["kind"] == "votes");
    CHECK(msgs[0]["data"]["counts"]["s1.2"] == 20);
    CHECK(msgs[0]["seq"] == f.store.committed.back()->seq);
}

TEST_CASE("room: the same rid is applied once and answered the same") {
    room_fixture f;
    f.subscribe_all();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Один раз","rid":"same"})");
    f.step();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Один раз","rid":"same"})");
    f.step();
    const auto acks = f.anna->of_type("ack");
    REQUIRE(acks.size() == 2);
    CHECK(acks[0] == acks[1]);
    CHECK(question_events(*f.mod).size() == 1);
    // Another participant may use the same rid for something of their own.
    f.send(f.boris, R"({"type":"ask","session":"s1","text":"Другой","rid":"same"})");
    f.step();
    CHECK(f.last_ack(f.boris)["id"] == "s1.2");
}

TEST_CASE("room: an audited action goes to the store in the batch of its change, once") {
    room_fixture f;
    f.subscribe_all();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Вопрос"})");
    f.step();
    for (int i = 0; i < 2; ++i) {  // the same rid again: answered, not applied or audited again
        f.send(f.mod, R"({"type":"moderate","question":"s1.1","action":"edit","text":"Вопрос, исправленный","rid":"e1"})");
        f.step();
    }
    REQUIRE(f.store.committed.size() == 2);
    CHECK(f.store.committed[0]->audit.empty());  // an ask is not a control
    const auto& batch = *f.store.committed[1];
    REQUIRE(batch.audit.size() == 1);
    CHECK(batch.audit[0].action == "moderate.edit");
    CHECK(batch.audit[0].actor_id == "mod");
    CHECK(batch.audit[0].text_before == "Вопрос");
    CHECK(batch.audit[0].text_after == "Вопрос, исправленный");
    REQUIRE(batch.changes.size() == 1);
    CHECK(batch.audit[0].seq == batch.changes[0].seq);
    CHECK(f.mod->of_type("ack").size() == 2);
}

TEST_CASE("room: resuming with since ends in the state of a fresh snapshot") {
    room_fixture f;
    f.subscribe_all();
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Первый"})");
    f.send(f.boris, R"({"type":"ask","session":"s1","text":"Второй"})");
    f.step();
    f.send(f.mod, R"({"type":"moderate","question":"s1.1","action":"approve"})");
    f.send(f.mod, R"({"type":"moderate","question":"s1.2","action":"approve"})");
    f.step();

    client_view boris_view;
    boris_view.apply_all(f.boris->messages());
    const auto left_at = boris_view.seq;
    f.room->drop(f.boris);
    f.step();

    // While boris is away: votes, a rejection, a new approved question, a highlight.
    f.send(f.anna, R"({"type":"vote","question":"s1.2","on":true})");
    f.send(f.mod, R"({"type":"moderate","question":"s1.1","action":"reject"})");
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Третий"})");
    f.step();
    f.send(f.mod, R"({"type":"moderate","question":"s1.3","action":"approve"})");
    f.send(f.mod, R"({"type":"moderate","question":"s1.3","action":"highlight"})");
    f.step();

    f.boris->clear();
    f.room->subscribe(f.boris, std::nullopt, left_at);
    f.step();
    const auto subscribed = f.boris->of_type("subscribed");
    REQUIRE(subscribed.size() == 1);
    CHECK(subscribed[0]["resumed"] == true);
    CHECK(f.boris->of_type("snapshot").empty());
    boris_view.apply_all(f.boris->messages());

    auto fresh_link = room_fixture::link(person("boris"));
    f.room->subscribe(fresh_link, std::nullopt, std::nullopt);
    f.step();
    client_view fresh;
    fresh.apply_all(fresh_link->messages());
    CHECK(boris_view.questions == fresh.questions);
    CHECK(boris_view.questions.size() == 2);
    CHECK(fresh.questions.count("s1.3"));
}

TEST_CASE("room: a since older than the replay buffer gets a snapshot") {
    room_fixture f(16);
    f.subscribe_all();
    f.send(f.mod, R"({"type":"session_control","session":"s1","action":"moderation_post"})");
    f.step();
    for (int i = 0; i < 40; ++i) {
        auto voter = room_fixture::link(person("v" + std::to_string(i)));
        f.send(voter, R"({"type":"ask","session":"s1","text":"Вопрос"})");
        f.step();
    }
    f.boris->clear();
    f.room->subscribe(f.boris, std::nullopt, 1);
    f.step();
    CHECK(f.boris->of_type("snapshot").size() == 1);
    CHECK(f.boris->of_type("subscribed")[0]["resumed"] == false);
    CHECK(f.boris->of_type("snapshot")[0]["questions"].size() == 40);
}

TEST_CASE("room: speakers and moderators get the viewer count") {
    room_fixture f;
    f.subscribe_all();
    f.step();
    auto viewers = [](const recording_link& l) {
        for (auto& m : l.messages())
            if (m["type"] == "event" && m["kind"] == "viewers") return m["data"]["count"].get<int>();
        return -1;
    };
    CHECK(viewers(*f.speaker) == 4);
    CHECK(viewers(*f.mod) == 4);
    CHECK(viewers(*f.boris) == -1);
    CHECK(f.speaker->of_type("snapshot")[0].contains("viewers"));
}

TEST_CASE("room: while the sockets are behind, ticks wait and the next frame carries more") {
    room_fixture f(4096, std::chrono::seconds(30));
    f.subscribe_all();
    f.send(f.mod, R"({"type":"session_control","session":"s1","action":"moderation_post"})");
    f.step();
    f.boris->clear();
    f.backlog->store(100000);  // every connection still full of unsent frames
    auto asker = [](int i) { return room_fixture::link(person("asker" + std::to_string(i))); };
    f.send(asker(0), R"({"type":"ask","session":"s1","text":"Первый"})");
    f.step();
    CHECK(f.boris->frames().empty());  // held back
    f.send(asker(1), R"({"type":"ask","session":"s1","text":"Второй"})");
    f.step();
    CHECK(f.boris->frames().empty());
    CHECK(f.registry.render().find("veche_hub_publish_deferrals_total 0") == std::string::npos);
    // The sockets catch up: one frame with both.
    f.backlog->store(0);
    REQUIRE(run_until(f.ioc, [&] { return !f.boris->frames().empty(); }));
    CHECK(f.boris->frames().size() == 1);
    CHECK(f.boris->messages().size() == 2);

    f.boris->clear();
    f.send(asker(2), R"({"type":"ask","session":"s1","text":"Третий"})");
    f.step();
    CHECK(f.boris->messages().size() == 1);  // caught up: at once again
}

TEST_CASE("room: a tick waits for the sockets no longer than max_publish_delay") {
    room_fixture f(4096, std::chrono::milliseconds(50));
    f.subscribe_all();
    f.send(f.mod, R"({"type":"session_control","session":"s1","action":"moderation_post"})");
    f.step();
    f.boris->clear();
    f.backlog->store(100000);
    f.send(f.anna, R"({"type":"ask","session":"s1","text":"Вопрос"})");
    f.step();
    REQUIRE(run_until(f.ioc, [&] { return !f.boris->frames().empty(); }));
    CHECK(f.boris->messages().size() == 1);
}
