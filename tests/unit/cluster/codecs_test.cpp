// The cluster's wire forms, without NATS: a batch and a person survive the
// trip through the stream (or a forwarded command) whole, and what is not
// one of them is refused, not half-read.
#include "cluster/batch_codec.hpp"
#include "cluster/identity_codec.hpp"

#include <catch2/catch.hpp>

using namespace veche;

TEST_CASE("a batch reads back as it was written, status, audit and all") {
    store::write_batch b;
    b.session = "s1";
    b.at = 1700000000123;
    b.seq = 9;
    b.status.state = core::session_state::live;
    b.status.qa_open = false;
    b.status.replay = core::replay_range{1000, 2000};
    core::question q;
    q.id = "s1.4";
    q.session = "s1";
    q.text = "Когда «Малая родина» придёт в наш район?";
    q.author_id = "p-7";
    q.state = core::question_state::approved;
    b.changes.push_back({8, core::question_changed{q, true}});
    b.changes.push_back({9, core::vote_changed{"s1.4", "p-8", true, 1}});
    b.audit.push_back({8, b.at, "m-1", "Модератор", core::role::moderator, "moderate.approve", "s1.4", "", "", ""});
    b.requests.push_back({"p-8", "v1", R"({"votes":1})"});
    b.reaction_totals = {{"clap", 12}};
    b.attendees = {{"p-8", "Тверская область"}};

    const auto back = cluster::batch_from_text(cluster::batch_text(b));
    REQUIRE(back);
    CHECK(back->session == b.session);
    CHECK(back->at == b.at);
    CHECK(back->seq == b.seq);
    CHECK(back->status == b.status);
    REQUIRE(back->changes.size() == 2);
    CHECK(back->changes[0].seq == 8);
    CHECK(std::get<core::question_changed>(back->changes[0].payload) == core::question_changed{q, true});
    CHECK(std::get<core::vote_changed>(back->changes[1].payload) == core::vote_changed{"s1.4", "p-8", true, 1});
    CHECK(back->audit == b.audit);
    REQUIRE(back->requests.size() == 1);
    CHECK(back->requests[0].rid == "v1");
    CHECK(back->requests[0].reply == R"({"votes":1})");
    CHECK(back->reaction_totals == b.reaction_totals);
    CHECK(back->attendees == b.attendees);

    for (const auto* bad : {"", "[]", "null", R"({"session":"s1"})",
                            R"({"session":"s1","at":1,"seq":1,"status":{},"changes":[{"seq":1,"type":"nope"}],"audit":[],"requests":[],"reactions":{},"attendees":[]})",
                            R"({"session":"s1","at":1,"seq":"1","status":{},"changes":[],"audit":[],"requests":[],"reactions":{},"attendees":[]})"}) {
        INFO(bad);
        CHECK_FALSE(cluster::batch_from_text(bad));
    }
}

TEST_CASE("a stream message holds one session's batches in order and a lone batch of an older message still reads") {
    const auto batch = [](const std::string& session, core::seq_t seq) {
        store::write_batch b;
        b.session = session;
        b.at = 1700000000000 + static_cast<core::epoch_ms>(seq);
        b.seq = seq;
        b.changes.push_back({seq, core::vote_changed{"s1.1", "p-" + std::to_string(seq), true, static_cast<std::int64_t>(seq)}});
        b.requests.push_back({"p-" + std::to_string(seq), "v" + std::to_string(seq), R"({"votes":1})"});
        return b;
    };
    const auto message = cluster::message_text({cluster::batch_text(batch("s1", 4)), cluster::batch_text(batch("s1", 5)),
                                                cluster::batch_text(batch("s1", 7))});
    const auto back = cluster::batches_from_message(message);
    REQUIRE(back);
    REQUIRE(back->size() == 3);
    CHECK((*back)[0].seq == 4);
    CHECK((*back)[1].seq == 5);
    CHECK((*back)[2].seq == 7);
    CHECK((*back)[2].at == 1700000000007);  // each batch keeps its own time
    CHECK((*back)[1].requests.at(0).rid == "v5");

    const auto lone = cluster::batches_from_message(cluster::batch_text(batch("s1", 9)));
    REQUIRE(lone);
    REQUIRE(lone->size() == 1);
    CHECK(lone->front().seq == 9);

    const auto mixed = cluster::message_text({cluster::batch_text(batch("s1", 4)), cluster::batch_text(batch("s2", 5))});
    for (const auto& bad : {mixed, std::string("[]"), std::string("[1]"), std::string("\"x\""), std::string("[{}]"),
                            cluster::message_text({cluster::batch_text(batch("s1", 4)), "{}"})}) {
        INFO(bad);
        CHECK_FALSE(cluster::batches_from_message(bad));
    }
}

TEST_CASE("a forwarded person reads back whole, and anything else is refused") {
    core::identity who;
    who.id = "p-1";
    who.name = "Анна";
    who.role = core::role::speaker;
    who.sessions = {"s1", "s2"};
    who.expires_at = 1800000000000;
    who.affiliation = {"Администрация", "Тверская область", true};
    const auto back = cluster::identity_from_json(cluster::identity_json(who));
    REQUIRE(back);
    CHECK(back->id == who.id);
    CHECK(back->name == who.name);
    CHECK(back->role == who.role);
    CHECK(back->sessions == who.sessions);
    CHECK(back->expires_at == who.expires_at);
    CHECK(back->affiliation == who.affiliation);

    auto j = cluster::identity_json(who);
    j["role"] = "root";
    CHECK_FALSE(cluster::identity_from_json(j));
    j = cluster::identity_json(who);
    j["id"] = "";
    CHECK_FALSE(cluster::identity_from_json(j));
    CHECK_FALSE(cluster::identity_from_json(nlohmann::json::array()));
    CHECK_FALSE(cluster::identity_from_json({{"id", "p-1"}}));
}
